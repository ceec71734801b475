"""One answer, two paths, for the analyses (api/compile/analyses.py, rows.py): a compiled
attacksAfter, agreementViolations, statementsVersusActions or timeline answers with the same
`data`, `errors` and extensions.truncated as the standard path, over the seed report with an
ACLED import and a retraction, for every selection of the compiled subset (generated from
the table of row fields itself) and arguments around each. What is not compiled says why."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st

from api.compile.analyses import ROWS, Named, Nested, Value
from graph.store.database import Database
from tests.integration.test_compiled import ask, compiled_api_url  # noqa: F401
from tests.integration.test_two_paths import RETRACTED, world  # noqa: F401
from tests.support import generated

EXAMPLES = int(os.environ.get("DEEDGRAPH_FUZZ_EXAMPLES", "60"))
AGREEMENT = "agreement:energy-infrastructure-halt"

# Each analysis: its row type, the argument naming its subject, and other arguments to try.
ANALYSES: dict[str, tuple[str, str, list[str]]] = {
    "attacksAfter": (
        "AttackAfter",
        "agreementId",
        [
            "mode: DEFINITELY",
            "moment: IN_FORCE",
            "withinDays: 2",
            "withinDays: -1",
            "partiesOnly: true",
            "singleSource: true",
            "reviewedOnly: true",
            "minConfidence: 0.5",
        ],
    ),
    "agreementViolations": (
        "Violation",
        "agreementId",
        ["singleSource: true", "reviewedOnly: true", "minConfidence: 0.9"],
    ),
    "statementsVersusActions": (
        "StatementVersusAction",
        "actorId",
        ["reviewedOnly: true", "minConfidence: 0.9"],
    ),
    "timeline": (
        "TimelineItem",
        "entityId",
        [
            'start: "2025-03-18T00:00:00Z"',
            'end: "2025-03-20T00:00:00Z"',
            'start: "2025-03-20T00:00:00Z", end: "2025-03-18T00:00:00Z"',
            "reviewedOnly: true",
        ],
    ),
}
IDENTITY = ["id", "__typename", "typeName"]


def selection(table: Any) -> st.SearchStrategy[str]:
    """A selection of the compiled subset under a row type (or a nested object)."""
    choices: list[st.SearchStrategy[str]] = [st.just("__typename")]
    for name, how in table.items():
        if isinstance(how, Value):
            choices.append(st.just(name))
        elif isinstance(how, Named):
            inner = st.lists(st.sampled_from(IDENTITY), min_size=1, max_size=3, unique=True)
            choices.append(inner.map(" ".join).map(under(name)))
        else:
            assert isinstance(how, Nested)
            choices.append(selection(how.fields).map(under(name)))
    fields = st.lists(st.one_of(choices), min_size=1, max_size=6, unique_by=argument_name)
    return fields.map(" ".join)


def under(name: str) -> Callable[[str], str]:
    return lambda inner: f"{name} {{ {inner} }}"


def argument_name(text: str) -> str:
    """A field's or an argument's name (start and end together count as one)."""
    name = text.split()[0].rstrip(":")
    return "period" if name in ("start", "end") else name


async def subjects(database: Database) -> dict[str, list[str]]:
    """Ids to ask about: agreements, actors and entities of the graph, and one that is none."""
    found: dict[str, list[str]] = {}
    for argument, query in (
        ("agreementId", "MATCH (n:Agreement) RETURN n.id AS id ORDER BY id LIMIT 4"),
        ("actorId", "MATCH (n:Actor) RETURN n.id AS id ORDER BY id LIMIT 6"),
        ("entityId", "MATCH (n:Entity) WHERE NOT n:Source RETURN n.id AS id ORDER BY id LIMIT 6"),
    ):
        found[argument] = [str(r["id"]) for r in await database.read(query)] + ["nope"]
    found["actorId"] += ["actor:russia", "actor:ukraine"]
    found["entityId"] += ["actor:russia", RETRACTED]
    return found


def both(client: httpx.Client, compiled: str, standard: str, document: str) -> tuple[Any, ...]:
    """Each path's (status, data, errors, truncated), and the compiled server's extensions."""
    for _ in range(3):
        answers = [ask(client, url, document, None) for url in (compiled, standard)]
        if "TIMEOUT" not in str(answers):
            break
    (status, body), (standard_status, standard_body) = answers

    def seen(status: int, body: dict[str, Any]) -> tuple[Any, ...]:
        truncated = (body.get("extensions") or {}).get("truncated")
        return status, body.get("data"), body.get("errors"), truncated

    return seen(status, body), seen(standard_status, standard_body), body.get("extensions") or {}


async def compiled_alike(
    compiled_url: str, standard_url: str, documents: list[str]
) -> list[tuple[Any, ...]]:
    """Each document asked of both paths: answered alike, compiled, in one query."""

    def run() -> list[tuple[Any, ...]]:
        with httpx.Client(timeout=30) as client:
            return [both(client, compiled_url, standard_url, d) for d in documents]

    answers = await asyncio.to_thread(run)
    for document, (compiled, standard, extensions) in zip(documents, answers, strict=True):
        assert compiled == standard, document
        assert extensions["compiled"] is True, (document, extensions)
        assert extensions["cypherQueries"] == 1
    return answers


async def answered_alike(
    compiled_url: str,
    standard_url: str,
    draw: Callable[[st.DataObject], str],
    reasons: tuple[str, ...],
    examples: int = EXAMPLES,
) -> list[bool | str]:
    """Documents drawn by `draw`, each asked of both paths: the same status, data, errors and
    truncation; when not compiled, one of `reasons` (what the standard path must say itself).
    Each document's outcome: True, or the reason it was not compiled."""
    outcomes: list[bool | str] = []

    def run() -> None:
        with httpx.Client(timeout=30) as client:

            @generated(examples)
            @given(data=st.data())
            def compare(data: st.DataObject) -> None:
                document = draw(data)
                compiled, standard, extensions = both(client, compiled_url, standard_url, document)
                assert compiled == standard, document
                assert "compiled" in extensions, document
                if extensions["compiled"] is False:
                    assert extensions["compiledReason"] in reasons, (document, extensions)
                outcomes.append(extensions["compiled"] or extensions["compiledReason"])

            compare()

    await asyncio.to_thread(run)
    return outcomes


async def test_generated_analyses_answer_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    ids = await subjects(world)

    def draw(data: st.DataObject) -> str:
        root = data.draw(st.sampled_from(sorted(ANALYSES)))
        row_type, subject, others = ANALYSES[root]
        arguments = [f'{subject}: "{data.draw(st.sampled_from(ids[subject]))}"']
        arguments += data.draw(
            st.lists(st.sampled_from(others), max_size=2, unique_by=argument_name)
        )
        first = data.draw(st.sampled_from([None, 0, 1, 2, 600]))
        if first is not None:
            arguments.append(f"first: {first}")
        fields = data.draw(selection(ROWS[row_type]))
        alias = data.draw(st.sampled_from(["", "answer: "]))
        return f"{{ {alias}{root}({', '.join(arguments)}) {{ {fields} }} }}"

    outcomes = await answered_alike(
        compiled_api_url,
        api_url,
        draw,
        ("its arguments do not hold", "an empty answer is checked against its subject"),
    )
    # Many draws find nothing (a subject with no rows, a narrow window): those fall back, so
    # only a few must be compiled (11 of 60 on a fresh test graph; the mission's questions
    # are compiled for certain in the next test).
    assert outcomes.count(True) >= min(5, len(outcomes) // 4), outcomes


async def test_the_mission_questions_are_compiled_with_their_truncation(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    documents = [
        f'{{ attacksAfter(agreementId: "{AGREEMENT}", first: 1) '
        "{ attack { id __typename } definitelyAfter hoursAfter machineCoded } }",
        f'{{ __typename v: agreementViolations(agreementId: "{AGREEMENT}") {{ attack {{ id }} '
        "party { role actor { id typeName } } definitelyAfter targetInferred } }",
        '{ statementsVersusActions(actorId: "actor:russia") { statement { id } agreement { id } '
        "action { id } relation reason timing definitelyAfter targetInferred "
        "targets { id } } }",
        '{ timeline(entityId: "actor:russia", first: 3) { entity { __typename id } relations } }',
    ]

    answers = await compiled_alike(compiled_api_url, api_url, documents)
    for document, (compiled, _, _) in zip(documents, answers, strict=True):
        assert compiled[1] and all(compiled[1].values()), document  # something answered
    # first: 1 of several attacks after the halt; three of Russia's timeline
    assert answers[0][0][3] == [
        {
            "path": ["attacksAfter"],
            "shown": 1,
            "total": None,
            "rest": "ask with a larger first (up to 500), or narrow the question",
        }
    ]
    assert answers[3][0][3][0]["path"] == ["timeline"]
    assert answers[1][0][1]["__typename"] == "Query"


def test_what_is_not_compiled_under_an_analysis_says_why(
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    cases = {
        f'{{ attacksAfter(agreementId: "{AGREEMENT}") {{ attack {{ name }} }} }}': (
            "AttackAfter.attack: only what an entity is (its id) is compiled"
        ),
        f'{{ agreementViolations(agreementId: "{AGREEMENT}") {{ reasons {{ time }} }} }}': (
            "Violation.reasons is not compiled"
        ),
        f'{{ attacksAfter(agreementId: "{AGREEMENT}") {{ hoursAfter }} '
        'timeline(entityId: "actor:russia") { relations } }': "one analysis per compiled document",
        '{ timeline(entityId: "nope") { relations } }': (
            "an empty answer is checked against its subject"
        ),
        f'{{ attacksAfter(agreementId: "{AGREEMENT}", withinDays: 0) {{ hoursAfter }} }}': (
            "its arguments do not hold"
        ),
    }
    with httpx.Client(timeout=30) as client:
        for document, reason in cases.items():
            compiled, standard, extensions = both(client, compiled_api_url, api_url, document)
            assert compiled == standard, document
            assert extensions["compiled"] is False, document
            assert extensions["compiledReason"] == reason
