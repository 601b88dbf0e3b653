// What the Journal tab's modules share: element lookup, calls to the journal API, buttons
// and lists.
export const $ = (id) => document.getElementById(id);

export async function call(path, options = {}) {
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

export const send = (path, method, body) => call(path, { method,
  headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

export function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

export function fillList(el, lines) {
  el.replaceChildren(...lines.map((s) => {
    const li = document.createElement("li");
    li.textContent = s;
    return li;
  }));
}
