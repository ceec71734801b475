"""The commands of `deedgraph`, one module per group."""
