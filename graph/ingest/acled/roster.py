"""ACLED's actors resolved to the graph's: a name that is exactly a known actor's name or alias
is that actor; otherwise the ACLED actor is kept under its own name and tied to the state it
belongs to ("Military Forces of Russia (2000-)" PART_OF Russia, "Government of Ukraine
(2019-)" SPEAKS_FOR Ukraine, "Civilians (Ukraine)" BASED_IN the country), the state created
from its ISO code when the graph has none. Unknown names stay standalone. Each resolution is
recorded with how it was made (graph/ingest/resolve/actors.py gives the rule)."""

from __future__ import annotations

from typing import LiteralString, TypedDict, cast

from graph.ingest.acled.gazetteer import Gazetteer
from graph.ingest.acled.pending import Pending
from graph.ingest.acled.rows import ActorName, slug
from graph.ingest.acled.sources import DATASET, ISO, ISO_ROW, from_iso, named_in_dataset
from graph.ingest.resolve.actors import Actors, state_name
from graph.ingest.resolve.places import Places
from graph.store.database import Database

KNOWN_ACTORS: LiteralString = """
MATCH (a:Actor)
RETURN collect({id: a.id, name: a.name, kind: a.kind, aliases: coalesce(a.aliases, []),
                iso1: a.iso3166_1}) AS rows
"""


class KnownActor(TypedDict):
    id: str
    name: str | None
    kind: str | None
    aliases: list[str]
    iso1: str | None


RELATION_TYPES = {"part_of": "PART_OF", "speaks_for": "SPEAKS_FOR", "based_in": "BASED_IN"}


def exact_key(name: str) -> str:
    return " ".join(name.casefold().split())


class Roster:
    """The graph's actors, indexed by exact name and, for states, by ISO country."""

    def __init__(self, actors: Actors, places: Places, gazetteer: Gazetteer) -> None:
        self.actors = actors
        self.places = places
        self.gazetteer = gazetteer
        self.pending: Pending = gazetteer.pending
        self.exact: dict[str, str] = {}
        self.states: dict[str, str] = {}
        self.known: set[str] = set()
        self.cache: dict[tuple[str, str | None, str], str] = {}

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
            if actor["id"].startswith("acled-actor:"):
                continue  # made by an import: matched by its id, not its name
            for name in [actor["name"] or "", *actor["aliases"]]:
                key = exact_key(name)
                if key and self.exact.get(key, actor["id"]) != actor["id"]:
                    clashes.add(key)
                self.exact.setdefault(key, actor["id"])
        for key in clashes:  # a name two actors share decides nothing
            del self.exact[key]

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
            evidence = named_in_dataset(actor.column)
            self.pending.actors[id] = {
                "id": id,
                "props": props,
                "evidence": evidence,
                "source": DATASET,
            }
            if resolution.state and resolution.relation:
                end = (
                    self.gazetteer.country_node(resolution.state)
                    if resolution.relation == "based_in"
                    else self.state(resolution.state)
                )
                link = {"resolvedBy": resolution.how, "rule": resolution.rule, "sourceId": DATASET}
                self.pending.link(RELATION_TYPES[resolution.relation], id, end, dict(link))
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
            self.pending.actors[id] = {
                "id": id,
                "props": props,
                "evidence": from_iso(alpha2),
                "source": ISO,
            }
            self.pending.sources.setdefault(ISO, ISO_ROW["props"])
            country = self.gazetteer.country_node(alpha2)
            self.pending.link("BASED_IN", id, country, {"sourceId": ISO})
        return id

    def record(self, id: str, actor: ActorName, how: str, rule: str) -> None:
        self.gazetteer.record(id, actor.name, actor.column, how, rule)
