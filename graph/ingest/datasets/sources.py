"""Where what an import writes comes from: the dataset itself (one `Dataset` per importer), the
sources its rows cite, and ISO 3166 for the countries, regions and states an import creates
when the graph has no node for them yet. Every node an import creates or links traces to one
of these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

ISO = "source:iso-3166"


class SourceRow(TypedDict):
    id: str
    props: dict[str, object]


class EvidenceProps(TypedDict):
    """The properties of a SUPPORTED_BY relationship."""

    quotes: list[str]
    aspect: str
    external: bool
    note: str


@dataclass(frozen=True)
class Dataset:
    """What the shared pipeline needs to know of a dataset."""

    id: str  # its source node: "source:acled"
    name: str  # as people say it: "ACLED"
    title: str
    # The event property holding a row's version: a row replaces the graph's event only when
    # its version is at least as new (ACLED's timestamp, GDELT's DATEADDED).
    version: str
    note: str = ""
    url: str | None = None

    @property
    def props(self) -> dict[str, object]:
        props: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "kind": "dataset",
        }
        if self.note:
            props["note"] = self.note
        if self.url:
            props["url"] = self.url
        return props

    def named_in(self, column: str) -> EvidenceProps:
        """A node that exists because a row of this dataset names it in this column."""
        return {
            "quotes": [],
            "aspect": "existence",
            "external": False,
            "note": f"named in {self.name}'s {column} column",
        }


ISO_ROW: SourceRow = {
    "id": ISO,
    "props": {
        "id": ISO,
        "name": "ISO 3166",
        "title": "ISO 3166 country and subdivision codes and names",
        "publisher": "ISO, as published in the pycountry package",
        "kind": "external",
        "note": "Countries, first-level regions and states an import needed and the graph "
        "did not have were created from their ISO code and name.",
    },
}


def from_iso(code: str) -> EvidenceProps:
    """A node created from its ISO 3166 code: outside knowledge, marked as such."""
    return {
        "quotes": [],
        "aspect": "existence",
        "external": True,
        "note": f"created from ISO 3166 {code}",
    }
