"""Talking to Neo4j: the driver wrapper that runs every query, and the constraints and indexes."""
