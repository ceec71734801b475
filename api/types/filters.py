"""The lists' `Filter` input: vocabulary filters as enums of the vocabularies' own words (as
the write inputs have them, api/types/inputs.py), so a word outside a vocabulary is a
validation error instead of an empty list; and the areas a list of attacks or events can be
narrowed to (graph/domain/areas.py)."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import TYPE_CHECKING, get_args

import strawberry

from api.types.inputs import vocabulary_enum
from graph.domain import areas, vocabulary
from graph.errors import BadInputError

# Every kind word of every kind of entity, in one enum: the lists share one Filter, and a
# frontend's variables of type Filter keep working. A list refuses a kind of another list
# (`kinds_check`).
KINDS: dict[str, typing.Any] = {
    "Actor": vocabulary.ActorKind,
    "Location": vocabulary.LocationKind,
    "Statement": vocabulary.StatementKind,
    "Agreement": vocabulary.AgreementKind,
    "Attack": vocabulary.AttackKind,
    "Event": vocabulary.EventKind,
}
KIND_WORDS = sorted({word for kind in KINDS.values() for word in get_args(kind)})

if TYPE_CHECKING:  # mypy sees plain enums; Strawberry the generated ones
    EntityKind = enum.Enum
    AttackCategory = enum.Enum
    AgreementStatus = enum.Enum
    TargetCategoryKey = enum.Enum
else:
    EntityKind = strawberry.enum(
        enum.Enum("EntityKind", {word: word for word in KIND_WORDS}),
        description="The kind words of every kind of entity (ActorKind, LocationKind, "
        "StatementKind, AgreementKind, AttackKind, EventKind); a list takes its own kind's.",
    )
    AttackCategory = vocabulary_enum(vocabulary.AttackCategory)
    AgreementStatus = vocabulary_enum(vocabulary.AgreementStatus)
    TargetCategoryKey = strawberry.enum(
        enum.Enum("TargetCategoryKey", {key: key for key in vocabulary.TARGET_CATEGORIES}),
        description="The target categories' keys (TargetCategory.key).",
    )


def kind_word(label: str, kind: enum.Enum | None) -> str | None:
    """The kind filter's word, refused when the listed kind of entity has no such kind."""
    if kind is None:
        return None
    word = str(kind.value)
    own = get_args(KINDS[label])
    if word not in own:
        raise BadInputError(
            f"filter.kind: {word!r} is not a kind of {label}; one of: {', '.join(own)}"
        )
    return word


@strawberry.enum(description="How an entity's uncertain time must relate to a time range.")
class TimeMode(enum.Enum):
    DEFINITELY = "definitely"
    POSSIBLY = "possibly"


@strawberry.input(description="Within km of a point (WGS-84 degrees).")
class NearPoint:
    latitude: float = strawberry.field(description="-90 to 90.")
    longitude: float = strawberry.field(description="-180 to 180.")
    km: float = strawberry.field(description=f"More than 0, at most {areas.MAX_KM:,.0f}.")


@strawberry.input(description="Within km of a place's own coordinates.")
class NearPlace:
    id: strawberry.ID = strawberry.field(description="A place (Location) with coordinates.")
    km: float = strawberry.field(description=f"More than 0, at most {areas.MAX_KM:,.0f}.")


@strawberry.input(
    description="Between two latitudes and two longitudes (WGS-84 degrees); west east of "
    "east crosses the 180th meridian."
)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float


@strawberry.input(description="Filters; each one given narrows the list.")
class Filter:
    start: dt.datetime | None = strawberry.field(default=None, description="From (inclusive).")
    end: dt.datetime | None = strawberry.field(default=None, description="Until (inclusive).")
    time_mode: TimeMode = strawberry.field(
        default=TimeMode.POSSIBLY,
        description="DEFINITELY: wholly inside start..end; POSSIBLY: may overlap it.",
    )
    actor: strawberry.ID | None = strawberry.field(
        default=None, description="By or involving this actor, its units and spokespeople."
    )
    location: strawberry.ID | None = strawberry.field(
        default=None, description="At this place or anywhere inside it."
    )
    kind: EntityKind | None = strawberry.field(
        default=None, description="Of this kind (a word of the listed entity's kinds)."
    )
    category: AttackCategory | None = strawberry.field(default=None, description="Attack category.")
    target_category: TargetCategoryKey | None = strawberry.field(
        default=None, description="Attacks that hit this target category or a narrower one."
    )
    status: AgreementStatus | None = strawberry.field(default=None, description="Agreement status.")
    about: strawberry.ID | None = strawberry.field(default=None, description="Statements about.")
    text: str | None = strawberry.field(default=None, description="Words in names or text.")
    include_retracted: bool = strawberry.field(
        default=False, description="Also list retracted facts (they carry their retraction)."
    )
    single_source: bool = strawberry.field(
        default=False,
        description="Only what rests on one source alone: facts (with the records confirmed "
        "as the same incident) that no second document or dataset tells.",
    )
    near: NearPoint | None = strawberry.field(
        default=None,
        description="Attacks or events with a place within km of this point; each edge "
        "then carries distanceKm.",
    )
    near_place: NearPlace | None = strawberry.field(
        default=None,
        description="Attacks or events with a place within km of this place's coordinates; "
        "each edge then carries distanceKm.",
    )
    bbox: BoundingBox | None = strawberry.field(
        default=None, description="Attacks or events with a place inside this box."
    )


def word(value: enum.Enum | None) -> str | None:
    return None if value is None else str(value.value)


def area_of(filter: Filter) -> areas.Area | None:
    """The area the filter narrows to, checked; None when it names none."""
    if filter.near is not None and filter.near_place is not None:
        raise BadInputError("filter.nearPlace: give near or nearPlace, not both")
    circle = None
    if filter.near is not None:
        near = filter.near
        circle = areas.near_point("filter.near", near.latitude, near.longitude, near.km)
    elif filter.near_place is not None:
        circle = areas.near_place("filter.nearPlace", filter.near_place.id, filter.near_place.km)
    box = None
    if filter.bbox is not None:
        b = filter.bbox
        box = areas.box("filter.bbox", b.south, b.west, b.north, b.east)
    if circle is None and box is None:
        return None
    return areas.Area(circle=circle, box=box)
