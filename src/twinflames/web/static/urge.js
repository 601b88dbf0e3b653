// "I want to reach out": the urge flow in a dialog. Acknowledge, your own history, this moment
// forecast, a pause with one practice offered and a private unsent letter, then log how it went.
// The sentences come from the server (the same as `twinflames journal urge`); only the labels
// of the controls live here. Nothing is kept in the browser.
import { $, button, fillList, headerRow } from "./dom.js";
import { call, send } from "./journal_api.js";

const WORDS = {
  title: "A moment for the urge",
  history: "Your own history",
  forecast: "This moment, forecast",
  choices: "Your choices right now",
  working: "Working out the forecast from your journal…",
  pause: "A pause",
  start: (m) => `Start a ${m}-minute pause`,
  stop: "End the pause",
  over: "The pause is over. Take your time.",
  letter: "What you would have sent (private, never sent)",
  keep: "Keep as an unsent letter",
  empty: "Write something first, or leave the box empty: both are fine.",
  close: "How did it go?",
  done: "Close",
  failed: "Something went wrong: ",
};
const PAUSE_MINUTES = 10;

let onLogged = () => {};
let ticking = null;
let built = false;

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function build(dialog) {
  const title = el("h2", { id: "urge-title", tabindex: "-1" }, WORDS.title);
  const letterBox = el("textarea", { id: "urge-letter", rows: "4", maxlength: "20000" });
  const table = el("table", { id: "urge-table", hidden: "" });
  table.append(el("caption"), el("thead"), el("tbody"));
  const closeButtons = el("div", { class: "buttons", id: "urge-close", role: "group",
    "aria-labelledby": "urge-close-title" });
  dialog.replaceChildren(
    title,
    el("p", { id: "urge-ack" }),
    el("p", { id: "urge-blocked", class: "notice", hidden: "" }),
    el("h3", {}, WORDS.history), el("ul", { id: "urge-history", class: "sentences" }),
    el("h3", {}, WORDS.forecast),
    el("p", { class: "help" }, WORDS.choices), el("ul", { id: "urge-choices", class: "choices" }),
    el("div", { class: "table-wrap" }, ""),
    el("ul", { id: "urge-forecast", class: "sentences", "aria-live": "polite" }),
    el("h3", {}, WORDS.pause),
    el("p", { id: "urge-practice" }),
    el("p", { id: "urge-timer", role: "timer", "aria-live": "off" }),
    el("div", { class: "buttons", id: "urge-pause" }),
    el("p", { id: "urge-unsent-help", class: "help" }),
    el("label", { for: "urge-letter" }, WORDS.letter), letterBox,
    el("div", { class: "buttons", id: "urge-keep-row" }),
    el("p", { id: "urge-letter-status", role: "status" }),
    el("h3", { id: "urge-close-title" }, WORDS.close), closeButtons,
    el("p", { id: "urge-closed", role: "status" }),
    el("p", { id: "urge-care", class: "help" }),
    el("div", { class: "buttons", id: "urge-done-row" }),
  );
  const start = button(WORDS.start(PAUSE_MINUTES), () => startPause(PAUSE_MINUTES));
  start.id = "urge-start";
  const stop = button(WORDS.stop, () => stopPause(false));
  stop.id = "urge-stop";
  stop.hidden = true;
  dialog.querySelector(".table-wrap").append(table);
  $("urge-pause").append(start, stop);
  const keep = button(WORDS.keep, keepLetter);
  keep.id = "urge-keep";
  $("urge-keep-row").append(keep);
  const done = button(WORDS.done, () => dialog.close());
  done.id = "urge-done";
  $("urge-done-row").append(done);
  dialog.addEventListener("close", () => stopPause(false, true));
}

function showTime(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  $("urge-timer").textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function startPause(minutes) {
  const end = Date.now() + minutes * 60_000;
  stopPause(false, true);
  showTime(minutes * 60);
  $("urge-start").hidden = true;
  $("urge-stop").hidden = false;
  $("urge-stop").focus();
  ticking = setInterval(() => {
    const left = (end - Date.now()) / 1000;
    showTime(left);
    if (left <= 0) stopPause(true);
  }, 250);
}

function stopPause(finished, quiet = false) {
  if (ticking) clearInterval(ticking);
  ticking = null;
  if (quiet) return;
  $("urge-start").hidden = false;
  $("urge-stop").hidden = true;
  $("urge-timer").textContent = finished ? WORDS.over : "";
  $("urge-start").focus();
}

function fill(flow) {
  $("urge-ack").textContent = flow.acknowledge;
  $("urge-blocked").hidden = !flow.blocked;
  $("urge-blocked").textContent = flow.blocked_words || "";
  fillList($("urge-history"), flow.history.lines);
  fillList($("urge-choices"), flow.choices.map((c) => c.words));
  const p = flow.practice;
  $("urge-practice").textContent = `${p.title} (after the article's "${p.section}"): ${p.steps}`;
  $("urge-unsent-help").textContent = flow.unsent;
  $("urge-care").textContent = flow.not_therapy;
  $("urge-close").replaceChildren(...flow.close.map((c) => {
    const b = button(c.words, () => closeUrge(c.name));
    b.id = `urge-${c.name}`;
    return b;
  }));
}

async function keepLetter() {
  const text = $("urge-letter").value.trim();
  if (!text) { $("urge-letter-status").textContent = WORDS.empty; return; }
  try {
    const saved = await send("urge/unsent", "POST", { text });
    $("urge-letter").value = "";
    $("urge-letter-status").textContent = saved.words;
  } catch (err) {
    $("urge-letter-status").textContent = WORDS.failed + err.message;
  }
}

async function closeUrge(outcome) {
  for (const b of $("urge-close").querySelectorAll("button")) b.disabled = true;
  try {
    const logged = await send("urge/close", "POST", { outcome });
    $("urge-closed").textContent = logged.words;
    $("urge-done").focus();
    await onLogged();
  } catch (err) {
    $("urge-closed").textContent = WORDS.failed + err.message;
    for (const b of $("urge-close").querySelectorAll("button")) b.disabled = false;
  }
}

const cell = (f, unit) => `${Math.round(f.of_100)} ${unit} (${Math.round(f.low)} to ` +
  `${Math.round(f.high)})`;

// The forecast as a table: one row per figure, one column per choice.
function drawTable(flow) {
  const table = $("urge-table");
  table.hidden = !flow.forecast;
  if (!flow.forecast) return;
  const names = flow.choices.map((c) => c.name);
  table.caption.textContent = flow.forecast_parts.intro;
  table.tHead.replaceChildren(headerRow(["", ...flow.choices.map((c) => c.words)]));
  table.tBodies[0].replaceChildren(...flow.forecast_rows.map((row) => {
    const tr = document.createElement("tr");
    const th = el("th", { scope: "row" }, row.words);
    tr.append(th, ...names.map((n) => el("td", {},
      cell(flow.forecast.choices[n][row.name], row.unit))));
    return tr;
  }));
}

async function loadForecast() {
  fillList($("urge-forecast"), [WORDS.working]);
  $("urge-table").hidden = true;
  $("urge-forecast").classList.add("busy");
  try {
    const flow = await send("urge/forecast", "POST", {});
    drawTable(flow);
    const parts = flow.forecast_parts;
    fillList($("urge-forecast"), parts ? [...parts.differences, parts.chances]
      : flow.forecast_lines);
    document.body.dataset.urgeForecast = flow.forecast ? "ready" : "not-yet";
  } catch (err) {
    fillList($("urge-forecast"), [WORDS.failed + err.message]);
    document.body.dataset.urgeForecast = "failed";
  } finally {
    $("urge-forecast").classList.remove("busy");
  }
}

async function openFlow() {
  const dialog = $("urge-flow");
  if (!built) build(dialog);
  built = true;
  for (const id of ["urge-letter-status", "urge-closed", "urge-timer"]) $(id).textContent = "";
  $("urge-letter").value = "";
  dialog.showModal();
  $("urge-title").focus();
  document.body.dataset.urgeForecast = "working";
  try {
    fill(await call("urge"));
  } catch (err) {
    $("urge-ack").textContent = WORDS.failed + err.message;
    return;
  }
  await loadForecast();
}

// Wire the button once; `logged` runs after an urge is logged (the journal refreshes).
export function bindUrge(logged) {
  onLogged = logged;
  $("urge-open").addEventListener("click", openFlow);
}
