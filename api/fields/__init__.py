"""Root fields, one module per family of questions, each named like the graph/queries module
it calls."""

# The most rows an analysis (attacks after, violations, a timeline...) answers with.
RESULT_CAP = 500
