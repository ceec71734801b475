"""The report's frame: its text, title, byline and date lines, and the document's id."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from draft.text import slug

MONTHS = (
    "january february march april may june july august september october november december"
).split()
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" + (
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "March 18, 2025 8:01 PM", "18 March 2025", "Updated: 07-03-2025 12:32 IST", "2025-03-07"
DATE_LINE = re.compile(
    r"(?P<mdy>\b(?P<m1>" + MONTH + r")\.? (?P<d1>\d{1,2}), (?P<y1>\d{4}))"
    r"|(?P<dmy>\b(?P<d2>\d{1,2}) (?P<m2>" + MONTH + r") (?P<y2>\d{4}))"
    r"|(?P<num>\b(?P<d3>\d{2})-(?P<m3>\d{2})-(?P<y3>\d{4}))"
    r"|(?P<iso>\b(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2}))"
)
BYLINE = re.compile(r"^\s*(?:by|By|BY)\s+(?P<who>.+?)(?=\s+" + MONTH + r"\b|$)")


def month_number(name: str) -> int:
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name.lower()[:3]))


def date_of(match: re.Match[str]) -> dt.date | None:
    try:
        if match["mdy"]:
            return dt.date(int(match["y1"]), month_number(match["m1"]), int(match["d1"]))
        if match["dmy"]:
            return dt.date(int(match["y2"]), month_number(match["m2"]), int(match["d2"]))
        if match["num"]:  # day first, as outlets outside the US write it
            return dt.date(int(match["y3"]), int(match["m3"]), int(match["d3"]))
        return dt.date(int(match["y4"]), int(match["m4"]), int(match["d4"]))
    except ValueError:
        return None


@dataclass
class Report:
    text: str
    name: str  # the file's stem: the default document id's slug
    text_file: str | None = None  # relative to where the facts file is written
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_quote: str | None = None  # the date line's words, when the date was read there
    timezone: str | None = None
    notes: list[str] = field(default_factory=list)  # what the frame reading decided

    @property
    def document(self) -> str:
        return "source:" + (slug(self.name)[:80] or "report")


def read_report(
    text: str,
    name: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    timezone: str | None = None,
    text_file: str | None = None,
) -> Report:
    """The frame: options win; otherwise the first line is the title, a byline is the
    publisher, and a date in the first lines is the publication date."""
    report = Report(text, name, text_file, title, publisher, url, published, None, timezone)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    head = lines[:4]
    if report.title is None and head and len(head[0]) < 200 and not head[0].endswith("."):
        report.title = head[0]
        report.notes.append("title read from the first line")
    for line in head:
        byline = BYLINE.match(line)
        if byline and report.publisher is None:
            report.publisher = byline["who"].strip()
            report.notes.append("publisher read from the byline")
        found = DATE_LINE.search(line)
        if found and report.published is None and len(line) < 120:
            day = date_of(found)
            if day is not None:
                report.published = day
                report.published_quote = found.group(0)
                report.notes.append(f"publication date read from the line {line!r}")
    if report.title is None:
        report.title = name
    return report


def from_file(path: Path, **options: object) -> Report:
    text = path.read_text(encoding="utf-8")
    return read_report(text, path.stem, **options)  # type: ignore[arg-type]
