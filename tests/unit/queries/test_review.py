"""A source's review, without a database: quotes ordered by where their words appear in the
source's text, outside knowledge grouped one item per fact and aspect, and the query's record
turned into the four lists."""

from __future__ import annotations

from graph.queries.review import (
    REVIEW,
    FigureRow,
    OutsideRow,
    QuoteRow,
    ReviewRow,
    assemble,
    in_text_order,
    merge_outside,
)

TEXT = (
    "Russian forces  struck\novernight. Ukraine\u2019s Air Force reported 145 drones. "
    "The call came first."
)


def quote(fact: str, words: str, aspect: str = "existence") -> QuoteRow:
    return {"fact": fact, "kind": "Attack", "aspect": aspect, "quote": words, "related": None}


def test_quotes_come_in_the_order_their_words_appear_in_the_text() -> None:
    ordered = in_text_order(
        TEXT,
        [
            quote("event:call", "The call came first."),
            quote("attack:wave", "Russian forces struck overnight"),
            quote("actor:air-force", "Air Force reported"),
        ],
    )
    assert [q["fact"] for q in ordered] == ["attack:wave", "actor:air-force", "event:call"]
    assert ordered[0]["position"] == 0
    positions = [q["position"] for q in ordered]
    assert None not in positions
    assert positions == sorted(p or 0 for p in positions)


def test_white_space_and_typographic_quote_marks_do_not_hide_a_quote() -> None:
    [found] = in_text_order(TEXT, [quote("actor:air-force", "Ukraine's   Air\nForce")])
    assert found["position"] == len("Russian forces struck overnight. ")


def test_quotes_not_in_the_text_come_last_ordered_by_fact() -> None:
    ordered = in_text_order(
        TEXT,
        [
            quote("z:missing", "words nobody wrote"),
            quote("event:call", "The call came first."),
            quote("a:missing", "other words nobody wrote"),
        ],
    )
    assert [q["fact"] for q in ordered] == ["event:call", "a:missing", "z:missing"]
    assert [q["position"] is None for q in ordered] == [False, True, True]


def test_a_source_without_text_places_no_quote() -> None:
    ordered = in_text_order(None, [quote("b:x", "anything"), quote("a:x", "more")])
    assert [(q["fact"], q["position"]) for q in ordered] == [("a:x", None), ("b:x", None)]


def test_an_empty_quote_has_no_position() -> None:
    [found] = in_text_order(TEXT, [quote("a:x", "  ")])
    assert found["position"] is None


def outside(what: str, fact: str, aspect: str, **changes: object) -> OutsideRow:
    row: OutsideRow = {
        "what": what,
        "fact": fact,
        "kind": "Event",
        "aspect": aspect,
        "because": "comes from source:external-calendar",
        "source": None,
        "text": None,
        "note": None,
        "quotes": [],
        "related": None,
    }
    return {**row, **changes}  # type: ignore[typeddict-item]


def test_an_external_time_and_its_outside_evidence_are_one_item_to_review() -> None:
    merged = merge_outside(
        [
            outside("evidence", "event:call", "time", source="source:cal", note="public record"),
            outside("time", "event:call", "time", text="18 March", quotes=["a day after"]),
        ]
    )
    assert len(merged) == 1
    [item] = merged
    assert item["what"] == "time" and item["text"] == "18 March"
    assert item["source"] == "source:cal" and item["note"] == "public record"
    assert item["quotes"] == ["a day after"]


def test_different_aspects_of_one_fact_stay_apart_and_come_sorted() -> None:
    merged = merge_outside(
        [
            outside("time", "location:b", "time"),
            outside("evidence", "location:a", "coordinates", note="coordinates"),
            outside("evidence", "location:b", "coordinates"),
        ]
    )
    assert [(m["fact"], m["aspect"]) for m in merged] == [
        ("location:a", "coordinates"),
        ("location:b", "coordinates"),
        ("location:b", "time"),
    ]
    assert merged[0]["note"] is None  # a note repeating the aspect says nothing more


def figure(fact: str, value: int | None, attribution: str) -> FigureRow:
    return {
        "fact": fact,
        "attack": "attack:wave",
        "metric": "injured",
        "weapon": None,
        "value": value,
        "qualifier": "exact",
        "attribution": attribution,
        "note": None,
        "quotes": ["reports of injuries"],
    }


def record(quotes: list[QuoteRow], figures: list[FigureRow]) -> ReviewRow:
    return {
        "id": "source:report",
        "kind": "document",
        "title": "A report",
        "text": TEXT,
        "drafted": [],
        "outside": [outside("evidence", "location:a", "coordinates", source="source:geo")],
        "inferred": [
            {
                "link": "resolution",
                "fact": "location:a",
                "kind": "Location",
                "name": "A",
                "column": "name",
                "how": "iso-name",
                "rule": "ISO 3166-1 AA",
                "event": None,
                "quotes": [],
            }
        ],
        "figures": figures,
        "quotes": quotes,
    }


def test_the_record_is_grouped_into_the_four_lists_with_quotes_in_text_order() -> None:
    row = record(
        [
            {
                "fact": "event:call",
                "kind": "Event",
                "aspect": "time",
                "quote": "The call came",
                "related": None,
            },
            {
                "fact": "attack:wave",
                "kind": "Attack",
                "aspect": "existence",
                "quote": "struck",
                "related": None,
            },
        ],
        [figure("attack:wave/injured", None, "unattributed")],
    )
    review = assemble(row)
    assert review.source == "source:report" and review.has_text
    assert [o["source"] for o in review.outside] == ["source:geo"]
    assert [(i["link"], i["how"]) for i in review.inferred] == [("resolution", "iso-name")]
    assert [q["fact"] for q in review.quotes] == ["attack:wave", "event:call"]
    assert review.truncated == []


def test_a_figure_says_why_it_is_listed_unattributed_and_or_without_a_number() -> None:
    review = assemble(
        record(
            [],
            [
                figure("f:none", None, "unattributed"),
                figure("f:who", 2, "unattributed"),
                figure("f:number", None, "reported"),
            ],
        )
    )
    reasons = {f["fact"]: f["reasons"] for f in review.unreported_figures}
    assert reasons == {
        "f:none": ["unattributed", "no number"],
        "f:who": ["unattributed"],
        "f:number": ["no number"],
    }


def test_a_list_longer_than_the_limit_is_cut_and_named_as_cut() -> None:
    many: list[QuoteRow] = [
        {
            "fact": f"attack:{i}",
            "kind": "Attack",
            "aspect": "existence",
            "quote": "struck",
            "related": None,
        }
        for i in range(4)
    ]
    review = assemble(record(many, []), limit=3)
    assert len(review.quotes) == 3
    assert review.truncated == ["quotes"]


def test_the_query_takes_every_value_as_a_parameter_and_caps_every_list() -> None:
    assert "$source" in REVIEW and "$more" in REVIEW
    assert REVIEW.count("COLLECT {") == REVIEW.count("LIMIT $more") == 9
