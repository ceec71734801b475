// The page's state lives in the URL's fragment, so every view can be shared and restored:
// q (search), id (the open entity), view (graph | map | source | agreement | draft), source and passage
// (the source reader), agreement (the agreement view and the map's agreement), place (the map's
// filter), region (an ISO 3166-2 code picked on the map), from and to (days brushed on the
// timeline's histogram).
export const VIEWS = ["graph", "map", "source", "agreement", "draft"];

export function readState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const state = Object.fromEntries(params.entries());
  if (!VIEWS.includes(state.view)) state.view = state.id ? "graph" : "map"; // nothing open: the map
  return state;
}

/** Change some keys (null removes one); a new history entry unless `replace`. */
export function writeState(changes, { replace = false } = {}) {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const hash = `#${params}`;
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
}
