"""What an online import writes into an empty graph (graph/ingest/datasets/write_online.py,
additions.py), as neo4j-admin CSV files (tables.py): the same nodes with the same labels and
properties, the same relationships with theirs. The columns are ACLED's: another dataset's
properties are refused by name (import it without --bulk).

Cypher MERGEs the shared nodes: the first row that needs a place, actor or source creates it,
later ones find it; here the first one is written and later ones skipped. A later row for an
event already written replaces it when it is at least as new (as writing.py's EXISTING check
does): every line an event owns carries its generation, and the replaced generations' lines
are dropped before the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.errors import BadInputError
from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.batch import Batch, EventRow
from graph.ingest.datasets.offline.tables import GENERATION, Table, boolean, text

START_END_TYPE = [":START_ID", ":END_ID", ":TYPE"]
EVIDENCE = ["quotes:string[]", "aspect", "external:boolean", "note"]
NODE_FILES: dict[str, list[str]] = {
    "sources": ["id:ID", ":LABEL", "name", "title", "kind", "publisher", "note"],
    "places": ["id:ID", ":LABEL", "name", "kind", "iso3166_1", "iso3166_2", "point:point"],
    "actors": ["id:ID", ":LABEL", "name", "kind", "acledInter", "acledPeriod", "iso3166_1"],
    "categories": ["id:ID", ":LABEL", "name", "key"],
    "events": [
        GENERATION, "id:ID", ":LABEL", "name", "description", "eventType", "subEventType",
        "originalEventType",
        "disorderType", "civilianTargeting", "tags:string[]", "geoPrecision:long",
        "interaction", "timeText", "timePrecision", "acledId", "acledTimestamp:long", "kind",
        "category", "status", "startEarliest:datetime", "endLatest:datetime",
        "spanSeconds:long",
    ],
    "targets": [
        GENERATION, "id:ID", ":LABEL", "name", "category", "inferred:boolean",
        "inferenceRule", "evidenceQuotes:string[]", "evidenceNote",
    ],
    "figures": [
        GENERATION, "id:ID", ":LABEL", "metric", "value:long", "qualifier", "attribution",
        "evidenceQuotes:string[]", "evidenceNote",
    ],
}  # fmt: skip
RELATIONSHIP_FILES: dict[str, list[str]] = {
    "links": [GENERATION, *START_END_TYPE],  # WITHIN, AT, AGAINST, PARTICIPANT, HIT, ...
    "resolved": [*START_END_TYPE, "resolvedBy", "rule", "sourceId"],  # PART_OF, ...
    "named": [*START_END_TYPE, "name", "column", "how", "rule"],  # NAMED_IN
    "supported": [GENERATION, *START_END_TYPE, *EVIDENCE],  # SUPPORTED_BY
    "carried": [GENERATION, *START_END_TYPE, "role"],  # CARRIED_OUT_BY
    "parties": [GENERATION, *START_END_TYPE, "role", "sourceId", "quotes:string[]",
                "external:boolean"],  # HAS_PARTY
}  # fmt: skip
Props = Mapping[str, object]
NO_PROPS: Props = {}
CITED: Props = {
    "quotes": [],
    "aspect": "cited",
    "external": False,
    "note": "cited by ACLED",
}
# The fields after an event's relationship's start and end, in the files' column order.
AT, AGAINST, PARTICIPANT, HIT, IN_CATEGORY, HAS_FIGURE = (
    "," + text(type)
    for type in ("AT", "AGAINST", "PARTICIPANT", "HIT", "IN_CATEGORY", "HAS_FIGURE")
)
CARRIED_OUT_BY = "," + text("CARRIED_OUT_BY") + ","
CITED_TAIL = ",".join(
    ["", text("SUPPORTED_BY"), "", text(CITED["aspect"]), boolean(CITED["external"]),
     text(CITED["note"])]
)  # fmt: skip
ENTITY_SOURCE = ["Entity", "Source"]
ENTITY_LOCATION = ["Entity", "Location"]
ENTITY_ACTOR = ["Entity", "Actor"]
ENTITY_TARGET = ["Entity", "Target"]
ENTITY_FIGURE = ["Entity", "Figure"]


@dataclass
class Written:
    """What the files hold, counted as the online import counts it."""

    events: int = 0  # rows written, a replacing row included (writing.py's `written`)
    replaced: set[int] = field(default_factory=set)  # generations a newer row replaced


class Files:
    """The CSV files of one import, in a folder; `add` each batch in order, then
    `close` and `finish`."""

    def __init__(self, folder: Path) -> None:
        self.nodes = {name: Table(folder, name, cols) for name, cols in NODE_FILES.items()}
        self.relationships = {
            name: Table(folder, name, cols) for name, cols in RELATIONSHIP_FILES.items()
        }
        self.created: set[str] = set()  # shared nodes written
        self.merged: set[tuple[str, str, str]] = set()  # (start, type, end) written
        self.named: set[tuple[str, str, str, str]] = set()  # NAMED_IN written
        self.stored: dict[str, tuple[int, int]] = {}  # event id -> (timestamp, generation)
        self.written = Written()
        self.quotes: dict[str, str] = {}
        self.dataset = ""  # the dataset's source id, from the first batch
        for key, (name, _) in TARGET_CATEGORIES.items():  # as create_schema writes them
            self.nodes["categories"].write(
                {"id": "category:" + key, ":LABEL": ["Entity", "TargetCategory"], "name": name,
                 "key": key}
            )  # fmt: skip

    @property
    def tables(self) -> list[Table]:
        return [*self.nodes.values(), *self.relationships.values()]

    def add(self, batch: Batch) -> None:
        self.dataset = batch.dataset.id
        self.additions(batch.additions)
        for label, rows in batch.events.items():
            for row in rows:
                stored = self.stored.get(row["id"])
                if stored is not None:
                    if stored[0] > row["timestamp"]:
                        continue  # older than the row written: stale
                    self.written.replaced.add(stored[1])
                self.written.events += 1
                generation = self.written.events
                self.stored[row["id"]] = (row["timestamp"], generation)
                self.event(label, row, generation)

    def close(self) -> None:
        for table in self.tables:
            table.close()

    def finish(self) -> None:
        """After close: drop the lines of events a newer row replaced."""
        for table in self.tables:
            table.drop(self.written.replaced)

    def additions(self, shared: Additions) -> None:
        """Sources, places and actors (created once, with their evidence), their links and
        the record of every resolution: additions.py's statements."""
        for id, props in shared.sources.items():
            if id not in self.created:
                self.created.add(id)
                self.nodes["sources"].write({**props, ":LABEL": ENTITY_SOURCE})
        for table, labels, rows in (
            ("places", ENTITY_LOCATION, list(shared.places.values())),
            ("actors", ENTITY_ACTOR, list(shared.actors.values())),
        ):
            for row in rows:
                if row["id"] not in self.created:
                    self.created.add(row["id"])
                    self.nodes[table].write({**row["props"], ":LABEL": labels})
                    self.relate(
                        "supported", row["id"], "SUPPORTED_BY", row["source"], None, row["evidence"]
                    )
        for place in shared.places.values():
            if place["within"]:
                self.merge("links", place["id"], "WITHIN", place["within"], NO_PROPS)
        for type, links in shared.links.items():
            for link in links:
                self.merge("resolved", link["start"], type, link["end"], link["props"])
        for named in shared.resolutions.values():
            key = (named["id"], named["name"], named["column"], named["source"])
            if key not in self.named:  # MERGE on the name and column; each is recorded once
                self.named.add(key)
                props = {k: named[k] for k in ("name", "column", "how", "rule")}
                self.relate("named", named["id"], "NAMED_IN", named["source"], None, props)

    def merge(self, table: str, start: str, type: str, end: str, props: Props) -> None:
        """MERGE (start)-[:type]->(end) ON CREATE SET props: the first one wins."""
        if (start, type, end) not in self.merged:
            self.merged.add((start, type, end))
            self.relate(table, start, type, end, None, props)

    def relate(
        self,
        table: str,
        start: str,
        type: str,
        end: str,
        generation: int | None = None,
        props: Props = NO_PROPS,
    ) -> None:
        row = {**props, ":START_ID": start, ":END_ID": end, ":TYPE": type}
        if generation is not None:  # owned by an event
            row[GENERATION] = generation
        self.relationships[table].write(row)

    def quoted(self, id: str) -> str:
        """A shared node's id as a CSV field (places, actors, sources: they repeat)."""
        found = self.quotes.get(id)
        if found is None:
            found = self.quotes[id] = text(id)
        return found

    def event(self, label: str, row: EventRow, generation: int) -> None:
        """An event with all its links: writing.py's write_events for a new event. Its own
        relationships are encoded here, field by field in their files' column order: through
        write() they took most of the time of writing the files."""
        id = row["id"]
        node = {**row["props"], GENERATION: generation, ":LABEL": ["Entity", label]}
        node.update(
            startEarliest=row["start"],
            endLatest=row["end"],
            spanSeconds=(row["end"] - row["start"] + 999) // 1000,  # as writing.py
        )
        self.nodes["events"].write(node)
        head = f"{generation},{text(id)},"  # the generation and start of its relationships
        links, q = self.relationships["links"].raw, self.quoted
        links(head + q(row["place"]) + AT)
        if label in ("Attack", "Interception"):
            carried = self.relationships["carried"].raw
            for by in row["by"]:
                carried(head + q(by["id"]) + CARRIED_OUT_BY + q(by["role"]))
            for actor in row["against"]:
                links(head + q(actor) + AGAINST)
        elif label == "Agreement":
            party = {
                "role": "accepted",
                "sourceId": self.dataset,
                "external": False,
                "quotes": row["evidence"]["quotes"],
            }
            for actor in row["parties"]:
                self.relate("parties", id, "HAS_PARTY", actor, generation, party)
        elif label == "Statement":
            raise BadInputError("the bulk import writes no statements: import without --bulk")
        else:
            for actor in row["participants"]:
                links(head + q(actor) + PARTICIPANT)
        if label == "Attack":
            self.harm(row, generation, head)
        supported = self.relationships["supported"]
        evidence = supported.line({":TYPE": "SUPPORTED_BY", **row["evidence"]}, skip=3)
        supported.raw(head + q(self.dataset) + "," + evidence)
        for source in row["cited"]:
            supported.raw(head + q(source) + CITED_TAIL)
            supported.empty("quotes")

    def harm(self, row: EventRow, generation: int, head: str) -> None:
        """An attack's inferred targets (each in its category) and its figures."""
        links = self.relationships["links"].raw
        for target in row["targets"]:
            node = {**target["props"], GENERATION: generation, ":LABEL": ENTITY_TARGET}
            self.nodes["targets"].write({**node, "id": target["id"]})
            quoted = text(target["id"])
            links(head + quoted + HIT)
            links(f"{generation},{quoted},{self.quoted(target['category'])}{IN_CATEGORY}")
        for figure in row["figures"]:
            self.nodes["figures"].write({**figure, GENERATION: generation, ":LABEL": ENTITY_FIGURE})
            links(head + text(figure["id"]) + HAS_FIGURE)
