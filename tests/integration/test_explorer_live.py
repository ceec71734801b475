"""The explorer, live: facts loaded while the page is open show on it without a reload (its
`changes` subscription, explorer/src/live.js), with a notice that keeps the contrast rule."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from playwright.async_api import expect

from api.app import create_app
from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import load
from graph.settings import Connection
from graph.store.database import Database
from tests.browser import chromium_page, snap
from tests.integration.conftest import READER_KEY
from tests.integration.test_explorer_views import CONTRAST
from tests.integration.test_subscriptions import SETTLE, settings
from tests.support import ROOT, app_settings, running_app

FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"

# A fresh server plans each analysis on its first call (test_explorer_views.py).
expect.set_options(timeout=20_000)


async def test_a_load_while_the_page_is_open_shows_its_disagreement_and_a_live_notice(
    seeded: Database, api_url: str
) -> None:
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_night.csv"])
    async with chromium_page() as page:
        await page.goto(api_url + "/")
        disagreements = page.locator("#story-disagreements")
        await expect(disagreements).to_be_visible()
        await expect(page.locator("body[data-live=on]")).to_have_count(1)
        await expect(disagreements).not_to_contain_text("145")
        await page.evaluate("() => { window.notReloaded = true; }")
        await asyncio.sleep(SETTLE)  # the subscription's first read of the change log

        await load(seeded, [FOLLOWUP])

        notice = page.locator("#live-notice")
        await expect(notice).to_be_visible()
        await expect(notice).to_have_attribute("aria-live", "polite")
        await expect(notice).to_contain_text("new fact")
        await expect(notice).to_contain_text("source:test-followup-0319")
        await expect(notice).to_contain_text("just now")
        claims = disagreements.locator(".disagreement", has_text="145")
        await expect(claims).to_have_count(1)
        await expect(claims).to_contain_text("150")
        assert await page.evaluate("() => window.notReloaded === true"), "the page was reloaded"
        await page.wait_for_load_state("networkidle")
        found = await page.evaluate(CONTRAST)
        assert found["failing"] == [], found["failing"]
        assert any("new fact" in text for text in await notice.all_inner_texts())
        await snap(page, "explorer-live")


@pytest.fixture(scope="module")
def keyed_url(connection: Connection) -> Iterator[str]:
    """A server whose reads need a key (the page itself is served without one)."""
    env = settings(DEEDGRAPH_READS_NEED_KEY="true")
    with running_app(create_app(connection, app_settings(env))) as url:
        yield url


async def test_where_reads_need_a_key_the_page_asks_for_one_and_lives_with_it(
    seeded: Database, keyed_url: str
) -> None:
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_night.csv"])
    async with chromium_page() as page:
        await page.goto(keyed_url + "/")
        # Without a key: the queries are refused (the page asks for one), and so is the live
        # subscription, closed with 4403 and not retried.
        form = page.locator("#key-form")
        await expect(form).to_be_visible()
        await expect(page.locator("#key-why")).to_contain_text("an API key is required")
        await expect(page.locator("body[data-live=refused]")).to_have_count(1)

        # A wrong key is refused as such.
        await page.locator("#api-key").fill("dg_not-a-key")
        await page.locator("#key-form button[type=submit]").click()
        await expect(page.locator("#key-why")).to_contain_text("not valid")
        await expect(page.locator("body[data-live=refused]")).to_have_count(1)

        # The reader's key: the page reads, and the subscription is accepted with it.
        await page.locator("#api-key").fill(READER_KEY)
        await page.locator("#key-form button[type=submit]").click()
        await expect(page.locator("body[data-live=on]")).to_have_count(1)
        await expect(form).to_be_hidden()
        disagreements = page.locator("#story-disagreements")
        await expect(disagreements).to_be_visible()
        await expect(page.locator("#story-sources .story-row").first).to_be_visible()
        await page.evaluate("() => { window.notReloaded = true; }")
        await asyncio.sleep(SETTLE)  # the subscription's first read of the change log

        await load(seeded, [FOLLOWUP])

        notice = page.locator("#live-notice")
        await expect(notice).to_be_visible()
        await expect(notice).to_contain_text("source:test-followup-0319")
        await expect(disagreements.locator(".disagreement", has_text="145")).to_have_count(1)
        # The newly loaded report heads the first screen's recently loaded sources.
        newest = page.locator("#story-sources .story-row button[data-read]").first
        await expect(newest).to_have_attribute("data-read", "source:test-followup-0319")
        assert await page.evaluate("() => window.notReloaded === true"), "the page was reloaded"
        # The key stays in the tab's session storage, never in the address.
        assert "dg_" not in page.url
