"""The building blocks of the facts-file format: ids, texts, quotes, and evidence."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*:[A-Za-z0-9][A-Za-z0-9._/-]*$", max_length=200),
    Field(description="Stable, human-readable id: 'kind:slug', e.g. 'actor:white-house'."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Quote = Annotated[
    str,
    StringConstraints(min_length=3, max_length=5_000),
    Field(description="Words copied exactly from the source text."),
]
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidenced(Strict):
    """Where a fact comes from: quotes from the document, or an outside source."""

    quotes: list[Quote] = Field(
        default_factory=list, description="Exact quotes from the document supporting the fact."
    )
    source: Id | None = Field(
        None,
        description="The source the quotes come from; default: the file's document. A source "
        "of kind 'external' marks the fact as coming from outside the document.",
    )
    note: Text | None = Field(None, description="Why an outside source was needed, if one was.")
