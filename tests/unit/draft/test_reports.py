"""The seed and the shared excerpts, drafted without a graph: every quote is in the text,
every figure's number is written in it, every id referred to is defined, and the draft
passes the loader's check unchanged."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from draft import draft_report, read_report
from draft.figures import WORDS
from graph.ingest.facts.loader import check
from tests.support import ROOT

SHARED = ROOT / "seeds" / "reports"  # the four real excerpts, in the repository
REPORTS = [ROOT / "seeds" / "000_28cd22a57464658d.txt", *sorted(SHARED.glob("*.txt"))]


def drafted(path: Path, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / (path.stem + ".facts.yaml")
    report = read_report(
        path.read_text(encoding="utf-8"), path.stem, timezone="Europe/Kyiv",
        published=dt.date(2025, 3, 19) if path.name.startswith("000_") else None,
        text_file=str(path),
    )  # fmt: skip
    out.write_text(draft_report(report).yaml(), encoding="utf-8")
    return out, report.text


def walk(node: object, key: str | None = None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, k)
        yield ("dict", node)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, key)
    else:
        yield (key, node)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name[:12])
def test_draft_is_faithful_and_loads(path: Path, tmp_path: Path) -> None:
    out, text = drafted(path, tmp_path)
    data = yaml.safe_load(out.read_text())
    flat = " ".join(text.split())
    ids = {f["id"] for g in ("actors", "locations", "events", "statements", "agreements",
                             "attacks") for f in data.get(g, [])}  # fmt: skip
    ids |= {s["id"] for s in data["sources"]}
    numbers = {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)}
    lowered = text.lower()
    for key, value in walk(data):
        if key == "quotes":
            assert " ".join(str(value).split()) in flat, value
        if key == "dict" and isinstance(value, dict) and "metric" in value and "value" in value:
            v = value["value"]
            assert v in numbers or any(
                re.search(rf"\b{w}\b", lowered) for w, n in WORDS.items() if n == v
            ), value
        if key in ("speaker", "within", "country", "part_of", "by", "participants", "about",
                   "announced_in", "arose_from", "area", "location", "locations", "anchor",
                   "actor", "reported_by", "statement", "source"):  # fmt: skip
            assert value in ids, (key, value)
    _planned, problems = check([out])
    assert not problems, problems
