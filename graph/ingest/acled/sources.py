"""ACLED as a source: the dataset node every ACLED event is supported by, and the sources its
rows cite (its `source` column)."""

from __future__ import annotations

from graph.ingest.datasets.rows import slug
from graph.ingest.datasets.sources import Dataset

ACLED = Dataset(id="source:acled", name="ACLED", title="ACLED", version="acledTimestamp")
DATASET = ACLED.id


def cited_source(name: str) -> str:
    return "source:acled-cited/" + slug(name)


def cited_props(name: str) -> dict[str, object]:
    return {"id": cited_source(name), "name": name, "title": name, "kind": "report"}
