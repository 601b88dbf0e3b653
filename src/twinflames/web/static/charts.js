// Plotly figures: one run (lines, events, phase ribbon), its phase portrait, a comparison.
import { EVENT_LABELS, OUTCOME_LABELS, PHASE_LABELS, SERIES, TEXT } from "./text.js";

// Each phase has a colour of its own (no line, twin or choice uses it), at least 3:1 on white
// (5:1 or more) and with white labels on it; the ribbon and legends name every phase in words.
export const PHASE_COLOURS = {
  chase: "#882255", separation: "#332288", mutual_running: "#AA4499",
  turbulence: "#7A6400", blocked: "#6E6E6E", union: "#117733", ended: "#3B2A1A",
};
// lines need 3:1 contrast on white: twin b is drawn in vermillion (and dashed), not orange
const TWIN = { a: { color: "#0072B2", dash: "solid" }, b: { color: "#D55E00", dash: "dash" } };
const SYMBOLS = {
  reach_out: "line-ns-open", reply: "circle-open", ignore: "x-thin-open", withdraw: "triangle-down",
  communicate: "diamond-open", block: "square", unblock: "square-open", sign: "star",
  role_swap: "triangle-up", healed: "cross", reunion: "circle", separation: "circle-open-dot",
  moved_on: "x",
};
// The toolbar lists the buttons it shows (never "remove these"): a button Plotly adds or renames,
// such as its "Share chart" upload (sendChartToCloud), can then never appear. Download PNG on
// every chart; zoom and reset only where an axis can zoom. Nothing on a chart sends data.
const BUTTONS = { still: [["toImage"]], zoom: [["toImage", "zoom2d", "resetScale2d"]] };
export const config = (zoom) => ({ responsive: true, displaylogo: false,
  modeBarButtons: BUTTONS[zoom ? "zoom" : "still"],
  toImageButtonOptions: { format: "png", filename: "twinflames-figure" } });
export const FONT = { family: "system-ui, sans-serif", size: 12 };
// legends go under the plot: the toolbar (top right, in the top margin) never covers them
export const LEGEND_BELOW = { orientation: "h", x: 0, xanchor: "left", y: -0.18, yanchor: "top" };
// a long category label on two lines, so a phone's narrow chart does not cut it
export const wrap = (label) => label.replace(/ (?=\S+$)/, "<br>");

const fmt = (d) => (d < 1 ? `hour ${Math.round(d * 24)}` : `day ${d.toFixed(1)}`);

// One event in words: who, what, the sign's kind, the new role (the table and the hovers).
export function eventWords(e, names) {
  let what = EVENT_LABELS[e.kind] || e.kind;
  if (e.sign) what += ` (a ${e.sign})`;
  if (e.role) what += ` – now the ${e.role}`;
  return (e.who ? `${names[e.who]} ` : "") + what;
}

const eventText = (e, names) => `${fmt(e.day)}: ${eventWords(e, names)}`;

function ribbon(run) {
  const traces = {};
  for (const p of run.phases) {
    const t = (traces[p.phase] ||= {
      type: "bar", orientation: "h", name: PHASE_LABELS[p.phase], legendgroup: "phase",
      yaxis: "y5", x: [], base: [], y: [], text: [], hovertext: [], width: 1,
      marker: { color: PHASE_COLOURS[p.phase], line: { width: 0 } },
      textposition: "inside", insidetextanchor: "middle", hoverinfo: "text",
      textfont: { color: "#fff", size: 11 },
      constraintext: "both", cliponaxis: true, showlegend: true,
    });
    const roles = [p.runner && `runs: ${run.names[p.runner]}`,
      p.chaser && `chases: ${run.names[p.chaser]}`].filter(Boolean).join(", ");
    t.x.push(Math.max(p.end - p.start, run.days / 2000));
    t.base.push(p.start);
    t.y.push("phase");
    const wide = (p.end - p.start) > run.days * 0.12;
    t.text.push(wide ? PHASE_LABELS[p.phase] + (roles ? ` (${roles})` : "") : "");
    t.hovertext.push(`${PHASE_LABELS[p.phase]}, days ${p.start.toFixed(0)}–${p.end.toFixed(0)}` +
      (roles ? `<br>${roles}` : ""));
  }
  return Object.values(traces);
}

function events(run) {
  const kinds = [...new Set(run.events.map((e) => e.kind))];
  return kinds.map((kind) => {
    const list = run.events.filter((e) => e.kind === kind);
    return {
      type: "scatter", mode: "markers", name: EVENT_LABELS[kind] || kind, yaxis: "y4",
      legendgroup: "events", showlegend: false,
      x: list.map((e) => e.day), y: list.map(() => EVENT_LABELS[kind] || kind),
      text: list.map((e) => eventText(e, run.names)), hoverinfo: "text",
      marker: { symbol: SYMBOLS[kind] || "circle", size: kind === "reach_out" ? 7 : 9,
        color: list.map((e) => (e.who ? TWIN[e.who].color : "#000")), line: { width: 1.5 } },
    };
  });
}

function line(x, y, name, yaxis, style, group) {
  return { type: "scatter", mode: "lines", x, y, name, yaxis, legendgroup: group,
    line: { width: 2, ...style }, hovertemplate: `${name}: %{y:.2f}<extra>day %{x:.0f}</extra>` };
}

export function runFigure(run) {
  const tr = run.trajectory;
  const d = tr.day;
  const traces = [
    line(d, tr.closeness, SERIES.closeness, "y", { color: "#009E73", width: 2.5 }, "dyad"),
    line(d, tr.intensity, SERIES.intensity, "y", { color: "#CC79A7" }, "dyad"),
    line(d, tr.toxicity, SERIES.toxicity, "y", { color: "#000000", dash: "dot" }, "dyad"),
  ];
  for (const t of ["a", "b"]) {
    traces.push(line(d, tr[`wound_${t}`], `${SERIES.wound} ${run.names[t]}`, "y2", TWIN[t], t));
  }
  for (const t of ["a", "b"]) {
    traces.push(line(d, tr[`wellbeing_${t}`], `${SERIES.wellbeing} ${run.names[t]}`, "y3",
      TWIN[t], t));
  }
  traces.push(...events(run), ...ribbon(run));
  const kinds = [...new Set(run.events.map((e) => EVENT_LABELS[e.kind] || e.kind))];
  const axis = (title, domain, extra = {}) => ({ title: { text: title, font: { size: 11 } },
    domain, anchor: "x", range: [0, 1.02], fixedrange: true, ...extra });
  const layout = {
    font: FONT, height: 640, margin: { l: 64, r: 12, t: 34, b: 40 }, barmode: "overlay",
    showlegend: true, legend: { orientation: "h", y: -0.09, font: { size: 11 } },
    hovermode: "closest", paper_bgcolor: "#fff", plot_bgcolor: "#fff",
    xaxis: { title: { text: "day" }, anchor: "y5", range: [0, run.days], showspikes: true, spikemode: "across",
      spikesnap: "cursor", spikethickness: 1, spikecolor: "#555", zeroline: false },
    yaxis: axis(SERIES.closeness, [0.66, 1]),
    yaxis2: axis("wounds", [0.44, 0.62]),
    yaxis3: axis("well-being", [0.24, 0.40]),
    yaxis4: { domain: [0.08, 0.20], anchor: "x", type: "category", categoryarray: kinds,
      fixedrange: true, tickfont: { size: 9 }, automargin: true },
    yaxis5: { domain: [0, 0.06], anchor: "x", type: "category", showticklabels: false,
      fixedrange: true, title: { text: "phase", font: { size: 11 } } },
    shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, yref: "y2", y0: run.heal_threshold,
      y1: run.heal_threshold, line: { color: "#555", width: 1, dash: "dot" } }],
    annotations: [{ xref: "paper", x: 1, yref: "y2", y: run.heal_threshold, yanchor: "bottom",
      xanchor: "right", text: "healed below", showarrow: false, font: { size: 10, color: "#333" } }],
  };
  return { data: traces, layout };
}

export function drawRun(el, run) {
  const fig = runFigure(run);
  return Plotly.react(el, fig.data, fig.layout, config(true));
}

export const PORTRAIT_AXES = ["wound_diff", "closeness", "intensity", "toxicity", "wound_a",
  "wound_b", "fear_a", "fear_b", "self_love_a", "self_love_b", "focus_a", "focus_b",
  "wellbeing_a", "wellbeing_b", "pressure_a", "pressure_b"];

export function axisLabel(key, names) {
  const m = key.match(/^(.*)_(a|b)$/);
  if (m && SERIES[m[1]]) return `${SERIES[m[1]]} ${names[m[2]]}`;
  return SERIES[key] || key;
}

function series(tr, key) {
  return key === "wound_diff" ? tr.wound_a.map((w, i) => w - tr.wound_b[i]) : tr[key];
}

export function drawPortrait(el, run, xKey, yKey) {
  const tr = run.trajectory;
  const x = series(tr, xKey);
  const y = series(tr, yKey);
  const traces = [{ type: "scatter", mode: "lines", x, y, name: "path", hoverinfo: "skip",
    line: { color: "#bbb", width: 1 }, showlegend: false }];
  const byPhase = {};
  tr.phase.forEach((p, i) => (byPhase[p] ||= []).push(i));
  for (const [p, idx] of Object.entries(byPhase)) {
    traces.push({ type: "scatter", mode: "markers", name: PHASE_LABELS[p],
      x: idx.map((i) => x[i]), y: idx.map((i) => y[i]), text: idx.map((i) => fmt(tr.day[i])),
      marker: { color: PHASE_COLOURS[p], size: 5 },
      hovertemplate: `${PHASE_LABELS[p]}, %{text}<br>%{x:.2f}, %{y:.2f}<extra></extra>` });
  }
  const n = x.length - 1;
  traces.push({ type: "scatter", mode: "markers+text", x: [x[0], x[n]], y: [y[0], y[n]],
    text: ["start", "end"], textposition: "top center", showlegend: false, hoverinfo: "skip",
    marker: { color: "#000", size: 10, symbol: ["circle-open", "x"] } });
  const layout = { font: FONT, height: 380, margin: { l: 60, r: 12, t: 34, b: 48 },
    xaxis: { title: { text: axisLabel(xKey, run.names) }, zeroline: false },
    yaxis: { title: { text: axisLabel(yKey, run.names) }, zeroline: false },
    legend: { orientation: "h", y: -0.2 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  return Plotly.react(el, traces, layout, config(true));
}

// the arms of a comparison (and the journal forecast's choices): colour and, after the first,
// a pattern, so print and colour-blind readers can tell them apart
export const ARM_STYLE = [{ color: "#0072B2" }, { color: "#D55E00", pattern: { shape: "/" } },
  { color: "#009E73", pattern: { shape: "." } }, { color: "#CC79A7", pattern: { shape: "x" } }];

export function drawOutcomes(el, cmp, outcomes) {
  const traces = cmp.arms.map((arm, i) => ({
    type: "bar", name: arm.label, x: outcomes.map((o) => wrap(OUTCOME_LABELS[o])),
    y: outcomes.map((o) => 100 * arm.outcomes[o].probability),
    error_y: { type: "data", symmetric: false, color: "#333",
      array: outcomes.map((o) => 100 * (arm.outcomes[o].high - arm.outcomes[o].probability)),
      arrayminus: outcomes.map((o) => 100 * (arm.outcomes[o].probability - arm.outcomes[o].low)) },
    customdata: outcomes.map((o) => [arm.outcomes[o].count, 100 * arm.outcomes[o].low,
      100 * arm.outcomes[o].high]),
    hovertemplate: `${arm.label}<br>%{x}: %{customdata[0]} of ${arm.runs} couples` +
      "<br>95% interval %{customdata[1]:.1f}–%{customdata[2]:.1f} in 100<extra></extra>",
    marker: { ...ARM_STYLE[i % ARM_STYLE.length], line: { color: "#000", width: 0.5 } },
  }));
  const layout = { font: FONT, barmode: "group", height: 360, margin: { l: 56, r: 12, t: 34, b: 110 },
    yaxis: { title: { text: TEXT.perHundred }, range: [0, 104], fixedrange: true },
    xaxis: { fixedrange: true, automargin: true }, legend: LEGEND_BELOW,
    paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  return Plotly.react(el, traces, layout, config(false));
}

export function drawDaysToUnion(el, cmp) {
  const traces = cmp.arms.map((arm, i) => {
    const { edges, counts } = arm.days_to_union_histogram;
    return { type: "bar", name: arm.label, x: counts.map((_, k) => (edges[k] + edges[k + 1]) / 2),
      y: counts, width: counts.map((_, k) => (edges[k + 1] - edges[k]) * 0.45),
      customdata: counts.map((_, k) => [edges[k], edges[k + 1]]),
      hovertemplate: `${arm.label}<br>days %{customdata[0]:.0f}–%{customdata[1]:.0f}: ` +
        "%{y} couples<extra></extra>",
      marker: { ...ARM_STYLE[i % ARM_STYLE.length], line: { color: "#000", width: 0.5 } } };
  });
  const layout = { font: FONT, barmode: "group", height: 300, margin: { l: 56, r: 12, t: 34, b: 48 },
    xaxis: { title: { text: TEXT.daysToUnion }, range: [0, cmp.days] },
    yaxis: { title: { text: TEXT.couples }, rangemode: "tozero" },
    legend: LEGEND_BELOW, paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  return Plotly.react(el, traces, layout, config(true));
}

export function toPng(el, name) {
  return Plotly.toImage(el, { format: "png", width: 1200, height: el.offsetHeight || 700 })
    .then((url) => ({ url, name }));
}
