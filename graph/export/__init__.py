"""Exports for the tools investigators already use: a neighbourhood, a path or a filtered
attack list gathered as one subgraph (subgraph.py), written as GraphML (graphml.py),
Cytoscape.js elements (cytoscape.py) or CSV tables (tables.py). Every export keeps each
node's id, name, times and source ids, and each edge's source and quotes."""
