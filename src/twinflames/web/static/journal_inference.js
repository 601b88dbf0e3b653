// The Journal tab's "Where am I?": the phase and roles the journal most likely shows, the
// forecast under each choice, and the guide. The inference runs only when asked (about a second
// per 1,000 simulated couples and year of journal); the server keeps its last answer for the
// forecast and guide. Every word comes from text.js.
import { $, button, fillList, headerRow } from "./dom.js";
import { send } from "./journal_api.js";
import { drawForecast, drawRibbon, drawStates } from "./journal_charts.js";
import { INFERENCE as I, JOURNAL as T, WARMING } from "./text.js";
import { isReady } from "./warming.js";

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

function fillTable(table, head, rows) {
  table.tHead.replaceChildren(headerRow(head));
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
  // the sentences come worded by the server (inference/words.py): "most likely" only with a
  // clear margin, otherwise what the journal can't tell apart yet
  fillList($("j-where-sentences"), [...w.sentences, I.caveat]);
  const roles = Object.keys(I.roleColumns);
  fillTable($("j-roles"), [I.corner.who, ...roles.map((r) => I.roleColumns[r])],
    Object.entries(w.roles).map(([who, p]) => ({ data: { who },
      cells: [I.whoLong[who], ...roles.map((r) => `${per100(p[r])} ${I.inHundred}`)] })));
  const names = Object.keys(I.states);
  const cell = (s) => (s.mostly_unknown
    ? I.mostlyUnknown(fixed(s.prior.low, 2), fixed(s.prior.high, 2))
    : I.stateCell(fixed(s.median, 2), fixed(s.low, 2), fixed(s.high, 2)));
  fillTable($("j-states-table"), [I.corner.state, ...Object.keys(w.states).map((who) => I.whoLong[who])],
    names.map((n) => ({ data: { state: n },
      cells: [I.states[n], ...Object.values(w.states).map((byName) => cell(byName[n]))] })));
  return Promise.all([drawRibbon($("j-ribbon"), w.timeline), drawStates($("j-states"), w.states)]);
}

// a range covering nearly all of 0-100 says nothing: the page says it can't tell instead
const WIDE = 90;
const wide = (v) => v.high - v.low >= WIDE;

function showForecast(fc) {
  const base = I.choiceLabel(fc.baseline);
  const sentences = [I.forecastIntro(fc.runs, fc.days)];
  const rows = [];
  const columns = [...OUTCOMES, "wellbeing"];
  for (const [choice, entry] of Object.entries(fc.choices)) {
    rows.push({ data: { choice, row: "count" }, cells: [I.choiceLabel(choice), ...columns.map(
      (o) => (wide(entry[o]) ? I.cantTell
        : `${fixed(entry[o].of_100)} (${fixed(entry[o].low)}–${fixed(entry[o].high)})`))] });
    const diff = entry.difference;
    if (!diff) continue;
    rows.push({ data: { choice, row: "difference" }, cells: [I.versus(base), ...columns.map(
      (o) => `${signed(diff[o].of_100)} (${signed(diff[o].low)} to ${signed(diff[o].high)})`)] });
    sentences.push(I.differenceSentence(I.choiceLabel(choice), base,
      signed(diff.wellbeing.of_100), signed(diff.wellbeing.low), signed(diff.wellbeing.high)));
  }
  if (Object.values(fc.choices).some((e) => columns.some((o) => wide(e[o])))) {
    sentences.push(I.cantTellNote);
  }
  sentences.push(I.notPrediction);
  fillList($("j-fc-sentences"), sentences);
  fillTable($("j-fc-table"), [I.corner.choice, ...columns.map((o) => I.outcomes[o])], rows);
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
  busy("j-infer-busy", isReady("journal") ? I.busy : `${I.busy} ${WARMING.whereWaits}`);
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

export function forgetInference() {
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

// The journal changed under an answer on the page: say it is out of date.
export function markStale() {
  $("j-infer-wait").hidden = true;  // its count of days is out of date too
  if (!inferred) return;
  $("j-infer-stale").textContent = I.stale;
  $("j-infer-stale").hidden = false;
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

export function bindInference() {
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
