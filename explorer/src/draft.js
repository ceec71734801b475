// The Draft view: paste or upload a report, draft its facts (draftFacts: nothing is written),
// see every drafted fact's words lit in the text, accept, reject or edit each fact, then load
// the reviewed facts file with an editor key (submitFacts). Accepting removes the `drafted`
// marker; a fact left as it is loads still marked drafted.
import { $, esc, gql } from "./api.js";

const DRAFT = `query($text: String!, $published: String, $timezone: String) {
  draftFacts(text: $text, published: $published, timezone: $timezone) {
    sourceId document summary notes
    facts { kind id parent index name text value metric inGraph
            quotes { text start end } drafted { rule confidence } } } }`;
const LOAD = "mutation($document: String!) { submitFacts(document: $document) { ids nodes relationships } }";
const GROUPS = { actor: "actors", location: "locations", event: "events", statement: "statements",
  agreement: "agreements", attack: "attacks" };

let drafting = null; // { text, document, facts: [{...fact, n, state, edits}] }

export function initDraft() {
  const view = $("#draft-view");
  if (view.dataset.ready) return;
  view.dataset.ready = "1";
  view.innerHTML = `<h2>Draft facts from a report</h2>
    <form id="draft-form">
      <label for="draft-text">Report text</label>
      <textarea id="draft-text" rows="8" required placeholder="Paste a news report here"></textarea>
      <div class="draft-row">
        <label>Or upload a text file <input id="draft-file" type="file" accept=".txt,text/plain"></label>
        <label>Published <input id="draft-published" type="date"></label>
        <label>Time zone <input id="draft-timezone" type="text" placeholder="Europe/Kyiv" size="14"></label>
        <button type="submit">Draft</button>
      </div>
    </form>
    <div id="draft-status" role="status" aria-live="polite"></div>
    <div id="draft-result"></div>`;
  $("#draft-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) $("#draft-text").value = await file.text();
  });
  $("#draft-form").addEventListener("submit", (event) => { event.preventDefault(); draft(); });
  view.addEventListener("click", onClick);
  view.addEventListener("input", onEdit);
}

async function draft() {
  const text = $("#draft-text").value;
  const status = $("#draft-status");
  status.innerHTML = `<p class="hint">Drafting… (the first draft loads the language pipeline)</p>`;
  try {
    const found = (await gql(DRAFT, {
      text, published: $("#draft-published").value || null, timezone: $("#draft-timezone").value.trim() || null,
    })).draftFacts;
    drafting = { text, document: found.document, facts: found.facts.map((f, n) => ({ ...f, n, state: "drafted", edits: {} })) };
    status.innerHTML = `<p>${esc(found.summary.split("\n")[0])}</p>${found.notes.map((n) => `<p class="hint">${esc(n)}</p>`).join("")}`;
    render();
  } catch (error) {
    status.innerHTML = `<p class="error">${esc(error.message)}</p>`;
  }
}

/** The text with every drafted fact's quotes lit; a passage names the facts it supports. */
function litText() {
  const { text, facts } = drafting;
  const spans = facts.filter((f) => f.state !== "rejected")
    .flatMap((f) => f.quotes.filter((q) => q.start != null).map((q) => ({ ...q, fact: f })));
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    const words = esc(text.slice(from, to));
    if (!covering.length) { html += words; continue; }
    const ns = [...new Set(covering.map((s) => s.fact.n))];
    html += `<mark class="passage drafted-passage" data-facts="${ns.join(" ")}" tabindex="0" role="button"
      aria-label="Words of ${ns.length} drafted fact${ns.length === 1 ? "" : "s"}">${words}</mark>`;
  }
  return html;
}

function factItem(f) {
  const label = f.kind === "statement" ? "text" : f.kind === "figure" ? "value" : "name";
  const value = f.edits[label] ?? (label === "value" ? f.value : label === "text" ? f.text : f.name) ?? "";
  const sure = f.drafted ? `${f.drafted.rule}, ${Math.round(f.drafted.confidence * 100)}% sure` : "not drafted";
  return `<li class="draft-fact ${f.state}" data-n="${f.n}" id="draft-fact-${f.n}">
    <span class="kind-label">${esc(f.kind)}</span> <code>${esc(f.id)}</code>${f.inGraph ? " <small>(in the graph)</small>" : ""}
    ${f.metric ? ` <small>${esc(f.metric)}</small>` : ""}
    <br><label>${label} <input class="draft-edit" data-field="${label}" ${label === "value" ? 'type="number"' : ""}
      value="${esc(value)}" aria-label="${esc(label)} of ${esc(f.id)}"></label>
    <br><small class="sure">${esc(sure)}</small> · <b class="draft-state">${f.state}</b>
    <div class="draft-actions">
      <button type="button" data-act="accept" aria-pressed="${f.state === "accepted"}">Accept</button>
      <button type="button" data-act="reject" aria-pressed="${f.state === "rejected"}">Reject</button>
    </div></li>`;
}

function render() {
  const counts = { drafted: 0, accepted: 0, rejected: 0 };
  drafting.facts.forEach((f) => { counts[f.state] += 1; });
  $("#draft-result").innerHTML = `<div class="draft-columns">
    <div class="source-text draft-text" aria-label="The report with the drafted facts' words lit">${litText()}</div>
    <div><p>${counts.drafted} to review, ${counts.accepted} accepted, ${counts.rejected} rejected
      <button type="button" data-act="accept-rest">Accept the rest</button></p>
      <ol class="draft-facts">${drafting.facts.map(factItem).join("")}</ol>
      <form id="draft-load"><label>Editor key <input id="draft-key" type="password" autocomplete="off" required></label>
        <button type="submit">Load into the graph</button></form>
      <div id="draft-loaded" role="status" aria-live="polite"></div></div></div>`;
  $("#draft-load").addEventListener("submit", (event) => { event.preventDefault(); load(); });
}

function onClick(event) {
  const mark = event.target.closest("mark.drafted-passage");
  if (mark) {
    const first = $(`#draft-fact-${mark.dataset.facts.split(" ")[0]}`);
    first?.scrollIntoView({ block: "center" }); first?.querySelector("input")?.focus(); return;
  }
  const button = event.target.closest("button[data-act]");
  if (!button || !drafting) return;
  if (button.dataset.act === "accept-rest") {
    drafting.facts.forEach((f) => { if (f.state === "drafted") f.state = "accepted"; });
  } else {
    const fact = drafting.facts[Number(button.closest("[data-n]").dataset.n)];
    const state = button.dataset.act === "accept" ? "accepted" : "rejected";
    fact.state = fact.state === state ? "drafted" : state;
  }
  const focus = button.closest("[data-n]") ? `#draft-fact-${button.closest("[data-n]").dataset.n} [data-act=${button.dataset.act}]` : null;
  render();
  if (focus) $(focus)?.focus();
}

function onEdit(event) {
  const input = event.target.closest(".draft-edit");
  if (!input || !drafting) return;
  drafting.facts[Number(input.closest("[data-n]").dataset.n)].edits[input.dataset.field] = input.value;
}

/** The facts file as reviewed: rejected facts out, accepted ones unmarked, edits applied. */
export function reviewed(document, facts) {
  const out = structuredClone(document);
  const find = (f) => (out[GROUPS[f.kind]] || []).find((x) => x.id === f.id);
  const apply = (item, f) => {
    if (!item) return;
    if (f.state === "accepted") delete item.drafted;
    for (const [field, value] of Object.entries(f.edits)) item[field] = field === "value" ? Number(value) : value;
  };
  const parts = facts.filter((f) => f.parent);
  for (const f of parts) {
    const attack = (out.attacks || []).find((a) => a.id === f.parent);
    apply(attack?.[`${f.kind}s`]?.[f.index], f);
  }
  for (const f of facts.filter((x) => !x.parent)) apply(find(f), f);
  for (const f of parts.filter((x) => x.state === "rejected").sort((a, b) => b.index - a.index)) {
    (out.attacks || []).find((a) => a.id === f.parent)?.[`${f.kind}s`]?.splice(f.index, 1);
  }
  const gone = new Set(facts.filter((x) => !x.parent && x.state === "rejected").map((x) => x.id));
  for (const group of Object.values(GROUPS)) {
    if (out[group]) out[group] = out[group].filter((x) => !gone.has(x.id)).map((x) => unlinked(x, gone));
  }
  return out;
}

// Where a fact names others (draft/assemble.py REFERENCES): a rejected fact is named no more,
// so the rest still loads (a fact left without a field it needs says so when loading).
const REFERENCES = ["speaker", "within", "country", "part_of", "by", "locations", "participants",
  "about", "announced_in", "arose_from", "area", "location", "speaks_for", "reported_by", "statement"];

function unlinked(item, gone) {
  if (!gone.size || !item || typeof item !== "object") return item;
  for (const name of REFERENCES) {
    if (Array.isArray(item[name])) item[name] = item[name].filter((id) => !gone.has(id));
    if (gone.has(item[name]) || (Array.isArray(item[name]) && !item[name].length)) delete item[name];
  }
  if (Array.isArray(item.parties)) item.parties = item.parties.filter((p) => !gone.has(p.actor));
  for (const part of ["figures", "targets"]) if (Array.isArray(item[part])) item[part].forEach((x) => unlinked(x, gone));
  return item;
}

async function load() {
  const box = $("#draft-loaded");
  box.innerHTML = `<p class="hint">Loading…</p>`;
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json",
      Authorization: `Bearer ${$("#draft-key").value}` },
    body: JSON.stringify({ query: LOAD, variables: { document: JSON.stringify(reviewed(drafting.document, drafting.facts)) } }),
  });
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  if (body.errors) { box.innerHTML = `<p class="error">${esc(body.errors.map((e) => e.message).join("; "))}</p>`; return; }
  const done = body.data.submitFacts;
  box.innerHTML = `<p class="loaded">Loaded ${done.ids.length} facts (${done.nodes} nodes, ${done.relationships} relationships).
    <button type="button" class="link" data-go="${esc(drafting.document.document)}">Open the source</button></p>`;
}
