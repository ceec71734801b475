"""Everything that talks to Neo4j: the managed server, the schema, the loader and the queries."""
