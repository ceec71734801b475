"""The explorer page in real headless Chromium (Debian's), against the seeded graph."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Page, expect

from graph.store.database import Database
from tests.browser import chromium_page
from tests.support import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
async def page(seeded: Database) -> AsyncIterator[Page]:
    async with chromium_page() as opened:
        yield opened


async def test_search_sumy_open_the_attack_see_target_and_quote(page: Page, api_url: str) -> None:
    await page.goto(api_url + "/")
    await page.fill("#search", "Sumy")
    await page.click("#search-form button")
    attacks = page.locator(".group", has_text="Attack")
    await expect(attacks).to_be_visible()
    await attacks.get_by_text("Drone strikes on two hospitals in the Sumy region").click()
    details = page.locator("#details")
    await expect(details.locator(".target")).to_contain_text("Two hospitals in the Sumy region")
    await expect(details.locator(".quote").first).to_contain_text("two hospitals")
    await expect(details).to_contain_text("unattributed in the source")
    await expect(page.locator("#graph canvas").first).to_be_visible()
    assert "id=attack%3A2025-03-19-sumy-hospitals" in page.url  # the URL holds the selection
    await expect(
        page.locator('.tl-item[data-id="attack:2025-03-19-sumy-hospitals"]')
    ).to_have_count(1)
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "explorer-sumy-attack.png"))


async def test_agreement_timeline_highlights_the_violating_strike(page: Page, api_url: str) -> None:
    await page.goto(api_url + "/#id=agreement%3Aenergy-infrastructure-halt")
    violation = page.locator(
        '.tl-item.violation[data-id="attack:2025-03-19-dnipropetrovsk-railway"]'
    )
    await expect(violation).to_have_count(1)
    await expect(violation).to_contain_text("breaks the agreement")
    # The wave too: it targeted energy infrastructure.
    assert await page.locator(".tl-item.violation").count() == 2
    await expect(page.locator(".tl-inforce")).to_have_count(1)
    await expect(page.locator("#details")).to_contain_text("both sides had agreed")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "explorer-energy-agreement.png"))


async def test_a_shared_url_opens_the_same_view(page: Page, api_url: str) -> None:
    await page.goto(api_url + "/#q=Zelenskyy&id=actor%3Avolodymyr-zelenskyy")
    await expect(page.locator("#details h2")).to_have_text("Volodymyr Zelenskyy")
    await expect(page.locator(".result.selected")).to_have_text("Volodymyr Zelenskyy")
