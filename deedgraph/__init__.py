"""deedgraph: a GraphQL knowledge graph of what conflict parties say, agree and do."""

__version__ = "0.1.0"
