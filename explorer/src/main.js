// deedgraph explorer: built only on the public GraphQL API at /graphql. Everything shown follows
// from the URL's fragment (urls.js), so a view is shared by sharing its address.
import { $, COLOURS, esc, gql, setApiKey } from "./api.js";
import { loadDetails, renderDetails } from "./details.js";
import * as graph from "./graph.js";
import { openAgreement } from "./agreement.js";
import { initDraft } from "./draft.js";
import { drawMap, redraw } from "./map.js";
import { openSource, passageOfQuote, showPassage } from "./source.js";
import { histogram, placeTimeline, timeline } from "./timeline.js";
import { regionPlaces } from "./scope.js";
import { storyLeft, storyRight } from "./story.js";
import { startLive } from "./live.js";
import { readState, VIEWS, writeState } from "./urls.js";

const shown = {}; // what each part of the page shows now, so a change redraws only that part

const fail = (where) => (error) => { $(where).innerHTML = `<p class="error">${esc(error.message)}</p>`; };

async function search(text) {
  const results = $("#search-results");
  results.innerHTML = `<p class="hint">Searching…</p>`;
  const data = await gql(`query($text: String!) { search(text: $text, first: 50) { entity { id typeName name } } }`, { text });
  const groups = {};
  for (const hit of data.search) (groups[hit.entity.typeName] ||= []).push(hit.entity);
  results.innerHTML = Object.entries(groups).map(([kind, entities]) => `<div class="group">
    <h3><span class="kind" style="background:${COLOURS[kind] || "#777"}"></span>${esc(kind)}</h3>
    ${entities.map((e) => `<button type="button" class="result" data-go="${esc(e.id)}">${esc(e.name || e.id)}</button>`).join("")}</div>`).join("")
    || `<p class="hint">Nothing found.</p>`;
  markSelected();
}

function markSelected() {
  const id = readState().id;
  document.querySelectorAll(".result").forEach((b) => b.classList.toggle("selected", b.dataset.go === id));
}

async function placeFilter(place, { from, to } = {}) {
  const box = $("#place-filter");
  if (!place) { box.innerHTML = ""; return; }
  const filter = { location: place, start: from ? `${from}T00:00:00Z` : null, end: to ? `${to}T23:59:59Z` : null };
  const data = await gql(`query($id: ID!, $filter: Filter) { location(id: $id) { id name } attacks(filter: $filter, first: 100, order: TIME_DESC) {
    totalCount nodes { id name } } }`, { id: place, filter });
  const days = from || to ? ` <small>${esc(from || "…")} to ${esc(to || "…")}</small>` : "";
  box.innerHTML = `<div class="filter"><h3>At ${esc(data.location?.name || place)} <small data-total="${data.attacks.totalCount}">${data.attacks.totalCount} attacks</small>${days}</h3>
    <button type="button" class="link" id="clear-place">clear the place filter</button>
    ${data.attacks.nodes.map((a) => `<button type="button" class="result" data-go="${esc(a.id)}">${esc(a.name)}</button>`).join("")}</div>`;
}

async function openEntity(id) {
  const node = await loadDetails(id);
  if (!node) { $("#details").innerHTML = `<p class="error">Nothing has the id ${esc(id)}.</p>`; return; }
  renderDetails(node);
  const state = readState();
  if (node.typeName === "Agreement" && state.agreement !== id) writeState({ agreement: id }, { replace: true });
  if (node.typeName === "Source" && !state.source) writeState({ source: id }, { replace: true });
  await Promise.all([
    graph.expand(id, { reset: true, onSelect: select, onExpand: (other) => graph.expand(other, { onSelect: select, onExpand: () => {} }) }),
    state.place ? null : timeline(id, node.typeName),
  ]);
}

function showTabs(view) {
  for (const name of VIEWS) {
    const tab = $(`#tab-${name}`);
    tab.setAttribute("aria-selected", String(name === view));
    tab.tabIndex = name === view ? 0 : -1;
    $(`#${name}-view`).hidden = name !== view;
  }
}

const onPlace = (place) => { writeState({ place, id: place, region: null }); apply(); };
/** A region clicked on the map: the page filters to it (its place in the graph, when it has one). */
async function onRegion(code) {
  const place = code ? (await regionPlaces())[code] : null;
  writeState({ region: code, place: place?.id ?? null, id: place?.id ?? null });
  apply();
}
/** Days brushed on the timeline: the map and the lists keep only those. */
const onBrush = (from, to) => { writeState({ from, to }); apply(); };

/** Bring every part of the page in line with the URL. */
async function apply() {
  const state = readState();
  showTabs(state.view);
  markSelected();
  const tasks = [];
  if ((state.q || "") !== (shown.q || "")) {
    shown.q = state.q; $("#search").value = state.q || "";
    if (state.q) { shown.left = null; tasks.push(search(state.q).catch(fail("#search-results"))); }
  }
  if (!state.q && shown.left !== "story") { shown.left = "story"; tasks.push(storyLeft().catch(fail("#search-results"))); }
  if (!state.id && shown.id !== "") { shown.id = ""; tasks.push(storyRight().catch(fail("#details"))); }
  const placeKey = `${state.place || ""}|${state.from || ""}|${state.to || ""}`;
  if (placeKey !== shown.place) {
    shown.place = placeKey;
    tasks.push(placeFilter(state.place, state).catch(fail("#place-filter")));
    if (state.place && !state.region) tasks.push(placeTimeline(state.place).catch(fail("#timeline")));
  }
  // With nothing open (or a region picked): attacks per day for everything in view, brushable.
  const histKey = !state.id || state.region ? `${state.region || ""}|${state.from || ""}|${state.to || ""}` : null;
  if (histKey !== null && histKey !== shown.hist) tasks.push(histogram(state, onBrush).catch(fail("#timeline")));
  shown.hist = histKey;
  if (state.id && state.id !== shown.id) {
    shown.id = state.id;
    tasks.push(openEntity(state.id).catch(fail("#details")));
  }
  if (state.view === "graph") graph.shown();
  if (state.view === "draft") initDraft();
  if (state.view === "source" && state.source) {
    tasks.push(openSource(state.source).then(() => showPassage(state.passage, { scroll: state.passage !== shown.passage }))
      .then(() => { shown.passage = state.passage; }).catch(fail("#source-view")));
  }
  if (state.view === "agreement") {
    if (!state.agreement) tasks.push(agreementList().catch(fail("#agreement-view")));
    else if (state.agreement !== shown.agreement) {
      shown.agreement = state.agreement;
      tasks.push(openAgreement(state.agreement).catch(fail("#agreement-view")));
    }
  }
  if (state.view === "map") {
    const key = `${state.agreement || ""}|${state.region || ""}|${state.from || ""}|${state.to || ""}`;
    if (shown.map !== key) { shown.map = key; tasks.push(drawMap(state, onPlace, onRegion).catch(fail("#map"))); }
    else redraw(state.place, onPlace, onRegion);
  }
  await Promise.all(tasks);
  document.body.dataset.ready = String(Date.now()); // the browser tests wait for this
}

async function agreementList() {
  const data = await gql(`query { agreements(first: 100) { nodes { id name status } } }`);
  $("#agreement-view").innerHTML = `<h2>Agreements</h2><ul>${data.agreements.nodes.map((a) =>
    `<li><button type="button" class="link" data-agreement="${esc(a.id)}">${esc(a.name)}</button> <small>${esc(a.status)}</small></li>`).join("")}</ul>`;
}

function select(id) { writeState({ id }); apply(); }

async function read(source, quote) {
  writeState({ view: "source", source, passage: null });
  await apply();
  const number = quote ? passageOfQuote(quote) : null;
  if (number) { writeState({ passage: number }, { replace: true }); showPassage(number); }
}

document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-go], [data-read], [data-agreement], mark.passage, #clear-place, [role=tab]");
  if (!target) return;
  if (target.id === "clear-place") { writeState({ place: null, region: null }); shown.place = undefined; apply(); return; }
  if (target.matches("[role=tab]")) { writeState({ view: target.dataset.view }); apply(); return; }
  if (target.matches("mark.drafted-passage")) return; // the Draft view handles its own
  if (target.matches("mark.passage")) {
    const number = target.dataset.p.split(" ").at(-1); // the innermost passage here
    writeState({ passage: number }); shown.passage = number; showPassage(number, { scroll: false }); return;
  }
  if (target.dataset.read) { read(target.dataset.read, target.dataset.quote); return; }
  if (target.dataset.agreement) { writeState({ view: "agreement", agreement: target.dataset.agreement }); apply(); return; }
  select(target.dataset.go);
});

document.addEventListener("keydown", (event) => {
  const typing = event.target.matches("input, textarea");
  if (event.target.matches("mark.passage, g[data-go]") && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault(); event.target.dispatchEvent(new MouseEvent("click", { bubbles: true })); return;
  }
  if (event.target.matches("[role=tab]") && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
    const at = VIEWS.indexOf(event.target.dataset.view) + (event.key === "ArrowRight" ? 1 : -1);
    const view = VIEWS[(at + VIEWS.length) % VIEWS.length];
    writeState({ view }); apply().then(() => $(`#tab-${view}`).focus()); return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "/") { event.preventDefault(); $("#search").focus(); }
  const view = VIEWS[Number(event.key) - 1];
  if (view) { writeState({ view }); apply(); }
});

$("#search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("#search").value.trim();
  if (text) { writeState({ q: text }); apply(); }
});
// A server whose reads need a key refused the page's request (api.js): ask for one, keep it for
// the tab's session, and start again with it (the queries and the live subscription send it).
window.addEventListener("deedgraph:key-needed", (event) => {
  const form = $("#key-form");
  $("#key-why").textContent = `This server answers with a key only: ${event.detail.message}.`;
  if (form.hidden) { form.hidden = false; $("#api-key").focus(); }
});
$("#key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const key = $("#api-key").value.trim();
  if (key) { setApiKey(key); location.reload(); }
});
window.addEventListener("popstate", apply);
window.addEventListener("hashchange", apply); // a fragment typed or pasted in the address bar
window.addEventListener("resize", () => { if (readState().view === "map") redraw(readState().place, onPlace, onRegion); });

/** New facts heard live (live.js): forget what the parts that can hold them show, then let
 * `apply` redraw them as after a filter change: the first screen's panels, the place list, the
 * histogram, the map, and the open entity when one of the changed ids is it. */
function refresh(ids) {
  const state = readState();
  if (!state.q) shown.left = null;
  if (!state.id) shown.id = null;
  else if (ids.has(state.id)) shown.id = null;
  shown.place = undefined;
  shown.hist = undefined;
  shown.map = undefined;
  return apply();
}

apply();
startLive(refresh);
