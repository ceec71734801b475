// Where each event goes on the map, from the places the API gives: an exact place is a point;
// a place known only roughly (a dataset's geo_precision 2 or 3, a region or district, a place
// without coordinates) is an area: a circle around its own coordinates, or around the points
// the data has inside it, or its country's outline. These areas come from the data's own
// coordinates, not from the region outlines the map draws (regions.json), which are for reading
// and for filtering by region.
import { geoCircle } from "d3-geo";

const POINT_KINDS = new Set(["settlement", "city", "town", "village", "site", "building"]);
// Radius in degrees of a place of this kind known by its centre alone (1° ≈ 111 km).
const RADIUS = { country: 3, region: 1.1, district: 0.35, community: 0.12, sea: 2 };
// Radius for a dataset's precision at a named place: 2 near it, 3 somewhere in its region.
const PRECISION_RADIUS = { 2: 0.25, 3: 0.9 };

export const PLACE_FIELDS = "id name kind latitude longitude";
/** The place and four levels of what it lies within: a town's community, district, region
 * and country (the server's depth limit is 10; this reaches 8 under attacks { nodes }). */
export const PLACE = `${PLACE_FIELDS} within { ${PLACE_FIELDS} within { ${PLACE_FIELDS} within { ${PLACE_FIELDS} within { ${PLACE_FIELDS} } } } }`;

function chain(place) {
  const found = [];
  for (let p = place; p; p = p.within) found.push(p);
  return found;
}

const located = (p) => p.latitude != null && p.longitude != null;

/** Points the data itself has inside each place (by id), for areas without coordinates. */
export function pointsWithin(places) {
  const inside = new Map();
  for (const place of places) {
    if (!located(place) || !POINT_KINDS.has(place.kind)) continue;
    for (const outer of chain(place).slice(1)) {
      if (!inside.has(outer.id)) inside.set(outer.id, new Map());
      inside.get(outer.id).set(place.id, [place.longitude, place.latitude]);
    }
  }
  return inside;
}

function circle(center, radius) {
  return geoCircle().center(center).radius(radius).precision(4)();
}

/** The shape for an event at `place`: { kind: "point" | "area", id, name, center, geometry, how }. */
export function shapeOf(place, precision, inside, countryOutline) {
  const base = { id: place.id, name: place.name };
  if (located(place)) {
    const center = [place.longitude, place.latitude];
    if (POINT_KINDS.has(place.kind) && !(precision >= 2)) return { ...base, kind: "point", center, how: "exact place" };
    if (place.kind === "country" && countryOutline(place.name)) {
      return { ...base, kind: "area", center, geometry: countryOutline(place.name), how: "the whole country" };
    }
    const radius = PRECISION_RADIUS[precision] ?? RADIUS[place.kind] ?? 0.3;
    const how = precision >= 2 ? `placed only ${precision === 2 ? "near" : "somewhere around"} the named place` : `a ${place.kind}, known by its centre`;
    return { ...base, kind: "area", center, geometry: circle(center, radius), how };
  }
  const points = [...(inside.get(place.id)?.values() ?? [])];
  if (points.length) {
    const center = [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
    const spread = Math.max(...points.map((p) => Math.hypot(p[0] - center[0], p[1] - center[1])));
    return { ...base, kind: "area", center, geometry: circle(center, spread + 0.2), how: `area around the ${points.length} place${points.length === 1 ? "" : "s"} the data has inside it` };
  }
  // Nothing inside it is located either: drawn as the nearest place around it that is, so all
  // the unlocated places of a country share its outline (one area, one count).
  for (const outer of chain(place).slice(1)) {
    const around = { id: outer.id, name: outer.name, inside: place.name, how: `places without coordinates somewhere in ${outer.name}` };
    if (outer.kind === "country" && countryOutline(outer.name)) {
      return { ...around, kind: "area", center: located(outer) ? [outer.longitude, outer.latitude] : null, geometry: countryOutline(outer.name) };
    }
    if (located(outer)) {
      const center = [outer.longitude, outer.latitude];
      return { ...around, kind: "area", center, geometry: circle(center, RADIUS[outer.kind] ?? 1) };
    }
  }
  if (place.kind === "country" && countryOutline(place.name)) {
    return { ...base, kind: "area", center: null, geometry: countryOutline(place.name), how: "the whole country" };
  }
  return null;
}
