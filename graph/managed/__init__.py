"""The Neo4j that deedgraph runs itself, from Maven Central's jars, as a child process."""
