// The timeline: everything touching the open entity (or the attacks at a place), uncertain
// times drawn as ranges, an agreement's time in force shaded and the strikes breaking it marked.
import { readState } from "./urls.js";
import { brushX } from "d3-brush";
import { select } from "d3-selection";
import { $, esc, gql, gqlPatient } from "./api.js";
import { regionPlaces } from "./scope.js";

const TIMED = `time { startEarliest endLatest }`;

export async function timeline(id, typeName) {
  const queries = [gql(
    `query($id: ID!) { timeline(entityId: $id) { relations entity { id typeName name
       ... on Attack { ${TIMED} } ... on Statement { ${TIMED} } ... on Event { ${TIMED} }
       ... on Agreement { ${TIMED} inForce { startEarliest endLatest } expires { endLatest } } } } }`, { id })];
  if (typeName === "Agreement") {
    // The strikes that break an agreement are not linked to it: ask for them and add them.
    queries.push(gql(`query($id: ID!) { agreementViolations(agreementId: $id) {
      attack { id typeName name ${TIMED} } } }`, { id }));
  }
  const [data, violations] = await Promise.all(queries);
  const breaking = (violations?.agreementViolations || []).map((v) => v.attack);
  const items = data.timeline.map((item) => item.entity).filter((e) => e.time);
  const seen = new Set(items.map((e) => e.id));
  items.push(...breaking.filter((attack) => !seen.has(attack.id)));
  draw(items, id, new Set(breaking.map((attack) => attack.id)));
}

/** The attacks at a place (the map's filter), on the same axis. */
export async function placeTimeline(placeId) {
  const data = await gql(`query($id: ID!) { attacks(filter: { location: $id }, first: 200) {
    nodes { id typeName name ${TIMED} } } }`, { id: placeId });
  draw(data.attacks.nodes.filter((e) => e.time), placeId, new Set());
}

const short = (text) => (text.length > 48 ? `${text.slice(0, 46)}…` : text);

function draw(items, focus, broken) {
  items.sort((a, b) => a.time.startEarliest.localeCompare(b.time.startEarliest));
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
    const right = b + 4 < width * 0.6;
    svg += `<g class="${classes}" data-go="${esc(e.id)}" data-id="${esc(e.id)}"><rect x="${a}" y="${i * row + 4}" width="${Math.max(b - a, 3)}" height="${row - 6}" rx="2"><title>${esc(e.name)}${broken.has(e.id) ? " — breaks the agreement" : ""}</title></rect>
      <text x="${right ? b + 4 : a - 4}" text-anchor="${right ? "start" : "end"}" y="${i * row + 15}">${broken.has(e.id) ? "⚠ " : ""}${esc(short(e.name || e.id))}</text></g>`;
  });
  const date = (t) => new Date(t).toISOString().slice(0, 10);
  svg += `<text x="${left}" y="${height - 6}" font-size="11">${date(low)}</text><text x="${width - 80}" y="${height - 6}" font-size="11">${date(high)}</text></svg>`;
  box.innerHTML = svg;
}

/** With nothing open: attacks per day for everything in view (the picked region, or all), as a
 * histogram; dragging across days (d3-brush) filters the map and lists to them. */
export async function histogram({ region, from, to }, onBrush) {
  const [data, places] = await Promise.all([
    gqlPatient(`query Histogram { stats { attacksPerRegionPerDay { regionId day attacks } } }`), regionPlaces()]);
  let rows = data.stats.attacksPerRegionPerDay;
  const place = region && places[region];
  if (place) rows = rows.filter((r) => r.regionId === place.id);
  const perDay = new Map();
  for (const r of rows) perDay.set(r.day, (perDay.get(r.day) || 0) + r.attacks);
  const now = readState();
  if (now.id && !now.region) return; // an entity opened while this loaded: its timeline stays
  const box = $("#timeline");
  if (!perDay.size) { box.innerHTML = `<p class="hint">No attacks with a day and a region${place ? ` in ${esc(place.name)}` : ""} yet.</p>`; return; }
  const ms = (d) => Date.parse(`${d}T00:00:00Z`);
  const DAY = 864e5;
  const days = [...perDay.keys()].sort();
  const low = ms(days[0]), high = ms(days.at(-1)) + DAY;
  const most = Math.max(...perDay.values());
  const total = [...perDay.values()].reduce((s, n) => s + n, 0);
  const width = Math.max(box.clientWidth - 10, 400), height = Math.max(box.clientHeight - 34, 110);
  const left = 34, right = 10, top = 6, bottom = 20;
  const x = (t) => left + ((t - low) / (high - low)) * (width - left - right);
  const y = (n) => top + (1 - n / most) * (height - top - bottom);
  const bar = Math.max((width - left - right) / ((high - low) / DAY) - 1, 1);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  let svg = `<svg class="histogram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Attacks per day: ${total} from ${days[0]} to ${days.at(-1)}">`;
  for (const [d, n] of perDay) {
    const inside = (!from || d >= from) && (!to || d <= to);
    svg += `<rect class="tl-bar${inside ? "" : " outside"}" data-day="${d}" data-count="${n}" x="${x(ms(d))}" y="${y(n)}" width="${bar}" height="${height - bottom - y(n)}"><title>${d}: ${n} attack${n === 1 ? "" : "s"}</title></rect>`;
  }
  svg += `<line class="tl-axis" x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}"/>
    <text class="tl-tick" x="${left}" y="${height - 5}">${days[0]}</text>
    <text class="tl-tick" x="${width - right}" y="${height - 5}" text-anchor="end">${days.at(-1)}</text>
    <text class="tl-tick" x="${left - 4}" y="${top + 9}" text-anchor="end">${most}</text><g class="brush"></g></svg>`;
  box.innerHTML = `<p class="tl-caption">${place ? `In ${esc(place.name)}: ` : ""}${total.toLocaleString("en")} attacks over ${days.length} days.
    ${from || to ? `Showing ${esc(from || days[0])} to ${esc(to || days.at(-1))} <button type="button" class="link" id="clear-days">show every day</button>` : "Drag across the days to filter the map and the lists."}</p>${svg}`;
  const brush = brushX().extent([[left, top], [width - right, height - bottom]]);
  const g = select(box.querySelector(".brush")).call(brush);
  if (from || to) g.call(brush.move, [x(from ? ms(from) : low), x(to ? ms(to) + DAY : high)]);
  brush.on("end", (event) => {
    if (!event.sourceEvent) return; // moved by the code above
    if (!event.selection) { onBrush(null, null); return; }
    const [a, b] = event.selection.map((px) => low + ((px - left) / (width - left - right)) * (high - low));
    onBrush(iso(Math.floor(a / DAY) * DAY), iso(Math.ceil(b / DAY) * DAY - DAY));
  });
  $("#clear-days")?.addEventListener("click", () => onBrush(null, null));
}
