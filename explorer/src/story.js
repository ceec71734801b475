// The first screen, before anything is searched or opened: the latest agreements with how many
// strikes break each, the sources most recently loaded or imported (the root `recentlyLoaded`
// field, read from the change log), and where sources disagree (the root `disagreements`
// field), so no panel stands empty and the story reads at a glance.
import { readState } from "./urls.js";
import { $, COLOURS, esc, gqlPatient } from "./api.js";

const kind = (type) => `<span class="kind" style="background:${COLOURS[type] || "#777"}"></span>`;
const day = (t) => (t ? String(t).slice(0, 10) : "");
const loadedAt = (t) => String(t).slice(0, 16).replace("T", " ") + " UTC";

/** The left panel: agreements and sources. */
export async function storyLeft() {
  const box = $("#search-results");
  const [deals, loaded] = await Promise.all([
    gqlPatient(`query StoryAgreements { agreements(first: 5, order: TIME_DESC) { totalCount nodes { id name status time { startEarliest } } } }`),
    gqlPatient(`query StorySources { recentlyLoaded(first: 6) { at operation count source { id kind title } } }`),
  ]);
  const data = { agreements: deals.agreements };
  const agreements = data.agreements.nodes;
  // The change log's latest load or import of each source, newest first (recentlyLoaded).
  const sources = loaded.recentlyLoaded.filter((l) => l.source);
  if (readState().q) return; // a search came while the story loaded: its results stay
  box.innerHTML = `<div class="story" id="story-agreements"><h2>Latest agreements <small>${data.agreements.totalCount} in all</small></h2>
    ${agreements.map((a) => `<div class="story-row">${kind("Agreement")}<button type="button" class="link" data-agreement="${esc(a.id)}">${esc(a.name)}</button>
      <div class="story-meta">${esc(a.status)}${a.time ? ` · ${esc(day(a.time.startEarliest))}` : ""} ·
      <span class="violations" data-agreement-count="${esc(a.id)}">counting violations…</span></div></div>`).join("")
      || `<p class="hint">No agreements yet.</p>`}</div>
    <div class="story" id="story-sources"><h2>Sources most recently loaded</h2>
    ${sources.map(({ source: s, at, operation, count }) => `<div class="story-row" data-loaded-at="${esc(at)}">${kind("Source")}<button type="button" class="link" data-read="${esc(s.id)}">${esc(s.title || s.id)}</button>
      <div class="story-meta">${esc(s.kind)} · ${operation === "import" ? "imported" : "loaded"} ${esc(loadedAt(at))}${count ? ` · ${count} fact${count === 1 ? "" : "s"}` : ""}</div></div>`).join("")
      || `<p class="hint">No sources yet: load a facts file or import a dataset.</p>`}</div>`;
  for (const deal of agreements) await violations(deal); // one at a time: each is a whole analysis
}

/** How many attacks break an agreement, asked one agreement at a time (each analysis has its own
 * time limit; a fresh server's first plan can pass it, so it is asked up to three times). */
async function violations(deal) {
  const query = `query StoryViolations($id: ID!) { agreementViolations(agreementId: $id) { attack { id } } }`;
  const found = await gqlPatient(query, { id: deal.id }).catch(() => null);
  const el = document.querySelector(`[data-agreement-count="${CSS.escape(deal.id)}"]`);
  if (!el) return;
  if (!found) { el.textContent = "violations not counted in time: open it"; return; }
  const n = new Set(found.agreementViolations.map((v) => v.attack.id)).size;
  el.textContent = `${n} violation${n === 1 ? "" : "s"}`;
  el.dataset.violations = String(n);
  el.classList.toggle("flag-yes", n > 0);
}

/** The right panel: where sources disagree. */
export async function storyRight() {
  const box = $("#details");
  const data = await gqlPatient(`query StoryRight { disagreements(first: 5) { totalCount nodes { kind factId about claims { value source { id title } } } } }`);
  const found = data.disagreements;
  if (readState().id) return; // an entity opened while the story loaded: its details stay
  box.innerHTML = `<div class="story" id="story-disagreements"><h2>Where sources disagree <small>${found.totalCount ?? found.nodes.length} in all</small></h2>
    ${found.nodes.map((d) => `<div class="disagreement"><div><span class="disputed">${esc(d.kind)}</span>
      <button type="button" class="link" data-go="${esc(d.factId)}">${esc(d.about)}</button></div>
      ${d.claims.map((c) => `<div class="claim"><b>${esc(c.value)}</b> — ${esc(c.source.title || c.source.id)}</div>`).join("")}</div>`).join("")
      || `<p class="hint">No two sources disagree yet.</p>`}
    <p class="hint">Search above, click a place on the map, or open an agreement to see its record.</p></div>`;
}
