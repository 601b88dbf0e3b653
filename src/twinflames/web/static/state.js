// The page's state lives in the URL: preset, policies, changed parameters, seed, horizon,
// comparison settings and view. Bad values from a link are dropped or clamped, with a notice.
import { TEXT } from "./text.js";

export const VIEWS = ["explore", "compare", "journal"];
const STEPS = [24, 6, 1];

export function defaults(preset) {
  return { view: "explore", preset: preset.name, seed: preset.seed, days: preset.days,
    policy: { a: "", b: "" }, params: {}, px: "wound_diff", py: "closeness",
    cmp: { twin: "b", one: "anxious", two: "guided", runs: 1000, dt: 24 } };
}

function number(raw, lo, hi, key, notes, integer = false) {
  const v = Number(raw);
  if (raw === "" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    notes.push(TEXT.noticeBad(key, raw, `${integer ? "a whole number" : "a number"} ` +
      `from ${lo} to ${hi}`));
    return null;
  }
  if (v < lo || v > hi) {
    notes.push(TEXT.noticeClamped(key, raw, lo, hi));
    return Math.min(hi, Math.max(lo, v));
  }
  return v;
}

function choice(raw, allowed, key, notes) {
  if (allowed.includes(raw)) return raw;
  notes.push(TEXT.noticeBad(key, raw, allowed.join(", ")));
  return null;
}

// Read the state from a query string; `meta` holds the API's presets, sliders and limits.
export function parse(search, meta) {
  const q = new URLSearchParams(search);
  const notes = [];
  const names = meta.presets.map((p) => p.name);
  const presetName = q.has("preset") ? choice(q.get("preset"), names, "preset", notes) : null;
  const preset = meta.presets.find((p) => p.name === presetName) || meta.presets.find(
    (p) => p.name === "classic") || meta.presets[0];
  const s = defaults(preset);
  const policies = Object.keys(meta.policies);
  const sliders = Object.fromEntries(meta.sliders.map((x) => [x.name, x]));
  const portrait = meta.portraitAxes;
  const lim = meta.limits;
  for (const [key, raw] of q.entries()) {
    let v;
    if (key === "preset") continue;
    if (key === "view") { v = choice(raw, VIEWS, key, notes); if (v) s.view = v; }
    else if (key === "seed") {
      v = number(raw, 0, Number.MAX_SAFE_INTEGER, key, notes, true); if (v !== null) s.seed = v;
    } else if (key === "days") {
      v = number(raw, 1, lim.max_days, key, notes); if (v !== null) s.days = v;
    } else if (key === "a.policy" || key === "b.policy") {
      v = choice(raw, policies, key, notes); if (v) s.policy[key[0]] = v;
    } else if (key === "px" || key === "py") {
      v = choice(raw, portrait, key, notes); if (v) s[key] = v;
    } else if (key === "ct") { v = choice(raw, ["a", "b"], key, notes); if (v) s.cmp.twin = v; }
    else if (key === "c1" || key === "c2") {
      v = choice(raw, policies, key, notes); if (v) s.cmp[key === "c1" ? "one" : "two"] = v;
    } else if (key === "runs") {
      v = number(raw, 10, lim.max_runs, key, notes, true); if (v !== null) s.cmp.runs = v;
    } else if (key === "cdt") {
      v = choice(Number(raw), STEPS, key, notes); if (v) s.cmp.dt = v;
    } else if (sliders[key]) {
      v = number(raw, sliders[key].min, sliders[key].max, key, notes);
      if (v !== null) s.params[key] = v;
    } else notes.push(TEXT.noticeIgnored(key, raw));
  }
  return { state: s, notes };
}

// The query string of a state: only what differs from the preset is written.
export function serialise(s, preset) {
  const q = new URLSearchParams();
  q.set("preset", s.preset);
  if (s.view !== "explore") q.set("view", s.view);
  q.set("seed", String(s.seed));
  q.set("days", String(s.days));
  for (const t of ["a", "b"]) if (s.policy[t]) q.set(`${t}.policy`, s.policy[t]);
  for (const [k, v] of Object.entries(s.params)) q.set(k, String(v));
  if (s.px !== "wound_diff") q.set("px", s.px);
  if (s.py !== "closeness") q.set("py", s.py);
  if (s.view === "compare") {
    q.set("ct", s.cmp.twin); q.set("c1", s.cmp.one); q.set("c2", s.cmp.two);
    q.set("runs", String(s.cmp.runs)); q.set("cdt", String(s.cmp.dt));
  }
  return "?" + q.toString();
}

// The flat changes the API expects: policies first, then the parameters set by hand.
export function changes(s) {
  const out = {};
  for (const t of ["a", "b"]) if (s.policy[t]) out[`${t}.policy`] = s.policy[t];
  return Object.assign(out, s.params);
}
