// The connections graph: rings around the open entity, labels that never overlap (a label that
// would collide with a more important one waits for hover), a legend of node kinds.
import cytoscape from "cytoscape";
import { $, COLOURS, esc, gql } from "./api.js";

let cy;
let focusId = null;

function ensure(onSelect, onExpand) {
  if (cy) return cy;
  cy = cytoscape({
    container: $("#graph"),
    hideEdgesOnViewport: true, // redraws of a 500-node graph while panning stay smooth
    style: [
      { selector: "node", style: {
        "background-color": (n) => COLOURS[n.data("type")] || "#777", label: "data(label)",
        "font-size": 10, color: "#1d2330", "text-wrap": "ellipsis", "text-max-width": 120,
        "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#fff",
        "text-background-opacity": 0.85, "text-background-padding": 1, width: 16, height: 16 } },
      { selector: "node.label-hidden", style: { "text-opacity": 0, "text-background-opacity": 0 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#1d2330", width: 24, height: 24, "font-weight": "bold" } },
      { selector: "node:active, node.hover", style: { "text-opacity": 1, "text-background-opacity": 0.95, "z-index": 10 } },
      { selector: "edge", style: {
        width: 1.1, "line-color": "#b7bdc9", "target-arrow-color": "#b7bdc9",
        "target-arrow-shape": "triangle", "curve-style": "straight", "font-size": 8, color: "#4a5263" } },
      { selector: "edge.hover", style: { label: "data(type)", "text-rotation": "autorotate", "line-color": "#4a5263",
        "text-background-color": "#fff", "text-background-opacity": 0.9 } },
    ],
  });
  cy.on("tap", "node", (event) => onSelect(event.target.id()));
  cy.on("dbltap", "node", (event) => onExpand(event.target.id()));
  cy.on("mouseover", "node", (event) => event.target.addClass("hover").connectedEdges().addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.removeClass("hover").connectedEdges().removeClass("hover"));
  let pending;
  cy.on("zoom", () => { clearTimeout(pending); pending = setTimeout(declutter, 80); });
  return cy;
}

const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Show the labels that fit: the focus first, then by degree; the rest wait for hover. */
export function declutter() {
  if (!cy) return;
  const nodes = cy.nodes().sort((a, b) => (b.id() === focusId) - (a.id() === focusId) || b.degree() - a.degree());
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

function layout() {
  const focus = cy.getElementById(focusId);
  const levels = new Map();
  if (!focus.empty()) {
    cy.elements().bfs({ roots: focus, directed: false, visit: (v, e, u, i, depth) => { levels.set(v.id(), depth); } });
  }
  const deepest = Math.max(0, ...levels.values());
  cy.layout({
    name: "concentric", animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true,
    minNodeSpacing: 12, spacingFactor: 1.1, levelWidth: () => 1,
    concentric: (n) => deepest + 1 - (levels.get(n.id()) ?? deepest + 1),
  }).run();
  declutter();
}

function legend() {
  const counts = {};
  cy.nodes().forEach((n) => { counts[n.data("type")] = (counts[n.data("type")] || 0) + 1; });
  $("#graph-legend").innerHTML = Object.entries(counts).sort().map(([kind, count]) =>
    `<span class="legend-item" data-kind="${esc(kind)}"><span class="kind" style="background:${COLOURS[kind] || "#777"}"></span>${esc(kind)} <small>${count}</small></span>`).join("");
}

export async function expand(id, { reset = false, onSelect, onExpand, limit = 100 }) {
  const data = await gql(
    `query($id: ID!, $limit: Int!) { neighborhood(id: $id, depth: 1, limit: $limit) { nodes { id label type } edges { id source target type } } }`,
    { id, limit },
  );
  const graph = ensure(onSelect, onExpand);
  if (reset) graph.elements().remove();
  const hood = data.neighborhood;
  if (!hood) return;
  graph.add(hood.nodes.filter((n) => graph.getElementById(n.id).empty())
    .map((n) => ({ group: "nodes", data: { id: n.id, label: n.label, type: n.type } })));
  graph.add(hood.edges.filter((e) => graph.getElementById(e.id).empty())
    .map((e) => ({ group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type } })));
  graph.nodes().removeClass("focus");
  focusId = reset ? id : focusId ?? id;
  graph.getElementById(focusId).addClass("focus");
  layout();
  legend();
}

/** After the tab shows again: the canvas takes its size, the graph fits it. */
export function shown() {
  if (!cy) return;
  cy.resize();
  cy.fit(undefined, 20);
  declutter();
}

window.deedgraphGraph = { visibleLabelBoxes, nodeCount: () => (cy ? cy.nodes().length : 0), declutter };
