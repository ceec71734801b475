"""ACLED's actors resolved to the graph's: a name that is exactly a known actor's name or alias
is that actor; otherwise the ACLED actor is kept under its own name and tied to the state it
belongs to ("Military Forces of Russia (2000-)" PART_OF Russia, "Government of Ukraine
(2019-)" SPEAKS_FOR Ukraine, "Civilians (Ukraine)" BASED_IN the country), the state created
from its ISO code when the graph has none. Unknown names stay standalone. Each resolution is
recorded with how it was made (graph/ingest/resolve/actors.py gives the rule)."""

from __future__ import annotations

from typing import LiteralString, NotRequired, TypedDict, cast

from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.gazetteer import Gazetteer
from graph.ingest.datasets.rows import ActorName, slug
from graph.ingest.datasets.sources import ISO, ISO_ROW, from_iso
from graph.ingest.resolve.actors import Actors, state_name
from graph.ingest.resolve.places import Places
from graph.store.database import Database

KNOWN_ACTORS: LiteralString = """
MATCH (a:Actor)
RETURN collect({id: a.id, name: a.name, kind: a.kind, aliases: coalesce(a.aliases, []),
                iso1: a.iso3166_1,
                of: [(a)-[:PART_OF|SPEAKS_FOR]->(s:Actor {kind: 'state'}) | s.id]}) AS rows
"""


class KnownActor(TypedDict):
    id: str
    name: str | None
    kind: str | None
    aliases: list[str]
    iso1: str | None
    of: NotRequired[list[str]]  # the states it is part of or speaks for


# Ids imports give the actors they create: matched by id, never by name.
IMPORTED = ("acled-actor:", "gdelt-actor:")


RELATION_TYPES = {"part_of": "PART_OF", "speaks_for": "SPEAKS_FOR", "based_in": "BASED_IN"}


def exact_key(name: str) -> str:
    return " ".join(name.casefold().split())


class Roster:
    """The graph's actors, indexed by exact name and, for states, by ISO country."""

    def __init__(self, actors: Actors, places: Places, gazetteer: Gazetteer) -> None:
        self.actors = actors
        self.places = places
        self.gazetteer = gazetteer
        self.additions: Additions = gazetteer.additions
        self.dataset = gazetteer.dataset
        self.exact: dict[str, str] = {}
        self.states: dict[str, str] = {}
        self.known: set[str] = set()
        self.cache: dict[tuple[str, str | None, str], str] = {}
        # A state's organ of one kind (its armed forces, its government), by (state id, kind):
        # what a coded actor (GDELT's RUSMIL) stands for.
        self.organs: dict[tuple[str, str], str] = {}

    async def load(self, database: Database) -> None:
        """Index what the graph has: one query, before the first row."""
        self.know(cast(list[KnownActor], await database.read_list(KNOWN_ACTORS)))

    def know(self, found: list[KnownActor]) -> None:
        """Index the graph's actors (as KNOWN_ACTORS returns them); a shared name decides
        nothing."""
        clashes: set[str] = set()
        for actor in found:
            self.known.add(actor["id"])
            if actor["kind"] == "state":
                iso1 = actor["iso1"]
                if iso1 is None and actor["name"]:
                    match = self.places.resolve_country(actor["name"])
                    iso1 = match.alpha2 if match else None
                if iso1:
                    self.states.setdefault(iso1, actor["id"])
            if actor["id"].startswith(IMPORTED):
                continue  # made by an import: matched by its id, not its name
            for name in [actor["name"] or "", *actor["aliases"]]:
                key = exact_key(name)
                if key and self.exact.get(key, actor["id"]) != actor["id"]:
                    clashes.add(key)
                self.exact.setdefault(key, actor["id"])
        for key in clashes:  # a name two actors share decides nothing
            del self.exact[key]
        self.know_organs(found)

    def know_organs(self, found: list[KnownActor]) -> None:
        """Index each state's organs by kind: a curated one wins over one an import made; two
        curated ones of the same kind decide nothing."""
        state_ids = set(self.states.values())
        ranked: dict[tuple[str, str], list[tuple[bool, str]]] = {}
        for actor in found:
            for state in actor.get("of", []):
                if state in state_ids and actor["kind"] and actor["kind"] != "state":
                    imported = actor["id"].startswith(IMPORTED)
                    ranked.setdefault((state, actor["kind"]), []).append((imported, actor["id"]))
        for key, actors in ranked.items():
            best = sorted(actors)
            if len(best) == 1 or best[0][0] != best[1][0]:
                self.organs[key] = best[0][1]

    def resolve(self, actor: ActorName) -> str:
        """The node an ACLED actor name stands for (cached: names repeat across rows)."""
        key = (actor.name, actor.inter, actor.column)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._resolve(actor)
        return found

    def _resolve(self, actor: ActorName) -> str:
        same = self.exact.get(exact_key(actor.name))
        if same is not None:
            self.record(same, actor, "exact", "the same name as this actor's name or an alias")
            return same
        resolution = self.actors.resolve(actor.name, actor.inter)
        id = "acled-actor:" + slug(actor.name)
        if id not in self.known:
            self.known.add(id)
            props: dict[str, object] = {
                "id": id,
                "name": actor.name,
                "kind": resolution.kind,
                "acledInter": resolution.inter,
                "acledPeriod": resolution.period,
            }
            evidence = self.dataset.named_in(actor.column)
            self.additions.actors[id] = {
                "id": id,
                "props": props,
                "evidence": evidence,
                "source": self.dataset.id,
            }
            if resolution.state and resolution.relation:
                end = (
                    self.gazetteer.country_node(resolution.state)
                    if resolution.relation == "based_in"
                    else self.state(resolution.state)
                )
                link = {
                    "resolvedBy": resolution.how,
                    "rule": resolution.rule,
                    "sourceId": self.dataset.id,
                }
                self.additions.link(RELATION_TYPES[resolution.relation], id, end, dict(link))
        self.record(id, actor, resolution.how, resolution.rule)
        return id

    def state(self, alpha2: str) -> str:
        """The state's actor, created from its ISO code (and tied to its country) if absent."""
        id = self.states.get(alpha2)
        if id is None:
            id = self.states[alpha2] = "actor:state/" + alpha2.lower()
            self.known.add(id)
            props: dict[str, object] = {
                "id": id,
                "name": state_name(alpha2),
                "kind": "state",
                "iso3166_1": alpha2,
            }
            self.additions.actors[id] = {
                "id": id,
                "props": props,
                "evidence": from_iso(alpha2),
                "source": ISO,
            }
            self.additions.sources.setdefault(ISO, ISO_ROW["props"])
            country = self.gazetteer.country_node(alpha2)
            self.additions.link("BASED_IN", id, country, {"sourceId": ISO})
        return id

    def record(self, id: str, actor: ActorName, how: str, rule: str) -> None:
        self.gazetteer.record(id, actor.name, actor.column, how, rule)

    def organ(self, alpha2: str, kind: str, relation: str, name: str, code: str) -> str:
        """The state's organ of this kind (its armed forces, its government): the graph's when
        it has one, else created as `name` and tied to the state by `relation` (PART_OF or
        SPEAKS_FOR). `code` names it in ids and rules (GDELT's MIL)."""
        state = self.state(alpha2)
        found = self.organs.get((state, kind))
        if found is not None:
            return found
        id = f"gdelt-actor:{alpha2.lower()}/{slug(code)}"
        self.organs[state, kind] = id
        if id not in self.known:
            self.known.add(id)
            props: dict[str, object] = {"id": id, "name": name, "kind": kind}
            self.additions.actors[id] = {
                "id": id,
                "props": props,
                "evidence": self.dataset.named_in("Actor1Code or Actor2Code"),
                "source": self.dataset.id,
            }
            rule = f"CAMEO role {code}: the {kind.replace('_', ' ')} of {state_name(alpha2)}"
            link: dict[str, object] = {
                "resolvedBy": "cameo-role",
                "rule": rule,
                "sourceId": self.dataset.id,
            }
            self.additions.link(RELATION_TYPES[relation], id, state, link)
        return id
