"""One node per place and state, whichever source came first. When a facts file defines a
place or state that an import already created, from its ISO code ("location:iso/ua-32" for
ACLED's "Kyivska") or by its name under the same parent ("Buchanskyi" in Kyiv region for the
file's "Bucha district"), the file's node takes over: every relationship of the imported node
moves to it, and the imported node goes. Two facts files may not give one code to two ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString, TypedDict, cast

import neo4j

from graph.errors import Problem
from graph.ingest.facts.parse import Location, Parsed
from graph.ingest.facts.plan import Plan
from graph.ingest.resolve.places import default_places
from graph.store.database import Database, run_in

# Ids an import gives what it creates (graph/ingest/datasets/, acled/, gdelt/): from an ISO
# code, or by name.
CREATED: tuple[str, ...] = ("location:iso/", "actor:state/", "acled-place:", "gdelt-actor:")
# Every relationship type a place or actor can have, besides the evidence of its own
# existence (SUPPORTED_BY), which stays with the node it was about.
MOVED: tuple[LiteralString, ...] = (
    "AT",
    "WITHIN",
    "LOCATED_IN",
    "IN",
    "COVERS_AREA",
    "BASED_IN",
    "NAMED_IN",
    "CARRIED_OUT_BY",
    "AGAINST",
    "PARTICIPANT",
    "HAS_PARTY",
    "PART_OF",
    "SPEAKS_FOR",
    "MADE_BY",
    "REPORTED_BY",
    "ABOUT",
)


def moves() -> LiteralString:
    cypher: LiteralString = "MATCH (old:Entity {id: $old}), (new:Entity {id: $new})"
    for type in MOVED:
        cypher += (
            " CALL (old, new) { MATCH (old)-[r:" + type + "]->(x) WHERE x <> new"
            " MERGE (new)-[c:" + type + "]->(x) SET c += properties(r) DELETE r }"
            " CALL (old, new) { MATCH (x)-[r:" + type + "]->(old) WHERE x <> new"
            " MERGE (x)-[c:" + type + "]->(new) SET c += properties(r) DELETE r }"
        )
    # The names the import knew it by stay, as resolutions of the node that took over.
    cypher += (
        " CALL (old, new) { MATCH (old)-[:SUPPORTED_BY]->(s:Source)"
        " MERGE (new)-[r:NAMED_IN {name: old.name, column: 'name'}]->(s)"
        " ON CREATE SET r.how = 'absorbed', r.rule = 'an import created this place or state"
        " before a facts file defined it, and the node of the file took its place' }"
    )
    return cypher + " DETACH DELETE old"


MOVE: LiteralString = moves()

HOLDERS: LiteralString = """
UNWIND $codes AS code
MATCH (n:Entity) WHERE (n:Location OR n:Actor)
  AND (n.iso3166_1 = code.value AND code.key = 'iso3166_1'
       OR n.iso3166_2 = code.value AND code.key = 'iso3166_2')
  AND n.id <> code.id AND code.label IN labels(n)
RETURN collect({id: code.id, holder: n.id, value: code.value}) AS rows
"""


IMPORTED_CHILDREN: LiteralString = """
UNWIND $parents AS parent
MATCH (:Entity {id: parent})<-[:WITHIN]-(c:Location)
WHERE c.id STARTS WITH 'acled-place:'
RETURN collect({parent: parent, id: c.id, name: c.name}) AS rows
"""


class ChildRow(TypedDict):
    parent: str
    id: str
    name: str


class HolderRow(TypedDict):
    id: str  # the file's node
    holder: str  # another node with the same code
    value: str


@dataclass(frozen=True)
class Code:
    id: str
    label: str
    key: str
    value: str


def codes(plan: Plan) -> list[Code]:
    found = []
    for label in ("Location", "Actor"):
        for row in plan.nodes.get(label, []):
            for key in ("iso3166_1", "iso3166_2"):
                value = row["props"].get(key)
                if isinstance(value, str):
                    found.append(Code(row["id"], label, key, value))
    return found


async def holders(database: Database, plan: Plan) -> list[HolderRow]:
    """Other nodes that stand for what the plan's nodes stand for: the holders of the codes
    it gives, and places an import created by name under the same parent."""
    found = codes(plan)
    if not found:
        return await same_named(database, plan, [])
    params = [code.__dict__ for code in found]
    by_code = cast(list[HolderRow], await database.read_list(HOLDERS, codes=params))
    return by_code + await same_named(database, plan, by_code)


async def same_named(database: Database, plan: Plan, by_code: list[HolderRow]) -> list[HolderRow]:
    """Imported places under a planned place's parent (or under what that parent absorbs)
    whose name means the planned place: one each, or none when several could."""
    within = {row["start"]: str(row["end"]) for row in plan.relationships.get("WITHIN", [])}
    if not within:
        return []
    parents = {parent: [parent] for parent in within.values()}
    for row in by_code:
        if row["id"] in parents and created_by_import(row["holder"]):
            parents[row["id"]].append(row["holder"])
    asked = sorted({id for ids in parents.values() for id in ids})
    children = cast(list[ChildRow], await database.read_list(IMPORTED_CHILDREN, parents=asked))
    places = default_places()
    names = {
        row["id"]: [row["props"].get("name"), *(row["props"].get("aliases") or [])]
        for row in plan.nodes.get("Location", [])
    }
    found = []
    for id, parent in within.items():
        keys = {
            k for name in names.get(id, []) if isinstance(name, str) for k in places.name_keys(name)
        }
        same = [
            c
            for c in children
            if c["parent"] in parents[parent] and keys & places.name_keys(c["name"])
        ]
        if len(same) == 1:
            found.append(HolderRow(id=id, holder=same[0]["id"], value=same[0]["name"]))
    return found


def created_by_import(id: str) -> bool:
    return id.startswith(CREATED)


def conflicts(parsed: Parsed, plan: Plan, found: list[HolderRow], ours: set[str]) -> list[Problem]:
    """A code another file's node holds: the file must use that node's id."""
    facts = parsed.facts
    where: dict[str, Location] = {}
    if facts is not None:
        where |= {spec.id: ("locations", i) for i, spec in enumerate(facts.locations)}
        where |= {spec.id: ("actors", i) for i, spec in enumerate(facts.actors)}
    return [
        parsed.problem(
            where.get(row["id"], ()),
            f"{row['value']} is already the code of {row['holder']!r}: one place or state is "
            f"one node, so use that id (or give {row['id']!r} no code)",
        )
        for row in found
        if not created_by_import(row["holder"]) and row["holder"] not in ours
    ]


async def absorb(tx: neo4j.AsyncManagedTransaction, taken: list[HolderRow]) -> None:
    """Move each imported holder's relationships to the file's node, and delete it."""
    for row in taken:
        await run_in(tx, MOVE, old=row["holder"], new=row["id"])
