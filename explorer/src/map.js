// The map: events over country outlines that ship with the page (world-atlas, no tile server),
// exact places as points sized by count and clustered when they crowd, uncertain places as
// areas, the current agreement's area hatched and the places of its violations ringed red.
import { geoCentroid, geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import { $, esc, gql } from "./api.js";
import { PLACE, pointsWithin, shapeOf } from "./places.js";

let countries = null;
async function outlines() {
  if (!countries) {
    const topo = await (await fetch("/explorer/countries-50m.json")).json();
    countries = feature(topo, topo.objects.countries).features;
  }
  return countries;
}
const NAMES = { "Russian Federation": "Russia" }; // world-atlas spells a few countries its way
function outlineOf(name) {
  return countries.find((c) => (NAMES[c.properties.name] || c.properties.name) === name) || null;
}

const EVENTS = `query {
  attacks(first: 500, order: TIME_DESC) { totalCount nodes { id name geoPrecision locations { ${PLACE} } } }
  events(first: 500) { nodes { id name location { ${PLACE} } } } }`;
const AGREEMENT = `query($id: ID!) { agreement(id: $id) { id name area { ${PLACE} } }
  agreementViolations(agreementId: $id) { attack { id } } }`;

let last = null; // what was drawn, for redraws on resize

/** Group events by the shape of their place; returns { groups, unplaced, total }. */
function group(items, agreementArea, broken) {
  const all = items.flatMap((item) => item.places);
  const inside = pointsWithin(all.concat(agreementArea));
  const groups = new Map();
  let unplaced = 0;
  for (const item of items) {
    const shapes = item.places.map((p) => shapeOf(p, item.precision, inside, outlineOf)).filter(Boolean);
    if (!shapes.length) { unplaced += 1; continue; }
    for (const shape of shapes) {
      const key = shape.id;
      if (!groups.has(key)) groups.set(key, { ...shape, items: [], violations: 0, places: new Set() });
      const g = groups.get(key);
      if (g.items.includes(item)) continue; // two of its places drawn as one area
      g.items.push(item);
      if (shape.inside) g.places.add(shape.inside);
      if (broken.has(item.id)) g.violations += 1;
    }
  }
  const area = agreementArea.map((p) => shapeOf(p, null, inside, outlineOf)).filter(Boolean);
  return { groups: [...groups.values()], unplaced, area };
}

function render({ groups, unplaced, area, agreementName, total }, selected, onPlace) {
  const box = $("#map");
  const width = Math.max(box.clientWidth, 300), height = Math.max(box.clientHeight, 260);
  const shapes = groups.concat(area).map((g) => (g.kind === "point"
    ? { type: "Feature", geometry: { type: "Point", coordinates: g.center } }
    : { type: "Feature", geometry: g.geometry.geometry || g.geometry }));
  const projection = geoMercator();
  if (shapes.length) projection.fitExtent([[30, 30], [width - 30, height - 30]], { type: "FeatureCollection", features: shapes });
  else projection.fitExtent([[30, 30], [width - 30, height - 30]], outlineOf("Ukraine"));
  if (projection.scale() > 6000) projection.scale(6000); // one point alone: stay at region level
  const path = geoPath(projection);
  let svg = `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="Map of events">
    <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="#a87400" stroke-width="2"/></pattern></defs>
    <rect width="${width}" height="${height}" class="sea"/>`;
  for (const c of countries) svg += `<path class="country" d="${path(c)}"><title>${esc(c.properties.name)}</title></path>`;
  for (const a of area) svg += `<path class="agreement-area" d="${path(a.geometry)}"><title>${esc(agreementName)}: area ${esc(a.name)}</title></path>`;
  // Areas under points, big under small.
  const areas = groups.filter((g) => g.kind === "area").sort((a, b) => b.items.length - a.items.length);
  for (const g of areas) {
    const [x, y] = projection(g.center || geoCentroid(g.geometry));
    svg += `<g class="marker area${g.violations ? " violation" : ""}${g.id === selected ? " selected" : ""}" data-place="${esc(g.id)}" data-count="${g.items.length}" data-events="${esc(g.items.map((i) => i.id).join(" "))}"
      tabindex="0" role="button" aria-label="${esc(g.name)}: ${g.items.length} event${g.items.length === 1 ? "" : "s"}, ${esc(g.how)}">
      <path d="${path(g.geometry)}"/><text x="${x}" y="${y}">${g.items.length}</text>
      <title>${esc(g.name)} — ${g.items.length} event(s); ${esc(g.how)}${g.places.size ? ` (${esc([...g.places].join(", "))})` : ""}${g.violations ? `; ${g.violations} break the agreement` : ""}</title></g>`;
  }
  // Points closer than a marker's size merge into a cluster showing the total.
  const clusters = [];
  for (const g of groups.filter((p) => p.kind === "point").sort((a, b) => b.items.length - a.items.length)) {
    const [x, y] = projection(g.center);
    const near = clusters.find((c) => Math.hypot(c.x - x, c.y - y) < 14);
    if (near) near.members.push(g); else clusters.push({ x, y, members: [g] });
  }
  for (const c of clusters) {
    const count = c.members.reduce((s, g) => s + g.items.length, 0);
    const r = 5 + 3 * Math.sqrt(count);
    const g = c.members[0];
    const violations = c.members.reduce((s, m) => s + m.violations, 0);
    const label = c.members.length > 1 ? `${c.members.length} places, ${count} events` : `${g.name}: ${count} event${count === 1 ? "" : "s"}`;
    svg += `<g class="marker point${c.members.length > 1 ? " cluster" : ""}${violations ? " violation" : ""}${c.members.some((m) => m.id === selected) ? " selected" : ""}"
      data-place="${esc(g.id)}" data-places="${esc(c.members.map((m) => m.id).join(" "))}" data-count="${count}" data-events="${esc(c.members.flatMap((m) => m.items.map((i) => i.id)).join(" "))}" tabindex="0" role="button" aria-label="${esc(label)}">
      <circle cx="${c.x}" cy="${c.y}" r="${r}"/>${count > 1 ? `<text x="${c.x}" y="${c.y}">${count}</text>` : ""}<title>${esc(label)}</title></g>`;
  }
  svg += `</svg>`;
  box.innerHTML = svg;
  const list = groups.slice().sort((a, b) => b.items.length - a.items.length);
  $("#map-side").innerHTML = `
    <p class="legend"><span class="swatch point"></span> exact place <span class="swatch area"></span> uncertain place, drawn as an area
      ${area.length ? `<span class="swatch agreement"></span> ${esc(agreementName)}: area` : ""}
      ${agreementName ? `<span class="swatch violation"></span> breaks ${esc(agreementName)}` : ""}</p>
    <p class="hint">${total - unplaced} of ${total} events on the map${unplaced ? `; ${unplaced} without any place to draw` : ""}.</p>
    <h3>Places</h3><ul class="place-list">${list.map((g) => `<li><button type="button" class="link place-link" data-place="${esc(g.id)}">${esc(g.name)}</button>
      <small>${g.items.length}${g.kind === "area" ? " · area" : ""}${g.places.size ? ` · ${esc([...g.places].join(", "))}` : ""}${g.violations ? ` · <span class="flag-yes">${g.violations} violation${g.violations === 1 ? "" : "s"}</span>` : ""}</small></li>`).join("")}</ul>`;
  document.querySelectorAll("#map [data-place], #map-side [data-place]").forEach((el) => {
    const go = () => onPlace(el.dataset.place);
    el.addEventListener("click", go);
    el.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(); } });
  });
}

export async function drawMap({ agreement, place }, onPlace) {
  $("#map").innerHTML = `<p class="hint">Loading the map…</p>`;
  const [data, deal] = await Promise.all([gql(EVENTS), agreement ? gql(AGREEMENT, { id: agreement }) : null, outlines()]);
  const items = data.attacks.nodes.map((a) => ({ id: a.id, places: a.locations, precision: a.geoPrecision }))
    .concat(data.events.nodes.map((e) => ({ id: e.id, places: e.location ? [e.location] : [], precision: null })));
  const broken = new Set((deal?.agreementViolations || []).map((v) => v.attack.id));
  const grouped = group(items, deal?.agreement?.area || [], broken);
  last = { ...grouped, agreementName: deal?.agreement?.name || "", total: items.length };
  render(last, place, onPlace);
}

export function redraw(place, onPlace) { if (last) render(last, place, onPlace); }
