// What the map and the timeline show when nothing narrower is open: the latest attacks and
// events with their places and times (pages of 250, up to LIMIT), how many match in
// all (totalCount, so no count is a guess), narrowed by the brushed days and the picked region;
// and the regions the graph knows, by ISO 3166-2 code.
import { gqlPatient } from "./api.js";
import { PLACE } from "./places.js";

export const LIMIT = 1000;
const TIMED = "time { startEarliest endLatest }";
const ATTACKS = `query ScopeAttacks($filter: Filter, $after: String) {
  attacks(first: 250, after: $after, order: TIME_DESC, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id name geoPrecision ${TIMED} locations { ${PLACE} } } } }`;
const EVENTS = `query ScopeEvents($filter: Filter) { events(first: 500, order: TIME_DESC, filter: $filter) {
  totalCount nodes { id name ${TIMED} location { ${PLACE} } } } }`;
const REGIONS = `query ScopeRegions { locations(first: 500, filter: { kind: region }) { nodes { id name iso3166_2 } } }`;

let known = null;
/** The graph's first-level regions by ISO 3166-2 code: { "UA-14": { id, name } }. */
export async function regionPlaces() {
  if (!known) {
    const data = await gqlPatient(REGIONS);
    known = Object.fromEntries(data.locations.nodes.filter((p) => p.iso3166_2).map((p) => [p.iso3166_2, p]));
  }
  return known;
}

const cache = new Map();
/** { items: [{ id, name, typeName, time, places, precision }], total, loaded } */
export function scope({ from, to, region } = {}) {
  const key = `${from || ""}|${to || ""}|${region || ""}`;
  if (!cache.has(key)) cache.set(key, load(from, to, region).catch((error) => { cache.delete(key); throw error; }));
  return cache.get(key);
}

async function load(from, to, region) {
  const filter = {};
  if (from) filter.start = `${from}T00:00:00Z`;
  if (to) filter.end = `${to}T23:59:59Z`;
  if (region) {
    const place = (await regionPlaces())[region];
    if (place) filter.location = place.id;
  }
  const ask = gqlPatient; // each page has the server's time limit
  const events = ask(EVENTS, { filter });
  const attacks = [];
  let after = null, total = 0;
  do {
    const page = (await ask(ATTACKS, { filter, after })).attacks;
    total = page.totalCount;
    attacks.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && attacks.length < LIMIT);
  const more = (await events).events;
  const items = attacks.map((a) => ({ id: a.id, name: a.name, typeName: "Attack", time: a.time, places: a.locations, precision: a.geoPrecision }))
    .concat(more.nodes.map((e) => ({ id: e.id, name: e.name, typeName: "Event", time: e.time, places: e.location ? [e.location] : [], precision: null })));
  return { items, total: total + more.totalCount, loaded: items.length, filtered: Boolean(filter.location) };
}
