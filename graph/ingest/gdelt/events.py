"""GDELT rows as the shared pipeline's event rows (graph/ingest/datasets/batch.py): the CAMEO
table (seeds/resolution/cameo.yaml) decides statement, agreement, attack or event; actors
resolve from their CAMEO codes to the graph's states and their organs (the shared roster),
places from ActionGeo (the shared gazetteer); every row is marked machine-coded, with a
confidence from its mention and source counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.batch import ByRow, EventRow, event_row, local_bounds
from graph.ingest.datasets.gazetteer import Gazetteer
from graph.ingest.datasets.roster import Roster
from graph.ingest.datasets.rows import slug
from graph.ingest.datasets.sources import Dataset
from graph.ingest.gdelt.records import CameoActor, GdeltEvent
from graph.ingest.gdelt.sources import GDELT, cited
from graph.ingest.gdelt.tables import Tables, default_tables
from graph.ingest.resolve.actors import Actors, state_name
from graph.ingest.resolve.places import default_places
from graph.store.database import Database

# CAMEO role codes for groups of a country that are not its state's organs (CAMEO manual,
# actor codebook); others are named by their code.
GROUP_ROLES = {
    "CVL": "Civilians", "REB": "Rebels", "OPP": "Opposition", "INS": "Insurgents",
    "BUS": "Business", "MED": "Media", "EDU": "Education", "HLH": "Health", "LAB": "Labor",
    "REF": "Refugees", "CRM": "Criminals", "UAF": "Unaligned armed forces", "SEP": "Separatists",
    "RAD": "Radicals", "ELI": "Elites", "AGR": "Agriculture", "ENV": "Environmental groups",
    "NGO": "Non-governmental organisations", "HRI": "Human rights groups", "REL": "Religious",
    "MOD": "Moderates", "DEV": "Development", "JUD": "Judiciary",
}  # fmt: skip
CAP = 0.95  # machine coding is never certain


def confidence(mentions: int, sources: int) -> float:
    """How far to trust a machine-coded event: each independent source makes a wrong coding
    less likely (x0.6), each further mention a little (x0.95); at most 0.95. One article,
    one mention: 0.4; three sources: 0.78; one source mentioned ten times: 0.62."""
    sources = max(sources, 1 if mentions else 0)
    doubt = 0.6**sources * 0.95 ** max(mentions - sources, 0)
    return round(min(1 - doubt, CAP), 3)


@dataclass
class GdeltResolver:
    gazetteer: Gazetteer
    roster: Roster
    tables: Tables = field(default_factory=default_tables)
    dataset: Dataset = GDELT
    cache: dict[tuple[str, str, str], str | None] = field(default_factory=dict)

    @property
    def additions(self) -> Additions:
        return self.gazetteer.additions

    def cited(self, event: GdeltEvent) -> dict[str, dict[str, object]]:
        if not event.source:
            return {}
        id, props = cited(event.source)
        return {id: props}

    def actor(self, actor: CameoActor | None) -> str | None:
        """The node a CAMEO actor stands for (cached: codes repeat across rows)."""
        if actor is None:
            return None
        key = (actor.code, actor.name, actor.column)
        if key not in self.cache:
            self.cache[key] = self._actor(actor)
        return self.cache[key]

    def _actor(self, actor: CameoActor) -> str:
        alpha2 = self.tables.cameo_country(actor.country) if actor.country else None
        role = self.tables.roles.get(actor.role) if alpha2 else None
        if alpha2 and role:
            state = state_name(alpha2)
            name = role.name.format(state=state)
            id = self.roster.organ(alpha2, role.kind, role.relation, name, actor.role)
            how = "cameo-role"
            rule = f"CAMEO {actor.country} ({state}) with role {actor.role}: {name}"
        elif alpha2 and (not actor.role or actor.code == actor.country):
            id = self.roster.state(alpha2)
            how, rule = "cameo-country", f"CAMEO country {actor.country}: ISO 3166-1 {alpha2}"
        else:
            id = self.standalone(actor, alpha2)
            how, rule = "standalone", f"CAMEO {actor.code}: no state organ in the CAMEO table"
        self.gazetteer.record(id, actor.code, actor.column, how, rule)
        if actor.name:  # GDELT's name for it, an alias
            column = actor.column.replace("Code", "Name")
            self.gazetteer.record(id, actor.name, column, how, rule)
        return id

    def standalone(self, actor: CameoActor, alpha2: str | None) -> str:
        """A group GDELT codes that is no state's organ, under its own code (and GDELT's name,
        when it has no country: a bare GOV is some government); tied to its country
        (BASED_IN) when it has one."""
        id = "gdelt-actor:" + slug(actor.code)
        if not alpha2 and actor.name:  # no country: GDELT's name tells its GOVs apart
            id += "/" + slug(actor.name)
        if id not in self.roster.known:
            self.roster.known.add(id)
            label = GROUP_ROLES.get(actor.role)
            if alpha2 and label:
                name = f"{label} ({state_name(alpha2)})"
            else:
                name = actor.name.title() if actor.name else actor.code
            props: dict[str, object] = {"id": id, "name": name, "kind": "group"}
            self.additions.actors[id] = {
                "id": id,
                "props": props,
                "evidence": self.dataset.named_in(actor.column),
                "source": self.dataset.id,
            }
            if alpha2:
                country = self.gazetteer.country_node(alpha2)
                link: dict[str, object] = {
                    "resolvedBy": "cameo-country",
                    "rule": f"CAMEO country {actor.country}",
                    "sourceId": self.dataset.id,
                }
                self.additions.link("BASED_IN", id, country, link)
        return id

    def row(self, event: GdeltEvent) -> EventRow:
        place = self.gazetteer.resolve(event.where).place if event.where else ""
        start, end = local_bounds(event.day, "day", event.country)
        coding = event.coding
        one, two = self.actor(event.actor1), self.actor(event.actor2)
        codes = " / ".join(a.code for a in (event.actor1, event.actor2) if a) or "no actor"
        props: dict[str, object] = {
            **event.props,
            "id": event.id,
            "name": f"{coding.cameo}: {codes}",
            "timeText": event.date_text,
            "timePrecision": "day",
            "gdeltDateAdded": event.timestamp,
            "machineCoded": True,
            "confidence": confidence(event.mentions, event.sources),
        }
        where = f"; {event.source}" if event.source else ""
        note = f"GDELT event record, machine-coded from news (CAMEO {props['cameoCode']}){where}"
        row = event_row(
            id=event.id,
            props=props,
            timestamp=event.timestamp,
            start=start,
            end=end,
            place=place,
            evidence={"quotes": [], "aspect": "existence", "external": False, "note": note},
            cited=list(self.cited(event)),
        )
        actors = [id for id in (one, two) if id]
        if coding.label == "Statement":
            props.update(kind=coding.kind, text=self.text(event))
            row["made_by"] = [one] if one else []
            row["about"] = [two] if two and two != one else []
        elif coding.label == "Agreement":
            props.update(kind=coding.kind, status=coding.status or "agreed")
            row["parties"] = list(dict.fromkeys(actors))
        elif coding.label == "Attack":
            props.update(kind="incident", category=coding.kind)
            row["by"] = [ByRow(id=one, role="primary")] if one else []
            row["against"] = [two] if two and two != one else []
        else:
            props["kind"] = coding.kind
            row["participants"] = list(dict.fromkeys(actors))
        return row

    @staticmethod
    def text(event: GdeltEvent) -> str:
        """A statement's text: what GDELT coded, said as such (GDELT keeps no quote)."""
        who = [
            f"{a.name or a.code} ({a.code})" if a else "unknown"
            for a in (event.actor1, event.actor2)
        ]
        return (
            f"GDELT coded CAMEO {event.props['cameoCode']} ({event.coding.cameo}) by {who[0]}"
            + (f" about {who[1]}" if event.actor2 else "")
            + "; machine-coded from news, not a quote"
        )


async def resolver(database: Database) -> GdeltResolver:
    """Resolution against what the graph holds now: two queries, before the first row."""
    places = default_places()
    gazetteer = Gazetteer(places, Additions(), GDELT)
    await gazetteer.load(database)
    roster = Roster(Actors(), places, gazetteer)
    await roster.load(database)
    return GdeltResolver(gazetteer, roster)
