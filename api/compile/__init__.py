"""Compiled documents: a query the server has seen (a trusted document, or any document after
DEEDGRAPH_COMPILE_AFTER uses) whose every field is in a small, well-defined subset is turned
once into one Cypher query whose RETURN is the answer's shape; Python shapes its one record
into `{"data": ...}`. Everything else takes the standard path, visibly
(`extensions.compiled: false` and `compiledReason`).

One idea per module:
- catalogue.py: which fields of which types are compiled, and how each is read (from the
  schema and an allow-list of outgoing relationships checked against the resolvers);
- cypher.py: the Cypher fragments, all allow-listed;
- compiler.py: an operation's selection to a Plan (Cypher, parameters to bind, shape);
- shape.py: the record to the answer, with the standard path's coercions and kind checks;
- documents.py: which documents are compiled, when, the cache of plans, and one request's
  answer (or the reason it falls back)."""
