"""Load facts files into Neo4j: validate everything, then write every file in one transaction
(all of them land, or none: a folder loads as one)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString, TypedDict, cast

import neo4j

from graph.errors import LoadError, Problem
from graph.ingest.facts.absorb import HolderRow, absorb, conflicts, created_by_import, holders
from graph.ingest.facts.anchors import graph_times
from graph.ingest.facts.contributions import clear, merge_relationships, owners, settle
from graph.ingest.facts.folders import facts_files
from graph.ingest.facts.parse import Parsed, kinds, parse_facts
from graph.ingest.facts.plan import KnownTime, Plan, plan_facts
from graph.ingest.facts.rederive import rederive
from graph.store.changes import Change, record
from graph.store.database import Database, run_in

# Labels and relationship types a facts file may write: Cypher cannot take them as parameters.
NODE_LABELS: tuple[LiteralString, ...] = (
    "Source",
    "Actor",
    "Location",
    "Event",
    "Statement",
    "Agreement",
    "Attack",
    "Target",
    "Figure",
)
RELATIONSHIP_TYPES: tuple[LiteralString, ...] = (
    "SUPPORTED_BY",
    "BASED_IN",
    "PART_OF",
    "SPEAKS_FOR",
    "WITHIN",
    "PARTICIPANT",
    "AT",
    "MADE_BY",
    "ABOUT",
    "COVERS",
    "COVERS_AREA",
    "ANNOUNCED_IN",
    "AROSE_FROM",
    "HAS_PARTY",
    "CARRIED_OUT_BY",
    "HIT",
    "IN_CATEGORY",
    "LOCATED_IN",
    "HAS_FIGURE",
    "REPORTED_BY",
    "REPORTED_IN",
    "IN",
    "NAMED_IN",
    "CLAIMS_CONDUCT_OF",
    "SAME_AS",
)

FIND_OUTSIDE: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, labels(n) AS labels"
)


class FoundRow(TypedDict):
    id: str
    labels: list[str]


@dataclass(frozen=True)
class Loaded:
    path: Path
    nodes: int
    relationships: int
    ids: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # names that could mean more than one thing


def merge_nodes(label: LiteralString) -> LiteralString:
    return (
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props SET n:"
        + label
        + " RETURN count(n) AS written"
    )


def create_relationships(type: LiteralString) -> LiteralString:
    """Relationships created as they come: for generated worlds, whose writer states each once."""
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
        "CREATE (a)-[r:" + type + "]->(b) SET r = row.props RETURN count(r) AS written"
    )


def by_place(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def check(paths: list[Path]) -> tuple[list[tuple[Parsed, Plan]], list[Problem]]:
    """Parse and plan every file (a folder: the facts files it holds); every problem in every
    file is reported. Without a graph: anchors on facts outside the files are not resolved."""
    return plan_all([parse_facts(path) for path in facts_files(paths)])


async def check_against(
    database: Database, paths: list[Path]
) -> tuple[list[tuple[Parsed, Plan]], list[Problem]]:
    """Check files as a load would, against the graph: references, anchors, additions."""
    documents = [parse_facts(path) for path in facts_files(paths)]
    planned, problems = await prepare(database, documents)
    return planned, problems


def plan_all(
    documents: list[Parsed], known: dict[str, KnownTime] | None = None
) -> tuple[list[tuple[Parsed, Plan]], list[Problem]]:
    """Plan every parsed document, in order: a file's times may be anchored on the graph's
    (`known`) or an earlier file's. A plan is only safe to write when there are no problems."""
    planned: list[tuple[Parsed, Plan]] = []
    problems: list[Problem] = []
    times = dict(known) if known is not None else None  # None: no graph asked
    for parsed in documents:
        plan, found = plan_facts(parsed, times)
        problems.extend(found)
        if plan is not None:
            planned.append((parsed, plan))
            if times is not None:
                times |= {id: time for id, time in plan.times.items() if id in plan.labels}
    return planned, by_place(problems)


async def check_outside(database: Database, planned: list[tuple[Parsed, Plan]]) -> list[Problem]:
    """Ids a file refers to but does not define must be in the graph, or defined by a file
    before it in the same load (written before it, in the same transaction), of the right kind."""
    ids = sorted({id for _, plan in planned for id in plan.outside})
    if not ids:
        return []
    rows = cast(list[FoundRow], await database.read(FIND_OUTSIDE, ids=ids))
    found = {row["id"]: set(row["labels"]) for row in rows}
    earlier: dict[str, set[str]] = {}
    problems = []
    for parsed, plan in planned:
        for id, (labels, location) in plan.outside.items():
            have = found.get(id, set()) | earlier.get(id, set())
            if not have:
                message = f"{id!r} is neither in this file nor in the graph"
                if any(id in other.labels for _, other in planned):
                    message += " (a later file defines it: files load in order)"
                elif id in plan.additions:
                    message += (
                        " (listed without the fields a new fact must give, it adds to a fact"
                        " the graph holds)"
                    )
            elif not labels & have:
                message = f"{id!r} in the graph is not {kinds(labels)}"
            else:
                continue
            problems.append(parsed.problem(location, message))
        for id, label in plan.labels.items():
            earlier.setdefault(id, set()).add(label)
    return problems


# What a document's earlier load wrote and the file no longer says: gone, unless another source
# supports or names it too, which then keeps it (without this file's evidence).
DROP_UNSAID: LiteralString = """
MATCH (s:Source) WHERE s.id IN $sources
MATCH (n:Entity)-[:SUPPORTED_BY]->(s)
WHERE NOT n.id IN $ids AND NOT n:Source
WITH DISTINCT n,
     EXISTS { MATCH (n)-[:SUPPORTED_BY|NAMED_IN]->(o:Source) WHERE NOT o.id IN $sources } AS kept
CALL (n, kept) {
  WITH n WHERE kept
  MATCH (n)-[r:SUPPORTED_BY]->(mine:Source) WHERE mine.id IN $sources
  DELETE r
}
CALL (n, kept) {
  WITH n WHERE NOT kept
  DETACH DELETE n
}
"""


async def _write(
    tx: neo4j.AsyncManagedTransaction,
    parsed: Parsed,
    plan: Plan,
    taken: list[HolderRow],
    *,
    whole: bool,
) -> None:
    sources = [id for id, label in plan.labels.items() if label == "Source"]
    touched = plan.touched()
    if whole:
        # The file says all its document says: what it no longer says goes. (Outside sources
        # are shared by files; a file is known by its document.)
        await run_in(tx, DROP_UNSAID, ids=touched, sources=[plan.document])
    # One fact over the API restates that fact (not what it adds to another's), and nothing
    # else the document said.
    restated = touched if whole else sorted(plan.labels)
    before = await clear(tx, plan.document, restated, sources, whole=whole)
    for row in plan.nodes.get("Source", []):
        if row["id"] == plan.document:
            row["props"]["touched"] = touched if whole else sorted({*before, *touched})
    for label in NODE_LABELS:
        if plan.nodes.get(label):
            await run_in(tx, merge_nodes(label), rows=plan.nodes[label])
    for type in RELATIONSHIP_TYPES:
        rows = plan.relationships.get(type)
        if not rows:
            continue
        written = await run_in(tx, merge_relationships(type), rows=rows)
        if written[0]["written"] != len(rows):
            raise LoadError([Problem(str(parsed.path), None, "", f"some {type} ends are missing")])
    # After the file's own relationships, so that moved ones merge into them.
    await absorb(tx, taken)


@dataclass(frozen=True)
class Editor:
    """Who makes a write through the API, and what the write is: kept in an Audit node."""

    name: str
    operation: str


AUDIT: LiteralString = "CREATE (:Audit {at: datetime(), by: $by, operation: $operation, ids: $ids})"


async def prepare(
    database: Database, documents: list[Parsed]
) -> tuple[list[tuple[Parsed, Plan]], list[Problem]]:
    """Plan documents against the graph: anchors on its facts resolved, references to it
    checked, and facts another source defined turned into additions to them."""
    planned, problems = plan_all(documents, await graph_times(database, documents))
    problems += await check_outside(database, planned)
    for parsed, plan in planned:
        problems += settle(parsed, plan, await owners(database, plan))
    return planned, by_place(problems)


async def load(database: Database, paths: list[Path]) -> list[Loaded]:
    """Load facts files (a folder: the facts files it holds, in order); nothing is written
    unless every file is valid, and then all of them are, in one transaction."""
    documents = [parse_facts(path) for path in facts_files(paths)]
    return await write_documents(database, documents, whole=True)


async def write_documents(
    database: Database,
    documents: list[Parsed],
    editor: Editor | None = None,
    *,
    whole: bool = False,
) -> list[Loaded]:
    """Write parsed documents in one transaction: none unless all are valid, and none unless
    all are written. A `whole` document (a facts file, a submitted document) replaces what its
    sources supported before; otherwise (one fact over the API) it adds to it."""
    planned, problems = await prepare(database, documents)
    ours = {id for _, plan in planned for id in plan.labels}
    held = [await holders(database, plan) for _, plan in planned]
    for (parsed, plan), found in zip(planned, held, strict=True):
        problems += conflicts(parsed, plan, found, ours)
    if problems:
        raise LoadError(by_place(problems))

    async def work(tx: neo4j.AsyncManagedTransaction) -> None:
        for (parsed, plan), found in zip(planned, held, strict=True):
            taken = [row for row in found if created_by_import(row["holder"])]
            await _write(tx, parsed, plan, taken, whole=whole)
            if editor is not None:
                ids = plan.touched()
                await run_in(tx, AUDIT, by=editor.name, operation=editor.operation, ids=ids)
        # Times other sources anchored on what the files (re)defined follow them.
        await rederive(tx, [id for _, plan in planned for id in plan.times if id in plan.labels])
        for _, plan in planned:
            kinds = {*plan.labels.values(), *plan.additions.values()}
            operation = (editor.operation if editor else "load") if whole else "put"
            await record(tx, Change(operation, tuple(plan.touched()), tuple(kinds), plan.document))

    await database.write_transaction(work)
    loaded = []
    for parsed, plan in planned:
        nodes, relationships = plan.count()
        written = tuple(plan.touched())
        loaded.append(Loaded(parsed.path, nodes, relationships, written, tuple(plan.warnings)))
    return loaded
