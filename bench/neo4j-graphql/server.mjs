// Benchmark contender: @neo4j/graphql 7 served over plain node:http with graphql-http.
//
// Env: NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_DATABASE (neo4j),
//      NEO4J_USER / NEO4J_PASSWORD (no auth when NEO4J_USER is unset), PORT (4000).
// `node server.mjs --print-schema` prints the generated schema (SDL) and exits
// without touching the database.
//
// Read-only by construction: no mutations in the schema, and the server never
// calls assertIndexesAndConstraints (the database is shared).

import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { printSchema } from "graphql";
import { createHandler } from "graphql-http/lib/use/http";
import neo4j from "neo4j-driver";

const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
const database = process.env.NEO4J_DATABASE || "neo4j";
const user = process.env.NEO4J_USER;
const password = process.env.NEO4J_PASSWORD ?? "";
const port = Number(process.env.PORT || 4000);
const host = "127.0.0.1";

// mission.graphql: @cypher fields holding deedgraph's own Cypher for the mission's questions,
// written by bench/mission.py from graph/queries before each run.
const typeDefs = ["./typeDefs.graphql", "./mission.graphql"]
  .filter((file) => existsSync(new URL(file, import.meta.url)))
  .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
  .join("\n");

const auth = user ? neo4j.auth.basic(user, password) : neo4j.auth.none();
// No notifications, as deedgraph's own driver: the server's "label does not exist" warnings
// were logged once per request.
const driver = neo4j.driver(uri, auth, { notificationFilter: { minimumSeverityLevel: "OFF" } });

const neoSchema = new Neo4jGraphQL({
  typeDefs,
  driver,
  features: {
    // Drop the deprecated filter spellings (id_EQ, actors_SOME, ...): the
    // queries use the v7 generic filters only, and the schema is smaller.
    excludeDeprecatedFields: {
      mutationOperations: true,
      aggregationFilters: true,
      aggregationFiltersOutsideConnection: true,
      relationshipFilters: true,
      attributeFilters: true,
    },
  },
});
const schema = await neoSchema.getSchema();

if (process.argv.includes("--print-schema")) {
  process.stdout.write(printSchema(schema) + "\n");
  await driver.close();
  process.exit(0);
}

// Fail fast if the database cannot be reached (read-only check).
await driver.verifyConnectivity({ database });

const handler = createHandler({
  schema,
  // @neo4j/graphql reads the session config from the context of each request.
  context: () => ({ sessionConfig: { database } }),
});

const server = createServer((req, res) => {
  const path = (req.url || "").split("?")[0];
  if (path !== "/graphql") {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    return;
  }
  handler(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("internal error\n");
  });
});
server.keepAliveTimeout = 65_000;

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`ready on http://${host}:${actual}/graphql`);
});

async function shutdown() {
  server.close();
  await driver.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
