// deedgraph explorer: built only on the public GraphQL API at /graphql.
import cytoscape from "cytoscape";

const COLOURS = {
  Actor: "#3d7be0", Location: "#2f9e6e", Attack: "#d0443e", Statement: "#7a55c7",
  Agreement: "#e0a100", Event: "#13a3b5", Target: "#b35c2e", Figure: "#8a8f99",
  Source: "#444b59", TargetCategory: "#a7adb8",
};
const $ = (selector) => document.querySelector(selector);
const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function gql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

// -- search -----------------------------------------------------------------------------

async function search(text) {
  const results = $("#results");
  results.innerHTML = `<p class="hint">Searching…</p>`;
  const data = await gql(
    `query($text: String!) { search(text: $text, first: 50) { score entity { id typeName name } } }`,
    { text },
  );
  const groups = {};
  for (const hit of data.search) (groups[hit.entity.typeName] ||= []).push(hit.entity);
  results.innerHTML = Object.keys(groups).length ? "" : `<p class="hint">Nothing found.</p>`;
  for (const [kind, entities] of Object.entries(groups)) {
    const group = document.createElement("div");
    group.className = "group";
    group.innerHTML = `<h3><span class="kind" style="background:${COLOURS[kind] || "#999"}"></span>${esc(kind)}</h3>`;
    for (const entity of entities) {
      const button = document.createElement("button");
      button.className = "result";
      button.dataset.id = entity.id;
      button.textContent = entity.name || entity.id;
      button.classList.toggle("selected", entity.id === currentId);
      button.addEventListener("click", () => select(entity.id));
      group.appendChild(button);
    }
    results.appendChild(group);
  }
}

// -- details ----------------------------------------------------------------------------

const DETAILS = `
query($id: ID!) {
  node(id: $id) {
    id typeName name retracted
    sources { quotes aspect external note source { id title kind url publisher } }
    ... on Actor { kind aliases wikidataId partOf { id name } speaksFor { id name } }
    ... on Location { kind iso3166_2 latitude longitude within { id name } }
    ... on Statement { kind text time { text startEarliest endLatest external } speaker { id name } about { id name typeName } }
    ... on Event { kind time { text startEarliest endLatest external } participants { id name } }
    ... on Agreement { kind status description duration time { text startEarliest endLatest external }
      scope { key name } parties { role actor { id name } evidence { quotes source { title } } } }
    ... on Attack { kind category description time { text startEarliest endLatest external }
      by { id name } locations { id name } wave: partOf { id name } incidents { id name }
      targets { id name category { key name } sources { quotes source { title } } }
      figures { metric value qualifier weapon attribution reportedBy { id name } sources { quotes } } }
    ... on Target { targetCategory: category { name } location { id name } }
    ... on Figure { metric value qualifier reportedBy { id name } }
  }
}`;

const link = (entity) => entity
  ? `<button class="link" data-go="${esc(entity.id)}">${esc(entity.name || entity.id)}</button>` : "—";
const links = (list) => (list || []).map(link).join(", ") || "—";
const when = (t) => t ? `${esc(t.text)} <span class="source">(${esc(t.startEarliest.slice(0, 16))} – ${esc(t.endLatest.slice(0, 16))}${t.external ? `, <span class="external">date from outside the source</span>` : ""})</span>` : "—";

function evidence(sources) {
  return (sources || []).map((e) => `
    ${(e.quotes || []).map((q) => `<blockquote class="quote">“${esc(q)}”</blockquote>`).join("")}
    <div class="source">${e.external ? `<span class="external">outside the document</span> · ` : ""}${esc(e.aspect || "")} ·
      ${e.source.url ? `<a href="${esc(e.source.url)}" target="_blank" rel="noopener">${esc(e.source.title)}</a>` : esc(e.source.title)}
      ${e.note ? ` — ${esc(e.note)}` : ""}</div>`).join("");
}

function renderDetails(n) {
  const rows = [["kind", esc(n.kind || n.typeName)]];
  if (n.status) rows.push(["status", esc(n.status)]);
  if (n.category && typeof n.category === "string") rows.push(["category", esc(n.category)]);
  if (n.time) rows.push(["when", when(n.time)]);
  if (n.speaker) rows.push(["speaker", link(n.speaker)]);
  if (n.text) rows.push(["said", esc(n.text)]);
  if (n.about) rows.push(["about", links(n.about)]);
  if (n.by) rows.push(["by", links(n.by)]);
  if (n.locations) rows.push(["where", links(n.locations)]);
  if (n.wave) rows.push(["part of", link(n.wave)]);
  if (n.partOf?.length) rows.push(["part of", links(n.partOf)]);
  if (n.targetCategory) rows.push(["category", esc(n.targetCategory.name)]);
  if (n.incidents?.length) rows.push(["incidents", links(n.incidents)]);
  if (n.participants) rows.push(["participants", links(n.participants)]);
  if (n.within) rows.push(["within", link(n.within)]);
  if (n.iso3166_2) rows.push(["ISO 3166-2", esc(n.iso3166_2)]);
  if (n.scope) rows.push(["protects", n.scope.map((c) => esc(c.name)).join(", ")]);
  if (n.description) rows.push(["description", esc(n.description)]);
  let html = `<h2>${esc(n.name || n.id)}</h2>
    ${n.retracted ? `<p class="error">Retracted.</p>` : ""}
    <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`;
  if (n.parties?.length) {
    html += `<h3>Parties</h3>` + n.parties.map((p) => `<div>${link(p.actor)} — <b>${esc(p.role)}</b>
      ${p.evidence ? evidence([{ ...p.evidence, aspect: "role" }]) : ""}</div>`).join("");
  }
  if (n.targets?.length) {
    html += `<h3>Targets</h3>` + n.targets.map((t) => `<div class="target"><b>${esc(t.name)}</b>
      <span class="source">(${esc(t.category?.name)})</span>${evidence(t.sources)}</div>`).join("");
  }
  if (n.figures?.length) {
    html += `<h3>Figures</h3>` + n.figures.map((f) => `<div class="figure">
      ${f.qualifier === "at_least" ? "at least " : f.qualifier === "about" ? "about " : ""}<b>${esc(f.value)}</b>
      ${esc(f.metric.replaceAll("_", " "))}${f.weapon ? ` (${esc(f.weapon.replaceAll("_", " "))})` : ""} —
      ${f.reportedBy ? `reported by ${link(f.reportedBy)}` : `<span class="external">unattributed in the source</span>`}</div>`).join("");
  }
  html += `<h3>Sources</h3>${evidence(n.sources) || `<p class="hint">No source.</p>`}`;
  const panel = $("#details");
  panel.innerHTML = html;
  panel.querySelectorAll("[data-go]").forEach((el) => el.addEventListener("click", () => select(el.dataset.go)));
}

// -- graph ------------------------------------------------------------------------------

let cy;

function ensureGraph() {
  if (cy) return cy;
  cy = cytoscape({
    container: $("#graph"),
    style: [
      { selector: "node", style: {
        "background-color": (n) => COLOURS[n.data("type")] || "#999", label: "data(label)",
        "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 110, width: 18, height: 18 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#1d2330", width: 26, height: 26 } },
      { selector: "edge", style: {
        width: 1.2, "line-color": "#b7bdc9", "target-arrow-color": "#b7bdc9",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(type)",
        "font-size": 7, color: "#6b7385", "text-rotation": "autorotate" } },
    ],
  });
  cy.on("tap", "node", (event) => select(event.target.id()));
  cy.on("dbltap", "node", (event) => expand(event.target.id()));
  return cy;
}

async function expand(id, reset = false) {
  const data = await gql(
    `query($id: ID!) { neighborhood(id: $id, depth: 1, limit: 60) { nodes { id label type } edges { id source target type } } }`,
    { id },
  );
  const graph = ensureGraph();
  if (reset) graph.elements().remove();
  const hood = data.neighborhood;
  if (!hood) return;
  graph.add(hood.nodes.filter((n) => graph.getElementById(n.id).empty())
    .map((n) => ({ group: "nodes", data: { id: n.id, label: n.label, type: n.type } })));
  graph.add(hood.edges.filter((e) => graph.getElementById(e.id).empty())
    .map((e) => ({ group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type } })));
  graph.nodes().removeClass("focus");
  graph.getElementById(id).addClass("focus");
  graph.layout({ name: "cose", animate: false, nodeDimensionsIncludeLabels: true }).run();
}

// -- timeline ---------------------------------------------------------------------------

async function timeline(id, typeName) {
  const queries = [gql(
    `query($id: ID!) { timeline(entityId: $id) { relations entity { id typeName name
       ... on Attack { time { startEarliest endLatest } }
       ... on Statement { time { startEarliest endLatest } }
       ... on Agreement { time { startEarliest endLatest } inForce { startEarliest endLatest } expires { endLatest } }
       ... on Event { time { startEarliest endLatest } } } } }`, { id })];
  if (typeName === "Agreement") {
    // The strikes that break an agreement are not linked to it: ask for them and add them.
    queries.push(gql(`query($id: ID!) { agreementViolations(agreementId: $id) {
      attack { id typeName name time { startEarliest endLatest } } } }`, { id }));
  }
  const [data, violations] = await Promise.all(queries);
  const breaking = (violations?.agreementViolations || []).map((v) => v.attack);
  const broken = new Set(breaking.map((attack) => attack.id));
  const items = data.timeline.map((item) => item.entity).filter((e) => e.time);
  const seen = new Set(items.map((e) => e.id));
  items.push(...breaking.filter((attack) => !seen.has(attack.id)));
  items.sort((a, b) => a.time.startEarliest.localeCompare(b.time.startEarliest));
  draw(items, id, broken);
}

const short = (text) => (text.length > 48 ? `${text.slice(0, 46)}…` : text);

function draw(items, focus, broken) {
  const box = $("#timeline");
  if (!items.length) { box.innerHTML = `<p class="hint">Nothing in time.</p>`; return; }
  const ms = (t) => new Date(t).getTime();
  let low = Math.min(...items.map((e) => ms(e.time.startEarliest)));
  let high = Math.max(...items.map((e) => ms(e.time.endLatest)));
  const pad = Math.max((high - low) * 0.05, 12 * 3600e3);
  low -= pad; high += pad;
  const width = Math.max(box.clientWidth - 20, 400), row = 18, left = 10;
  const x = (t) => left + ((t - low) / (high - low)) * (width - 2 * left);
  const height = items.length * row + 30;
  let svg = `<svg viewBox="0 0 ${width} ${height}" height="${height}" role="img" aria-label="timeline">`;
  for (const e of items) {
    if (e.typeName === "Agreement") {
      const start = ms((e.inForce || e.time).startEarliest);
      const end = e.expires ? ms(e.expires.endLatest) : high;
      svg += `<rect class="tl-inforce" x="${x(start)}" y="0" width="${Math.max(x(end) - x(start), 2)}" height="${height - 20}"><title>${esc(e.name)} in force</title></rect>`;
    }
  }
  items.forEach((e, i) => {
    const a = x(ms(e.time.startEarliest)), b = x(ms(e.time.endLatest));
    const classes = ["tl-item", e.typeName, broken.has(e.id) ? "violation" : "", e.id === focus ? "focus" : ""].join(" ");
    svg += `<g class="${classes}" data-id="${esc(e.id)}"><rect x="${a}" y="${i * row + 4}" width="${Math.max(b - a, 3)}" height="${row - 6}" rx="2"><title>${esc(e.name)}${broken.has(e.id) ? " — breaks the agreement" : ""}</title></rect>
      <text x="${b + 4 < width * 0.6 ? b + 4 : a - 4}" text-anchor="${b + 4 < width * 0.6 ? "start" : "end"}" y="${i * row + 15}">${broken.has(e.id) ? "⚠ " : ""}${esc(short(e.name || e.id))}</text></g>`;
  });
  const day = (t) => new Date(t).toISOString().slice(0, 10);
  svg += `<text x="${left}" y="${height - 6}" font-size="11">${day(low)}</text><text x="${width - 80}" y="${height - 6}" font-size="11">${day(high)}</text></svg>`;
  box.innerHTML = svg;
  box.querySelectorAll("[data-id]").forEach((el) => el.addEventListener("click", () => select(el.dataset.id)));
}

// -- selection and the URL --------------------------------------------------------------

let currentId = null;

async function select(id, push = true) {
  currentId = id;
  if (push) {
    const params = new URLSearchParams(location.hash.slice(1));
    params.set("id", id);
    history.pushState({ id }, "", `#${params}`);
  }
  document.querySelectorAll(".result").forEach((b) => b.classList.toggle("selected", b.dataset.id === id));
  try {
    const data = await gql(DETAILS, { id });
    if (!data.node) { $("#details").innerHTML = `<p class="error">Nothing has the id ${esc(id)}.</p>`; return; }
    renderDetails(data.node);
    await Promise.all([expand(id, true), timeline(id, data.node.typeName)]);
  } catch (error) {
    $("#details").innerHTML = `<p class="error">${esc(error.message)}</p>`;
  }
}

function fromUrl() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("q")) { $("#search").value = params.get("q"); search(params.get("q")); }
  if (params.get("id")) select(params.get("id"), false);
}

$("#search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("#search").value.trim();
  if (!text) return;
  history.pushState({}, "", `#q=${encodeURIComponent(text)}`);
  search(text).catch((error) => { $("#results").innerHTML = `<p class="error">${esc(error.message)}</p>`; });
});
window.addEventListener("popstate", fromUrl);
fromUrl();
