"""PROFILE of each question's floor: the Cypher deedgraph runs for it, run once under PROFILE
after the answers are checked, summed as database hits and the operators that make most of
them. Where deedgraph is slower than its floor, this says what Neo4j's part was."""

from __future__ import annotations

from typing import Any, LiteralString

import neo4j

from bench import maps, mission
from bench.questions import RAW


def floor_of(question: str, variables: dict[str, Any]) -> tuple[LiteralString, dict[str, Any]]:
    """The floor's Cypher and parameters, as its contender asks them."""
    if question in maps.QUESTIONS:
        return maps.floor_cypher(question, variables)
    if question in mission.QUESTIONS:
        return mission.RAW[question], mission.raw_parameters(question, variables)
    return RAW[question], variables


def operators(plan: Any) -> list[tuple[str, int, int]]:
    """(operator, db hits, rows) of every operator of a profiled plan, depth first."""
    found = [(str(plan["operatorType"]).split("@")[0], plan.get("dbHits", 0), plan.get("rows", 0))]
    for child in plan.get("children", []):
        found += operators(child)
    return found


async def profiled(
    driver: neo4j.AsyncDriver, database: str, question: str, variables: dict[str, Any]
) -> dict[str, Any]:
    cypher, parameters = floor_of(question, variables)
    async with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as s:
        result = await s.run("PROFILE " + cypher, parameters)
        summary = await result.consume()
    plan = summary.profile or {}
    found = operators(plan)
    top = sorted(found, key=lambda o: -o[1])[:3]
    return {
        "db hits": sum(o[1] for o in found),
        "rows": plan.get("rows", 0),
        "top": [{"operator": o[0], "db hits": o[1]} for o in top],
        "milliseconds": (summary.result_available_after or 0)
        + (summary.result_consumed_after or 0),
    }


def lines(plans: dict[str, Any]) -> list[str]:
    if not plans:
        return []
    out = [
        "",
        "## The floor's Cypher under PROFILE",
        "",
        "Each question's floor run once under PROFILE (bench/plans.py): database hits, and the "
        "three operators with most of them. Time: as the server reports it under PROFILE, "
        "which adds its own counting.",
        "",
        "| question | db hits | ms under PROFILE | most db hits |",
        "| --- | --- | --- | --- |",
    ]
    for question, plan in plans.items():
        if "failed" in plan:
            out.append(f"| {question} | not measured: {plan['failed']} | | |")
            continue
        top = ", ".join(f"{o['operator']} {o['db hits']:,}" for o in plan["top"])
        out.append(f"| {question} | {plan['db hits']:,} | {plan['milliseconds']} | {top} |")
    return out
