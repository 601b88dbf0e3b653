// The journal's figures: its stats on one time axis (per week urges and reach-outs, by day the
// ratings), and the inference's phase ribbon, inner states and forecast.
import { ARM_STYLE, config, FONT, LEGEND_BELOW, PHASE_COLOURS, wrap } from "./charts.js";
import { INFERENCE, JOURNAL, PHASE_LABELS } from "./text.js";

// one colour per series, each at least 3:1 on white (the phases keep theirs for the phases)
const COLOURS = {
  urges_resisted: "#009E73", urges_acted: "#8C510A", reach_outs_me: "#0072B2",
  reach_outs_them: "#D55E00", wellbeing: "#000000", anxiety: "#CC79A7", intensity: "#6A3D9A",
};

export function drawStats(el, stats) {
  const weeks = stats.weeks.map((w) => w.week);
  const bars = ["urges_resisted", "urges_acted", "reach_outs_me", "reach_outs_them"].map((k) => ({
    type: "bar", name: JOURNAL.series[k], x: weeks, y: stats.weeks.map((w) => w[k]),
    marker: { color: COLOURS[k] }, xperiod: 604800000, xperiod0: weeks[0],
    hovertemplate: `%{x|%Y-%m-%d}: %{y} ${JOURNAL.series[k]}<extra></extra>`,
  }));
  const lines = Object.entries(stats.ratings).filter(([, rows]) => rows.length).map(([k, rows]) => ({
    type: "scatter", mode: "lines+markers", name: JOURNAL.series[k], yaxis: "y2",
    x: rows.map((r) => r.date), y: rows.map((r) => r.mean), line: { color: COLOURS[k] },
  }));
  const layout = {
    barmode: "group", height: 420, margin: { l: 50, r: 10, t: 34, b: 40 },
    font: FONT,
    legend: { orientation: "h", y: -0.15 },
    xaxis: { type: "date" },
    yaxis: { domain: [0.55, 1], title: { text: JOURNAL.perWeek }, rangemode: "tozero" },
    yaxis2: { domain: [0, 0.42], range: [0.5, 5.5], dtick: 1, title: { text: JOURNAL.rating } },
    grid: { rows: 2, columns: 1, pattern: "coupled" },
  };
  return Plotly.react(el, [...bars, ...lines], layout, config(true));
}

// The chance of each phase, day by day, stacked to 100 (the phases' colours of the explorer).
export function drawRibbon(el, timeline) {
  const dates = timeline.map((t) => t.date);
  const traces = Object.keys(PHASE_COLOURS).map((phase) => ({
    type: "scatter", mode: "lines", stackgroup: "phase", name: PHASE_LABELS[phase],
    x: dates, y: timeline.map((t) => 100 * t.phase[phase]),
    line: { width: 0.5, color: PHASE_COLOURS[phase] }, fillcolor: PHASE_COLOURS[phase],
    hovertemplate: `${PHASE_LABELS[phase]}: %{y:.0f} ${INFERENCE.inHundred}<extra>%{x}</extra>`,
  }));
  const layout = { font: FONT, height: 300, margin: { l: 50, r: 10, t: 34, b: 40 },
    hovermode: "x unified", legend: { orientation: "h", y: -0.2, traceorder: "normal" },
    xaxis: { type: "date" },
    yaxis: { range: [0, 100], fixedrange: true, title: { text: INFERENCE.chance } },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  return Plotly.react(el, traces, layout, config(true));
}

const WHO_STYLE = { me: { color: "#0072B2", symbol: "circle" },
  them: { color: "#D55E00", symbol: "diamond" } };

// Each inner state of you and them: the median as a dot, the 90% interval as error bars; a
// state the journal barely moved is drawn hollow and named "mostly unknown".
export function drawStates(el, states) {
  const names = Object.keys(INFERENCE.states);
  const traces = Object.entries(states).map(([who, byName]) => {
    const s = names.map((n) => byName[n]);
    return {
      type: "scatter", mode: "markers", name: INFERENCE.whoLong[who],
      y: names.map((n) => INFERENCE.states[n]), x: s.map((v) => v.median),
      offsetgroup: who, orientation: "h",  // you and them side by side on each row
      error_x: { type: "data", symmetric: false, array: s.map((v) => v.high - v.median),
        arrayminus: s.map((v) => v.median - v.low), color: WHO_STYLE[who].color, thickness: 2 },
      marker: { size: 11, color: WHO_STYLE[who].color, line: { width: 2, color:
        WHO_STYLE[who].color }, symbol: s.map((v) => WHO_STYLE[who].symbol +
        (v.mostly_unknown ? "-open" : "")) },
      customdata: s.map((v) => [v.low, v.high, v.mostly_unknown
        ? ` (${INFERENCE.mostlyUnknownShort})` : ""]),
      hovertemplate: `${INFERENCE.whoLong[who]}, %{y}: %{x:.2f} (90%: %{customdata[0]:.2f}–` +
        "%{customdata[1]:.2f})%{customdata[2]}<extra></extra>",
    };
  });
  const layout = { font: FONT, height: 300, margin: { l: 10, r: 12, t: 34, b: 48 },
    scattermode: "group", scattergap: 0.5, legend: { orientation: "h", y: -0.25 },
    xaxis: { range: [0, 1], fixedrange: true, title: { text: INFERENCE.stateAxis } },
    yaxis: { type: "category", autorange: "reversed", fixedrange: true, automargin: true },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  return Plotly.react(el, traces, layout, config(false));
}

// Out of 100 futures, how many end each way, per choice, with the 90% intervals.
export function drawForecast(el, fc, outcomes) {
  const traces = Object.entries(fc.choices).map(([choice, entry], i) => ({
    type: "bar", name: INFERENCE.choiceLabel(choice),
    x: outcomes.map((o) => wrap(INFERENCE.outcomes[o])), y: outcomes.map((o) => entry[o].of_100),
    error_y: { type: "data", symmetric: false, color: "#333",
      array: outcomes.map((o) => entry[o].high - entry[o].of_100),
      arrayminus: outcomes.map((o) => entry[o].of_100 - entry[o].low) },
    customdata: outcomes.map((o) => [entry[o].low, entry[o].high]),
    hovertemplate: `${INFERENCE.choiceLabel(choice)}<br>%{x}: %{y:.0f} of 100 (90%: ` +
      "%{customdata[0]:.0f}–%{customdata[1]:.0f})<extra></extra>",
    marker: { ...ARM_STYLE[i % ARM_STYLE.length], line: { color: "#000", width: 0.5 } },
  }));
  const layout = { font: FONT, barmode: "group", height: 340,
    margin: { l: 56, r: 12, t: 34, b: 110 }, legend: LEGEND_BELOW,
    yaxis: { title: { text: INFERENCE.chance }, range: [0, 104], fixedrange: true },
    xaxis: { fixedrange: true }, paper_bgcolor: "#fff", plot_bgcolor: "#fff" };
  return Plotly.react(el, traces, layout, config(false));
}
