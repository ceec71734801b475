"""Debian's Chromium driven by Playwright for the explorer's page tests (never a browser
download), and screenshots: test-artifacts/ always, and DEEDGRAPH_SCREENSHOTS too when set
(`DEEDGRAPH_SCREENSHOTS=docs/screenshots pytest tests/integration/test_explorer_views.py`
refreshes the README's)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Page, async_playwright

from tests.support import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@asynccontextmanager
async def chromium_page(width: int = 1440, height: int = 900) -> AsyncIterator[Page]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = await browser.new_context(viewport={"width": width, "height": height})
        try:
            yield await context.new_page()
        finally:
            await browser.close()


async def snap(page: Page, name: str) -> None:
    """A screenshot of the page as it is, for people to look at."""
    folders = [ARTIFACTS]
    if os.environ.get("DEEDGRAPH_SCREENSHOTS"):
        folders.append(ROOT / os.environ["DEEDGRAPH_SCREENSHOTS"])
    for folder in folders:
        Path(folder).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(folder) / f"{name}.png"))
