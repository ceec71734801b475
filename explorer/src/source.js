// The source reader: a source's stored text with every quoted passage lit up; a passage lists
// the facts it supports and how (existence, time, a figure, a party's role); the facts resting
// on outside knowledge are listed as such.
import { $, collapsedIndex, esc, gql, link, normalise } from "./api.js";

const SOURCE = `query($id: ID!) {
  source(id: $id) { id title kind publisher url note text }
  sourceReview(sourceId: $id) { hasText truncated
    quotes { factId kind aspect quote position relatedId }
    outside { factId kind what aspect because sourceId text note } } }`;

let reading = null; // { id, passages, names, outside }

/** Passages: the distinct quoted spans, in the order of the text, numbered from 1. */
export function passagesOf(text, quotes) {
  const index = collapsedIndex(text);
  const byKey = new Map();
  for (const q of quotes) {
    if (q.position == null) continue;
    const length = normalise(q.quote).length;
    const key = `${q.position}:${length}`;
    if (!byKey.has(key)) {
      const end = Math.min(q.position + length, index.length - 1);
      byKey.set(key, { start: index[q.position], end: index[end - 1] + 1, quotes: [] });
    }
    byKey.get(key).quotes.push(q);
  }
  const passages = [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  passages.forEach((p, i) => { p.number = i + 1; });
  return passages;
}

function highlighted(text, passages) {
  const cuts = new Set([0, text.length]);
  for (const p of passages) { cuts.add(p.start); cuts.add(p.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = passages.filter((p) => p.start <= from && p.end >= to);
    const words = esc(text.slice(from, to));
    if (!covering.length) { html += words; continue; }
    const numbers = covering.map((p) => p.number).join(" ");
    const facts = new Set(covering.flatMap((p) => p.quotes.map((q) => q.factId))).size;
    html += `<mark class="passage${covering.length > 1 ? " overlap" : ""}" data-p="${numbers}" tabindex="0"
      role="button" aria-label="Passage supporting ${facts} fact${facts === 1 ? "" : "s"}">${words}</mark>`;
  }
  return html;
}

const HOW = { existence: "that it exists", time: "when", role: "a party's role", figure: "a figure" };
const how = (aspect) => HOW[aspect] || (aspect.startsWith("party") ? `a party's role: ${aspect.slice(5).replace(/[()]/g, "").trim()}` : aspect);

function factItem(q) {
  const names = reading.names;
  const outside = reading.outside.filter((o) => o.factId === q.factId);
  return `<li class="fact" data-fact="${esc(q.factId)}">${link({ id: q.factId, name: names[q.factId]?.name })}
    <span class="kind-label">${esc(q.kind)}</span> — supports <b class="aspect">${esc(how(q.aspect))}</b>
    ${q.relatedId ? ` of ${link({ id: q.relatedId, name: names[q.relatedId]?.name })}` : ""}
    ${outside.length ? `<br><span class="external">also rests on outside knowledge: ${esc(outside.map((o) => o.aspect).join(", "))}</span>` : ""}</li>`;
}

/** Open a passage (by number): light it and list the facts it supports. */
export function showPassage(number, { scroll = true } = {}) {
  if (!reading) return;
  const passage = reading.passages.find((p) => p.number === Number(number));
  const box = $("#passage-facts");
  document.querySelectorAll("mark.passage.active").forEach((m) => m.classList.remove("active"));
  if (!passage) { box.innerHTML = `<p class="hint">Click a highlighted passage to see the facts it supports.</p>`; return; }
  const marks = [...document.querySelectorAll("mark.passage")].filter((m) => m.dataset.p.split(" ").includes(String(passage.number)));
  marks.forEach((m) => m.classList.add("active"));
  if (scroll && marks[0]) marks[0].scrollIntoView({ block: "center" });
  box.innerHTML = `<h3>Passage ${passage.number} of ${reading.passages.length}</h3>
    <blockquote class="quote">“${esc(passage.quotes[0].quote)}”</blockquote>
    <p>Supports ${passage.quotes.length} fact${passage.quotes.length === 1 ? "" : "s"}:</p>
    <ul class="facts">${passage.quotes.map(factItem).join("")}</ul>`;
}

/** The passage number holding these words (a quote from the details panel), if any. */
export function passageOfQuote(words) {
  const wanted = normalise(words);
  return reading?.passages.find((p) => p.quotes.some((q) => normalise(q.quote) === wanted))?.number;
}

export async function openSource(id) {
  const view = $("#source-view");
  if (reading?.id === id) return;
  view.innerHTML = `<p class="hint">Loading the source…</p>`;
  const data = await gql(SOURCE, { id });
  if (!data.source) { view.innerHTML = `<p class="error">No source has the id ${esc(id)}.</p>`; reading = null; return; }
  const { source, sourceReview: review } = data;
  const ids = [...new Set(review.quotes.flatMap((q) => [q.factId, q.relatedId]).concat(review.outside.flatMap((o) => [o.factId, o.sourceId])).filter(Boolean))];
  const found = ids.length ? (await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id name typeName } }`, { ids })).nodes : [];
  const names = Object.fromEntries(found.filter(Boolean).map((n) => [n.id, n]));
  const text = source.text || "";
  const passages = text ? passagesOf(text, review.quotes) : [];
  reading = { id, passages, names, outside: review.outside };
  const unplaced = review.quotes.filter((q) => q.position == null);
  view.innerHTML = `
    <div class="reader">
      <h2>${esc(source.title)} <small>${esc(source.kind)}${source.publisher ? ` · ${esc(source.publisher)}` : ""}</small></h2>
      <p class="hint">${passages.length} quoted passage${passages.length === 1 ? "" : "s"}, ${review.quotes.length} quote${review.quotes.length === 1 ? "" : "s"} in all.
        ${review.truncated.length ? `<span class="error">Cut at the limit: ${esc(review.truncated.join(", "))}.</span>` : ""}</p>
      ${text ? `<div class="source-text" tabindex="-1">${highlighted(text, passages)}</div>`
        : `<p class="hint">This source keeps no text${source.kind === "external" ? ": it is outside knowledge, not a document" : ""}.</p>`}
    </div>
    <div class="reader-side">
      <div id="passage-facts" aria-live="polite"></div>
      <h3>Resting on outside knowledge</h3>
      ${review.outside.length ? `<ul class="outside">${review.outside.map((o) => `<li class="external-fact">${link({ id: o.factId, name: names[o.factId]?.name })}
        — <b>${esc(o.aspect)}</b> <span class="external">from outside the document</span>: ${esc(o.because)}
        ${o.sourceId ? ` (${link({ id: o.sourceId, name: names[o.sourceId]?.name })})` : ""}</li>`).join("")}</ul>` : `<p class="hint">Nothing.</p>`}
      ${unplaced.length ? `<h3>Quotes not found in the text</h3><ul>${unplaced.map(factItem).join("")}</ul>` : ""}
    </div>`;
  showPassage(null);
}

export function closeSource() { reading = null; }
