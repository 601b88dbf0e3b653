// Calls to the journal API (/api/journal/...); errors carry the HTTP status and detail.
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
