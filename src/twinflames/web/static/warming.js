// While the server gets its compiled model ready (GET /api/warming), say so plainly at the top
// of the page, and beside "Where am I?"; the notice goes when everything is ready.
import { $ } from "./dom.js";
import { WARMING as W } from "./text.js";

let status = { all_ready: false, ready: {} };

export const isReady = (group) => Boolean(status.ready[group]);

function show() {
  $("warming").hidden = status.all_ready;
  $("warming").textContent = status.all_ready ? "" : W.notice(status.ready, status.seconds);
  document.body.dataset.warm = status.all_ready ? "ready" : "warming";
}

export async function watchWarming() {
  for (;;) {
    try {
      const r = await fetch("/api/warming");
      if (r.ok) status = await r.json();
    } catch { /* the server is restarting; try again */ }
    show();
    if (status.all_ready) return;
    await new Promise((done) => { setTimeout(done, 1000); });
  }
}
