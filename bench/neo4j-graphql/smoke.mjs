// Sends each query in queries.json once and prints the response.
// Usage: node smoke.mjs [url] [vars.json]
// vars.json: {"entity_by_id": {"id": "..."}, ...}; defaults are ids from the seed graph.
import { readFileSync } from "node:fs";

const url = process.argv[2] || "http://127.0.0.1:4000/graphql";
const queries = JSON.parse(readFileSync(new URL("./queries.json", import.meta.url), "utf8"));
const vars = process.argv[3]
  ? JSON.parse(readFileSync(process.argv[3], "utf8"))
  : {
      entity_by_id: { id: "attack:2025-03-19-sumy-hospitals" },
      attacks_after: { actor: "actor:russian-armed-forces", after: "2025-01-01T00:00:00Z" },
      nested: { actor: "actor:russian-armed-forces", region: "location:dnipropetrovsk-oblast" },
      search: { text: "russian" },
      neighbourhood: { id: "actor:russian-armed-forces" },
    };

let failed = 0;
for (const [name, { query }] of Object.entries(queries)) {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables: vars[name] }),
  });
  const body = await res.json();
  const ms = (performance.now() - t0).toFixed(1);
  if (res.status !== 200 || body.errors) failed++;
  console.log(`## ${name} (${res.status}, ${ms} ms)`);
  console.log(JSON.stringify(body));
}
process.exit(failed ? 1 : 0);
