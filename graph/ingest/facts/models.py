"""The facts-file format: what an investigator writes to put one report into the graph."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from graph.domain.vocabulary import (
    ActorKind,
    AgreementKind,
    AgreementStatus,
    AttackCategory,
    AttackKind,
    EventKind,
    FigureMetric,
    FigureQualifier,
    LocationKind,
    PartyRole,
    StatementKind,
    TargetStatus,
    Weapon,
)
from graph.ingest.facts.fields import Evidenced, Id, Quote, Strict, Text, WikidataId
from graph.ingest.facts.time_spec import TimeSpec, Zone


class SourceSpec(Strict):
    id: Id
    kind: str = Field("document", pattern="^(document|external)$")
    title: Text
    publisher: Text | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    text_file: str | None = Field(
        None,
        description="Path of the source's text, relative to this facts file (files loaded "
        "with the CLI only).",
    )
    text: Annotated[str, StringConstraints(min_length=1, max_length=2_000_000)] | None = Field(
        None, description="The source's text itself, instead of text_file."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def documents_have_text(self) -> SourceSpec:
        if self.text_file is not None and self.text is not None:
            raise ValueError("give text_file or text, not both")
        if self.kind == "document" and self.text_file is None and self.text is None:
            raise ValueError(
                "a source of kind 'document' needs text_file or text (its quotes are checked)"
            )
        return self


class Drafted(Strict):
    """A fact a program drafted from the text (`deedgraph draft`) and no person has reviewed:
    a reviewer deletes the marker to accept the fact."""

    rule: Text = Field(description="The drafting rule that found it.")
    confidence: float = Field(ge=0, le=1, description="How sure the rule is, 0..1.")


class Fact(Evidenced):
    """A fact of the file. Listing an id the graph already holds (another source's fact) with
    only what this source adds (quotes, figures, targets, time, ...) adds to that fact: its
    required fields are required only of a new fact."""

    id: Id
    drafted: Drafted | None = Field(None, description="Drafted by a program, not yet reviewed.")


class ActorSpec(Fact):
    name: Text | None = Field(None, description="Required for a new actor.")
    kind: ActorKind | None = Field(None, description="Required for a new actor.")
    aliases: list[Text] = Field(default_factory=list)
    country: Id | None = Field(None, description="A location of kind country.")
    wikidata: WikidataId | None = None
    part_of: list[Id] = Field(default_factory=list, description="Actors this one belongs to.")
    speaks_for: list[Id] = Field(default_factory=list, description="Actors it speaks for.")


class LocationSpec(Fact):
    name: Text | None = Field(None, description="Required for a new place.")
    kind: LocationKind | None = Field(None, description="Required for a new place.")
    aliases: list[Text] = Field(default_factory=list)
    within: Id | None = None
    iso3166_1: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="A country's ISO 3166-1 alpha-2 code; found from its name if left out."
    )
    iso3166_2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")] | None = (
        Field(
            None,
            description="A first-level region's ISO 3166-2 code; found from its name (within a "
            "country of this file) if left out.",
        )
    )
    wikidata: WikidataId | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    coordinates_source: Id | None = Field(
        None, description="Where the coordinates come from when the document does not give them."
    )

    @model_validator(mode="after")
    def both_coordinates(self) -> LocationSpec:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give latitude and longitude together")
        return self


class SameAsSpec(Strict):
    """Another record (a report's, a dataset's) of the same incident, and why we say so."""

    id: Id = Field(description="The other record: an attack or event in this file or the graph.")
    quotes: list[Quote] = Field(
        default_factory=list, description="Words of this file's document that say so."
    )
    note: Text | None = Field(None, description="Why they are one incident, when no words say.")

    @model_validator(mode="before")
    @classmethod
    def short_form(cls, data: object) -> object:
        return {"id": data} if isinstance(data, str) else data


class EventSpec(Fact):
    name: Text | None = Field(None, description="Required for a new event.")
    kind: EventKind | None = Field(None, description="Required for a new event.")
    time: TimeSpec | None = Field(None, description="Required for a new event.")
    participants: list[Id] = Field(default_factory=list)
    location: Id | None = None
    same_as: list[SameAsSpec] = Field(
        default_factory=list,
        description="Records of the same event from other sources, confirmed (quotes or a note).",
    )


class ConductSpec(Strict):
    """What a statement says about how an actor's side conducted its attacks: set against the
    attacks of that side in the period, it is contradicted or borne out."""

    by: Id = Field(description="Whose conduct (an actor; its units count).")
    denies: list[str] = Field(
        default_factory=list,
        description="Target categories it says were not hit ('no strikes on energy facilities').",
    )
    only: list[str] = Field(
        default_factory=list,
        description="Target categories it says were the only ones hit ('only military targets').",
    )
    during: TimeSpec | None = Field(
        None, description="The period the statement speaks of; default: the statement's time."
    )

    @model_validator(mode="after")
    def says_something(self) -> ConductSpec:
        if not self.denies and not self.only:
            raise ValueError("give the categories it denies or the only ones it admits")
        return self


class StatementSpec(Fact):
    kind: StatementKind | None = Field(None, description="Required for a new statement.")
    speaker: Id | None = Field(None, description="Required for a new statement.")
    text: Text | None = Field(
        None, description="What was said, as the source reports it (required for a new one)."
    )
    time: TimeSpec | None = Field(None, description="Required for a new statement.")
    about: list[Id] = Field(default_factory=list, description="Agreements, attacks, actors...")
    conduct: ConductSpec | None = Field(
        None, description="For a denial or claim about conduct: what it says, to test it."
    )


class PartySpec(Evidenced):
    actor: Id
    role: PartyRole
    statement: Id | None = Field(None, description="The statement that says so, if any.")


class AgreementSpec(Fact):
    name: Text | None = Field(None, description="Required for a new agreement.")
    kind: AgreementKind | None = Field(None, description="Required for a new agreement.")
    status: AgreementStatus | None = Field(None, description="Required for a new agreement.")
    description: Text | None = None
    time: TimeSpec | None = Field(
        None, description="When it was proposed or agreed (announced); required for a new one."
    )
    in_force_from: TimeSpec | None = None
    expires: TimeSpec | None = None
    duration: dt.timedelta | None = None
    scope: list[str] = Field(default_factory=list, description="Target categories protected.")
    area: list[Id] = Field(default_factory=list, description="Locations the scope is limited to.")
    announced_in: Id | None = Field(None, description="The statement announcing it.")
    arose_from: Id | None = Field(None, description="The event (a call, talks) it came out of.")
    parties: list[PartySpec] = Field(default_factory=list)


class FigureSpec(Evidenced):
    drafted: Drafted | None = Field(None, description="Drafted by a program, not yet reviewed.")
    id: Id | None = Field(None, description="Default: '<attack id>/<metric>[-<weapon>]'.")
    metric: FigureMetric
    value: int | None = Field(
        None,
        ge=0,
        description="Leave out only when the source gives no number ('reports of injuries').",
    )
    qualifier: FigureQualifier = "exact"
    weapon: Weapon | None = None
    category: str | None = Field(None, description="Target category the figure counts.")
    reported_by: Id | None = Field(
        None, description="The actor who reported it; leave out only when the source does not say."
    )
    statement: Id | None = Field(None, description="The statement that reported it.")
    locations: list[Id] = Field(default_factory=list)
    locations_partial: bool = Field(
        False, description="True when the source names some of the places ('including ...')."
    )


class TargetSpec(Evidenced):
    drafted: Drafted | None = Field(None, description="Drafted by a program, not yet reviewed.")
    id: Id | None = Field(None, description="Default: '<attack id>/target/<category>'.")
    name: Text
    category: str
    status: TargetStatus = Field(
        "hit", description="'hit': the source says it was struck; 'targeted': aimed at."
    )
    location: Id | None = None


class AttackSpec(Fact):
    name: Text | None = Field(None, description="Required for a new attack.")
    kind: AttackKind | None = Field(None, description="Required for a new attack.")
    category: AttackCategory | None = Field(None, description="Required for a new attack.")
    description: Text | None = None
    time: TimeSpec | None = Field(None, description="Required for a new attack.")
    part_of: Id | None = Field(None, description="The wave an incident belongs to.")
    by: list[Id] = Field(default_factory=list, description="Actors who carried it out.")
    locations: list[Id] = Field(default_factory=list, description="Where it hit.")
    targets: list[TargetSpec] = Field(default_factory=list)
    figures: list[FigureSpec] = Field(default_factory=list)
    same_as: list[SameAsSpec] = Field(
        default_factory=list,
        description="Records of the same incident from other sources (a dataset's row, another "
        "report's attack), confirmed: quotes or a note say why.",
    )


class FactsFile(Strict):
    document: Id = Field(description="The source whose text the quotes come from by default.")
    timezone: Zone | None = Field(
        None,
        description="Where the document's local times and dates are meant, unless a time says "
        "otherwise (`zone`); default UTC.",
    )
    sources: list[SourceSpec] = Field(min_length=1)
    actors: list[ActorSpec] = Field(default_factory=list)
    locations: list[LocationSpec] = Field(default_factory=list)
    events: list[EventSpec] = Field(default_factory=list)
    statements: list[StatementSpec] = Field(default_factory=list)
    agreements: list[AgreementSpec] = Field(default_factory=list)
    attacks: list[AttackSpec] = Field(default_factory=list)


# What a new fact must give; a fact listed without one of them adds to a fact in the graph.
REQUIRED: dict[str, tuple[str, ...]] = {
    "actors": ("name", "kind"),
    "locations": ("name", "kind"),
    "events": ("name", "kind", "time"),
    "statements": ("kind", "speaker", "text", "time"),
    "agreements": ("name", "kind", "status", "time"),
    "attacks": ("name", "kind", "category", "time"),
}


def missing(group: str, spec: Fact) -> list[str]:
    """The fields a new fact of this group must give and this one leaves out."""
    return [name for name in REQUIRED.get(group, ()) if getattr(spec, name) is None]
