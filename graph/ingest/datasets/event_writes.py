"""One statement per event label writes a batch's events with all their links, whatever the
dataset. A newer row (by the dataset's version property) replaces an older one of the same
event, keeping its node and what points at it; an older one is stale and left out. The
writers that run these statements, several batches at once, are in write_online.py."""

from __future__ import annotations

from typing import LiteralString, TypedDict, cast

import neo4j

from graph.ingest.datasets.additions import write_additions
from graph.ingest.datasets.batch import Batch
from graph.store.database import run_in

EVENT_LABELS: dict[str, LiteralString] = {
    "Attack": "Attack",
    "Interception": "Interception",
    "Agreement": "Agreement",
    "Event": "Event",
    "Statement": "Statement",
}


EXISTING: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect([n.id, n[$version]]) AS found
"""


class ExistingRow(TypedDict):
    found: list[tuple[str, int | None]]


class WrittenRow(TypedDict):
    written: int


# A replaced event keeps its node (and what points at it); its own links are rewritten. Its
# figures and inferred targets are kept when the new row has them too, and so is its evidence
# from the dataset: deleting relationships of the dataset's node (linked to every event) and
# of the category nodes made two writers wait on each other, and a re-import ran at half the
# speed of a fresh one.
CLEAR_OUTGOING: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
CALL (n, row) {
  MATCH (n)-[:HIT|HAS_FIGURE]->(gone WHERE (gone:Figure OR gone.inferred)
                                     AND NOT gone.id IN row.keep)
  DETACH DELETE gone
}
CALL (n) {
  MATCH (n)-[old]->(end)
  WHERE NOT (old:HAS_FIGURE OR old:HIT AND end.inferred
             OR old:SUPPORTED_BY AND end.id = $dataset)
  DELETE old
}
"""
NEW_EVENT: LiteralString = "CREATE (n:Entity {id: row.id})"
OLD_EVENT: LiteralString = (
    "MATCH (n:Entity {id: row.id}) "
    "WHERE n[$version] IS NULL OR n[$version] <= row.timestamp "
    "REMOVE n:Attack:Interception:Agreement:Event:Statement"
)
# Dataset evidence, figures and inferred targets: created for a new event, merged into what a
# replaced one kept.
NEW_EVIDENCE: LiteralString = "CREATE (n)-[evidence:SUPPORTED_BY]->(dataset)"
OLD_EVIDENCE: LiteralString = "MERGE (n)-[evidence:SUPPORTED_BY]->(dataset)"
# Figures and inferred targets carry their evidence (evidenceQuotes, evidenceNote) on
# themselves; their source is the event's dataset (see PROVENANCE in graph/queries/projections.py).
NEW_FIGURE: LiteralString = """
  CREATE (f:Entity:Figure) SET f = figure
  CREATE (n)-[:HAS_FIGURE]->(f)"""
OLD_FIGURE: LiteralString = """
  MERGE (f:Entity {id: figure.id}) SET f = figure, f:Figure
  MERGE (n)-[:HAS_FIGURE]->(f)"""
NEW_TARGET: LiteralString = """
  CREATE (t:Entity:Target {id: target.id})
  SET t += target.props
  CREATE (n)-[:HIT]->(t)
  CREATE (t)-[:IN_CATEGORY]->(category)"""
OLD_TARGET: LiteralString = """
  MERGE (t:Entity {id: target.id})
  SET t += target.props, t:Target
  MERGE (n)-[:HIT]->(t)
  MERGE (t)-[:IN_CATEGORY]->(category)"""


# The links each label's rows carry; a CALL over an empty list still costs a subquery per row,
# so a statement has only its label's.
ACTORS: LiteralString = """
CALL (n, row) {
  UNWIND row.by AS by
  MATCH (actor:Entity {id: by.id})
  CREATE (n)-[:CARRIED_OUT_BY {role: by.role}]->(actor)
}
CALL (n, row) {
  UNWIND row.against AS id
  MATCH (actor:Entity {id: id})
  CREATE (n)-[:AGAINST]->(actor)
}"""
PARTICIPANTS: LiteralString = """
CALL (n, row) {
  UNWIND row.participants AS id
  MATCH (actor:Entity {id: id})
  CREATE (n)-[:PARTICIPANT]->(actor)
}"""
SAID: LiteralString = """
CALL (n, row) {
  UNWIND row.made_by AS id
  MATCH (actor:Entity {id: id})
  CREATE (n)-[:MADE_BY]->(actor)
}
CALL (n, row) {
  UNWIND row.about AS id
  MATCH (about:Entity {id: id})
  CREATE (n)-[:ABOUT]->(about)
}"""
PARTIES: LiteralString = """
CALL (n, row) {
  UNWIND row.parties AS id
  MATCH (party:Entity {id: id})
  CREATE (n)-[:HAS_PARTY {role: 'accepted', sourceId: $dataset, quotes: row.evidence.quotes,
                          external: false}]->(party)
}"""


def harm(replacing: bool) -> LiteralString:
    """An attack's inferred targets and its figures."""
    return (
        """
CALL (n, row, dataset) {
  UNWIND row.targets AS target
  MATCH (category:Entity {id: target.category})"""
        + (OLD_TARGET if replacing else NEW_TARGET)
        + """
}
CALL (n, row, dataset) {
  UNWIND row.figures AS figure"""
        + (OLD_FIGURE if replacing else NEW_FIGURE)
        + """
}"""
    )


def links(label: LiteralString, replacing: bool) -> LiteralString:
    if label == "Attack":
        return ACTORS + harm(replacing)
    if label == "Interception":
        return ACTORS
    if label == "Agreement":
        return PARTIES
    if label == "Statement":
        return SAID
    return PARTICIPANTS


def write_events(label: LiteralString, replacing: bool) -> LiteralString:
    """One statement for a batch of events of one label, with all their links: new events are
    created outright; replacing ones are matched and only overwritten by a row as new."""
    return (
        """
MATCH (dataset:Entity {id: $dataset})
UNWIND $rows AS row
"""
        + (OLD_EVENT if replacing else NEW_EVENT)
        + """
SET n = row.props
SET n:"""
        + label
        + """
WITH dataset, n, row, datetime({epochMillis: row.start}) AS start,
     datetime({epochMillis: row.end}) AS end
// Within [start, end]: the other two bounds are derived when read (graph/queries/projections.py).
// spanSeconds: indexed; the longest span bounds every "overlaps a moment" seek
// (graph/queries/overlap.py), so every writer of times writes it.
SET n.startEarliest = start, n.endLatest = end, n.spanSeconds = (row.end - row.start + 999) / 1000
WITH dataset, n, row
CALL (n, row) {
  MATCH (place:Entity {id: row.place})
  CREATE (n)-[:AT]->(place)
}"""
        + links(label, replacing)
        + """
CALL (n, row, dataset) {
  """
        + (OLD_EVIDENCE if replacing else NEW_EVIDENCE)
        + """
  SET evidence = row.evidence
}
CALL (n, row, dataset) {
  UNWIND row.cited AS id
  MATCH (source:Entity {id: id})
  CREATE (n)-[:SUPPORTED_BY {quotes: [], aspect: 'cited', external: false,
                             note: 'cited by ' + dataset.name}]->(source)
}
RETURN count(n) AS written
"""
    )


async def write_batch(tx: neo4j.AsyncManagedTransaction, batch: Batch) -> int:
    """Write one batch inside a transaction; the number of events written (not stale)."""
    await write_additions(tx, batch.additions)
    return await write_batch_events(tx, batch)


async def write_batch_events(tx: neo4j.AsyncManagedTransaction, batch: Batch) -> int:
    """A batch's events with their links; the additions they link to must exist."""
    dataset, version = batch.dataset.id, batch.dataset.version
    every = [row for rows in batch.events.values() for row in rows]
    ids = [row["id"] for row in every]
    [found] = cast(list[ExistingRow], await run_in(tx, EXISTING, ids=ids, version=version))
    stored = {id: timestamp for id, timestamp in found["found"]}
    # An event already in the graph is replaced only by a row at least as new.
    replacing = {
        row["id"]
        for row in every
        if row["id"] in stored and (stored[row["id"]] or 0) <= row["timestamp"]
    }
    if replacing:
        kept = sorted(
            (
                {"id": row["id"], "keep": [x["id"] for x in row["targets"] + row["figures"]]}
                for row in every
                if row["id"] in replacing
            ),
            key=lambda r: str(r["id"]),
        )
        await run_in(tx, CLEAR_OUTGOING, rows=kept, dataset=dataset)
    written = 0
    for label, rows in batch.events.items():
        new = [row for row in rows if row["id"] not in stored]
        old = [row for row in rows if row["id"] in replacing]
        for chosen, replace in ((new, False), (old, True)):
            if chosen:
                cypher = write_events(EVENT_LABELS[label], replacing=replace)
                [count] = cast(
                    list[WrittenRow],
                    await run_in(tx, cypher, rows=chosen, dataset=dataset, version=version),
                )
                written += count["written"]
    return written
