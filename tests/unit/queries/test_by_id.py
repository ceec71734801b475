"""The root fields by id: any entity, several in the order asked, or one of a kind only."""

from __future__ import annotations

from graph.queries import by_id
from tests.unit.queries.fake import Fake, database

RUSSIA = {"id": "actor:russia", "labels": ["Entity", "Actor"], "name": "Russia"}
CALL = {"id": "event:call", "labels": ["Entity", "Event"], "name": "The call"}


async def test_a_kinds_field_answers_only_an_entity_of_that_kind() -> None:
    assert (await by_id.actor(database(Fake([RUSSIA])), "actor:russia")) == RUSSIA
    assert await by_id.actor(database(Fake([CALL])), "event:call") is None
    assert await by_id.event(database(Fake([])), "event:nowhere") is None


async def test_nodes_asks_each_id_once_and_answers_in_the_order_asked() -> None:
    fake = Fake([CALL, RUSSIA])
    found = await by_id.nodes(
        database(fake), ["actor:russia", "nothing", "event:call", "actor:russia"], "plain"
    )
    assert found == [RUSSIA, None, CALL, RUSSIA]
    [(_, params)] = fake.sent
    assert params["ids"] == ["actor:russia", "nothing", "event:call"]
