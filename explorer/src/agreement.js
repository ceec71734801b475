// The agreement view: its parties with their roles and evidence, the attacks after it on a time
// axis (definitely or only possibly after), the violations with party, scope match and whether
// a target was inferred, and each party's statements against its actions.
import { $, day, esc, gql, link } from "./api.js";
import { evidence } from "./details.js";

const RECORD = `query($id: ID!) {
  agreement(id: $id) { id name status description
    time { text startEarliest endLatest } inForce { startEarliest endLatest } expires { endLatest }
    scope { key name } area { id name }
    parties { role actor { id name } statement { id name } evidence { quotes aspect external source { id kind title } } } }
  attacksAfter(agreementId: $id, first: 500) { definitelyAfter hoursAfter
    attack { id name time { startEarliest endLatest } by { id name } } }
  agreementViolations(agreementId: $id) { definitelyAfter targetInferred reasons { party time scope }
    attack { id name } party { role actor { id name } } matchedTargets { id name inferred category { name } } } }`;

const MAX_PARTIES = 10; // one request each

const PAIRS = `query($id: ID!) { statementsVersusActions(actorId: $id) { relation reason timing targetInferred
  statement { id name } agreement { id } action { id name } } }`;

/** One party after another, each asked again (up to three times) after a timeout: on a freshly
 * started server the first runs of this analysis were measured at 7.5 s and 5.3 s (both stopped
 * at the server's 5 s limit), then 2.9 s and 0.2 s, as Neo4j plans them. */
async function pairs(actorIds) {
  const found = [];
  for (const id of actorIds) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        found.push(...(await gql(PAIRS, { id })).statementsVersusActions);
        break;
      } catch (error) {
        if (attempt === 3 || !/time limit/.test(error.message)) throw error;
      }
    }
  }
  return found;
}

function axis(agreement, after, broken) {
  const ms = (t) => new Date(t).getTime();
  const start = ms(agreement.time?.startEarliest ?? after[0]?.attack.time.startEarliest);
  const end = ms(agreement.time?.endLatest ?? start);
  let low = Math.min(start, ...after.map((a) => ms(a.attack.time.startEarliest)));
  let high = Math.max(end, ...after.map((a) => ms(a.attack.time.endLatest)));
  const pad = Math.max((high - low) * 0.05, 6 * 3600e3);
  low -= pad; high += pad;
  const width = 760, row = 20, top = 24, left = 8;
  const x = (t) => left + ((t - low) / (high - low)) * (width - 2 * left);
  const height = top + after.length * row + 24;
  let svg = `<svg class="agreement-axis" viewBox="0 0 ${width} ${height}" role="img" aria-label="Attacks after the agreement on a time axis">
    <rect class="ag-time" x="${x(start)}" y="0" width="${Math.max(x(end) - x(start), 2)}" height="${height - 18}"><title>${esc(agreement.name)}: ${esc(agreement.time?.text)}</title></rect>
    <text x="${x(start)}" y="12" class="ag-label">${esc(agreement.name)}</text>`;
  after.forEach((a, i) => {
    const t = a.attack.time, y = top + i * row;
    const classes = `ax-item ${a.definitelyAfter ? "definitely" : "possibly"}${broken.has(a.attack.id) ? " violation" : ""}`;
    const [from, to] = [x(ms(t.startEarliest)), x(ms(t.endLatest))];
    const right = to + 4 < width * 0.55;
    svg += `<g class="${classes}" data-go="${esc(a.attack.id)}"><rect x="${from}" y="${y}" width="${Math.max(to - from, 3)}" height="${row - 6}" rx="2">
      <title>${esc(a.attack.name)} — ${a.definitelyAfter ? "definitely" : "possibly"} after</title></rect>
      <text x="${right ? to + 4 : from - 4}" text-anchor="${right ? "start" : "end"}" y="${y + 11}">${broken.has(a.attack.id) ? "⚠ " : ""}${esc(a.attack.name)}</text></g>`;
  });
  svg += `<text x="${left}" y="${height - 4}" class="ag-label">${day(new Date(low).toISOString())}</text>
    <text x="${width - left}" text-anchor="end" y="${height - 4}" class="ag-label">${day(new Date(high).toISOString())}</text></svg>`;
  return svg;
}

const yes = (flag, text) => (flag ? `<span class="flag-yes">${text}</span>` : "no");

export async function openAgreement(id) {
  const view = $("#agreement-view");
  view.innerHTML = `<p class="hint">Loading the agreement…</p>`;
  const data = await gql(RECORD, { id });
  const agreement = data.agreement;
  if (!agreement) { view.innerHTML = `<p class="error">No agreement has the id ${esc(id)}.</p>`; return; }
  const actors = [...new Set(agreement.parties.map((p) => p.actor?.id).filter(Boolean))].slice(0, MAX_PARTIES);
  const violations = data.agreementViolations;
  const broken = new Set(violations.map((v) => v.attack.id));
  const after = data.attacksAfter.filter((a) => a.attack.time);
  view.innerHTML = `
    <h2>${esc(agreement.name)} <small>${esc(agreement.status)} · ${esc(agreement.time?.text || "no time")}</small></h2>
    ${agreement.description ? `<p>${esc(agreement.description)}</p>` : ""}
    <p class="hint">Protects: ${agreement.scope.map((c) => esc(c.name)).join(", ") || "—"}${agreement.area.length ? ` · area: ${agreement.area.map(link).join(", ")}` : ""}</p>
    <h3>Parties</h3>
    <table class="record parties"><thead><tr><th>Party</th><th>Role</th><th>Evidence</th></tr></thead><tbody>
      ${agreement.parties.map((p) => `<tr><td>${link(p.actor)}</td><td><b>${esc(p.role)}</b>${p.statement ? `<br>in ${link(p.statement)}` : ""}</td>
        <td>${p.evidence ? evidence([p.evidence]) : `<span class="hint">none given</span>`}</td></tr>`).join("")}</tbody></table>
    <h3>Attacks after it <small>${after.filter((a) => a.definitelyAfter).length} definitely, ${after.filter((a) => !a.definitelyAfter).length} possibly after</small></h3>
    ${after.length ? axis(agreement, after, broken) : `<p class="hint">None.</p>`}
    <p class="legend"><span class="swatch definitely"></span> definitely after <span class="swatch possibly"></span> possibly after (times overlap) <span class="swatch violation"></span> breaks it</p>
    <h3>Violations <small>${violations.length}</small></h3>
    ${violations.length ? `<table class="record violations"><thead><tr><th>Attack</th><th>Party</th><th>After?</th><th>Scope match</th><th>Target inferred</th></tr></thead><tbody>
      ${violations.map((v) => `<tr class="violation-row" data-attack="${esc(v.attack.id)}"><td>${link(v.attack)}</td>
        <td>${link(v.party.actor)} (${esc(v.party.role)})<br><span class="hint">${esc(v.reasons.party)}</span></td>
        <td>${v.definitelyAfter ? "definitely" : "possibly"}<br><span class="hint">${esc(v.reasons.time)}</span></td>
        <td>${v.matchedTargets.map((t) => `${link(t)} <span class="hint">(${esc(t.category?.name)})</span>`).join("<br>")}<br><span class="hint">${esc(v.reasons.scope)}</span></td>
        <td>${yes(v.targetInferred, "yes: from a dataset's notes")}</td></tr>`).join("")}</tbody></table>` : `<p class="hint">None found.</p>`}
    <h3>Statements versus actions</h3><div id="agreement-pairs"><p class="hint">Loading…</p></div>`;
  await loadPairs(id, actors);
}

/** Each party's statements against its actions, kept to this agreement's (after the record:
 * the first run of this analysis on a cold server takes seconds to plan). */
export async function loadPairs(id, actors) {
  const box = $("#agreement-pairs");
  let related;
  try {
    related = (await pairs(actors)).filter((p) => p.agreement?.id === id);
  } catch (error) {
    box.innerHTML = `<p class="error">${esc(error.message)}</p>`;
    return;
  }
  box.innerHTML = related.length ? `<table class="record pairs"><thead><tr><th>Statement</th><th>Action</th><th>Bearing</th><th>Reason</th></tr></thead><tbody>
    ${related.map((p) => `<tr><td>${link(p.statement)}</td><td>${link(p.action)}</td>
      <td class="${p.relation === "CONTRADICTS" ? "flag-yes" : ""}">${esc(p.relation.toLowerCase().replace("_", " "))}<br><span class="hint">${esc(p.timing)}${p.targetInferred ? ", target inferred" : ""}</span></td>
      <td>${esc(p.reason)}</td></tr>`).join("")}</tbody></table>` : `<p class="hint">None.</p>`;
}
