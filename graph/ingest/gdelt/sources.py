"""GDELT as a source: the dataset node every GDELT fact is supported by, and the articles (or,
in some GDELT 1.0 rows, outlets) each event was coded from. GDELT asks that it be cited:
"The GDELT Project, https://www.gdeltproject.org/"."""

from __future__ import annotations

from urllib.parse import urlsplit

from graph.ingest.datasets.rows import slug
from graph.ingest.datasets.sources import Dataset

GDELT = Dataset(
    id="source:gdelt",
    name="GDELT",
    title="The GDELT Project: Event Database (1.0 and 2.0)",
    version="gdeltDateAdded",
    note="Machine-coded from news by CAMEO (who did what to whom); every fact it supports is "
    "marked machineCoded, with a confidence from its mention and source counts.",
    url="https://www.gdeltproject.org/",
)


def cited(text: str) -> tuple[str, dict[str, object]]:
    """The source node for an event's SOURCEURL: an article by its URL, or an outlet by name."""
    if text.startswith(("http://", "https://")):
        id = "source:gdelt-cited/" + slug(text)[:200]
        host = urlsplit(text).netloc.removeprefix("www.")
        props: dict[str, object] = {"id": id, "name": host or text, "title": text, "url": text}
    else:
        id = "source:gdelt-cited/" + slug(text)
        props = {"id": id, "name": text, "title": text}
    props["kind"] = "report"
    return id, props
