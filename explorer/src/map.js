// The map: events over country outlines and first-level regions that ship with the page (no tile
// server), fitted to the data on load, panned and zoomed with d3-zoom. Exact places are points
// clustered by supercluster at the zoom shown, so counts never overlap; uncertain places are
// areas; the current agreement's area is hatched and the places of its violations ringed red.
// The count says how many of how many are drawn; clicking a region filters the page to it.
import { geoBounds, geoCentroid, geoContains, geoMercator, geoPath } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import Supercluster from "supercluster";
import { feature } from "topojson-client";
import { $, esc, gql } from "./api.js";
import { PLACE, pointsWithin, shapeOf } from "./places.js";
import { scope } from "./scope.js";

let countries = null;
let regions = null;
async function outlines() {
  if (!countries) {
    const [world, admin1] = await Promise.all(["/explorer/countries-50m.json", "/explorer/regions.json"]
      .map((url) => fetch(url).then((r) => r.json())));
    countries = feature(world, world.objects.countries).features;
    regions = feature(admin1, admin1.objects.regions).features;
    for (const r of regions) r.bounds = geoBounds(r);
  }
  return countries;
}
function outlineOf(name) { return countries.find((c) => c.properties.name === name) || null; }
export const regionOf = (code) => regions?.find((r) => r.id === code) || null;

/** The region holding a point (bounding boxes first, then the outline). */
function regionAt(point) {
  if (!point) return null;
  const [x, y] = point;
  return regions.find((r) => {
    const [[w, s], [e, n]] = r.bounds;
    return x >= w && x <= e && y >= s && y <= n && geoContains(r, point);
  }) || null;
}

const AGREEMENT = `query($id: ID!) { agreement(id: $id) { id name area { ${PLACE} } }
  agreementViolations(agreementId: $id) { attack { id } } }`;

const number = (n) => n.toLocaleString("en");
const RADIUS = 56; // px between cluster centres; a marker's radius stays under half of it
const markerRadius = (count) => Math.min(9 + 5 * Math.log10(count), 26);

let last = null; // what was loaded, for redraws on zoom and resize
let view = null; // { projection, transform, width, height, index, zoomer }

/** Group events by the shape of their place; returns { groups, unplaced, area }. */
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

/** The projection fitting what is drawn: the region picked, else the events, else Ukraine. */
function fitted(width, height, shapes, region) {
  const projection = geoMercator();
  const extent = [[30, 30], [width - 30, height - 30]];
  const target = region || (shapes.length ? { type: "FeatureCollection", features: shapes } : outlineOf("Ukraine"));
  projection.fitExtent(extent, target);
  if (projection.scale() > 6000) { // one point alone: stay at region level, centred on it
    projection.scale(6000);
    const [x, y] = projection(geoCentroid(target));
    const [tx, ty] = projection.translate();
    projection.translate([tx + width / 2 - x, ty + height / 2 - y]);
  }
  return projection;
}

function render(selected, onPlace, onRegion) {
  const { groups, area, agreementName, region } = last;
  const box = $("#map");
  const width = Math.max(box.clientWidth, 300), height = Math.max(box.clientHeight, 260);
  const pointFeatures = groups.filter((g) => g.kind === "point").map((g) => ({
    type: "Feature", geometry: { type: "Point", coordinates: g.center },
    properties: { id: g.id, name: g.name, count: g.items.length, violations: g.violations, selected: g.id === selected, events: g.items.map((i) => i.id) },
  }));
  const shapes = pointFeatures.concat(groups.concat(area).filter((g) => g.kind === "area" && !g.how.startsWith("the whole"))
    .map((g) => ({ type: "Feature", geometry: g.geometry.geometry || g.geometry })));
  const projection = fitted(width, height, shapes, region && regionOf(region));
  const path = geoPath(projection);
  const index = new Supercluster({
    radius: RADIUS, extent: 256, maxZoom: 16,
    map: (p) => ({ count: p.count, violations: p.violations, selected: p.selected }),
    reduce: (a, b) => { a.count += b.count; a.violations += b.violations; a.selected ||= b.selected; },
  }).load(pointFeatures);
  const counts = new Map();
  for (const g of groups) {
    const r = regionAt(g.center);
    if (r) counts.set(r.id, (counts.get(r.id) || 0) + g.items.length);
  }
  const busiest = Math.max(1, ...counts.values());
  let svg = `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="Map of events">
    <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1="0" y1="0" x2="0" y2="6" stroke="#a87400" stroke-width="2"/></pattern></defs>
    <rect width="${width}" height="${height}" class="sea"/><g class="zoomed">`;
  for (const c of countries) svg += `<path class="country" d="${path(c)}"><title>${esc(c.properties.name)}</title></path>`;
  for (const r of regions) {
    const n = counts.get(r.id) || 0;
    const shade = n ? `style="fill-opacity:${(0.08 + 0.3 * Math.sqrt(n / busiest)).toFixed(2)}"` : "";
    svg += `<path class="region${n ? " has-events" : ""}${r.id === region ? " picked" : ""}" data-region="${esc(r.id)}" data-name="${esc(r.properties.name)}" data-count="${n}" ${shade} d="${path(r)}"><title>${esc(r.properties.name)} (${esc(r.id)}): ${n} event${n === 1 ? "" : "s"} drawn — click to filter</title></path>`;
  }
  for (const a of area) svg += `<path class="agreement-area" d="${path(a.geometry)}"><title>${esc(agreementName)}: area ${esc(a.name)}</title></path>`;
  const areas = groups.filter((g) => g.kind === "area").sort((a, b) => b.items.length - a.items.length);
  for (const g of areas) {
    svg += `<g class="marker area${g.violations ? " violation" : ""}${g.id === selected ? " selected" : ""}" data-place="${esc(g.id)}" data-count="${g.items.length}" data-events="${esc(g.items.map((i) => i.id).join(" "))}"
      tabindex="0" role="button" aria-label="${esc(g.name)}: ${g.items.length} event${g.items.length === 1 ? "" : "s"}, ${esc(g.how)}">
      <path d="${path(g.geometry)}"/>
      <title>${esc(g.name)} — ${g.items.length} event(s); ${esc(g.how)}${g.places.size ? ` (${esc([...g.places].join(", "))})` : ""}${g.violations ? `; ${g.violations} break the agreement` : ""}</title></g>`;
  }
  svg += `</g><g class="labels"></g><g class="points"></g></svg>
    <div class="map-tools"><button type="button" id="zoom-in" aria-label="Zoom in">+</button><button type="button" id="zoom-out" aria-label="Zoom out">−</button><button type="button" id="zoom-fit">Fit</button></div>
    <p class="map-count" id="map-count"></p>`;
  box.innerHTML = svg;
  const zoomer = zoom().scaleExtent([0.5, 64]).on("zoom", (event) => { view.transform = event.transform; place(onPlace); });
  view = { projection, width, height, index, zoomer, transform: view?.keep ? view.transform : zoomIdentity, areas };
  const canvas = select(box.querySelector("svg"));
  canvas.call(zoomer).on("dblclick.zoom", null);
  canvas.call(zoomer.transform, view.transform);
  $("#zoom-in").onclick = () => canvas.call(zoomer.scaleBy, 2);
  $("#zoom-out").onclick = () => canvas.call(zoomer.scaleBy, 0.5);
  $("#zoom-fit").onclick = () => canvas.call(zoomer.transform, zoomIdentity);
  box.querySelectorAll("path.region").forEach((el) => el.addEventListener("click", () => onRegion(el.dataset.region)));
  box.querySelectorAll(".marker.area").forEach((el) => {
    const go = () => onPlace(el.dataset.place);
    el.addEventListener("click", go);
    el.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(); } });
  });
  side(onPlace, onRegion);
}

/** Points and labels at the zoom shown: supercluster's clusters, then any two that would still
 * touch are drawn as one (their centres can end up closer than the radius). */
function place(onPlace) {
  const { projection, transform, index, width, height, areas } = view;
  const svg = $("#map svg");
  if (!svg) return;
  svg.querySelector(".zoomed").setAttribute("transform", transform.toString());
  const at = (lonlat) => transform.apply(projection(lonlat));
  const worldWidth = 2 * Math.PI * projection.scale() * transform.k;
  const z = Math.max(0, Math.log2(worldWidth / 256));
  const markers = [];
  for (const c of index.getClusters([-180, -85, 180, 85], z).sort((a, b) => b.properties.count - a.properties.count)) {
    const [x, y] = at(c.geometry.coordinates);
    const count = c.properties.count;
    const m = { x, y, count, r: markerRadius(count), clusters: [c], violations: c.properties.violations, selected: c.properties.selected };
    const near = markers.find((o) => Math.hypot(o.x - x, o.y - y) < o.r + m.r + 2);
    if (near) {
      near.count += count; near.violations += m.violations; near.selected ||= m.selected;
      near.clusters.push(c); near.r = markerRadius(near.count);
    } else markers.push(m);
  }
  let html = "";
  for (const m of markers) {
    if (m.x < -m.r || m.y < -m.r || m.x > width + m.r || m.y > height + m.r) continue;
    const leaves = m.clusters.flatMap((c) => (c.properties.cluster ? index.getLeaves(c.properties.cluster_id, Infinity) : [c]));
    const first = leaves[0].properties;
    const many = leaves.length > 1;
    const label = many ? `${leaves.length} places, ${number(m.count)} events — click to zoom in` : `${first.name}: ${m.count} event${m.count === 1 ? "" : "s"}`;
    html += `<g class="marker point${many ? " cluster" : ""}${m.violations ? " violation" : ""}${m.selected ? " selected" : ""}"
      data-place="${esc(first.id)}" data-places="${esc(leaves.map((l) => l.properties.id).join(" "))}" data-count="${m.count}" data-events="${esc(leaves.flatMap((l) => l.properties.events).join(" "))}"
      data-x="${m.x.toFixed(1)}" data-y="${m.y.toFixed(1)}" data-r="${m.r.toFixed(1)}" tabindex="0" role="button" aria-label="${esc(label)}">
      <circle cx="${m.x}" cy="${m.y}" r="${m.r}"/>${m.count > 1 ? `<text x="${m.x}" y="${m.y}">${number(m.count)}</text>` : ""}<title>${esc(label)}</title></g>`;
  }
  svg.querySelector(".points").innerHTML = html;
  // An area's count sits at its centre, at the same size whatever the zoom.
  svg.querySelector(".labels").innerHTML = areas.filter((g) => g.center || g.geometry).map((g) => {
    const [x, y] = at(g.center || geoCentroid(g.geometry));
    return `<text class="area-count" x="${x}" y="${y}">${number(g.items.length)}</text>`;
  }).join("");
  svg.querySelectorAll(".points .marker").forEach((el) => {
    const go = () => {
      if (!el.classList.contains("cluster")) { onPlace(el.dataset.place); return; }
      const [x, y] = [Number(el.dataset.x), Number(el.dataset.y)];
      const canvas = select(svg);
      const [px, py] = view.transform.invert([x, y]);
      select(svg).transition().duration(250).call(view.zoomer.transform,
        zoomIdentity.translate(width / 2, height / 2).scale(view.transform.k * 2.5).translate(-px, -py));
    };
    el.addEventListener("click", go);
    el.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(); } });
  });
  const drawn = markers.reduce((s, m) => s + m.count, 0) + areas.reduce((s, g) => s + g.items.length, 0);
  $("#map-count").textContent = countText(drawn);
}

function countText() {
  const { loaded, total, unplaced, region } = last;
  const inRegion = region ? ` in ${regionOf(region)?.properties.name || region}` : "";
  if (loaded < total) return `${number(loaded - unplaced)} of ${number(total)} shown${inRegion} — zoom in or filter to see the rest`;
  return `${number(loaded - unplaced)} of ${number(total)} events on the map${inRegion}`;
}

function side(onPlace, onRegion) {
  const { groups, area, agreementName, unplaced, loaded, total, region } = last;
  const list = groups.slice().sort((a, b) => b.items.length - a.items.length);
  const picked = region && regionOf(region);
  $("#map-side").innerHTML = `
    ${picked ? `<div class="filter"><h3>In ${esc(picked.properties.name)} <small>${esc(region)}</small></h3>
      <button type="button" class="link" id="clear-region">show every region</button></div>` : ""}
    <p class="legend"><span class="swatch point"></span> exact place <span class="swatch area"></span> uncertain place, drawn as an area
      ${area.length ? `<span class="swatch agreement"></span> ${esc(agreementName)}: area` : ""}
      ${agreementName ? `<span class="swatch violation"></span> breaks ${esc(agreementName)}` : ""}</p>
    <p class="hint" id="map-total">${number(loaded - unplaced)} of ${number(total)} events on the map${loaded < total ? ` (the latest ${number(loaded)} loaded: zoom in or filter to see the rest)` : ""}${unplaced ? `; ${unplaced} without any place to draw` : ""}.</p>
    <p class="hint">Click a region to filter the page to it; scroll or use + and − to zoom.</p>
    <h3>Places</h3><ul class="place-list">${list.slice(0, 200).map((g) => `<li><button type="button" class="link place-link" data-place="${esc(g.id)}">${esc(g.name)}</button>
      <small>${g.items.length}${g.kind === "area" ? " · area" : ""}${g.places.size ? ` · ${esc([...g.places].join(", "))}` : ""}${g.violations ? ` · <span class="flag-yes">${g.violations} violation${g.violations === 1 ? "" : "s"}</span>` : ""}</small></li>`).join("")}</ul>`;
  document.querySelectorAll("#map-side [data-place]").forEach((el) => el.addEventListener("click", () => onPlace(el.dataset.place)));
  $("#clear-region")?.addEventListener("click", () => onRegion(null));
}

export async function drawMap({ agreement, place, region, from, to }, onPlace, onRegion) {
  $("#map").innerHTML = `<p class="hint">Loading the map…</p>`;
  const [data, deal] = await Promise.all([scope({ from, to, region }), agreement ? gql(AGREEMENT, { id: agreement }) : null, outlines()]);
  let items = data.items;
  let total = data.total;
  if (region && !data.filtered) {
    // A region the graph has no place for: the events drawn inside its outline.
    const outline = regionOf(region);
    items = items.filter((i) => i.places.some((p) => p.longitude != null && outline && geoContains(outline, [p.longitude, p.latitude])));
    total = data.loaded < data.total ? data.total : items.length;
  }
  const broken = new Set((deal?.agreementViolations || []).map((v) => v.attack.id));
  const grouped = group(items, deal?.agreement?.area || [], broken);
  last = { ...grouped, agreementName: deal?.agreement?.name || "", loaded: items.length, total, region };
  view = null;
  render(place, onPlace, onRegion);
}

export function redraw(place, onPlace, onRegion) {
  if (!last) return;
  if (view) view.keep = true;
  render(place, onPlace, onRegion);
}

/** The ISO 3166-2 code of the region a place lies in, and its name. */
export function regionName(code) { return regionOf(code)?.properties.name || code; }

window.deedgraphMap = {
  /** Which country and region outline hold a point (for the browser tests' Crimea check). */
  countryAt: (lonlat) => countries?.find((c) => geoContains(c, lonlat))?.properties.name ?? null,
  regionAt: (lonlat) => (regions ? regionAt(lonlat)?.id ?? null : null),
  zoomBy: (k) => { const svg = $("#map svg"); if (svg && view) select(svg).call(view.zoomer.scaleBy, k); },
  transform: () => (view ? { k: view.transform.k, x: view.transform.x, y: view.transform.y } : null),
};
