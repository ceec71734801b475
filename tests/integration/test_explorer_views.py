"""The explorer's views in Debian's Chromium, on the seed report plus an imported ACLED file: the
source reader, the agreement record, the map, the graph's labels, keyboard and shared URLs."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Page, expect

from graph.domain.quotes import normalise
from graph.ingest.acled.imports import import_acled
from graph.store.database import Database
from tests.browser import chromium_page, snap
from tests.graphql_client import data
from tests.integration.conftest import EDITOR_KEY
from tests.integration.test_draft_api import DRAFT, TEXT, call
from tests.support import ROOT

HALT = "agreement:energy-infrastructure-halt"
SUMY = "acled-place:ua-59/sumskyi/sumy-community/sumy"
DNIPRO = "acled-place:ua-12/dniprovskyi/dnipro"


# A fresh server plans each analysis on its first call: measured up to ~5 s each on this 2-core
# machine while other tests run, so the page waits longer than Playwright's 5 s default.
expect.set_options(timeout=20_000)


@pytest.fixture
async def page(seeded: Database) -> AsyncIterator[Page]:
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_2023.csv"])
    async with chromium_page() as opened:
        yield opened


def review(api_url: str) -> dict[str, Any]:
    query = """{ sourceReview(sourceId: "source:report-000") {
      quotes { factId quote position } outside { factId } } }"""
    found: dict[str, Any] = data(api_url, query)["sourceReview"]
    return found


async def test_the_reader_lights_every_quoted_passage_and_lists_the_facts_of_one(
    page: Page, api_url: str
) -> None:
    expected = review(api_url)
    passages = {
        (q["position"], len(normalise(q["quote"])))
        for q in expected["quotes"]
        if q["position"] is not None
    }
    await page.goto(api_url + "/#view=source&source=source%3Areport-000")
    await expect(page.locator("mark.passage").first).to_be_visible()
    numbers = await page.eval_on_selector_all(
        "mark.passage", "marks => [...new Set(marks.flatMap(m => m.dataset.p.split(' ')))]"
    )
    assert len(numbers) == len(passages) > 20
    await expect(page.locator(".reader .hint")).to_contain_text(f"{len(passages)} quoted passages")
    # Words inside a longer quoted passage open the innermost passage holding them.
    await page.locator("mark.passage.overlap", has_text="two hospitals in the Sumy region").click()
    facts = page.locator("#passage-facts")
    await expect(facts).to_contain_text("Two hospitals in the Sumy region")
    await expect(facts.locator(".fact")).to_have_count(2)  # the target and the region
    await page.locator("mark.passage", has_text="Further reports indicate").first.click()
    await expect(facts).to_contain_text("2 facilities hit")
    await expect(facts.locator(".aspect").first).to_be_visible()
    assert "passage=" in page.url
    outside = page.locator(".external-fact")
    await expect(outside).to_have_count(len(expected["outside"]))
    await expect(outside.first).to_contain_text("from outside the document")
    await snap(page, "explorer-source")


async def test_a_quote_in_the_details_opens_its_passage_and_the_url_brings_it_back(
    page: Page, api_url: str
) -> None:
    await page.goto(api_url + "/#id=attack%3A2025-03-19-sumy-hospitals")
    quote = page.locator("#details button.quote", has_text="two hospitals").first
    words = (await quote.inner_text()).strip("“”")
    await quote.click()
    active = page.locator("mark.passage.active")
    await expect(active.first).to_be_visible()
    lit = "".join(await active.all_inner_texts())
    assert normalise(words) in normalise(lit)
    assert "view=source" in page.url and "passage=" in page.url
    await page.reload()
    await expect(page.locator("#tab-source")).to_have_attribute("aria-selected", "true")
    await expect(page.locator("mark.passage.active").first).to_be_visible()
    assert normalise("".join(await page.locator("mark.passage.active").all_inner_texts())) == (
        normalise(lit)
    )


async def test_a_dataset_source_says_it_keeps_no_text(page: Page, api_url: str) -> None:
    await page.goto(api_url + "/#view=source&source=source%3Aacled")
    await expect(page.locator("#source-view")).to_contain_text("keeps no text")
    await expect(page.locator("mark.passage")).to_have_count(0)


async def test_the_agreement_view_shows_parties_attacks_after_and_violations(
    page: Page, api_url: str
) -> None:
    query = """query($id: ID!) { attacksAfter(agreementId: $id, first: 500) { attack { id } }
      agreementViolations(agreementId: $id) { attack { id } targetInferred } }"""
    found = data(api_url, query, {"id": HALT})
    violations = found["agreementViolations"]  # one for each attack and accepting party
    broken = {v["attack"]["id"]: v["targetInferred"] for v in violations}
    assert "attack:2025-03-19-dnipropetrovsk-railway" in broken and len(broken) >= 2
    await page.goto(api_url + "/#view=agreement&agreement=" + HALT.replace(":", "%3A"))
    parties = page.locator("table.parties tbody tr")
    await expect(parties).to_have_count(2)
    await expect(parties.first).to_contain_text("accepted")
    rows = page.locator(".violation-row")
    await expect(rows).to_have_count(len(violations))
    for attack, inferred in broken.items():
        row = page.locator(f'.violation-row[data-attack="{attack}"]').first
        await expect(row.locator("td").nth(4)).to_have_text(
            "yes: from a dataset's notes" if inferred else "no"
        )
    after = {a["attack"]["id"] for a in found["attacksAfter"]}
    await expect(page.locator(".ax-item")).to_have_count(len(after))
    await expect(page.locator(".ax-item.violation")).to_have_count(len(after & set(broken)))
    # The first statementsVersusActions calls on a fresh server were measured at 7.5 s and 5.3 s
    # (stopped at the 5 s limit: the page asks again), then 2.9 s and 0.2 s.
    pairs = page.locator("#agreement-pairs")
    await expect(pairs).to_contain_text("contradicts", timeout=45_000)
    await snap(page, "explorer-agreement")


async def test_the_map_draws_places_as_points_or_areas_and_a_click_filters_by_place(
    page: Page, api_url: str
) -> None:
    await page.goto(api_url + "/#view=map&agreement=" + HALT.replace(":", "%3A"))
    markers = page.locator("#map .marker")
    await expect(markers.first).to_be_visible()
    places = set(await markers.evaluate_all("ms => ms.map(m => m.dataset.place)"))
    assert places == {
        "location:ukraine",  # the seed's places without coordinates, inside its outline
        "location:saudi-arabia",
        "location:dnipropetrovsk-oblast",  # areas derived from the ACLED points inside them
        "location:sumy-oblast",
        "location:bucha-raion",
        SUMY,
        DNIPRO,
        "acled-place:bucha-raion/bucha",
    }
    await expect(page.locator(f'#map .marker.point[data-place="{SUMY}"]')).to_have_count(1)
    dnipro = page.locator(f'#map .marker.area[data-place="{DNIPRO}"]')  # geo_precision 2
    await expect(dnipro).to_have_class("marker area violation")
    drawn = await markers.evaluate_all(
        "ms => new Set(ms.flatMap(m => m.dataset.events.split(' '))).size"
    )
    await expect(page.locator("#map-side")).to_contain_text(f"{drawn} of ")
    await page.locator(f'#map .marker[data-place="{SUMY}"]').click()
    await expect(page.locator("#place-filter")).to_contain_text("At Sumy")
    await expect(page.locator("#place-filter .result")).to_have_count(1)
    await expect(page.locator("#details h2")).to_have_text("Sumy")
    assert "place=acled-place" in page.url
    await snap(page, "explorer-map")


async def test_the_graph_keeps_its_labels_apart_and_names_its_node_kinds(
    page: Page, api_url: str
) -> None:
    await page.goto(api_url + "/#id=attack%3A2025-03-19-overnight-wave")  # 17 neighbours
    legend = page.locator("#graph-legend .legend-item")
    await expect(legend.first).to_be_visible()
    nodes = await page.evaluate("window.deedgraphGraph.nodeCount()")
    assert nodes >= 12
    counts = await legend.evaluate_all(
        "items => items.map(i => Number(i.querySelector('small').textContent))"
    )
    assert sum(counts) == nodes
    boxes = await page.evaluate("window.deedgraphGraph.visibleLabelBoxes()")
    assert len(boxes) >= 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"] or b["y2"] <= a["y1"]
            )
            assert apart, (a, b)
    await snap(page, "explorer-graph")


async def test_the_keyboard_moves_between_views_and_opens_a_passage(
    page: Page, api_url: str
) -> None:
    await page.goto(api_url + "/#view=source&source=source%3Areport-000")
    await expect(page.locator("mark.passage").first).to_be_visible()
    await page.locator("mark.passage").first.focus()
    await page.keyboard.press("Enter")
    await expect(page.locator("#passage-facts .fact").first).to_be_visible()
    await page.locator("#tab-source").focus()
    await page.keyboard.press("ArrowRight")
    await expect(page.locator("#tab-agreement")).to_have_attribute("aria-selected", "true")
    await expect(page.locator("#tab-agreement")).to_be_focused()
    await page.locator("body").click(position={"x": 5, "y": 880})
    await page.keyboard.press("2")
    await expect(page.locator("#tab-map")).to_have_attribute("aria-selected", "true")
    await page.keyboard.press("/")
    await expect(page.locator("#search")).to_be_focused()
    await page.go_back()  # history holds each view
    await expect(page.locator("#tab-agreement")).to_have_attribute("aria-selected", "true")


# WCAG 2's contrast ratio for every visible piece of text outside drawings: 4.5:1, or 3:1 for
# large text (24 px, or 18.66 px bold). The colour behind a text is its nearest ancestor's
# opaque background.
CONTRAST = """() => {
  const rgba = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(',').map((s) => parseFloat(s));
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const channel = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const failing = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('svg, canvas')) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
    const back = behind(el);
    let fore = rgba(style.color);
    fore = {r: fore.r * fore.a + back.r * (1 - fore.a), g: fore.g * fore.a + back.g * (1 - fore.a),
            b: fore.b * fore.a + back.b * (1 - fore.a)};
    const [hi, lo] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight) >= 700 && size >= 18.66);
    checked += 1;
    if (ratio < (large ? 3 : 4.5)) {
      const words = node.textContent.trim().slice(0, 40);
      const under = `rgb(${back.r}, ${back.g}, ${back.b})`;
      failing.push(`${words}: ${ratio.toFixed(2)} (${style.color} on ${under})`);
    }
  }
  return {checked, failing};
}"""


@pytest.mark.parametrize(
    "view",
    [
        "view=graph&id=" + HALT,
        "view=map",
        "view=source&source=source%3Areport-000",
        "view=agreement&agreement=" + HALT,
        "",  # the first screen: the story panels, the map and the histogram
        "view=map&region=UA-59",  # a region picked on the map
    ],
)
async def test_every_text_of_each_view_has_enough_contrast(
    page: Page, api_url: str, view: str
) -> None:
    await page.goto(api_url + "/#" + view)
    await expect(page.locator(".view:not([hidden])").first).to_be_visible()
    await page.wait_for_load_state("networkidle")
    found = await page.evaluate(CONTRAST)
    assert found["checked"] > 10, found
    assert found["failing"] == [], found["failing"]
    # The check itself sees a pale text when there is one.
    await page.evaluate(
        "() => { const s = document.createElement('span'); s.textContent = 'pale words';"
        " s.style.color = '#bbbbbb'; document.querySelector('.view:not([hidden])').append(s); }"
    )
    assert [f for f in (await page.evaluate(CONTRAST))["failing"] if "pale words" in f]


async def test_the_details_show_two_sources_side_by_side_and_mark_the_disputed_count(
    page: Page, seeded: Database, api_url: str
) -> None:
    from graph.ingest.facts.loader import load

    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_night.csv"])
    await load(seeded, [ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"])
    await page.goto(api_url + "/#id=attack%3A2025-03-19-overnight-wave")
    details = page.locator("#details")
    await expect(details.locator(".version")).to_have_count(2)
    await expect(details).to_contain_text("2 sources, 2 independent")
    disagreement = details.locator(".disagreement").first
    await expect(disagreement).to_contain_text("launched (drone)")
    await expect(disagreement.locator(".claim")).to_have_count(2)
    await expect(disagreement).to_contain_text("145")
    await expect(disagreement).to_contain_text("150")
    await expect(details.locator(".figure-disputed")).to_have_count(2)  # both counts marked
    # Each claim's words open its own passage in its own source.
    await disagreement.locator("button.quote", has_text="150 drones").click()
    await expect(page.locator("mark.passage.active").first).to_be_visible()
    assert "source%3Atest-followup-0319" in page.url or "source:test-followup-0319" in page.url
    await page.go_back()
    found = await page.evaluate(CONTRAST)
    assert found["failing"] == [], found["failing"]
    await snap(page, "explorer-sources")


# The Draft view, on an empty graph with an editor key (tests/integration/test_draft_api.py).


def unreferenced_statement(draft: dict[str, Any]) -> str:
    """A drafted statement no other fact refers to: rejecting it leaves a loadable file."""
    text = draft["yaml"]
    statements = [f["id"] for f in draft["facts"] if f["kind"] == "statement"]
    return str(next(s for s in statements if text.count(s) == 1))


async def test_the_draft_view_lights_a_pasted_report_and_loads_what_a_reviewer_kept(
    database: Database, drafting_url: str
) -> None:
    expected = call(drafting_url, DRAFT, {"text": TEXT, "published": "2025-03-19"})
    draft = expected["data"]["draftFacts"]
    rejected = unreferenced_statement(draft)
    actor = next(f for f in draft["facts"] if f["kind"] == "actor")
    async with chromium_page() as page:
        await page.goto(drafting_url + "/#view=draft")
        await page.locator("#draft-text").fill(TEXT)
        await page.locator("#draft-published").fill("2025-03-19")
        await page.locator("#draft-form button[type=submit]").click()
        facts = page.locator(".draft-fact")
        await expect(facts).to_have_count(len(draft["facts"]), timeout=120_000)
        lit = await page.locator("mark.drafted-passage").count()
        assert lit >= len({q["start"] for f in draft["facts"] for q in f["quotes"]}) // 2
        # Every quote of every fact is lit, verbatim.
        words = " ".join(await page.locator("mark.drafted-passage").all_inner_texts())
        assert all(q["text"].split()[0] in words for f in draft["facts"] for q in f["quotes"])
        # The keyboard reaches a fact from its words.
        await page.locator("mark.drafted-passage").first.focus()
        await page.keyboard.press("Enter")
        await expect(page.locator(".draft-fact input:focus")).to_have_count(1)
        found = await page.evaluate(CONTRAST)
        assert found["failing"] == [], found["failing"]
        # Reject one, edit one name, accept the rest, load with the editor key.
        one = facts.filter(has_text=rejected)
        await one.locator("[data-act=reject]").click()
        await expect(facts.filter(has_text=rejected)).to_have_class(re.compile("rejected"))
        named = facts.filter(has=page.locator(f'input[aria-label="name of {actor["id"]}"]'))
        await named.locator("input").fill(actor["name"] + " (edited)")
        await page.locator("[data-act=accept-rest]").click()
        await expect(page.locator(".draft-fact.drafted")).to_have_count(0)
        await page.locator("#draft-result").evaluate("result => result.scrollIntoView()")
        await snap(page, "explorer-draft")
        await page.locator("#draft-key").fill(EDITOR_KEY)
        await page.locator("#draft-load button[type=submit]").click()
        await expect(page.locator("#draft-loaded .loaded")).to_be_visible(timeout=60_000)
    answered = call(
        drafting_url,
        """query($rejected: ID!, $actor: ID!, $source: ID!) {
          rejected: node(id: $rejected) { id }
          actor: node(id: $actor) { name drafted { rule } }
          sourceReview(sourceId: $source) { drafted { factId } quotes { factId } }
        }""",
        {"rejected": rejected, "actor": actor["id"], "source": draft["sourceId"]},
    )
    assert "errors" not in answered, answered["errors"]
    loaded = answered["data"]
    assert loaded["rejected"] is None
    assert loaded["actor"] == {"name": actor["name"] + " (edited)", "drafted": None}
    assert loaded["sourceReview"]["drafted"] == []
    kept = {f["id"] for f in draft["facts"] if not f["parent"] and f["id"] != rejected}
    assert kept <= {q["factId"] for q in loaded["sourceReview"]["quotes"]}
