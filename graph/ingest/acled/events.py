"""ACLED rows as the shared pipeline's event rows (graph/ingest/datasets/batch.py): each event
with its place and actors resolved, its targets inferred from the notes, and its fatalities
as a figure; and the resolver an import starts from, against the graph or an empty one."""

from __future__ import annotations

from dataclasses import dataclass

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.ingest.acled.rows import Event
from graph.ingest.acled.sources import ACLED, cited_props, cited_source
from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.batch import (
    ByRow,
    EventRow,
    FigureRow,
    TargetRow,
    event_row,
    local_bounds,
)
from graph.ingest.datasets.gazetteer import Gazetteer
from graph.ingest.datasets.roster import Roster
from graph.ingest.datasets.sources import Dataset
from graph.ingest.resolve.actors import Actors
from graph.ingest.resolve.places import default_places
from graph.ingest.resolve.targets import TargetRules, default_rules
from graph.store.database import Database


def inferred_targets(rules: TargetRules, event: Event) -> list[TargetRow]:
    """Targets the notes name, each with the matched words verbatim as its quote."""
    found = []
    for target in rules.find(event.notes):
        label = TARGET_CATEGORIES[target.category][0]
        found.append(
            TargetRow(
                id=f"{event.id}/target/{target.category}",
                category="category:" + target.category,
                props={
                    "name": target.quote,
                    "category": target.category,
                    "inferred": True,
                    "inferenceRule": target.phrase,
                    "evidenceQuotes": [target.quote],
                    "evidenceNote": f"inferred from the ACLED notes: '{target.phrase}' names "
                    f"{label.lower()} ({target.note})",
                },
            )
        )
    return found


@dataclass
class AcledResolver:
    """Everything an ACLED row needs resolved against the graph: places, actors, targets."""

    gazetteer: Gazetteer
    roster: Roster
    rules: TargetRules
    dataset: Dataset = ACLED

    @property
    def additions(self) -> Additions:
        return self.gazetteer.additions

    def cited(self, event: Event) -> dict[str, dict[str, object]]:
        return {cited_source(name): cited_props(name) for name in event.sources}

    def row(self, event: Event) -> EventRow:
        place = self.gazetteer.resolve(event.where)
        start, end = local_bounds(event.day, event.precision, place.country)
        props: dict[str, object] = {
            **event.props,
            "timeText": event.date_text,
            "timePrecision": event.precision,
            "id": event.id,
            "acledId": event.acled_id,
            "acledTimestamp": event.timestamp,
            "kind": "incident",
            "category": event.category,
        }
        quotes = [event.notes] if event.notes else []
        note = "ACLED record" + (f"; cites {', '.join(event.sources)}" if event.sources else "")
        primary = [self.roster.resolve(a) for a in event.primary]
        associated = [self.roster.resolve(a) for a in event.associated]
        opposing = [self.roster.resolve(a) for a in event.opposing]
        row = event_row(
            id=event.id,
            props=props,
            timestamp=event.timestamp,
            start=start,
            end=end,
            place=place.place,
            evidence={"quotes": quotes, "aspect": "existence", "external": False, "note": note},
            cited=[cited_source(name) for name in event.sources],
        )
        if event.label == "Agreement":
            props.update(kind="other", status="agreed")
            del props["category"]
            row["parties"] = primary + opposing
        elif event.label == "Event":
            props["kind"] = event.category
            del props["category"]
            row["participants"] = list(dict.fromkeys(primary + associated + opposing))
        else:
            row["by"] = [ByRow(id=id, role="primary") for id in primary]
            row["by"] += [ByRow(id=id, role="associated") for id in associated]
            row["against"] = opposing
        if event.label == "Attack":
            row["targets"] = inferred_targets(self.rules, event)
            # ACLED codes the most conservative report of deaths, and 0 when none was
            # reported: a count of at least 0 says nothing, so no figure is made for it.
            if event.fatalities:
                row["figures"] = [
                    FigureRow(
                        id=event.id + "/killed",
                        metric="killed",
                        value=event.fatalities,
                        qualifier="at_least",
                        attribution="dataset",
                        # The count is a column of its own, not words of the notes.
                        evidenceQuotes=[],
                        evidenceNote="ACLED's fatalities column: the most conservative report",
                    )
                ]
        return row


async def resolver(database: Database) -> AcledResolver:
    """Resolution against what the graph holds now: two queries, before the first row."""
    places = default_places()
    gazetteer = Gazetteer(places, Additions(), ACLED)
    await gazetteer.load(database)
    roster = Roster(Actors(), places, gazetteer)
    await roster.load(database)
    return AcledResolver(gazetteer, roster, default_rules())


def empty_graph_resolver() -> AcledResolver:
    """resolver() on an empty graph, without asking it (--bulk): its two queries find no places
    and no actors, so names resolve from the tables alone (ISO 3166, the rulebooks)."""
    places = default_places()
    gazetteer = Gazetteer(places, Additions(), ACLED)
    gazetteer.know([])
    roster = Roster(Actors(), places, gazetteer)
    roster.know([])
    return AcledResolver(gazetteer, roster, default_rules())
