// The connections graph, readable from 20 to 500 nodes: an fCoSE layout that counts labels in
// node sizes, labels never under 11 px on screen (the view does not zoom out further; a graph
// too big for it is centred on the selection and panned; a label that would collide with a
// more important one waits for hover), leaves of one kind around one node folded
// into a counted group that opens on click, the view fitted to the selection; a legend of kinds.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import { $, COLOURS, esc, gql } from "./api.js";

cytoscape.use(fcose);

let cy;
let focusId = null;
const LABEL_PX = 12;
const MIN_ZOOM = 11.5 / LABEL_PX; // labels stay above 11 px on screen
const FOLD_OVER = 25; // graphs with more nodes fold their leaves
const FOLD_AT = 5; // leaves of one kind around one node that fold into a group
const folded = new Map(); // group node id -> the leaves and edges it stands for

function ensure(onSelect, onExpand) {
  if (cy) return cy;
  cy = cytoscape({
    container: $("#graph"),
    minZoom: MIN_ZOOM, maxZoom: 4,
    hideEdgesOnViewport: true, // redraws of a 500-node graph while panning stay smooth
    style: [
      { selector: "node", style: {
        "background-color": (n) => COLOURS[n.data("type")] || "#777", label: "data(label)",
        "font-size": LABEL_PX, color: "#1d2330", "text-wrap": "ellipsis", "text-max-width": 140,
        "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#fff",
        "text-background-opacity": 0.85, "text-background-padding": 1, width: 16, height: 16 } },
      { selector: "node.label-hidden", style: { "text-opacity": 0, "text-background-opacity": 0 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#1d2330", width: 24, height: 24, "font-weight": "bold" } },
      { selector: "node.group", style: { shape: "round-rectangle", width: 30, height: 20, "border-width": 2, "border-color": "#1d2330",
        "border-style": "dashed", label: "data(label)", "font-weight": "bold" } },
      { selector: "node:active, node.hover", style: { "text-opacity": 1, "text-background-opacity": 0.95, "z-index": 10 } },
      { selector: "edge", style: {
        width: 1.1, "line-color": "#b7bdc9", "target-arrow-color": "#b7bdc9",
        "target-arrow-shape": "triangle", "curve-style": "straight", "font-size": 8, color: "#4a5263" } },
      { selector: "edge.hover", style: { label: "data(type)", "text-rotation": "autorotate", "line-color": "#4a5263",
        "text-background-color": "#fff", "text-background-opacity": 0.9 } },
    ],
  });
  cy.on("tap", "node", (event) => (event.target.hasClass("group") ? unfold(event.target.id()) : onSelect(event.target.id())));
  cy.on("dbltap", "node", (event) => onExpand(event.target.id()));
  cy.on("mouseover", "node", (event) => event.target.addClass("hover").connectedEdges().addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.removeClass("hover").connectedEdges().removeClass("hover"));
  let pending;
  cy.on("zoom", () => { clearTimeout(pending); pending = setTimeout(declutter, 80); });
  return cy;
}

// Labels scaled against the zoom (font-size / zoom) were tried: some labels kept a stale size
// in cytoscape's caches and drew at 5 px; a floor on the zoom is simpler and always holds.

/** Around each node, leaves (one neighbour only) of one kind beyond FOLD_AT become one group. */
function fold() {
  if (cy.nodes().length <= FOLD_OVER) return;
  cy.nodes().forEach((hub) => {
    if (hub.hasClass("group")) return;
    const byKind = {};
    hub.neighborhood("node").forEach((leaf) => {
      if (leaf.id() === focusId || leaf.hasClass("group") || leaf.neighborhood("node").length !== 1) return;
      (byKind[leaf.data("type")] ||= []).push(leaf);
    });
    for (const [type, leaves] of Object.entries(byKind)) {
      if (leaves.length < FOLD_AT) continue;
      const id = `group:${hub.id()}:${type}`;
      const members = cy.collection(leaves);
      folded.set(id, members.union(members.connectedEdges()));
      cy.remove(folded.get(id));
      cy.add([{ group: "nodes", classes: "group", data: { id, type, count: leaves.length, label: `${leaves.length} ${type}${leaves.length === 1 ? "" : "s"} — click to open` } },
        { group: "edges", data: { id: `${id}:edge`, source: hub.id(), target: id, type: "holds" } }]);
    }
  });
}

/** A group opens: its leaves come back around their node. */
export function unfold(id) {
  const group = cy.getElementById(id);
  const members = folded.get(id);
  if (group.empty() || !members) return;
  const at = group.position();
  cy.remove(group);
  members.restore();
  members.nodes().forEach((n, i) => n.position({ x: at.x + 30 * Math.cos(i), y: at.y + 30 * Math.sin(i) }));
  folded.delete(id);
  layout({ fit: false });
  legend();
}

const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Show the labels that fit: the focus first, then by degree; the rest wait for hover. */
export function declutter() {
  if (!cy) return;
  const rank = (n) => (n.id() === focusId ? 2 : n.hasClass("group") ? 1 : 0); // the focus, then groups
  const nodes = cy.nodes().sort((a, b) => rank(b) - rank(a) || b.degree() - a.degree());
  const kept = [];
  cy.batch(() => {
    nodes.forEach((node) => {
      node.removeClass("label-hidden");
      const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      if (box.w === 0 || kept.some((other) => overlaps(box, other))) node.addClass("label-hidden");
      else kept.push(box);
    });
  });
}

/** The rendered boxes of the labels showing (for the browser tests). */
export function visibleLabelBoxes() {
  if (!cy) return [];
  return cy.nodes().not(".label-hidden").map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
}

function layout({ fit = true } = {}) {
  cy.layout({
    name: "fcose", animate: false, randomize: true, quality: "default", nodeDimensionsIncludeLabels: true,
    idealEdgeLength: 70, nodeRepulsion: 9000, nodeSeparation: 60, packComponents: true, fit: false,
  }).run();
  if (fit) focus();
  declutter();
}

/** The view fits the graph, or the selection and its neighbours when the whole would be too small to read. */
function focus() {
  const selected = cy.getElementById(focusId);
  cy.fit(undefined, 20); // never below MIN_ZOOM
  if (cy.zoom() <= MIN_ZOOM + 1e-6 && !selected.empty()) cy.center(selected);
}

function legend() {
  const counts = {};
  cy.nodes().forEach((n) => { counts[n.data("type")] = (counts[n.data("type")] || 0) + 1; });
  $("#graph-legend").innerHTML = Object.entries(counts).sort().map(([kind, count]) =>
    `<span class="legend-item" data-kind="${esc(kind)}"><span class="kind" style="background:${COLOURS[kind] || "#777"}"></span>${esc(kind)} <small>${count}</small></span>`).join("");
}

export async function expand(id, { reset = false, onSelect, onExpand, limit = 100, depth = 1 }) {
  const data = await gql(
    `query Neighborhood($id: ID!, $limit: Int!, $depth: Int!) { neighborhood(id: $id, depth: $depth, limit: $limit) { nodes { id label type } edges { id source target type } } }`,
    { id, limit, depth },
  );
  const graph = ensure(onSelect, onExpand);
  if (reset) { graph.elements().remove(); folded.clear(); }
  const hood = data.neighborhood;
  if (!hood) return;
  graph.add(hood.nodes.filter((n) => graph.getElementById(n.id).empty())
    .map((n) => ({ group: "nodes", data: { id: n.id, label: n.label, type: n.type } })));
  graph.add(hood.edges.filter((e) => graph.getElementById(e.id).empty())
    .map((e) => ({ group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type } })));
  graph.nodes().removeClass("focus");
  focusId = reset ? id : focusId ?? id;
  graph.getElementById(focusId).addClass("focus");
  fold();
  layout();
  legend();
}

/** After the tab shows again: the canvas takes its size, the graph fits it. */
export function shown() {
  if (!cy) return;
  cy.resize();
  focus();
  declutter();
}

/** The on-screen font size of each label showing (for the browser tests). */
export function labelSizes() {
  if (!cy) return [];
  return cy.nodes().not(".label-hidden").map((n) => parseFloat(n.renderedStyle("font-size")));
}

window.deedgraphGraph = {
  visibleLabelBoxes, labelSizes, declutter, unfold,
  nodeCount: () => (cy ? cy.nodes().length : 0),
  groups: () => (cy ? cy.nodes(".group").map((n) => ({ id: n.id(), type: n.data("type"), count: n.data("count"), at: n.renderedPosition() })) : []),
  zoom: (k) => { if (cy) { cy.zoom({ level: cy.zoom() * k, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); declutter(); } },
  /** A neighbourhood of up to `limit` nodes, laid out; resolves with the milliseconds it took. */
  load: async (id, limit, depth = 1) => {
    const t = performance.now();
    await expand(id, { reset: true, limit, depth, onSelect: () => {}, onExpand: () => {} });
    return performance.now() - t;
  },
};
