// Runs graphql-http's server audit (the reference GraphQL-over-HTTP conformance checks)
// against the URL given and prints every result as one JSON line.
import { auditServer } from "graphql-http";

const results = await auditServer({ url: process.argv[2] });
for (const result of results) {
  console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status,
    reason: result.status === "ok" ? null : result.reason }));
}
