// The timeline: everything touching the open entity (or the attacks at a place), uncertain
// times drawn as ranges, an agreement's time in force shaded and the strikes breaking it marked.
import { $, esc, gql } from "./api.js";

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
