"""The explorer, live: facts loaded while the page is open show on it without a reload (its
`changes` subscription, explorer/src/live.js), with a notice that keeps the contrast rule."""

from __future__ import annotations

import asyncio

from playwright.async_api import expect

from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import load
from graph.store.database import Database
from tests.browser import chromium_page, snap
from tests.integration.test_explorer_views import CONTRAST
from tests.integration.test_subscriptions import SETTLE
from tests.support import ROOT

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
