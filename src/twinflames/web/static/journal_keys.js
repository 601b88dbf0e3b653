// The journal's life from the page: create it (plain or sealed, the recovery key shown once and
// confirmed), unlock, recover with the key, change the passphrase, lock and erase. The server
// does each through the journal's own functions; the page keeps no passphrase or key.
import { $ } from "./dom.js";
import { send } from "./journal_api.js";
import { JOURNAL as T } from "./text.js";

let opened = () => {};  // the journal tab's show(status), set by bindKeys

function problem(id, text) {
  $(id).hidden = !text;
  $(id).textContent = text || "";
}

// Two passphrase boxes: their common value, or null with the reason shown in `err`.
function twice(one, two, err) {
  const a = $(one).value;
  if (!a) { problem(err, T.passEmpty); return null; }
  if (a !== $(two).value) { problem(err, T.passMismatch); return null; }
  return a;
}

function clear(...ids) {
  for (const id of ids) $(id).value = "";
}

// Run `work` with `btn` disabled; a refusal is shown in `err` in the server's words.
async function acting(btn, err, work) {
  $(btn).disabled = true;
  problem(err, null);
  try {
    await work();
  } catch (e) {
    problem(err, T.failed + e.message);
  } finally {
    $(btn).disabled = false;
  }
}

function sealedChosen() {
  return document.querySelector('input[name="j-seal"]:checked').value === "sealed";
}

function saveKey(key) {
  const url = URL.createObjectURL(new Blob([T.keyFile(key)], { type: "text/plain" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "twinflames-recovery-key.txt";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function create(ev) {
  ev.preventDefault();
  const sealed = sealedChosen();
  const passphrase = sealed ? twice("j-new-pass", "j-new-pass2", "j-create-err") : null;
  if (sealed && passphrase === null) return;
  await acting("j-create-btn", "j-create-err", async () => {
    const made = await send("create", "POST", { passphrase });
    clear("j-new-pass", "j-new-pass2");
    if (!made.recovery_key) { await opened(made, T.created); return; }
    $("j-create").hidden = true;
    $("j-recovery-key").textContent = made.recovery_key;
    $("j-recovery-ok").checked = false;
    $("j-recovery-done").disabled = true;
    $("j-recovery").hidden = false;
    $("j-message").textContent = "";
    $("j-recovery-done").onclick = async () => {
      $("j-recovery-key").textContent = "";  // shown once: gone from the page too
      $("j-recovery").hidden = true;
      await opened(made, T.createdSealed);
    };
    $("j-recovery-save").onclick = () => saveKey(made.recovery_key);
    $("j-recovery-key").focus();
  });
}

async function recover(ev) {
  ev.preventDefault();
  const fresh = twice("j-rec-pass", "j-rec-pass2", "j-rec-err");
  if (fresh === null) return;
  await acting("j-rec-btn", "j-rec-err", async () => {
    const status = await send("recover", "POST", { recovery_key: $("j-rec-key").value,
      new_passphrase: fresh });
    clear("j-rec-key", "j-rec-pass", "j-rec-pass2");
    $("j-forgot").open = false;
    await opened(status, T.recovered);
  });
}

async function change(ev) {
  ev.preventDefault();
  $("j-chg-status").textContent = "";
  const fresh = twice("j-chg-pass", "j-chg-pass2", "j-chg-err");
  if (fresh === null) return;
  await acting("j-chg-btn", "j-chg-err", async () => {
    await send("passphrase", "POST", { passphrase: $("j-cur-pass").value,
      new_passphrase: fresh });
    $("j-chg-status").textContent = T.passChanged;
  });
  clear("j-cur-pass", "j-chg-pass", "j-chg-pass2");
}

async function erase(ev, encrypted) {
  ev.preventDefault();
  await acting("j-erase-btn", "j-erase-err", async () => {
    const status = await send("erase", "POST", { confirm: $("j-erase-ok").checked,
      passphrase: encrypted() ? $("j-erase-pass").value : null });
    $("j-erase-ok").checked = false;
    $("j-keys").open = false;
    await opened(status, T.erased(status.erased_files));
  });
  clear("j-erase-pass");
  $("j-erase-btn").disabled = !$("j-erase-ok").checked;
}

// Which of the forms fit this status (no journal, locked, open; sealed or plain).
export function showKeys(status) {
  const locked = status.exists && !status.unlocked;
  $("j-create").hidden = status.exists;
  $("j-create-pass").hidden = !sealedChosen();
  $("j-lock").hidden = !locked;
  $("j-forgot").hidden = !locked;
  $("j-seal-tools").hidden = !status.encrypted;
  $("j-erase-pass-field").hidden = !status.encrypted;
  if (status.exists) $("j-recovery").hidden = true;
  if (!status.unlocked) $("j-keys").open = false;
}

// Wire the forms; `show(status, message)` redraws the tab after each change.
export function bindKeys(show, lock, current) {
  opened = show;
  $("j-create").addEventListener("submit", create);
  for (const r of document.querySelectorAll('input[name="j-seal"]')) {
    r.addEventListener("change", () => { $("j-create-pass").hidden = !sealedChosen(); });
  }
  $("j-recovery-ok").addEventListener("change", () => {
    $("j-recovery-done").disabled = !$("j-recovery-ok").checked;
  });
  $("j-recover-form").addEventListener("submit", recover);
  $("j-change-form").addEventListener("submit", change);
  $("j-erase-ok").addEventListener("change", () => {
    $("j-erase-btn").disabled = !$("j-erase-ok").checked;
  });
  $("j-erase-form").addEventListener("submit", (ev) => erase(ev, () => current().encrypted));
  $("j-lock-now").addEventListener("click", lock);
}
