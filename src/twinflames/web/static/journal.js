// The Journal tab: quick add, the full form, the list with edit and remove, stats, import and
// export; creating, unlocking, recovering and erasing live in journal_keys.js, "Where am I?" in
// journal_inference.js. Every word comes from text.js; nothing is kept in the browser.
import { drawStats } from "./journal_charts.js";
import { $, button, fillList } from "./dom.js";
import { call, send } from "./journal_api.js";
import { bindInference, forgetInference, markStale } from "./journal_inference.js";
import { bindKeys, showKeys } from "./journal_keys.js";
import { JOURNAL as T } from "./text.js";
import { bindUrge } from "./urge.js";

let kinds = {};
let current = {};  // the journal's last status: exists, encrypted, unlocked
let editing = null;  // the id of the entry being edited
let started = false;
let bound = false;  // the controls are wired once

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
  current = status;
  showKeys(status);
  $("j-tools").hidden = !status.unlocked;
  $("j-results").hidden = !status.unlocked;
  $("j-message").textContent = !status.exists ? T.missing : status.unlocked ? "" : T.locked;
}

// The journal was made, opened, locked or erased: redraw the tab and say what happened.
async function opened(status, message) {
  show(status);
  if (!status.unlocked) forgetInference();
  if (message) $("j-message").textContent = message;
  if (status.unlocked) await refresh();
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
  markStale();
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
    await opened(status, T.unlocked);
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
    $("j-kind").add(new Option(T.kindLabels[k.name], k.name));
  }
  $("j-kind").addEventListener("change", fillKindHelp);
  $("j-form").addEventListener("submit", submitForm);
  $("j-cancel").addEventListener("click", resetForm);
  $("j-import").addEventListener("click", importFile);
  $("j-lock").addEventListener("submit", unlock);
  bindKeys(opened, () => guarded(async () => opened(await call("lock", { method: "POST" }),
    T.lockedAgain)), () => current);
  bindInference();
  bindUrge(refresh);
  $("j-phone").addEventListener("toggle", showPhone);  // a used code is replaced by a new one
  resetForm();
}

// With `twinflames serve --phone`: the current pairing code, for this computer only.
async function showPhone() {
  const info = await call("phone").catch(() => ({ enabled: false }));
  $("j-phone").hidden = !info.enabled;
  if (!info.enabled) return;
  $("j-phone-qr").src = info.qr;
  $("j-phone-link").textContent = info.link;
  $("j-phone-fp").textContent = info.fingerprint;
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
    await showPhone();
  } catch (err) {
    $("j-message").textContent = err.status === 401 ? T.denied : T.failed + err.message;
    started = false;
  }
  document.body.dataset.journalReady = "true";
}
