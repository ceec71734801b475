"""The explorer read at a glance (issue #28), in Debian's Chromium on the seed plus an imported
ACLED-shaped file of a few thousand rows that the test writes (ACLED's data is never
committed): the map fits and zooms with truthful counts and clickable regions, the graph's
labels stay legible and its leaves fold, the timeline brushes, the first screen tells the story."""

from __future__ import annotations

import csv
import math
import random
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, expect

from api.app import create_app
from bench.acled_csv import COLUMNS, SUB_EVENTS
from graph.ingest.acled.imports import import_acled
from graph.settings import Connection
from graph.store.database import Database
from tests.browser import chromium_page, snap
from tests.graphql_client import post
from tests.integration.conftest import SEED
from tests.integration.test_explorer_views import CONTRAST, HALT
from tests.support import ROOT, app_settings, running_app

expect.set_options(timeout=30_000)

ROWS = 3000
# ACLED's admin1 spelling, the region's rough centre and how many of the rows fall there: most
# near the front line and the border, as in the real data.
OBLASTS = (
    ("Donetska", 48.0, 37.8, 20), ("Kharkivska", 49.99, 36.23, 14), ("Zaporizka", 47.6, 35.6, 10),
    ("Khersonska", 46.75, 33.0, 10), ("Sumska", 50.91, 34.8, 9), ("Dnipropetrovska", 48.3, 34.9, 7),
    ("Luhanska", 48.9, 38.6, 5), ("Mykolaivska", 47.1, 31.9, 4), ("Odeska", 46.6, 30.6, 4),
    ("Chernihivska", 51.4, 31.9, 3), ("Kyivska", 50.3, 30.4, 3), ("Poltavska", 49.6, 34.5, 2),
    ("Zhytomyrska", 50.3, 28.6, 1), ("Lvivska", 49.8, 24.0, 1), ("Vinnytska", 49.2, 28.5, 1),
    ("Cherkaska", 49.4, 32.1, 1), ("Kirovohradska", 48.5, 32.3, 1), ("Volynska", 50.8, 25.3, 1),
)  # fmt: skip
DAYS = 120  # 2024-01-01 onwards


def write_acled(path: Path, rows: int = ROWS, seed: int = 28) -> Path:
    """ACLED's 2023 layout; a dozen settlements per oblast, each at fixed coordinates."""
    r = random.Random(seed)
    weights = [o[3] for o in OBLASTS]
    with path.open("w", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=COLUMNS)
        out.writeheader()
        for n in range(rows):
            admin1, lat, lon, _ = r.choices(OBLASTS, weights)[0]
            town = r.randrange(12)
            spot = random.Random(f"{admin1}-{town}")  # the same place every time
            event_type, sub_event = r.choice(SUB_EVENTS[:5])
            day = int(DAYS * r.random() ** 0.7)
            out.writerow(
                {
                    "event_id_cnty": f"UKR{n}",
                    "event_date": f"2024-{1 + day // 30:02d}-{1 + day % 28:02d}",
                    "year": "2024",
                    "time_precision": "1",
                    "disorder_type": "Political violence",
                    "event_type": event_type,
                    "sub_event_type": sub_event,
                    "actor1": "Military Forces of Russia (2000-)",
                    "assoc_actor_1": "",
                    "inter1": "State forces",
                    "actor2": "Civilians (Ukraine)" if r.random() < 0.5 else "",
                    "inter2": "Civilians",
                    "interaction": "State forces-Civilians",
                    "civilian_targeting": "",
                    "iso": "804",
                    "region": "Europe",
                    "country": "Ukraine",
                    "admin1": admin1,
                    "admin2": f"{admin1[:-1]}yi",
                    "admin3": "",
                    "location": f"{admin1[:-3]} settlement {town + 1}",
                    "latitude": f"{lat + spot.uniform(-0.6, 0.6):.4f}",
                    "longitude": f"{lon + spot.uniform(-0.9, 0.9):.4f}",
                    "geo_precision": "1",
                    "source": r.choice(["Agency A", "Local media"]),
                    "source_scale": "National",
                    "notes": f"Test event {n}: shelling damaged houses.",
                    "fatalities": str(int(r.expovariate(1))),
                    "tags": "",
                    "timestamp": "1700000000",
                }
            )
    return path


FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"


@pytest.fixture(scope="module")
async def glance(session_database: Database) -> Database:
    """The seed, the written ACLED file and a second account of one attack (so two sources
    disagree), loaded once for the module: the import takes most of a minute."""
    from graph.ingest.facts.loader import load

    await session_database.write("MATCH (n) WHERE NOT n:TargetCategory DETACH DELETE n")
    await load(session_database, [SEED])
    directory = Path(tempfile.mkdtemp(prefix="deedgraph-glance-"))
    try:
        # Batches of 500: one of 5,000 passed Neo4j's 60 s transaction limit on a busy machine.
        written = write_acled(directory / "acled.csv")
        await import_acled(session_database, [written], batch_size=500)
    finally:
        shutil.rmtree(directory)
    await import_acled(session_database, [ROOT / "tests" / "data" / "acled_night.csv"])
    await load(session_database, [FOLLOWUP])
    return session_database


@pytest.fixture(scope="module")
def glance_url(connection: Connection) -> Iterator[str]:
    """deedgraph with a 30 s query limit: on 3,000 attacks a fresh server's first
    agreementViolations passed the 5 s default three times running on this shared 2-core
    machine (load average 18); the page's own patience is tested, not the machine's speed."""
    settings = app_settings({"DEEDGRAPH_QUERY_TIMEOUT": "30"})
    with running_app(create_app(connection, settings)) as url:
        yield url


@pytest.fixture
async def page(glance: Database) -> AsyncIterator[Page]:
    async with chromium_page() as opened:
        yield opened


def patient(api_url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """An answer, asked again when the query passed its time limit: a fresh server's first plan
    of an analysis takes seconds on this 2-core machine while other tests run."""
    for _ in range(3):
        body = post(api_url, query, variables)
        if not any(
            e.get("extensions", {}).get("code") == "TIMEOUT" for e in body.get("errors", [])
        ):
            break
    assert "errors" not in body, body["errors"]
    found: dict[str, Any] = body["data"]
    return found


def totals(api_url: str, filter: dict[str, Any] | None = None) -> int:
    query = """query($filter: Filter) { attacks(filter: $filter) { totalCount }
      events(filter: $filter) { totalCount } }"""
    found = patient(api_url, query, {"filter": filter})
    return int(found["attacks"]["totalCount"]) + int(found["events"]["totalCount"])


MARKERS = """() => [...document.querySelectorAll('#map .points .marker')].map((m) => ({
  x: Number(m.dataset.x), y: Number(m.dataset.y), r: Number(m.dataset.r),
  count: Number(m.dataset.count), events: m.dataset.events.split(' ').length }))"""


def apart(markers: list[dict[str, float]]) -> None:
    for i, a in enumerate(markers):
        for b in markers[i + 1 :]:
            assert math.hypot(a["x"] - b["x"], a["y"] - b["y"]) >= a["r"] + b["r"], (a, b)


async def contrast_holds(page: Page) -> None:
    found = await page.evaluate(CONTRAST)
    assert found["checked"] > 10, found
    assert found["failing"] == [], found["failing"]


async def test_the_first_screen_tells_the_story_in_every_panel(page: Page, glance_url: str) -> None:
    violations = patient(
        glance_url,
        "query($id: ID!) { agreementViolations(agreementId: $id) { attack { id } } }",
        {"id": HALT},
    )["agreementViolations"]
    broken = len({v["attack"]["id"] for v in violations})
    told = patient(
        glance_url, "{ disagreements(first: 5) { totalCount nodes { about claims { value } } } }"
    )
    assert told["disagreements"]["nodes"], "the follow-up report disagrees with the seed"
    await page.goto(glance_url + "/")
    await expect(page.locator("#tab-map")).to_have_attribute("aria-selected", "true")
    agreements = page.locator("#story-agreements .story-row")
    await expect(agreements.first).to_be_visible()
    halt = page.locator(f'[data-agreement-count="{HALT}"]')
    await expect(halt).to_have_attribute("data-violations", str(broken), timeout=60_000)
    await expect(halt).to_have_text(f"{broken} violations")
    sources = page.locator("#story-sources .story-row")
    await expect(sources.first).to_be_visible()
    await expect(page.locator("#story-sources")).to_contain_text("ACLED")
    disagreements = page.locator("#story-disagreements .disagreement")
    await expect(disagreements).to_have_count(len(told["disagreements"]["nodes"]))
    first = told["disagreements"]["nodes"][0]
    await expect(disagreements.first).to_contain_text(first["about"])
    await expect(disagreements.first.locator(".claim")).to_have_count(len(first["claims"]))
    await expect(page.locator("#timeline .tl-bar").first).to_be_visible()
    await expect(page.locator("#map .points .marker").first).to_be_visible()
    await expect(page.locator("body")).not_to_contain_text("Search, then pick a result")
    # Each panel holds something: none is a bare hint.
    for panel in ("#results", "#details", "#timeline", "#map"):
        assert len((await page.locator(panel).inner_text()).strip()) > 40, panel
    await page.wait_for_load_state("networkidle")
    await contrast_holds(page)
    await snap(page, "explorer-first-screen")
    # A disagreement opens its fact.
    await disagreements.first.locator("button[data-go]").click()
    await expect(page.locator("#details .disagreement").first).to_be_visible()


async def test_the_map_fits_the_data_zooms_and_counts_truthfully(
    page: Page, glance_url: str
) -> None:
    total = totals(glance_url)
    assert total > 3000
    await page.goto(glance_url + "/#view=map")
    await expect(page.locator("#map .points .marker").first).to_be_visible()
    count = page.locator("#map-count")
    await expect(count).to_contain_text(f"of {total:,} shown — zoom in or filter")
    shown = int((await count.inner_text()).split(" of ")[0].replace(",", ""))
    assert 900 <= shown < total  # the latest 1,000 attacks and the events
    await expect(page.locator("#map-total")).to_contain_text(f"{shown:,} of {total:,} events")
    box = await page.locator("#map svg").bounding_box()
    assert box
    markers = await page.evaluate(MARKERS)
    apart(markers)
    for m in markers:  # every point inside the map: it fits the data
        assert 0 <= m["x"] <= box["width"] and 0 <= m["y"] <= box["height"], m
    xs, ys = [m["x"] for m in markers], [m["y"] for m in markers]
    assert max(xs) - min(xs) > box["width"] / 3 or max(ys) - min(ys) > box["height"] / 3
    assert all(m["count"] >= m["events"] > 0 for m in markers)
    # Zooming in splits clusters; they still never overlap and their counts still read.
    await page.locator("#zoom-in").click()
    await page.locator("#zoom-in").click()
    await page.wait_for_function("Math.abs(window.deedgraphMap.transform().k - 4) < 0.01")
    zoomed = await page.evaluate(MARKERS)
    apart(zoomed)
    assert max(m["count"] for m in zoomed) < max(m["count"] for m in markers)
    sizes = await page.eval_on_selector_all(
        "#map .points text", "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize))"
    )
    assert sizes and min(sizes) >= 11
    # Dragging pans.
    before = await page.evaluate("window.deedgraphMap.transform()")
    await page.mouse.move(box["x"] + 60, box["y"] + box["height"] - 60)
    await page.mouse.down()
    await page.mouse.move(box["x"] + 160, box["y"] + box["height"] - 20, steps=5)
    await page.mouse.up()
    after = await page.evaluate("window.deedgraphMap.transform()")
    assert after["x"] != before["x"] and after["k"] == before["k"]
    # A cluster opens by zooming in on it.
    cluster = page.locator("#map .points .marker.cluster").first
    if await cluster.count():
        await cluster.dispatch_event("click")
        await page.wait_for_function("window.deedgraphMap.transform().k > 5")
    await page.locator("#zoom-fit").click()
    await contrast_holds(page)
    await snap(page, "explorer-map-acled")


async def test_regions_are_drawn_with_crimea_in_ukraine_and_a_click_filters_the_page(
    page: Page, glance_url: str
) -> None:
    await page.goto(glance_url + "/#view=map")
    await expect(page.locator("#map .points .marker").first).to_be_visible()
    ukraine = await page.eval_on_selector_all(
        "#map path.region", "ps => ps.map(p => p.dataset.region).filter(c => c.startsWith('UA-'))"
    )
    assert len(ukraine) == 27  # 24 oblasts, Kyiv, Crimea and Sevastopol
    assert await page.locator("#map path.region[data-region^='RU-']").count() > 80
    for point, region in (([34.1, 44.95], "UA-43"), ([33.52, 44.6], "UA-40")):
        assert await page.evaluate("p => window.deedgraphMap.regionAt(p)", point) == region
        assert await page.evaluate("p => window.deedgraphMap.countryAt(p)", point) == "Ukraine"
    at = patient(glance_url, '{ attacks(filter: {location: "location:iso/ua-14"}) { totalCount } }')
    inside = at["attacks"]["totalCount"]
    assert inside > 100
    await page.locator("#map path.region[data-region='UA-14']").dispatch_event("click")
    await expect(page.locator("#place-filter")).to_contain_text("At Donetska oblast")
    await expect(page.locator("#place-filter [data-total]")).to_have_attribute(
        "data-total", str(inside)
    )
    assert "region=UA-14" in page.url
    await expect(page.locator("#map-count")).to_contain_text(f"{inside:,} of {inside:,}")
    await expect(page.locator("#map path.region.picked")).to_have_attribute("data-region", "UA-14")
    await expect(page.locator("#timeline .tl-caption")).to_contain_text("In Donetska oblast")
    await expect(page.locator("#details h2")).to_have_text("Donetska oblast")
    counts = await page.evaluate(MARKERS)
    assert sum(m["count"] for m in counts) == inside
    await page.wait_for_load_state("networkidle")
    await contrast_holds(page)
    await snap(page, "explorer-region")
    await page.locator("#clear-region").click()
    await expect(page.locator("#map-count")).to_contain_text("zoom in or filter")


async def test_the_histogram_shows_every_day_with_nothing_open_and_brushing_filters(
    page: Page, glance_url: str
) -> None:
    await page.goto(glance_url + "/#view=map")
    bars = page.locator("#timeline .tl-bar")
    await expect(bars.first).to_be_visible()
    assert await bars.count() > 60
    await expect(page.locator("#map .points .marker").first).to_be_visible()
    brush = await page.locator("#timeline .brush .overlay").bounding_box()
    assert brush
    # The ACLED days fill the left of the axis (the seed's March 2025 sits at the right).
    await page.mouse.move(brush["x"] + brush["width"] * 0.05, brush["y"] + 20)
    await page.mouse.down()
    await page.mouse.move(brush["x"] + brush["width"] * 0.2, brush["y"] + 20, steps=6)
    await page.mouse.up()
    await expect(page).to_have_url(re.compile(r"from=2024-\d\d-\d\d&to=2024-\d\d-\d\d"))
    state = dict(part.split("=") for part in page.url.split("#")[1].split("&"))
    window = {"start": f"{state['from']}T00:00:00Z", "end": f"{state['to']}T23:59:59Z"}
    inside = totals(glance_url, window)
    assert 0 < inside < totals(glance_url)
    await expect(page.locator("#map-count")).to_contain_text(f"of {inside:,}")
    await expect(page.locator("#timeline .tl-bar.outside").first).to_be_attached()
    await expect(page.locator("#timeline .tl-caption")).to_contain_text(f"Showing {state['from']}")
    await page.wait_for_load_state("networkidle")
    await contrast_holds(page)
    await snap(page, "explorer-timeline")
    # With something open, the timeline shows its ranges again.
    await page.goto(glance_url + "/#id=" + HALT)
    await expect(page.locator("#timeline .tl-item").first).to_be_visible()


async def test_the_graph_keeps_labels_legible_and_folds_leaves_of_one_kind(
    page: Page, glance_url: str
) -> None:
    await page.goto(glance_url + "/#id=acled-actor%3Amilitary-forces-of-russia-2000")
    await expect(page.locator("#graph-legend .legend-item").first).to_be_visible()
    groups = await page.evaluate("window.deedgraphGraph.groups()")
    assert [(g["type"], g["count"]) for g in groups] == [("Attack", 100)]
    nodes = await page.evaluate("window.deedgraphGraph.nodeCount()")
    sizes = await page.evaluate("window.deedgraphGraph.labelSizes()")
    assert len(sizes) == nodes and min(sizes) >= 11
    # A click on the group opens it.
    canvas = await page.locator("#graph").bounding_box()
    assert canvas
    at = groups[0]["at"]
    await page.mouse.click(canvas["x"] + at["x"], canvas["y"] + at["y"])
    await page.wait_for_function(f"window.deedgraphGraph.nodeCount() === {nodes + 99}")
    assert await page.evaluate("window.deedgraphGraph.groups()") == []
    sizes = await page.evaluate("window.deedgraphGraph.labelSizes()")
    assert len(sizes) >= 10 and min(sizes) >= 11
    # Hundreds of nodes: zoomed out as far as it goes, labels stay legible and never overlap.
    took = await page.evaluate("window.deedgraphGraph.load('location:sumy-oblast', 500, 3)")
    print(f"500-node neighbourhood fetched and laid out in {took:.0f} ms")  # reported, not tested
    shown = await page.evaluate("window.deedgraphGraph.nodeCount()")
    assert shown >= 20
    for zoom in (1, 0.4):
        if zoom != 1:
            await page.evaluate(f"window.deedgraphGraph.zoom({zoom})")
        sizes = await page.evaluate("window.deedgraphGraph.labelSizes()")
        assert len(sizes) >= 8 and min(sizes) >= 11, sizes
        boxes = await page.evaluate("window.deedgraphGraph.visibleLabelBoxes()")
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert (
                    a["x2"] <= b["x1"]
                    or b["x2"] <= a["x1"]
                    or a["y2"] <= b["y1"]
                    or b["y2"] <= a["y1"]
                ), (a, b)
    await contrast_holds(page)
    await snap(page, "explorer-graph-large")
    # Every group opened: the whole neighbourhood, laid out again, labels still legible.
    opened = await page.evaluate(UNFOLD_ALL)
    print(f"all groups opened: {opened[1]} nodes laid out in {opened[0]:.0f} ms")
    assert opened[1] > 200
    sizes = await page.evaluate("window.deedgraphGraph.labelSizes()")
    assert len(sizes) >= 8 and min(sizes) >= 11


UNFOLD_ALL = """() => {
  const t = performance.now();
  for (const g of window.deedgraphGraph.groups()) window.deedgraphGraph.unfold(g.id);
  return [performance.now() - t, window.deedgraphGraph.nodeCount()];
}"""
