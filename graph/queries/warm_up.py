"""Each analysis asked once as the service starts, in the background, so that the first
investigator to ask is not the one who waits.

Measured on the seed (2 cores, a freshly started Neo4j 5.26): the first statementsVersusActions
took 6.8 s, over the API's 5 s limit, and the next 0.04 s. Neither EXPLAIN (10 s, and the next
run still 6 s) nor a run for an id that matches nothing (6.5 s, then 4.1 s for the first real
actor) takes that cost away: it comes with the first run that reaches each part of the query.
So each analysis is asked about a real agreement, actor and unit, once through each of its
plans (busy and quiet sides: graph/queries/overlap.py)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import LiteralString, TypedDict, cast

from graph.queries import agreements, bearings, entities, timeline
from graph.store.database import Database

logger = logging.getLogger("deedgraph.warm_up")

# Whatever the graph holds that each analysis can be asked about: an agreement with parties,
# an actor with statements, a unit with attacks. One index-free step each, stopped at one.
SUBJECTS: LiteralString = """
RETURN COLLECT { MATCH (g:Agreement)-[:HAS_PARTY]->() RETURN g.id LIMIT 1 }[0] AS agreement,
       COLLECT { MATCH (:Statement)-[:MADE_BY]->(a:Actor) RETURN a.id LIMIT 1 }[0] AS actor,
       COLLECT { MATCH (:Attack)-[:CARRIED_OUT_BY]->(u:Actor) RETURN u.id LIMIT 1 }[0] AS unit
"""
PLANS = (10**9, -1)  # every side quiet (gathered), every side busy (scanned in time order)
PAGE = 50


class SubjectsRow(TypedDict):
    agreement: str | None
    actor: str | None
    unit: str | None


async def warm_up(database: Database) -> float:
    """Ask every analysis through each plan; the seconds it took. An empty graph has nothing
    to ask about (and nothing slow to ask)."""
    began = time.monotonic()
    [row] = cast(list[SubjectsRow], await database.read(SUBJECTS))
    # The answers are loaded whole, with their provenance and incoming links: those plans too.
    subjects = [id for id in (row["agreement"], row["actor"], row["unit"]) if id]
    if subjects:
        await entities.entities_by_ids(database, subjects, "full")
        await entities.incoming_by_ids(database, subjects)
    for busy in PLANS:
        if row["agreement"]:
            await agreements.attacks_after(
                database, row["agreement"], "announcement", PAGE, parties_only=True, busy=busy
            )
            await agreements.agreement_violations(database, row["agreement"], PAGE, busy=busy)
        if row["actor"]:
            await bearings.statements_versus_actions(database, row["actor"], PAGE, busy=busy)
        if row["unit"]:
            since = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
            await timeline.timeline(database, row["unit"], since, None, PAGE, busy=busy)
    return time.monotonic() - began
