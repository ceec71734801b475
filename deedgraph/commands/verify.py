"""`deedgraph verify`: review one source (or a facts file's document) for an editor, in one
read: outside knowledge, inferred links, figures without a reporter, facts still marked
drafted, and every quote in the order of the text (graph/queries/review.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import yaml

from deedgraph.console import friendly, on_graph
from graph.errors import BadInputError
from graph.settings import Connection

if TYPE_CHECKING:
    from graph.queries.additions import Contribution
    from graph.queries.review import Review
    from graph.store.database import Database

FILE_ENDINGS = (".yaml", ".yml", ".json")


def source_of(argument: str) -> str:
    """The source id itself, or the `document` of the facts file the argument names."""
    path = Path(argument)
    if not (path.suffix in FILE_ENDINGS or path.is_file()):
        return argument
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise BadInputError(f"{path}: cannot read the facts file: {error}") from None
    document = data.get("document") if isinstance(data, dict) else None
    if not isinstance(document, str):
        raise BadInputError(f"{path}: names no `document` source to review")
    return document


def words(quotes: list[str]) -> str:
    return " ".join(f'"{quote}"' for quote in quotes)


def report(review: Review) -> list[str]:
    """The review as lines to read, grouped under its headings."""
    lines = [f"Review of {review.source} ({review.kind or 'source'}): {review.title}", ""]
    lines.append(f"Outside knowledge ({len(review.outside)})")
    for o in review.outside:
        party = f" {o['related']} {o['text']}" if o["what"] == "party" else ""
        worded = f' "{o["text"]}"' if o["what"] == "time" and o["text"] else ""
        note = f" ({o['note']})" if o["note"] else ""
        quoted = f" {words(o['quotes'])}" if o["quotes"] else ""
        lines.append(
            f"  {o['fact']} ({o['kind']}) {o['aspect']}{party}{worded}: "
            f"{o['because']}{note}{quoted}"
        )
    lines += ["", f"Inferred links ({len(review.inferred)})"]
    for i in review.inferred:
        if i["link"] == "resolution":
            lines.append(
                f'  {i["fact"]} ({i["kind"]}) named "{i["name"]}" in {i["column"]}: '
                f"{i['how']}, {i['rule']}"
            )
        else:
            lines.append(
                f'  {i["fact"]} (inferred target of {i["event"]}) "{i["name"]}": {i["rule"]}'
                + (f" {words(i['quotes'])}" if i["quotes"] else "")
            )
    lines += ["", f"Figures without a reporter ({len(review.unreported_figures)})"]
    for f in review.unreported_figures:
        qualifier = "" if f["qualifier"] in (None, "exact") else f"{f['qualifier']} "
        value = "no number" if f["value"] is None else f"{qualifier}{f['value']}"
        weapon = " " + f["weapon"] if f["weapon"] else ""
        note = " (" + f["note"] + ")" if f["note"] else ""
        lines.append(
            f"  {f['fact']} ({f['metric']}{weapon}, {value}): "
            f"{', '.join(f['reasons'])}{note} {words(f['quotes'])}"
        )
    lines += ["", f"Drafted, not yet reviewed ({len(review.drafted)}, least sure first)"]
    for d in review.drafted:
        lines.append(
            f"  {d['confidence']:.2f} {d['fact']} ({d['kind']}, {d['rule']}) {words(d['quotes'])}"
        )
    placed = sum(1 for q in review.quotes if q["position"] is not None)
    lines += ["", f"Quotes ({len(review.quotes)}, in the order of the text)"]
    for q in review.quotes:
        at = f"@{q['position']}" if q["position"] is not None else "not in text"
        related = f" -> {q['related']}" if q["related"] else ""
        lines.append(f'  {at} {q["fact"]} ({q["kind"]}, {q["aspect"]}{related}) "{q["quote"]}"')
    if review.truncated:
        lines += ["", "cut at the limit: " + ", ".join(review.truncated)]
    lines += [
        "",
        f"{review.source}: {len(review.outside)} outside knowledge, "
        f"{len(review.inferred)} inferred links, {len(review.unreported_figures)} figures "
        f"without a reporter, {len(review.drafted)} drafted, {len(review.quotes)} quotes "
        f"({len(review.quotes) - placed} not found in the text)",
    ]
    return lines


@friendly
def verify(
    target: Annotated[
        str, typer.Argument(help="A source id, or a facts file (its `document` is reviewed).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the review as JSON.")] = False,
) -> None:
    """Review a source for an editor: facts resting on outside knowledge, inferred links,
    figures without a reporter, facts still marked drafted, and every quote in the order of
    the source's text."""
    from graph.queries.additions import contribution
    from graph.queries.review import source_review

    source = source_of(target)

    async def both(db: Database) -> tuple[Review, Contribution]:
        return await source_review(db, source), await contribution(db, source)

    found, added = asyncio.run(on_graph(Connection.from_env(), both))
    if as_json:
        whole = dataclasses.asdict(found) | {
            "additions": [dataclasses.asdict(a) for a in added.additions],
            "disagreements": [dataclasses.asdict(d) for d in added.disagreements],
        }
        typer.echo(json.dumps(whole, indent=2, ensure_ascii=False, default=str))
        return
    lines = report(found)
    lines[-2:-2] = contributed(added)  # before the closing count
    for line in lines:
        typer.echo(line)


def contributed(found: Contribution) -> list[str]:
    """What the source adds to other sources' facts, and where it differs from them."""
    lines = ["", f"Adds to facts other sources defined ({len(found.additions)})"]
    for a in found.additions:
        by = a.defined_by or "an import"
        lines.append(f"  {a.fact} ({a.kind}{', ' + a.name if a.name else ''}), defined by {by}")
    lines += ["", f"Disagrees with other sources ({len(found.disagreements)})"]
    for d in found.disagreements:
        claims = "; ".join(f"{c.value} ({c.source['source']})" for c in d.claims)
        lines.append(f"  {d.fact} {d.kind}, {d.about}: {claims}")
    return lines
