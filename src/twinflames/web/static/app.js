// The explorer page: tabs, controls, runs and comparisons. Plain JavaScript, no build step.
import { axisLabel, drawDaysToUnion, drawOutcomes, drawPortrait, drawRun, eventWords, PORTRAIT_AXES,
  toPng } from "./charts.js";
import { $, fillList, headerRow } from "./dom.js";
import { openJournal } from "./journal.js";
import { changes, defaults, parse, serialise } from "./state.js";
import { OUTCOME_LABELS, OUTCOME_TEXT, PHASE_LABELS, TEXT } from "./text.js";
import { bindTour } from "./tour.js";
import { watchWarming } from "./warming.js";

const KEY_EVENTS = new Set(["communicate", "block", "unblock", "sign", "role_swap", "reunion",
  "separation", "healed", "moved_on"]);
const STORY_FIRST = 6;  // sentences of the story shown before "the rest of the story"
const meta = {};
let state = null;
let lastRun = null;
let lastCompare = null;
const pending = { explore: null, compare: null };
// every number box's check: shows or clears its message, and says whether its value is allowed
const checks = new Map();

// ---- talking to the API -------------------------------------------------------------------
async function api(path, body, key) {
  if (key && pending[key]) pending[key].abort();
  const ctrl = new AbortController();
  if (key) pending[key] = ctrl;
  const r = await fetch(path, body === undefined ? { signal: ctrl.signal } : {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body), signal: ctrl.signal });
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || `HTTP ${r.status}`);
  return data;
}

// ---- tabs (a view is a tab plus its panel; add one by adding both to the page) ------------
const tabs = () => [...document.querySelectorAll('[role="tab"]')];

function showView(view, focus = false) {
  for (const tab of tabs()) {
    const on = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !on;
    if (on && focus) tab.focus();
  }
  state.view = view;
  syncUrl();
  if (view === "explore" && lastRun) drawRun($("run-chart"), lastRun);
  if (view === "compare") describeCompareBase();
  if (view === "journal") openJournal();
}

function bindTabs() {
  for (const tab of tabs()) {
    tab.addEventListener("click", () => showView(tab.dataset.view));
    tab.addEventListener("keydown", (e) => {
      const list = tabs();
      const i = list.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      showView(list[(next + list.length) % list.length].dataset.view, true);
    });
  }
}

// ---- the preset and its baseline values -----------------------------------------------------
const preset = () => meta.presets.find((p) => p.name === state.preset);

function baseline(name) {
  const t = name[0];
  const field = name.slice(2);
  const pol = (name[1] === "." && state.policy[t]) ? meta.policies[state.policy[t]] : null;
  if (pol && field in pol.values) return pol.values[field];
  return preset().values[name];
}

const valueOf = (name) => (name in state.params ? state.params[name] : baseline(name));

// ---- building the controls ----------------------------------------------------------------
const domId = (name) => name.replace(/\./g, "-");

function words(s, v) {
  const share = (v - s.slider_min) / ((s.slider_max - s.slider_min) || 1);
  return `${v} (${share < 1 / 3 ? "low" : share < 2 / 3 ? "medium" : "high"})`;
}

function sliderField(s) {
  const id = domId(s.name);
  const wrap = document.createElement("div");
  wrap.className = "field param";
  const unit = s.unit && s.unit !== "-" ? ` (${s.unit})` : "";
  wrap.innerHTML = `
    <label for="r-${id}" id="l-${id}"></label>
    <div class="pair">
      <input type="range" id="r-${id}" min="${s.slider_min}" max="${s.slider_max}"
             step="${s.step}" aria-describedby="h-${id}">
      <input type="number" id="n-${id}" min="${s.min}" max="${s.max}" step="any"
             aria-describedby="h-${id} e-${id}">
    </div>
    <p class="help" id="h-${id}"></p>
    <p class="error" id="e-${id}" hidden></p>`;
  wrap.querySelector("label").textContent = s.label + unit;
  wrap.querySelector("input[type=number]").setAttribute("aria-label", `${s.label}, exact value`);
  wrap.querySelector(".help").textContent = `${s.meaning}. ${TEXT.section}${s.section}.`;
  const range = wrap.querySelector("input[type=range]");
  const num = wrap.querySelector("input[type=number]");
  const err = wrap.querySelector(".error");
  range.addEventListener("input", () => {
    num.value = range.value;
    range.setAttribute("aria-valuetext", words(s, Number(range.value)));
  });
  range.addEventListener("change", () => {
    mark(num, err, null);
    setParam(s, Number(range.value));
  });
  const check = () => {
    const v = Number(num.value);
    const ok = num.value !== "" && Number.isFinite(v) && v >= s.min && v <= s.max;
    return mark(num, err, ok ? null : TEXT.outOfRange(s.min, s.max));
  };
  checks.set(num, check);
  num.addEventListener("input", check);  // the message shows while typing, not on leaving
  num.addEventListener("change", () => { if (check()) setParam(s, Number(num.value)); });
  return wrap;
}

// Show `problem` beside the box (or clear it); true when there is none.
function mark(input, err, problem) {
  err.hidden = !problem;
  err.textContent = problem || "";
  input.setAttribute("aria-invalid", String(Boolean(problem)));
  if (!problem && !document.querySelector('#panel-explore [aria-invalid="true"]')) {
    $("run-blocked").hidden = true;
  }
  return !problem;
}

// The first box in `scope` whose value is not allowed (its message shown), else null: a run
// never uses the old value of a box that says something else.
function firstInvalid(scope) {
  let bad = null;
  for (const [input, check] of checks) {
    if ($(scope).contains(input) && !check() && !bad) bad = input;
  }
  return bad;
}

function blocked(scope, where) {
  const bad = firstInvalid(scope);
  $(where).hidden = !bad;
  $(where).textContent = bad ? TEXT.blocked(bad.labels[0]?.textContent.trim() ||
    bad.getAttribute("aria-label")) : "";
  if (bad) {
    bad.closest("details")?.setAttribute("open", "");
    bad.focus();
  }
  return Boolean(bad);
}

function setParam(s, v) {
  if (Math.abs(v - baseline(s.name)) < 1e-12) delete state.params[s.name];
  else state.params[s.name] = v;
  showValues();
  scheduleRun();
}

function buildControls() {
  const presetSel = $("preset");
  for (const p of meta.presets) presetSel.add(new Option(p.name.replace(/-/g, " "), p.name));
  const groups = $("groups");
  for (const [key, title] of Object.entries(meta.groups)) {
    const box = document.createElement("details");
    box.className = "group";
    box.id = `group-${key}`;
    box.innerHTML = `<summary></summary><div class="group-body"></div>`;
    box.querySelector("summary").textContent = title;
    for (const s of meta.sliders.filter((x) => x.group === key)) {
      box.querySelector(".group-body").append(sliderField(s));
    }
    groups.append(box);
  }
  for (const axis of ["portrait-x", "portrait-y"]) {
    for (const k of PORTRAIT_AXES) $(axis).add(new Option(k, k));
  }
  for (const v of ["one", "two"]) {
    for (const [name, p] of Object.entries(meta.policies)) {
      $(`cmp-${v}`).add(new Option(p.label, name));
    }
  }
  $("cmp-runs").max = meta.limits.max_runs;
  $("days").max = meta.limits.max_days;
  $("about-text").textContent = TEXT.note;
  $("compare-intro").textContent = TEXT.compareIntro;
  $("prediction-legend").textContent = TEXT.predictionAsk;
}

function policyOptions(t) {
  const sel = $(`policy-${t}`);
  const p = preset();
  const own = p.policies[t].replace("*", "");
  sel.replaceChildren(new Option(TEXT.presetKeeps(meta.policies[own]?.label || TEXT.ownWay,
    p.policies[t].endsWith("*")), ""));
  for (const [name, pol] of Object.entries(meta.policies)) {
    sel.add(new Option(pol.label, name));
  }
  sel.value = state.policy[t];
}

// Show the state in every control (after a preset change, a reset or loading a link).
function showControls() {
  const p = preset();
  $("preset").value = p.name;
  $("preset-info").replaceChildren();
  const desc = document.createElement("p");
  desc.textContent = p.description;
  const sec = document.createElement("p");
  sec.textContent = TEXT.section + p.section;
  $("preset-info").append(desc, sec);
  for (const t of ["a", "b"]) {
    policyOptions(t);
    $(`policy-${t}-label`).textContent = TEXT.policyLabel(t, p.names[t]);
    const chosen = state.policy[t] || p.policies[t].replace("*", "");
    $(`policy-${t}-help`).textContent = meta.policies[chosen]?.description || "";
    const summary = document.querySelector(`#group-${t} summary`);
    if (summary) summary.textContent = TEXT.twin(t, p.names[t]);
    const opt = $("cmp-twin").querySelector(`option[value="${t}"]`) ||
      $("cmp-twin").appendChild(new Option("", t));
    opt.textContent = `${p.names[t]} (twin ${t})`;
  }
  $("days").value = state.days;
  $("seed").value = state.seed;
  for (const id of ["days", "seed", "cmp-runs"]) mark($(id), $(`${id}-err`), null);
  $("portrait-x").value = state.px;
  $("portrait-y").value = state.py;
  $("cmp-twin").value = state.cmp.twin;
  $("cmp-one").value = state.cmp.one;
  $("cmp-two").value = state.cmp.two;
  $("cmp-runs").value = state.cmp.runs;
  $("cmp-dt").value = String(state.cmp.dt);
  showValues();
  predictionOptions();
}

function showValues() {
  const p = preset();
  for (const s of meta.sliders) {
    const id = domId(s.name);
    const v = valueOf(s.name);
    $(`r-${id}`).value = v;
    $(`r-${id}`).setAttribute("aria-valuetext", words(s, v));
    $(`n-${id}`).value = v;
    mark($(`n-${id}`), $(`e-${id}`), null);
    const help = $(`h-${id}`);
    help.textContent = `${s.meaning}. ${TEXT.section}${s.section}.` +
      (p.varies.includes(s.name) && !(s.name in state.params) ? ` ${TEXT.varies}` : "");
  }
  for (const axis of ["portrait-x", "portrait-y"]) {
    for (const o of $(axis).options) o.textContent = axisLabel(o.value, p.names);
  }
}

// ---- the URL ------------------------------------------------------------------------------
function syncUrl() {
  history.replaceState(null, "", serialise(state, preset()));
}

function notify(lines) {
  $("notice").hidden = !lines.length;
  $("notice").textContent = lines.join(" ");
}

// ---- a run --------------------------------------------------------------------------------
let timer = null;
function scheduleRun() {
  clearTimeout(timer);
  timer = setTimeout(runExplore, 250);
}

function fillTable(tbody, rows) {
  tbody.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement("tr");
    for (const c of cells) {
      const td = document.createElement("td");
      td.textContent = c;
      tr.append(td);
    }
    return tr;
  }));
}

async function runExplore() {
  clearTimeout(timer);
  if (blocked("controls", "run-blocked")) return;
  const body = { scenario: state.preset, seed: state.seed, days: state.days,
    changes: changes(state) };
  $("busy").hidden = false;
  $("results").setAttribute("aria-busy", "true");
  syncUrl();
  try {
    const run = await api("/api/simulate", body, "explore");
    lastRun = run;
    $("run-error").hidden = true;
    $("outcome").textContent = TEXT.after(run.days, OUTCOME_TEXT[run.outcome]);
    fillList($("story"), run.story.slice(0, STORY_FIRST));
    fillList($("story-rest"), run.story.slice(STORY_FIRST));
    const more = run.story.length - STORY_FIRST;
    $("story-more").hidden = more <= 0;
    $("story-more-label").textContent = more > 0 ? TEXT.storyMore(more) : "";
    $("run-summary").textContent = TEXT.summary(run);
    fillTable($("phase-table").tBodies[0], run.phases.map((p) => [p.start.toFixed(1),
      p.end.toFixed(1), PHASE_LABELS[p.phase], p.runner ? run.names[p.runner] : "—",
      p.chaser ? run.names[p.chaser] : "—"]));
    fillTable($("event-table").tBodies[0], run.events.filter((e) => KEY_EVENTS.has(e.kind))
      .slice(0, 200).map((e) => [e.day.toFixed(1), eventWords(e, run.names)]));
    await drawRun($("run-chart"), run);
    await drawPortrait($("portrait"), run, state.px, state.py);
    document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
  } catch (err) {
    if (err.name === "AbortError") return;
    $("run-error").hidden = false;
    $("run-error").textContent = TEXT.runFailed + err.message;
  } finally {
    $("busy").hidden = true;
    $("results").removeAttribute("aria-busy");
  }
}

// ---- downloads ----------------------------------------------------------------------------
function save(url, name) {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function saveText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  save(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function csv(rows) {
  const cell = (v) => (v === null || v === undefined ? "" : /[",\n]/.test(String(v))
    ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

const runName = () => `twinflames-${state.preset}-seed${state.seed}`;

function trajectoryCsv(run) {
  const cols = Object.keys(run.trajectory);
  const n = run.trajectory.day.length;
  const rows = [cols];
  for (let i = 0; i < n; i++) rows.push(cols.map((c) => run.trajectory[c][i]));
  return csv(rows);
}

function comparisonCsv(cmp) {
  const rows = [["choice", "outcome", "count", "runs", "probability", "low", "high"]];
  for (const arm of cmp.arms) {
    for (const [o, v] of Object.entries(arm.outcomes)) {
      rows.push([arm.label, o, v.count, arm.runs, v.probability, v.low, v.high]);
    }
  }
  return csv(rows);
}

// ---- a comparison -------------------------------------------------------------------------
function armLabel(t, policy) {
  return `${preset().names[t]}: ${meta.policies[policy].label}`;
}

function describeCompareBase() {
  $("compare-base").textContent = TEXT.compareBase(state);
}

function predictionOptions() {
  const box = $("prediction-options");
  const t = state.cmp.twin;
  box.replaceChildren(...[state.cmp.one, state.cmp.two].map((pol, i) => {
    const label = document.createElement("label");
    label.className = "radio";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "prediction";
    input.value = String(i);
    label.append(input, ` ${armLabel(t, pol)}`);
    return label;
  }));
}

function armChanges(t, policy) {
  const out = { [`${t}.policy`]: policy };
  for (const [k, v] of Object.entries(state.params)) {
    if (k.startsWith(`${t}.`) && k.slice(2) in meta.policies[policy].values) out[k] = v;
  }
  return out;
}

async function runCompare() {
  const c = state.cmp;
  $("cmp-error").hidden = true;
  if (blocked("compare-form", "cmp-blocked") || blocked("controls", "cmp-blocked")) return;
  if (c.one === c.two) {
    $("cmp-error").hidden = false;
    $("cmp-error").textContent = TEXT.compareFailed + "pick two different choices.";
    return;
  }
  const arms = [c.one, c.two].map((p) => ({ label: armLabel(c.twin, p),
    changes: armChanges(c.twin, p) }));
  const body = { scenario: state.preset, seed: state.seed, days: state.days, runs: c.runs,
    dt_hours: c.dt, changes: changes(state), arms };
  $("cmp-busy").hidden = false;
  syncUrl();
  try {
    const cmp = await api("/api/compare", body, "compare");
    lastCompare = cmp;
    const guess = document.querySelector('input[name="prediction"]:checked');
    $("cmp-guess").textContent = guess ? guessVerdict(cmp, Number(guess.value)) : "";
    fillList($("cmp-sentences"), cmp.arms.flatMap((arm) => [
      TEXT.frequency(arm.label, arm.outcomes.union.count, arm.runs, cmp.days),
      TEXT.median(arm.label, arm.days_to_union.median,
        Math.round(arm.days_to_union.reached * arm.runs), arm.runs)]));
    for (const id of ["cmp-outcomes-title", "cmp-days-title", "cmp-table-box", "cmp-downloads"]) {
      $(id).hidden = false;
    }
    const outcomes = meta.outcomes;
    await drawOutcomes($("cmp-outcomes"), cmp, outcomes);
    await drawDaysToUnion($("cmp-days"), cmp);
    compareTables(cmp, outcomes);
    document.body.dataset.comparisons = String(Number(document.body.dataset.comparisons || 0) + 1);
  } catch (err) {
    if (err.name === "AbortError") return;
    $("cmp-error").hidden = false;
    $("cmp-error").textContent = TEXT.compareFailed + err.message;
  } finally {
    $("cmp-busy").hidden = true;
  }
}

// Was the guess right? Together-and-calm couples per 100 under each choice; when the two 95%
// intervals overlap, these couples cannot tell the choices apart, and the page says so.
function guessVerdict(cmp, guessed) {
  const [one, two] = cmp.arms.map((a) => ({ label: a.label, ...a.outcomes.union,
    of100: Math.round(100 * a.outcomes.union.probability) }));
  const picked = guessed === 0 ? one : two;
  const other = guessed === 0 ? two : one;
  if (one.low <= two.high && two.low <= one.high) return TEXT.guessTooClose(picked, other);
  return picked.probability > other.probability ? TEXT.guessRight(picked, other)
    : TEXT.guessOther(picked, other);
}

function compareTables(cmp, outcomes) {
  const table = $("cmp-table");
  table.tHead.replaceChildren(headerRow(["outcome", ...cmp.arms.map((a) => a.label)]));
  fillTable(table.tBodies[0], outcomes.map((o) => [OUTCOME_LABELS[o], ...cmp.arms.map((a) => {
    const v = a.outcomes[o];
    return `${v.count} of ${a.runs} (95%: ${(100 * v.low).toFixed(1)}–${(100 * v.high)
      .toFixed(1)} in 100)`;
  })]));
  const diff = $("cmp-diff");
  const [label, rows] = Object.entries(cmp.differences)[0];
  diff.caption.textContent = `${label} minus ${cmp.baseline}, same couples (95% intervals)`;
  diff.tHead.replaceChildren(headerRow(["measure", "difference", "95% interval"]));
  const fmt = (v) => (v === null ? "—" : (v > 0 ? "+" : "") + Number(v).toPrecision(3));
  fillTable(diff.tBodies[0], Object.entries(rows).filter(([, d]) => d.estimate || d.low || d.high)
    .map(([m, d]) => [m, fmt(d.estimate), `${fmt(d.low)} to ${fmt(d.high)}`]));
}

// ---- wiring -------------------------------------------------------------------------------
function bindControls() {
  $("controls").addEventListener("submit", (e) => { e.preventDefault(); runExplore(); });
  $("preset").addEventListener("change", () => {
    const p = meta.presets.find((x) => x.name === $("preset").value);
    state = { ...defaults(p), view: state.view, px: state.px, py: state.py, cmp: state.cmp };
    showControls();
    runExplore();
  });
  for (const t of ["a", "b"]) {
    $(`policy-${t}`).addEventListener("change", () => {
      state.policy[t] = $(`policy-${t}`).value;
      for (const k of Object.keys(state.params)) {  // a new policy brings its own numbers
        if (k.startsWith(`${t}.`) && state.policy[t] && k.slice(2) in
          meta.policies[state.policy[t]].values) delete state.params[k];
      }
      showControls();
      scheduleRun();
    });
  }
  const whole = (id, lo, hi, apply, problem) => {
    const check = () => {
      const v = Number($(id).value);
      const ok = $(id).value !== "" && Number.isInteger(v) && v >= lo && v <= hi;
      return mark($(id), $(`${id}-err`), ok ? null : problem);
    };
    checks.set($(id), check);
    $(id).addEventListener("input", check);
    $(id).addEventListener("change", () => { if (check()) apply(Number($(id).value)); });
  };
  const maxDays = Math.floor(meta.limits.max_days);
  whole("days", 1, maxDays, (v) => { state.days = v; scheduleRun(); }, TEXT.wholeDays(maxDays));
  whole("seed", 0, Number.MAX_SAFE_INTEGER, (v) => { state.seed = v; scheduleRun(); },
    TEXT.wholeSeed);
  whole("cmp-runs", 10, meta.limits.max_runs, (v) => { state.cmp.runs = v; syncUrl(); },
    TEXT.wholeRuns(meta.limits.max_runs));
  $("reset").addEventListener("click", () => {
    state = { ...defaults(preset()), view: state.view, cmp: state.cmp };
    showControls();
    runExplore();
  });
  $("copy-link").addEventListener("click", async () => {
    syncUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      $("copy-status").textContent = TEXT.copied;
    } catch {
      $("copy-status").textContent = `${TEXT.copyFallback} ${location.href}`;
    }
  });
  for (const [id, key] of [["portrait-x", "px"], ["portrait-y", "py"]]) {
    $(id).addEventListener("change", () => {
      state[key] = $(id).value;
      syncUrl();
      if (lastRun) drawPortrait($("portrait"), lastRun, state.px, state.py);
    });
  }
  $("dl-json").addEventListener("click", () => lastRun && saveText(
    JSON.stringify(lastRun, null, 2), `${runName()}.json`, "application/json"));
  $("dl-csv").addEventListener("click", () => lastRun && saveText(
    trajectoryCsv(lastRun), `${runName()}.csv`, "text/csv"));
  $("dl-png").addEventListener("click", async () => {
    if (!lastRun) return;
    const { url, name } = await toPng($("run-chart"), `${runName()}.png`);
    save(url, name);
  });
  $("compare-form").addEventListener("submit", (e) => { e.preventDefault(); runCompare(); });
  for (const [id, key] of [["cmp-twin", "twin"], ["cmp-one", "one"], ["cmp-two", "two"]]) {
    $(id).addEventListener("change", () => {
      state.cmp[key] = $(id).value;
      predictionOptions();
      syncUrl();
    });
  }
  $("cmp-dt").addEventListener("change", () => { state.cmp.dt = Number($("cmp-dt").value); syncUrl(); });
  $("cmp-json").addEventListener("click", () => lastCompare && saveText(
    JSON.stringify(lastCompare, null, 2), `${runName()}-comparison.json`, "application/json"));
  $("cmp-csv").addEventListener("click", () => lastCompare && saveText(
    comparisonCsv(lastCompare), `${runName()}-comparison.csv`, "text/csv"));
  $("about-close").addEventListener("click", () => {
    $("about").hidden = true;
    try { localStorage.setItem("twinflames-note-seen", "1"); } catch { /* private mode */ }
  });
  $("tour-start").addEventListener("click", () => {
    try { localStorage.setItem("twinflames-note-seen", "1"); } catch { /* private mode */ }
  });
}

async function init() {
  watchWarming();
  const [params, presets] = await Promise.all([api("/api/params"), api("/api/scenarios")]);
  Object.assign(meta, params, { presets, portraitAxes: PORTRAIT_AXES });
  const { state: s, notes } = parse(location.search, meta);
  state = s;
  buildControls();
  bindTabs();
  bindControls();
  bindTour((view) => showView(view));
  showControls();
  notify(notes);
  let seen = false;
  try { seen = localStorage.getItem("twinflames-note-seen") === "1"; } catch { /* ignore */ }
  $("about").hidden = seen;
  $("loading").hidden = true;
  showView(state.view);
  await runExplore();
  if (state.view === "compare" && new URLSearchParams(location.search).has("c1")) {
    await runCompare();
  }
  document.body.dataset.ready = "true";
}

init().catch((err) => {
  $("loading").textContent = TEXT.runFailed + err.message;
});
