"""Where sources agree and where they differ, read from each fact's accounts
(graph/queries/accounts.py): every source's version of a fact, how many stand behind it, the
time they allow together, and the disagreements: figures of one count with different values
or reporters, times that cannot both hold, places that do not nest, different attributions."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from graph.queries.accounts import (
    AccountRow,
    FigureAccount,
    Member,
    Related,
    SourceEvidence,
    accounts,
    told_twice,
)
from graph.store.database import Database

KINDS = ("figure", "reporter", "time", "place", "attribution")


@dataclass(frozen=True)
class Span:
    text: str | None
    start_earliest: dt.datetime
    start_latest: dt.datetime
    end_earliest: dt.datetime
    end_latest: dt.datetime


@dataclass(frozen=True)
class Version:
    """What one source said of a fact (or of a record confirmed as the same incident)."""

    record: str  # the fact, or the confirmed record, it is about
    document: str
    source: SourceEvidence
    fields: dict[str, Any]
    time: Span | None
    by: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    value: str
    source: SourceEvidence
    reporter: str | None
    quotes: tuple[str, ...]
    record: str


@dataclass(frozen=True)
class Disagreement:
    kind: str
    fact: str
    about: str  # in words: "launched (drone)", "the time", ...
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Combined:
    """The time every source allows: their intersection, or conflicting when there is none."""

    span: Span | None
    conflicting: bool
    sources: int


def _instant(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if hasattr(value, "to_native"):  # the driver's DateTime
        native: dt.datetime = value.to_native()
        return native
    return dt.datetime.fromisoformat(str(value))


BOUNDS = ("startEarliest", "startLatest", "endEarliest", "endLatest")


def _span(said: dict[str, Any]) -> Span | None:
    if any(said.get(key) is None for key in BOUNDS):
        return None
    return Span(
        said.get("timeText"),
        _instant(said["startEarliest"]),
        _instant(said["startLatest"]),
        _instant(said["endEarliest"]),
        _instant(said["endLatest"]),
    )


def _stated_by(items: list[Related], document: str) -> tuple[str, ...]:
    return tuple(
        sorted(i["id"] for i in items if i["documents"] is None or document in i["documents"])
    )


def versions(row: AccountRow) -> list[Version]:
    """Each source's version of the fact and of every record confirmed as the same incident."""
    found = []
    for member in row["members"]:
        times = {
            e["document"]: _span(json.loads(e["said"]))
            for e in member["evidence"]
            if e["aspect"] == "time" and e["said"]
        }
        for evidence in member["evidence"]:
            if evidence["kind"] == "external" or evidence["aspect"] not in ("existence", "cited"):
                continue
            document = evidence["document"]
            if evidence["said"] is not None:  # a facts file's: what it said, if anything
                fields = json.loads(evidence["said"])
                time = times.get(document)
            else:  # an import's record: its own properties are its source's words
                fields = {k: member[k] for k in ("name", "kind", "category") if member[k]}
                time = _span(dict(member))
            found.append(
                Version(
                    member["id"],
                    document,
                    evidence,
                    fields,
                    time,
                    _stated_by(member["by"], document),
                    _stated_by(member["places"], document),
                )
            )
    return found


def originator(member: Member, evidence: SourceEvidence) -> str:
    """Whose word it is at first hand: a statement's speaker, whoever the outlet; otherwise
    the publisher (two reports of one outlet are one voice), else the source."""
    if "Statement" in member["labels"] and member["speaker"]:
        return member["speaker"]
    return evidence["publisher"] or evidence["source"]


@dataclass(frozen=True)
class Corroboration:
    sources: tuple[str, ...]
    independent: tuple[str, ...] = field(default=())


def corroboration(row: AccountRow) -> Corroboration:
    sources: set[str] = set()
    independent: set[str] = set()
    for member in row["members"]:
        for evidence in member["evidence"]:
            if evidence["kind"] == "external":
                continue
            sources.add(evidence["source"])
            independent.add(originator(member, evidence))
    return Corroboration(tuple(sorted(sources)), tuple(sorted(independent)))


def combined(found: list[Version]) -> Combined:
    spans = [v.time for v in found if v.time is not None]
    if not spans:
        return Combined(None, False, 0)
    start_earliest = max(s.start_earliest for s in spans)
    end_latest = min(s.end_latest for s in spans)
    if start_earliest > end_latest:
        return Combined(None, True, len(spans))
    span = Span(
        None,
        start_earliest,
        max(min(s.start_latest for s in spans), start_earliest),
        min(max(s.end_earliest for s in spans), end_latest),
        end_latest,
    )
    return Combined(span, False, len(spans))


def _figure_claims(figure: FigureAccount, record: str) -> list[Claim]:
    claims = []
    for evidence in figure["evidence"]:
        if evidence["aspect"] not in ("existence", "cited"):
            continue
        said = json.loads(evidence["said"]) if evidence["said"] else {}
        value = said.get("value", figure["value"])
        qualifier = said.get("qualifier", figure["qualifier"]) or "exact"
        text = "no number" if value is None else str(value)
        if qualifier != "exact" and value is not None:
            text = f"{qualifier.replace('_', ' ')} {value}"
        claims.append(Claim(text, evidence, figure["reporter"], tuple(evidence["quotes"]), record))
    return claims


def _figures(row: AccountRow) -> list[Disagreement]:
    groups: dict[tuple[str, str | None, str | None], list[Claim]] = {}
    for member in row["members"]:
        for figure in member["figures"]:
            key = (figure["metric"], figure["weapon"], figure["category"])
            groups.setdefault(key, []).extend(_figure_claims(figure, member["id"]))
    found = []
    for (metric, weapon, category), told in sorted(groups.items(), key=str):
        claims = sorted(told, key=lambda c: (c.source["source"], c.value))
        about = metric + "".join(f" ({x})" for x in (weapon, category) if x)
        numbers = {c.value for c in claims if c.value != "no number"}
        if len(numbers) > 1:
            found.append(Disagreement("figure", row["id"], about, tuple(claims)))
        elif (
            len({c.reporter for c in claims}) > 1 and len({c.source["source"] for c in claims}) > 1
        ):
            found.append(Disagreement("reporter", row["id"], about, tuple(claims)))
    return found


def _claims(found: list[Version], value: Any) -> tuple[Claim, ...]:
    ordered = sorted(found, key=lambda v: (v.source["source"], v.record))
    return tuple(
        Claim(value(v), v.source, None, tuple(v.source["quotes"]), v.record) for v in ordered
    )


def _nested(a: Related, b: Related) -> bool:
    return a["id"] == b["id"] or a["id"] in b["broader"] or b["id"] in a["broader"]


def differences(row: AccountRow) -> list[Disagreement]:
    """Where one fact's sources differ, kind by kind (its accounts: accounts.accounts)."""
    found = _figures(row)
    told = versions(row)
    timed = [v for v in told if v.time is not None]
    if len({v.document for v in timed}) > 1 and combined(timed).conflicting:
        found.append(
            Disagreement("time", row["id"], "the time", _claims(timed, lambda v: v.time.text or ""))
        )
    related: dict[str, dict[str, Related]] = {"by": {}, "places": {}}
    for member in row["members"]:
        for key in ("by", "places"):
            for item in member[key]:
                related[key][item["id"]] = item
    for key, kind, about in (("places", "place", "the place"), ("by", "attribution", "who did it")):
        sets = [v for v in told if getattr(v, key)]
        if len({v.document for v in sets}) < 2:
            continue
        apart = any(
            not any(_nested(related[key][x], related[key][y]) for y in getattr(w, key))
            for v in sets
            for w in sets
            for x in getattr(v, key)
            if v.document != w.document
        )
        if apart:
            known = related[key]

            def names(v: Version, key: str = key, known: dict[str, Related] = known) -> str:
                return ", ".join(known[i]["name"] or i for i in getattr(v, key))

            found.append(Disagreement(kind, row["id"], about, _claims(sets, names)))
    return found


def single_source(row: AccountRow) -> bool:
    return len(corroboration(row).sources) <= 1


# Facts read per request when no `about` is given: each is one row of one query.
MOST_FACTS = 2000


async def disagreements(
    database: Database, about: str | None, kinds: list[str] | None = None
) -> list[Disagreement] | None:
    """Query.disagreements: where sources differ about one fact (`about`), or about every
    fact more than one source tells (the first MOST_FACTS of them by id), kept to `kinds`
    when given; None when `about` names no fact. Two queries: accounts.TOLD_TWICE (without
    `about`) and accounts.ACCOUNTS, compared in Python (differences)."""
    ids = [about] if about is not None else (await told_twice(database))[:MOST_FACTS]
    rows = await accounts(database, ids) if ids else {}
    if about is not None and about not in rows:
        return None
    return [
        d for id in ids if id in rows for d in differences(rows[id]) if not kinds or d.kind in kinds
    ]
