// The details panel: one entity's facts, each quote linked back to its passage in the source.
import { $, esc, gql, link, links } from "./api.js";

const DETAILS = `
query($id: ID!) {
  node(id: $id) {
    id typeName name retracted
    sources { quotes aspect external note source { id kind title url } }
    corroboration { sources independentSources originators }
    versions { recordId name quotes time { text startEarliest endLatest } source { id kind title url } }
    combinedTime { conflicting bounds { startEarliest endLatest } }
    disagreements { kind about claims { value quotes recordId reporterId source { id kind title url } } }
    ... on Actor { kind aliases wikidataId partOf { id name } speaksFor { id name } }
    ... on Location { kind iso3166_2 latitude longitude within { id name } }
    ... on Statement { kind said: text time { text startEarliest endLatest external } speaker { id name } about { id name typeName } }
    ... on Event { kind time { text startEarliest endLatest external } participants { id name } }
    ... on Agreement { kind status description duration time { text startEarliest endLatest external }
      scope { key name } parties { role actor { id name } evidence { quotes source { id kind title } } } }
    ... on Attack { kind category description geoPrecision time { text startEarliest endLatest external }
      by { id name } locations { id name } wave: partOf { id name } incidents { id name }
      targets { id name inferred category { key name } sources { quotes source { id kind title } } }
      figures { metric value qualifier weapon reportedBy { id name } } }
    ... on Target { targetCategory: category { name } location { id name } }
    ... on Figure { metric value qualifier reportedBy { id name } }
    ... on Source { kind title publisher url note }
  }
}`;

export async function loadDetails(id) {
  return (await gql(DETAILS, { id })).node;
}

const when = (t) => t ? `${esc(t.text)} <span class="source">(${esc(t.startEarliest.slice(0, 16))} – ${esc(t.endLatest.slice(0, 16))}${t.external ? `, <span class="external">date from outside the source</span>` : ""})</span>` : "—";

/** A quote; from a document, a button that opens the reader at its passage. */
function quote(text, source) {
  if (source?.kind === "document") {
    return `<button type="button" class="quote" data-read="${esc(source.id)}" data-quote="${esc(text)}"
      title="Show this passage in the source">“${esc(text)}”</button>`;
  }
  return `<blockquote class="quote">“${esc(text)}”</blockquote>`;
}

function title(source) {
  if (source.kind === "document") {
    return `<button type="button" class="link" data-read="${esc(source.id)}">${esc(source.title)}</button>`;
  }
  return source.url ? `<a href="${esc(source.url)}" target="_blank" rel="noopener">${esc(source.title)}</a>` : esc(source.title);
}

export function evidence(sources) {
  return (sources || []).map((e) => `
    ${(e.quotes || []).map((q) => quote(q, e.source)).join("")}
    <div class="source">${e.external || e.source.kind === "external" ? `<span class="external">outside the document</span> · ` : ""}${esc(e.aspect || "")} ·
      ${title(e.source)}${e.note ? ` — ${esc(e.note)}` : ""}</div>`).join("");
}

const PRECISION = { 1: "at the named place", 2: "near the named place", 3: "somewhere in a larger region" };

/** Every source's account side by side: one column each, with its words. */
function sideBySide(n) {
  const versions = n.versions || [];
  if (versions.length < 2) return "";
  const c = n.corroboration;
  const told = c ? `${c.sources} sources, ${c.independentSources} independent` : "";
  return `<h3>Sources side by side <span class="source">(${esc(told)})</span></h3>
    <div class="versions">${versions.map((v) => `<div class="version">
      <div class="version-source">${title(v.source)}${v.recordId !== n.id ? ` <span class="source">(record ${esc(v.recordId)})</span>` : ""}</div>
      ${v.name ? `<div>${esc(v.name)}</div>` : ""}
      ${v.time ? `<div class="source">${esc(v.time.text || "")} ${esc(v.time.startEarliest.slice(0, 16))} – ${esc(v.time.endLatest.slice(0, 16))}</div>` : ""}
      ${(v.quotes || []).map((q) => quote(q, v.source)).join("")}</div>`).join("")}</div>
    ${n.combinedTime?.conflicting ? `<p class="disputed">The sources' times cannot all hold.</p>` : ""}`;
}

/** Where the sources differ: each value with its source and the words for it. */
function disputes(n) {
  if (!n.disagreements?.length) return "";
  return `<h3>Sources differ</h3>` + n.disagreements.map((d) => `<div class="disagreement">
    <div><span class="disputed">${esc(d.kind)}</span> ${esc(d.about)}</div>
    ${d.claims.map((c) => `<div class="claim"><b>${esc(c.value)}</b> — ${title(c.source)}
      ${c.quotes.map((q) => quote(q, c.source)).join("")}</div>`).join("")}</div>`).join("");
}

export function renderDetails(n) {
  const differ = new Set((n.disagreements || []).map((d) => d.kind));
  const badge = (kind) => differ.has(kind) ? ` <span class="disputed" title="Sources differ: see below">sources differ</span>` : "";
  const rows = [["kind", esc(n.kind || n.typeName)]];
  if (n.status) rows.push(["status", esc(n.status)]);
  if (n.category && typeof n.category === "string") rows.push(["category", esc(n.category)]);
  if (n.time) rows.push(["when", when(n.time) + badge("time")]);
  if (n.speaker) rows.push(["speaker", link(n.speaker)]);
  if (n.said) rows.push(["said", esc(n.said)]);
  if (n.about) rows.push(["about", links(n.about)]);
  if (n.by) rows.push(["by", links(n.by) + badge("attribution")]);
  if (n.locations) rows.push(["where", links(n.locations) + badge("place")]);
  if (n.geoPrecision) rows.push(["placed", esc(PRECISION[n.geoPrecision] || n.geoPrecision)]);
  if (n.wave) rows.push(["part of", link(n.wave)]);
  if (n.partOf?.length) rows.push(["part of", links(n.partOf)]);
  if (n.targetCategory) rows.push(["category", esc(n.targetCategory.name)]);
  if (n.incidents?.length) rows.push(["incidents", links(n.incidents)]);
  if (n.participants) rows.push(["participants", links(n.participants)]);
  if (n.within) rows.push(["within", link(n.within)]);
  if (n.iso3166_2) rows.push(["ISO 3166-2", esc(n.iso3166_2)]);
  if (n.latitude != null) rows.push(["coordinates", `${esc(n.latitude)}, ${esc(n.longitude)}`]);
  if (n.scope) rows.push(["protects", n.scope.map((c) => esc(c.name)).join(", ")]);
  if (n.description) rows.push(["description", esc(n.description)]);
  if (n.title) rows.push(["title", esc(n.title)]);
  let html = `<h2>${esc(n.name || n.title || n.id)}</h2>
    ${n.retracted ? `<p class="error">Retracted.</p>` : ""}
    <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`;
  if (n.typeName === "Source") {
    html += `<p><button type="button" class="action" data-read="${esc(n.id)}">Read the source</button></p>`;
  }
  if (n.typeName === "Agreement") {
    html += `<p><button type="button" class="action" data-agreement="${esc(n.id)}">Open the agreement's record</button></p>`;
  }
  if (n.parties?.length) {
    html += `<h3>Parties</h3>` + n.parties.map((p) => `<div>${link(p.actor)} — <b>${esc(p.role)}</b>
      ${p.evidence ? evidence([{ ...p.evidence, aspect: "role" }]) : ""}</div>`).join("");
  }
  if (n.targets?.length) {
    html += `<h3>Targets</h3>` + n.targets.map((t) => `<div class="target"><b>${esc(t.name)}</b>
      <span class="source">(${esc(t.category?.name)})</span>${t.inferred ? ` <span class="external">inferred from the notes</span>` : ""}${evidence(t.sources)}</div>`).join("");
  }
  const disputed = new Set((n.disagreements || []).filter((d) => d.kind === "figure" || d.kind === "reporter").map((d) => d.about));
  const figureKey = (f) => f.metric + (f.weapon ? ` (${f.weapon})` : "");
  if (n.figures?.length) {
    html += `<h3>Figures</h3>` + n.figures.map((f) => `<div class="figure${disputed.has(figureKey(f)) ? " figure-disputed" : ""}">
      ${disputed.has(figureKey(f)) ? `<span class="disputed" title="Sources give this count differently: see below">disputed</span> ` : ""}
      ${f.qualifier === "at_least" ? "at least " : f.qualifier === "about" ? "about " : ""}<b>${esc(f.value)}</b>
      ${esc(f.metric.replaceAll("_", " "))}${f.weapon ? ` (${esc(f.weapon.replaceAll("_", " "))})` : ""} —
      ${f.reportedBy ? `reported by ${link(f.reportedBy)}` : `<span class="external">unattributed in the source</span>`}</div>`).join("");
  }
  html += disputes(n) + sideBySide(n);
  html += `<h3>Sources</h3>${evidence(n.sources) || `<p class="hint">No source.</p>`}`;
  $("#details").innerHTML = html;
}
