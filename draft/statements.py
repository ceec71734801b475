"""Statements: a sentence with a reporting verb and its speaker ("X said", "according to X",
"X accused Y of ..."), the speaker found as the verb's subject (the parse) or the name
nearest before the verb; "he" is the last person who spoke, "the statement" the last
statement."""

from __future__ import annotations

import re

from draft import same_statement, times
from draft.context import Context, Fact, Mention
from draft.text import Span, slug

VERBS = {
    "said": "claim", "says": "claim", "stated": "claim", "wrote": "claim", "added": "claim",
    "told": "claim", "noted": "claim", "emphasized": "claim", "emphasised": "claim",
    "insisted": "claim", "declared": "claim", "confirmed": "claim", "claimed": "claim",
    "reported": "report", "reports": "report", "announced": "announcement",
    "accused": "accusation", "urged": "appeal", "demanded": "appeal", "called on": "appeal",
    "denied": "denial", "warned": "claim", "mentioned": "announcement",
    "pledged": "commitment", "promised": "commitment", "vowed": "commitment",
    "refuted": "denial",
}  # fmt: skip
VERB = re.compile(r"\b(?P<v>" + "|".join(sorted(VERBS, key=len, reverse=True)) + r")\b")
ACCORDING = re.compile(r"\b[Aa]ccording to (?:a readout of the call issued by )?")
PRONOUN = re.compile(r"^(?:He|She)\b|[,”\"] (?:he|she) (?:said|added|wrote)\b")
NUMBER = re.compile(
    r"\b(?:\d+|[Nn]o|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)\b"
)
QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
OTHER_SOURCE = re.compile(r"\b(?:reports?|reportedly|indicated?|sources?|according)\b", re.I)
UNKNOWN = ""  # the parse gives a subject that names no actor found
BY_PRONOUN = "pronoun"  # the parse gives a pronoun as the subject
COLLECTIVE = {"statement", "readout", "report", "company"}
STATEMENT = re.compile(r"\b[Tt]he statement (?:also )?(?:said|added|mentioned)\b")


def find(ctx: Context) -> None:
    last_person: str | None = None
    last: Fact | None = None
    title = (ctx.report.title or "").strip()
    for span in ctx.sentences:
        words = span.of(ctx.text)
        if title and words.strip() == title:
            continue  # the headline: the body says it again, with its speaker
        flat = " ".join(words.split())
        speaker, kind, sure = None, None, 0.0
        according = ACCORDING.search(words)
        if according:
            after = ctx.mentions_in(Span(span.start + according.end(), span.end), "Actor")
            if after:
                speaker, kind, sure = after[0].id, "report", 0.8
        if speaker is None and STATEMENT.search(words) and last is not None:
            if flat not in last["quotes"]:
                last["quotes"].append(flat)
            last["_span"] = (last["_span"][0], span.end)  # what it also said is in it
            continue
        verb = VERB.search(words)
        if speaker is None and verb is not None:
            kind = VERBS[verb["v"]]
            before = [
                m for m in ctx.mentions_in(Span(span.start, span.start + verb.start()), "Actor")
            ]
            after = ctx.mentions_in(Span(span.start + verb.end(), span.end), "Actor")
            parsed = _parsed_subject(ctx, span.start + verb.start())
            if parsed == UNKNOWN:
                pass  # a subject no rule names ("the energy minister"): not a guess
            elif parsed == BY_PRONOUN:
                speaker, sure = (last_person, 0.6) if last_person else (None, 0.0)
            elif parsed is not None:
                speaker, sure = parsed, 0.8
            elif before:
                speaker, sure = _subject(ctx, before), 0.6
            elif PRONOUN.search(words) and last_person:
                speaker, sure = last_person, 0.5
            elif after and words[verb.end() : verb.end() + 2].strip() == "":
                speaker, sure = after[0].id, 0.5
        if speaker is None or kind is None:
            if last is not None and _goes_on(ctx, last, span):
                last["_span"] = (last["_span"][0], span.end)  # the report goes on
                last["quotes"].append(flat) if flat not in last["quotes"] else None
            continue
        if ctx.facts["actors"].get(speaker, {}).get("kind") == "person" or speaker in ctx.in_graph:
            last_person = speaker
        id = f"statement:{slug(speaker.split(':', 1)[1])[:40]}-{kind}"
        n = 2
        while id in ctx.facts["statements"]:
            id = f"statement:{slug(speaker.split(':', 1)[1])[:40]}-{kind}-{n}"
            n += 1
        about = [
            m.id for m in ctx.mentions_in(span, "Actor") if m.id != speaker
        ]  # the attack and agreement it speaks of are added as they are found
        fact: Fact = {
            "id": id,
            "kind": kind,
            "speaker": speaker,
            "text": flat,
            "about": list(dict.fromkeys(about)),
            "quotes": [flat],
            "drafted": ctx.drafted(f"statements.{kind}", sure),
            "_span": (span.start, span.end),
        }
        told = _repeated(ctx, speaker, flat)
        if told is not None:  # a teaser repeating the lead: its figures are the statement's
            told.setdefault("_also", []).append((span.start, span.end))
            continue
        if (
            last is not None
            and (last["speaker"], last["kind"]) == (speaker, kind)
            and kind in ("claim", "report")
            and _adjacent(ctx, last, span)
        ):
            last["quotes"].append(flat)  # the same speaker going on: one statement
            last["text"] += " " + flat
            last["_span"] = (last["_span"][0], span.end)
            continue
        ctx.add("statements", fact)
        last = fact
    same_statement.merge(ctx)


def _repeated(ctx: Context, speaker: str, flat: str) -> Fact | None:
    return next(
        (f for f in ctx.facts["statements"].values()
         if f["speaker"] == speaker and flat in f["quotes"]),
        None,
    )  # fmt: skip


def _adjacent(ctx: Context, last: Fact, span: Span) -> bool:
    return ctx.text[last["_span"][1] : span.start].strip() == ""


def _goes_on(ctx: Context, last: Fact, span: Span) -> bool:
    """A sentence right after a report, in its paragraph, giving a number and no speaker of
    its own ("At least two people sustained injuries."), still tells what was reported."""
    between = ctx.text[last["_span"][1] : span.start]
    return (
        last["kind"] in ("report", "claim")
        and "\n" not in between
        and between.strip() == ""
        and NUMBER.search(span.of(ctx.text)) is not None
        and not QUOTE_MARK.search(span.of(ctx.text))
        and not OTHER_SOURCE.search(span.of(ctx.text))
    )


def _subject(ctx: Context, before: list[Mention]) -> str:
    """The verb's subject: the last actor named before the verb (the parse's nsubj when it
    names one)."""
    return before[-1].id


def _parsed_subject(ctx: Context, at: int) -> str | None:
    """The actor the parse gives as the reporting verb's subject ("the Air Force said", "X,
    the governor, said"): the widest actor named at the subject's head, else in its words."""
    if not ctx.pipeline.has_parse:
        return None
    words = ctx.doc.char_span(at, at + 1, alignment_mode="expand")
    if words is None or len(words) == 0 or words[0].idx != at:
        return None
    token = words[0]
    actors = [m for m in ctx.mentions if m.label == "Actor"]
    for child in token.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        found = [m for m in actors if m.start <= child.idx < m.end]
        if not found:
            low = min(t.idx for t in child.subtree)
            high = max(t.idx + len(t) for t in child.subtree)
            found = [m for m in actors if low <= m.start and m.end <= high]
        if found:
            return max(found, key=lambda m: m.end - m.start).id
        if child.pos_ == "PRON":
            return BY_PRONOUN  # "he added": the person who spoke last
        if child.pos_ in ("NOUN", "PROPN") and child.lower_ not in COLLECTIVE:
            return UNKNOWN
    return None


def statement_at(ctx: Context, span: Span) -> Fact | None:
    words = span.of(ctx.text)
    first = span.start + len(words) - len(words.lstrip())  # a sentence's leading space is not it
    for fact in ctx.facts["statements"].values():
        for start, end in (fact["_span"], *fact.get("_also", ())):
            if start <= first < end:
                return fact
    return None


def settle_times(ctx: Context) -> None:
    """A statement's time: its own words, else right after the attack it reports, else the
    publication day, else a placeholder."""
    for fact in ctx.facts["statements"].values():
        start, end = fact.pop("_span")
        fact.pop("_also", None)
        span = Span(start, end)
        spec = times.time_for(ctx, span)
        if spec is None and ctx.main_attack is not None:
            attack = ctx.facts["attacks"].get(ctx.main_attack, {})
            quotes = attack.get("time", {}).get("quotes") or attack.get("quotes", [])[:1]
            if quotes:
                spec = {"text": "after the attack it reports", "anchor": ctx.main_attack,
                        "quotes": quotes}  # fmt: skip
        fact["time"] = spec or times.undated(ctx)
        if ctx.main_attack and ctx.main_attack not in fact["about"] and fact["kind"] == "report":
            fact["about"].append(ctx.main_attack)
