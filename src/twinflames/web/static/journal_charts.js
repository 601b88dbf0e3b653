// The journal's stats on one time axis: per week urges and reach-outs, by day the ratings.
import { CONFIG, FONT } from "./charts.js";
import { JOURNAL } from "./text.js";

// Okabe–Ito colours, as the explorer's other figures
const COLOURS = {
  urges_resisted: "#009E73", urges_acted: "#E69F00", reach_outs_me: "#0072B2",
  reach_outs_them: "#D55E00", wellbeing: "#009E73", anxiety: "#CC79A7", intensity: "#D55E00",
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
    barmode: "group", height: 420, margin: { l: 50, r: 10, t: 10, b: 40 },
    font: FONT,
    legend: { orientation: "h", y: -0.15 },
    xaxis: { type: "date" },
    yaxis: { domain: [0.55, 1], title: { text: JOURNAL.perWeek }, rangemode: "tozero" },
    yaxis2: { domain: [0, 0.42], range: [0.5, 5.5], dtick: 1, title: { text: JOURNAL.rating } },
    grid: { rows: 2, columns: 1, pattern: "coupled" },
  };
  return Plotly.react(el, [...bars, ...lines], layout, CONFIG);
}
