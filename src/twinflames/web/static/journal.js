// The Journal tab: quick add, the full form, the list with edit and remove, stats, import,
// export, unlocking, and "Where am I?" (the inference, only when asked). Every word comes from
// text.js; nothing is kept in the browser.
import { drawForecast, drawRibbon, drawStates, drawStats } from "./journal_charts.js";
import { INFERENCE as I, PHASE_LABELS, JOURNAL as T } from "./text.js";

const $ = (id) => document.getElementById(id);
let kinds = {};
let editing = null;  // the id of the entry being edited
let started = false;
let bound = false;  // the controls are wired once

async function call(path, options = {}) {
  const r = await fetch(`/api/journal/${path}`, { credentials: "same-origin", ...options });
  const data = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) {
    const err = new Error(data.error || `HTTP ${r.status}`);
    err.status = r.status;
    err.detail = data.detail;
    throw err;
  }
  return data;
}

const send = (path, method, body) => call(path, { method,
  headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

function say(text, isError = false) {
  $("j-error").hidden = !isError;
  $("j-error").textContent = isError ? text : "";
  $("j-status").textContent = isError ? "" : text;
}

function words(e) {
  let w = T.kindLabels[e.kind] || e.kind;
  if (kinds[e.kind]?.group === "contact") w = `${T.who[e.who]}: ${w}`;
  if (e.value !== null) w += ` ${e.value}`;
  if (e.detail) w += ` (${e.detail})`;
  return w;
}

function show(status) {
  $("j-lock").hidden = !(status.exists && !status.unlocked);
  $("j-tools").hidden = !status.unlocked;
  $("j-results").hidden = !status.unlocked;
  $("j-lock-now").hidden = !status.encrypted;
  $("j-message").textContent = !status.exists ? T.missing(status.path)
    : status.unlocked ? "" : T.locked;
}

function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

function fillList(el, lines) {
  el.replaceChildren(...lines.map((s) => {
    const li = document.createElement("li");
    li.textContent = s;
    return li;
  }));
}

async function refresh() {
  const [{ entries }, stats] = await Promise.all([call("entries"), call("stats")]);
  const rows = [...entries].reverse().map((e) => {
    const tr = document.createElement("tr");
    tr.dataset.id = e.id;
    for (const c of [e.date, e.time || "", words(e), e.note || ""]) {
      const td = document.createElement("td");
      td.textContent = c;
      tr.append(td);
    }
    const td = document.createElement("td");
    const edit = button(T.edit, () => startEdit(e));
    edit.setAttribute("aria-label", `${T.edit}: ${e.date} ${words(e)}`);
    const remove = button(T.remove, () => removeEntry(e.id));
    remove.setAttribute("aria-label", `${T.remove}: ${e.date} ${words(e)}`);
    td.append(edit, remove);
    tr.append(td);
    return tr;
  });
  $("j-table").tBodies[0].replaceChildren(...rows);
  fillList($("j-summary"), entries.length ? stats.summary : [T.empty]);
  if (entries.length) await drawStats($("j-chart"), stats);
  else if (window.Plotly) Plotly.purge($("j-chart"));
  if (inferred) {
    $("j-infer-stale").textContent = I.stale;
    $("j-infer-stale").hidden = false;
  }
  document.body.dataset.journal = String(Number(document.body.dataset.journal || 0) + 1);
}

async function guarded(work) {
  try {
    await work();
  } catch (err) {
    say(T.failed + err.message, true);
  }
}

const add = (fields) => guarded(async () => {
  const rec = await send("entries", "POST", fields);
  say(T.added(words(rec)));
  await refresh();
});

// ---- the full form -----------------------------------------------------------------------
function fillKindHelp() {
  const k = kinds[$("j-kind").value];
  $("j-kind-help").textContent = k.meaning;
  $("j-who").disabled = k.group !== "contact";
  if (k.group !== "contact") $("j-who").value = "me";
  $("j-value").disabled = k.value === "none";
  $("j-value").max = k.value === "rating" ? 5 : 1000;
  $("j-details").replaceChildren(...k.details.map((d) => new Option(d, d)));
}

function formFields() {
  const v = (id) => $(id).value.trim();
  return { kind: v("j-kind"), who: $("j-who").disabled ? null : v("j-who"),
    value: $("j-value").disabled ? null : v("j-value"), detail: v("j-detail"),
    note: $("j-note").value, date: v("j-date"), time: v("j-time") };
}

function resetForm() {
  editing = null;
  $("j-form").reset();
  $("j-date").value = new Date().toLocaleDateString("en-CA");  // YYYY-MM-DD, local day
  $("j-save").textContent = "Add";
  $("j-cancel").hidden = true;
  $("j-editing").hidden = true;
  fillKindHelp();
}

function startEdit(e) {
  editing = e.id;
  $("j-full").open = true;
  $("j-kind").value = e.kind;
  fillKindHelp();
  $("j-who").value = e.who;
  $("j-value").value = e.value ?? "";
  $("j-detail").value = e.detail ?? "";
  $("j-note").value = e.note ?? "";
  $("j-date").value = e.date;
  $("j-time").value = e.time ?? "";
  $("j-save").textContent = "Save changes";
  $("j-cancel").hidden = false;
  $("j-editing").hidden = false;
  $("j-editing").textContent = T.editing;
  $("j-kind").focus();
}

async function submitForm(ev) {
  ev.preventDefault();
  const f = formFields();
  if (editing) {
    await guarded(async () => {
      // an emptied box clears that field; a disabled one is left out
      const changes = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null));
      await send(`entries/${editing}`, "PATCH", changes);
      say(T.saved);
      resetForm();
      await refresh();
    });
  } else {
    const fields = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
    await add(fields);
    if ($("j-error").hidden) resetForm();
  }
}

const removeEntry = (id) => guarded(async () => {
  await call(`entries/${id}`, { method: "DELETE" });
  if (editing === id) resetForm();
  say(T.removed);
  await refresh();
});

// ---- import and unlock ---------------------------------------------------------------------
const importFile = () => guarded(async () => {
  const file = $("j-file").files[0];
  if (!file) { say(T.chooseFile, true); return; }
  const summary = await call(`import?format=${encodeURIComponent($("j-format").value)}`, {
    method: "POST", body: file,
    headers: { "Content-Type": "application/octet-stream", "X-File-Name": file.name } });
  fillList($("j-import-summary"), [T.imported, ...summary.lines]);
  say("");
  await refresh();
});

async function unlock(ev) {
  ev.preventDefault();
  $("j-unlock").disabled = true;
  try {
    const status = await send("unlock", "POST", { passphrase: $("j-pass").value });
    $("j-lock-err").hidden = true;
    show(status);
    say(T.unlocked);
    await refresh();
  } catch (err) {
    $("j-lock-err").hidden = false;
    $("j-lock-err").textContent = T.failed + err.message;
  } finally {
    $("j-pass").value = "";  // the page keeps nothing
    $("j-unlock").disabled = false;
  }
}

function bind() {
  for (const [label, fields] of T.quick) $("j-quick").append(button(label, () => add(fields)));
  $("j-wellbeing-label").textContent = T.wellbeing;
  for (let v = 1; v <= 5; v++) {
    const b = button(String(v), () => add({ kind: "wellbeing", value: v }));
    b.setAttribute("aria-label", `well-being ${v}`);
    $("j-wellbeing").append(b);
  }
  for (const k of Object.values(kinds)) {
    $("j-kind").add(new Option(`${T.kindLabels[k.name]} (${k.name})`, k.name));
  }
  $("j-kind").addEventListener("change", fillKindHelp);
  $("j-form").addEventListener("submit", submitForm);
  $("j-cancel").addEventListener("click", resetForm);
  $("j-import").addEventListener("click", importFile);
  $("j-lock").addEventListener("submit", unlock);
  $("j-lock-now").addEventListener("click", () => guarded(async () => {
    show(await call("lock", { method: "POST" }));
    forgetInference();
    $("j-message").textContent = T.lockedAgain;
  }));
  bindInference();
  resetForm();
}

// ---- where am I? The inference runs only when asked (about a second per 1,000 simulated
// couples and year of journal); the server keeps its last answer for the forecast and guide.
const OUTCOMES = ["union", "apart", "blocked", "moved_on", "turbulence"];
const MAX_CHOICES = 4;
let choices = ["me=current", "me=guided"];
let inferred = false;  // an answer is on the page
let asked = null;  // the settings of the last "Where am I?"

// the number as the page shows it (toFixed, without "-0"), and with its sign
const fixed = (x, digits = 0) => {
  const s = x.toFixed(digits);
  return Number(s) === 0 ? s.replace("-", "") : s;
};
const signed = (x) => (Number(fixed(x)) > 0 ? "+" : "") + fixed(x);
const per100 = (p) => fixed(100 * p);
const top = (probs) => Object.keys(probs).reduce((a, b) => (probs[b] > probs[a] ? b : a));

function fillTable(table, head, rows) {
  const tr = document.createElement("tr");
  for (const h of head) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = h;
    tr.append(th);
  }
  table.tHead.replaceChildren(tr);
  table.tBodies[0].replaceChildren(...rows.map(({ cells, data }) => {
    const row = document.createElement("tr");
    Object.assign(row.dataset, data);
    cells.forEach((c, i) => {
      const td = document.createElement(i ? "td" : "th");
      if (!i) td.scope = "row";
      td.textContent = c;
      row.append(td);
    });
    return row;
  }));
}

// a number box's value; left empty, the server's default (the command line's) applies
const numberIn = (id) => ($(id).value === "" ? undefined : Number($(id).value));

function inferenceSettings() {
  return { particles: numberIn("j-particles"), seed: numberIn("j-infer-seed"),
    as_of: $("j-asof").value || null };
}

function busy(id, text) {
  $(id).hidden = !text;
  $(id).textContent = text || "";
}

function failed(id, err) {
  $(id).hidden = !err;
  $(id).textContent = err ? T.failed + err.message : "";
}

function showWhere(w) {
  const phase = top(w.phase);
  const me = top(w.roles.me);
  const them = top(w.roles.them);
  fillList($("j-where-sentences"), [
    I.phaseSentence(w.as_of, PHASE_LABELS[phase], per100(w.phase[phase])),
    I.roleSentence(I.roleWords[me], per100(w.roles.me[me]), I.roleWords[them],
      per100(w.roles.them[them])),
    ...w.diagnostics.does_not_fit.slice(-5), I.caveat]);
  const roles = Object.keys(I.roleColumns);
  fillTable($("j-roles"), ["", ...roles.map((r) => I.roleColumns[r])],
    Object.entries(w.roles).map(([who, p]) => ({ data: { who },
      cells: [I.whoLong[who], ...roles.map((r) => `${per100(p[r])} ${I.inHundred}`)] })));
  const names = Object.keys(I.states);
  const cell = (s) => (s.mostly_unknown
    ? I.mostlyUnknown(fixed(s.prior.low, 2), fixed(s.prior.high, 2))
    : I.stateCell(fixed(s.median, 2), fixed(s.low, 2), fixed(s.high, 2)));
  fillTable($("j-states-table"), ["", ...Object.keys(w.states).map((who) => I.whoLong[who])],
    names.map((n) => ({ data: { state: n },
      cells: [I.states[n], ...Object.values(w.states).map((byName) => cell(byName[n]))] })));
  return Promise.all([drawRibbon($("j-ribbon"), w.timeline), drawStates($("j-states"), w.states)]);
}

function showForecast(fc) {
  const base = I.choiceLabel(fc.baseline);
  const sentences = [I.forecastIntro(fc.runs, fc.days)];
  const rows = [];
  const columns = [...OUTCOMES, "wellbeing"];
  for (const [choice, entry] of Object.entries(fc.choices)) {
    rows.push({ data: { choice, row: "count" }, cells: [I.choiceLabel(choice), ...columns.map(
      (o) => `${fixed(entry[o].of_100)} (${fixed(entry[o].low)}–${fixed(entry[o].high)})`)] });
    const diff = entry.difference;
    if (!diff) continue;
    rows.push({ data: { choice, row: "difference" }, cells: [I.versus(base), ...columns.map(
      (o) => `${signed(diff[o].of_100)} (${signed(diff[o].low)} to ${signed(diff[o].high)})`)] });
    sentences.push(I.differenceSentence(I.choiceLabel(choice), base,
      signed(diff.wellbeing.of_100), signed(diff.wellbeing.low), signed(diff.wellbeing.high)));
  }
  sentences.push(I.notPrediction);
  fillList($("j-fc-sentences"), sentences);
  fillTable($("j-fc-table"), ["", ...columns.map((o) => I.outcomes[o])], rows);
  return drawForecast($("j-forecast"), fc, OUTCOMES);
}

async function runForecast() {
  busy("j-fc-busy", I.forecastBusy);
  failed("j-fc-error", null);
  try {
    await showForecast(await send("forecast", "POST", { ...asked, vs: choices,
      days: numberIn("j-fc-days"), runs: numberIn("j-fc-runs") }));
  } catch (err) {
    failed("j-fc-error", err);
  } finally {
    busy("j-fc-busy", null);
    document.body.dataset.forecast = String(Number(document.body.dataset.forecast || 0) + 1);
  }
}

async function showGuide() {
  fillList($("j-guide"), (await send("guide", "POST", asked)).lines);
}

async function whereAmI() {
  $("j-where").disabled = true;
  busy("j-infer-busy", I.busy);
  failed("j-infer-error", null);
  $("j-infer-wait").hidden = true;
  $("j-infer-stale").hidden = true;
  try {
    asked = inferenceSettings();
    const w = await send("where", "POST", asked);
    $("j-infer-out").hidden = false;  // visible first: the figures take its width
    inferred = true;
    await showWhere(w);
    await Promise.all([runForecast(), showGuide()]);
  } catch (err) {
    if (err.detail?.more !== undefined) {  // too few days: no guess, and how many more
      forgetInference();
      $("j-infer-wait").textContent = I.tooFew(err.detail);
      $("j-infer-wait").hidden = false;
    } else {
      failed("j-infer-error", err);
    }
  } finally {
    busy("j-infer-busy", null);
    $("j-where").disabled = false;
    document.body.dataset.inference = String(Number(document.body.dataset.inference || 0) + 1);
  }
}

function forgetInference() {
  inferred = false;
  $("j-infer-out").hidden = true;
  $("j-infer-stale").hidden = true;
  for (const id of ["j-where-sentences", "j-guide", "j-fc-sentences"]) $(id).replaceChildren();
  for (const id of ["j-roles", "j-states-table", "j-fc-table"]) {
    $(id).tHead.replaceChildren();
    $(id).tBodies[0].replaceChildren();
  }
  if (window.Plotly) for (const id of ["j-ribbon", "j-states", "j-forecast"]) Plotly.purge($(id));
}

function showChoices() {
  $("j-choices").replaceChildren(...choices.map((c, i) => {
    const li = document.createElement("li");
    li.textContent = I.choiceLabel(c) + (i === 0 ? ` – ${I.baseline}` : "");
    if (choices.length > 1) {
      const b = button(I.remove, () => {
        choices = choices.filter((x) => x !== c);
        showChoices();
      });
      b.setAttribute("aria-label", `${I.remove}: ${I.choiceLabel(c)}`);
      li.append(" ", b);
    }
    return li;
  }));
}

function addChoice(choice) {
  failed("j-fc-error", null);
  if (!choice) return;
  const problem = choices.includes(choice) ? I.already
    : choices.length >= MAX_CHOICES ? I.tooManyChoices(MAX_CHOICES) : null;
  if (problem) {
    $("j-fc-error").hidden = false;
    $("j-fc-error").textContent = problem;
    return;
  }
  choices.push(choice);
  showChoices();
}

function bindInference() {
  $("j-infer-intro").textContent = I.intro;
  for (const c of Object.keys(I.choices)) $("j-choice-add").add(new Option(I.choiceLabel(c), c));
  $("j-choice-add").value = "me=anxious";
  $("j-choice-add-btn").addEventListener("click", () => addChoice($("j-choice-add").value));
  $("j-choice-text-btn").addEventListener("click", () => {
    addChoice($("j-choice-text").value.trim());
    if ($("j-fc-error").hidden) $("j-choice-text").value = "";
  });
  $("j-where").addEventListener("click", whereAmI);
  $("j-forecast-run").addEventListener("click", runForecast);
  showChoices();
}

// Open the tab: the first time, fetch the kinds and build the controls.
export async function openJournal() {
  if (started) return;
  started = true;
  $("j-message").textContent = T.loading;
  try {
    const status = await call("status");
    kinds = Object.fromEntries(status.kinds.map((k) => [k.name, k]));
    if (!bound) bind();  // a later retry must not wire the controls twice
    bound = true;
    show(status);
    if (status.unlocked) await refresh();
  } catch (err) {
    $("j-message").textContent = err.status === 401 ? T.denied : T.failed + err.message;
    started = false;
  }
  document.body.dataset.journalReady = "true";
}
