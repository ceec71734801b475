// What every view shares: the GraphQL client (the public API at /graphql only), escaping, colours.

export const COLOURS = {
  Actor: "#2a62c4", Location: "#23805a", Attack: "#c0392b", Statement: "#6a45b8",
  Agreement: "#a87400", Event: "#0e7f8c", Target: "#9c4f27", Figure: "#6b7280",
  Source: "#3b4252", TargetCategory: "#7b8391", Interception: "#4b6f2a",
};

export const $ = (selector, root = document) => root.querySelector(selector);
export const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The API key the page reads with, on a server whose reads need one (DEEDGRAPH_READS_NEED_KEY):
// asked for once (main.js's key form), kept for the tab's session only, and sent with every
// request and in the live subscription's connection_init (live.js). None: the page reads
// without a key, as on a server whose reads are open.
const KEY_STORE = "deedgraph.apiKey";
export function apiKey() {
  try { return sessionStorage.getItem(KEY_STORE) || ""; } catch { return ""; }
}
export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
  } catch { /* storage refused (a private window's policy): the key lasts until reload */ }
}
/** The request headers (or connection_init payload) that carry the key, if the page has one. */
export const authorization = (key = apiKey()) => (key ? { Authorization: `Bearer ${key}` } : {});

export async function gql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json",
      ...authorization() },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (response.status === 401) {
    // No key, or one the server does not know: the page asks for one (main.js).
    const message = body.errors?.[0]?.message || "an API key is required";
    window.dispatchEvent(new CustomEvent("deedgraph:key-needed", { detail: { message } }));
  }
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

// As the server compares quotes with a text (graph/ingest/facts/plan/core.py normalise): quote
// marks and dashes plain, white space collapsed. Every replacement keeps the length but the
// collapsing, so positions map back to the text through `collapsedIndex`.
const PLAIN = { "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-" };
export const normalise = (text) =>
  String(text).replace(/[\u2018\u2019\u201c\u201d\u2013\u2014]/g, (c) => PLAIN[c]).replace(/\s+/g, " ").trim();

/** For each character of the collapsed text, where it is in the original text. */
export function collapsedIndex(text) {
  const map = [];
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i += 1;
  let space = false;
  for (; i < text.length; i += 1) {
    if (/\s/.test(text[i])) {
      if (!space) map.push(i);
      space = true;
    } else {
      map.push(i);
      space = false;
    }
  }
  map.push(text.length);
  return map;
}

/** A related entity as a button that opens it (handled by the page's [data-go] listener). */
export const link = (entity) => entity
  ? `<button type="button" class="link" data-go="${esc(entity.id)}">${esc(entity.name || entity.id)}</button>` : "—";
export const links = (list) => (list || []).map(link).join(", ") || "—";
export const day = (t) => (t ? String(t).slice(0, 16).replace("T", " ") : "?");

/** gql, asked again (up to `tries` times) when the server stopped the query at its time limit:
 * a fresh server's first plan of a heavy query can pass it on a busy machine. */
export async function gqlPatient(query, variables = {}, tries = 3) {
  for (let i = 1; ; i += 1) {
    try {
      return await gql(query, variables);
    } catch (error) {
      if (i >= tries || !/time limit/.test(error.message)) throw error;
    }
  }
}
