"""Drafting a facts file from a news report: text in, facts-file models out.

One module per fact kind (actors, places, times, attacks, figures, statements, agreements),
the language pipeline (nlp), the report's frame (report), what the graph already holds
(lookup: an interface the command line fills from graph/queries) and the assembler. Nothing
here knows Neo4j: a draft made without a graph is a complete facts file of new facts.
"""

from draft.assemble import Draft, draft_report
from draft.lookup import GraphLookup, NoGraph, Snapshot
from draft.report import Report, read_report

__all__ = ["Draft", "GraphLookup", "NoGraph", "Report", "Snapshot", "draft_report", "read_report"]
