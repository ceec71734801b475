"""A dataset's places resolved to the graph's (ACLED's admin columns; GDELT's ActionGeo as the
same levels): countries by ISO 3166-1, first-level regions by ISO
3166-2 (so "Kyivska" is the curated Kyiv region, UA-32), lower levels by name within their
resolved parent ("Buchanskyi" is the curated Bucha district), and only what matches nothing is
created, under its parent, with a kind that says what it is. Every link of a name to a node is
recorded with how it was made (graph/ingest/datasets/additions.py, NAMED_IN in the graph)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString, TypedDict, cast

from neo4j.spatial import WGS84Point

from graph.ingest.datasets.additions import Additions, PlaceRow
from graph.ingest.datasets.rows import PlaceNames, slug
from graph.ingest.datasets.sources import ISO, ISO_ROW, Dataset, EvidenceProps, from_iso
from graph.ingest.resolve.places import Places, region_kind
from graph.store.database import Database

KNOWN_PLACES: LiteralString = """
MATCH (l:Location)
OPTIONAL MATCH (l)-[:WITHIN]->(p:Location)
WITH l, collect(p.id)[0] AS parent
RETURN collect({id: l.id, name: l.name, kind: l.kind, aliases: coalesce(l.aliases, []),
                iso1: l.iso3166_1, iso2: l.iso3166_2, parent: parent}) AS rows
"""


class KnownPlace(TypedDict):
    id: str
    name: str | None
    kind: str | None
    aliases: list[str]
    iso1: str | None
    iso2: str | None
    parent: str | None


# A place named again under itself ("Ukraine" as the location in Ukraine, "Kyiv" in Kyiv city)
# is that place; a district named like its region ("Sumskyi" in Sumy region) is not.
NAMED_AGAIN = frozenset({"country", "city"})
# A town and the community (or district) named after it are two places: names are compared
# among children of the same class only.
POINTS = frozenset({"settlement", "city", "site"})


def place_class(kind: str | None) -> str:
    return "point" if kind in POINTS else "area"


AMBIGUOUS = ""  # a key two children share: it decides nothing


@dataclass(frozen=True)
class Resolved:
    place: str  # the most precise place's id
    country: str | None  # ISO 3166-1 alpha-2, when the country resolved


class Gazetteer:
    """The graph's places, indexed by ISO code and by name keys under each parent; resolving
    a dataset's names against them, creating what is missing (in `additions`). Places it
    creates by name get ids from their parent's code and their name, whatever the dataset
    (the prefix `acled-place:` is historical): two datasets naming a place the same way
    under the same parent make one node."""

    def __init__(self, places: Places, additions: Additions, dataset: Dataset) -> None:
        self.places = places
        self.additions = additions
        self.dataset = dataset
        self.by_iso: dict[str, str] = {}
        self.children: dict[tuple[str | None, str], dict[str, str]] = {}
        self.own_keys: dict[str, frozenset[str]] = {}
        self.kinds: dict[str, str | None] = {}
        self.codes: dict[str, str] = {}  # node id -> its ISO 3166 code
        self.recorded: set[tuple[str, str, str]] = set()
        self.cache: dict[tuple[str, ...], Resolved] = {}

    async def load(self, database: Database) -> None:
        """Index what the graph has: one query, before the first row."""
        self.know(cast(list[KnownPlace], await database.read_list(KNOWN_PLACES)))

    def know(self, found: list[KnownPlace]) -> None:
        """Index the graph's places (as KNOWN_PLACES returns them), codes found by name."""
        countries = {}
        for place in found:
            iso1 = place["iso1"]
            if iso1 is None and place["kind"] == "country" and place["name"]:
                country_match = self.places.resolve_country(place["name"])
                iso1 = country_match.alpha2 if country_match else None
            if iso1:
                self.by_iso.setdefault(iso1, place["id"])
                self.codes[place["id"]] = iso1
                countries[place["id"]] = iso1
        for place in found:
            iso2 = place["iso2"]
            country = countries.get(place["parent"] or "")
            if iso2 is None and place["kind"] == "region" and country and place["name"]:
                match = self.places.resolve_region(country, place["name"])
                iso2 = match.code if match and not match.ambiguous_with else None
            if iso2:
                self.by_iso.setdefault(iso2, place["id"])
                self.codes[place["id"]] = iso2
            names = [place["name"] or "", *place["aliases"]]
            self.index(place["id"], place["parent"], names, place["kind"])

    def index(self, id: str, parent: str | None, names: list[str], kind: str | None) -> None:
        keys = frozenset(k for name in names if name for k in self.places.name_keys(name))
        self.own_keys[id] = keys
        self.kinds[id] = kind
        under = self.children.setdefault((parent, place_class(kind)), {})
        for key in keys:
            under[key] = id if under.get(key, id) == id else AMBIGUOUS

    def resolve(self, where: PlaceNames) -> Resolved:
        """The node for a row's most precise place (cached: rows repeat their places)."""
        key = (where.iso, where.country, where.admin1, where.admin2, where.admin3, where.location)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._resolve(where)
        return found

    def _resolve(self, where: PlaceNames) -> Resolved:
        parent, alpha2 = self.country(where.country, where.iso)
        if where.admin1:
            region = self.region(alpha2, parent, where.admin1)
            parent = region or self.lower(parent, where.admin1, "region", "admin1", alpha2, None)
        for column, kind, name in (
            ("admin2", "district", where.admin2),
            ("admin3", "community", where.admin3),
        ):
            if name:
                parent = self.lower(parent, name, kind, column, alpha2, None)
        if where.location:
            point = None
            if where.latitude is not None and where.longitude is not None:
                point = WGS84Point((where.longitude, where.latitude))
            parent = self.lower(parent, where.location, "settlement", "location", alpha2, point)
        return Resolved(parent, alpha2)

    def country(self, name: str, iso: str) -> tuple[str, str | None]:
        match = (self.places.resolve_country(iso) if iso else None) or (
            self.places.resolve_country(name)
        )
        if match is None:
            return self.lower(None, name, "country", "country", None, None), None
        id = self.iso_node(match.alpha2, match.name, "country", None, 0)
        self.record(id, name, "country", match.how, f"ISO 3166-1 {match.alpha2}")
        return id, match.alpha2

    def country_node(self, alpha2: str) -> str:
        """The country's node, created from its ISO code if the graph has none."""
        match = self.places.resolve_country(alpha2)
        return self.iso_node(alpha2, match.name if match else alpha2, "country", None, 0)

    def region(self, alpha2: str | None, parent: str, name: str) -> str | None:
        """The first-level region by its ISO 3166-2 code; None when the name has none."""
        match = self.places.resolve_region(alpha2, name) if alpha2 else None
        if match is None or alpha2 is None:
            return None
        how, rule = match.how, f"ISO 3166-2 {match.code} ({match.name})"
        regions = [code for code in match.ambiguous_with if region_kind(code) == "region"]
        if match.kind == "city" and regions:
            # ACLED spells a city with a region's status "Kyiv City"; a bare "Kyiv" in its
            # admin1 column is the region of that name.
            region = self.places.resolve_region(alpha2, regions[0])
            if region is not None:
                how, rule = "rule:admin1-is-a-region", f"ISO 3166-2 {region.code} ({region.name})"
                rule += f": ACLED's admin1 names a region; '{name}' alone could be {match.code}"
                match = region
        elif match.ambiguous_with:
            rule += "; could also be " + ", ".join(match.ambiguous_with)
        id = self.iso_node(match.code, match.name, match.kind, parent, 1)
        self.record(id, name, "admin1", how, rule)
        return id

    def iso_node(self, code: str, name: str, kind: str, parent: str | None, depth: int) -> str:
        id = self.by_iso.get(code)
        if id is None:
            id = self.by_iso[code] = "location:iso/" + code.lower()
            self.codes[id] = code
            key = "iso3166_1" if depth == 0 else "iso3166_2"
            props: dict[str, object] = {"id": id, "name": name, "kind": kind, key: code}
            self.create(id, props, parent, depth, ISO, from_iso(code))
            self.additions.sources.setdefault(ISO, ISO_ROW["props"])
            self.index(id, parent, [name], kind)
        return id

    def lower(
        self,
        parent: str | None,
        name: str,
        kind: str,
        column: str,
        alpha2: str | None,
        point: WGS84Point | None,
    ) -> str:
        """A place named under `parent`: an existing child whose name or alias matches, the
        parent itself when the name names it again, or a new place under it."""
        keys = self.places.name_keys(name, alpha2)
        if self.kinds.get(parent or "") in NAMED_AGAIN and keys & self.own_keys[parent or ""]:
            return parent or ""
        under = self.children.get((parent, place_class(kind)), {})
        found = {under[key] for key in keys if key in under} - {AMBIGUOUS}
        if len(found) == 1:
            [id] = found
            if not id.startswith("acled-place:"):
                self.record(id, name, column, "rule:name-keys", "the same name or alias here")
            return id
        base = self.id_base(parent) + "/" if parent else ""
        id = "acled-place:" + base + slug(name) + ("-community" if kind == "community" else "")
        if id not in self.own_keys:
            props: dict[str, object] = {"id": id, "name": name, "kind": kind, "point": point}
            depth = base.count("/") + 1 if parent else 0
            self.create(id, props, parent, depth, self.dataset.id, self.dataset.named_in(column))
            self.index(id, parent, [name], kind)
            where = f"under {parent}" if parent else "at the top"
            self.record(id, name, column, "created", f"no place of this name {where}: created")
        return id

    def create(
        self,
        id: str,
        props: dict[str, object],
        parent: str | None,
        depth: int,
        source: str,
        evidence: EvidenceProps,
    ) -> None:
        self.additions.places[id] = PlaceRow(
            id=id, props=props, within=parent, depth=depth, source=source, evidence=evidence
        )

    def id_base(self, parent: str) -> str:
        """What ids of places under `parent` start with: its ISO code when it has one, so that
        the ids do not depend on whether a curated node or an imported one holds the code."""
        code = self.codes.get(parent)
        if code is not None:
            return code.lower()
        return parent.split(":", 1)[1]

    def record(self, id: str, name: str, column: str, how: str, rule: str) -> None:
        if (id, name, column) in self.recorded:
            return
        self.recorded.add((id, name, column))
        self.additions.resolved(
            {
                "id": id,
                "name": name,
                "column": column,
                "how": how,
                "rule": rule,
                "source": self.dataset.id,
            }
        )
