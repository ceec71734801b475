// Live: one `changes` subscription (graphql-transport-ws, at /graphql like the queries) opened
// when the page loads. Each burst of changes refreshes what on screen can hold them (main.js
// passes `refresh`) and says so in a small notice read out by an aria-live region. It
// reconnects quietly; without WebSockets the page simply stays as it is. It sends the key the
// page's queries send (api.js), so it works on a server whose reads need one.
import { createClient } from "graphql-ws";
import { $, authorization, esc } from "./api.js";

const QUERY = "subscription ExplorerLive { changes { seq operation ids kinds count source } }";
const QUIET = 400; // ms: the changes of one load arrive together, so the page refreshes once
const ADDING = new Set(["load", "import", "put", "restore"]);
const REFUSED = 4403; // the server's close code for a missing or unknown key

const ago = (at) => {
  const minutes = Math.floor((Date.now() - at) / 60_000);
  return minutes < 1 ? "just now" : minutes === 1 ? "a minute ago" : `${minutes} minutes ago`;
};

function notice() {
  let box = $("#live-notice");
  if (!box) {
    box = document.createElement("div");
    box.id = "live-notice";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.setAttribute("aria-atomic", "true");
    document.body.append(box);
  }
  return box;
}

/** What a burst of changes says: "3 new facts from source:x, just now". */
function describe(changes) {
  const bySource = new Map();
  let other = 0;
  for (const c of changes) {
    if (!c.source) { other += c.count; continue; }
    bySource.set(c.source, (bySource.get(c.source) || 0) + c.count);
  }
  const adds = changes.every((c) => ADDING.has(c.operation));
  const word = (n) => `${n} ${adds ? "new " : "changed "}fact${n === 1 ? "" : "s"}`;
  const parts = [...bySource].map(([source, n]) =>
    `${word(n)} from <button type="button" class="link" data-read="${esc(source)}">${esc(source)}</button>`);
  if (other) parts.push(word(other));
  return parts.join("; ");
}

function show(changes) {
  const box = notice();
  const at = Date.now();
  box.innerHTML = `<span class="live-dot" aria-hidden="true"></span><span class="live-text">${describe(changes)},
    <time datetime="${new Date(at).toISOString()}">${ago(at)}</time></span>`;
  box.dataset.at = String(at);
  box.hidden = false;
}

// "just now" ages quietly (no announcement: the time is outside what aria-live re-reads).
setInterval(() => {
  const box = $("#live-notice");
  const time = box && box.querySelector("time");
  if (time) time.textContent = ago(Number(box.dataset.at));
}, 30_000);

/** Open the page's one subscription; `refresh(ids)` redraws what can hold the changed ids. */
export function startLive(refresh) {
  if (typeof WebSocket === "undefined") return;
  const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
  let client;
  try {
    client = createClient({
      url,
      lazy: false,
      retryAttempts: Infinity,
      // The key the page's queries send (api.js), in connection_init's payload: a browser
      // cannot set a WebSocket's headers. Asked on every (re)connection.
      connectionParams: () => authorization(),
      // A server that refuses the key, or wants one the page has not got, closes with 4403:
      // asking again would be refused again. The page asks for a key and reloads with it.
      shouldRetry: (event) => event?.code !== REFUSED,
      on: {
        connected: () => { document.body.dataset.live = "on"; },
        closed: (event) => { document.body.dataset.live = event?.code === REFUSED ? "refused" : "off"; },
        error: () => {},
      },
    });
  } catch {
    return;
  }
  let pending = [];
  let timer = null;
  const flush = async () => {
    timer = null;
    const changes = pending;
    pending = [];
    const ids = new Set(changes.flatMap((c) => c.ids));
    try { await refresh(ids); } catch { /* each part shows its own error */ }
    show(changes);
  };
  const subscribe = () => client.subscribe({ query: QUERY }, {
    next: ({ data }) => {
      if (!data?.changes) return;
      pending.push(data.changes);
      clearTimeout(timer);
      timer = setTimeout(flush, QUIET);
    },
    // An operation the server ended (LAGGING, a limit): ask again a little later; not when the
    // connection itself was refused (4403).
    error: (error) => { if (error?.code !== REFUSED) setTimeout(subscribe, 5_000); },
    complete: () => {},
  });
  subscribe();
}
