"""Where what an ACLED import writes comes from: the dataset itself, the sources ACLED cites,
and ISO 3166 for the countries, regions and states the import creates when the graph has no
node for them yet. Every node the import creates or links traces to one of these."""

from __future__ import annotations

from typing import TypedDict

from graph.ingest.acled.rows import slug

DATASET = "source:acled"
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


DATASET_ROW: SourceRow = {
    "id": DATASET,
    "props": {"id": DATASET, "name": "ACLED", "title": "ACLED", "kind": "dataset"},
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


def cited_source(name: str) -> str:
    return "source:acled-cited/" + slug(name)


def named_in_dataset(column: str) -> EvidenceProps:
    """A node that exists because an ACLED row names it in this column."""
    return {
        "quotes": [],
        "aspect": "existence",
        "external": False,
        "note": f"named in ACLED's {column} column",
    }


def from_iso(code: str) -> EvidenceProps:
    """A node created from its ISO 3166 code: outside knowledge, marked as such."""
    return {
        "quotes": [],
        "aspect": "existence",
        "external": True,
        "note": f"created from ISO 3166 {code}",
    }
