// Every word the page shows, in one place (plain words, kind, never a promise).

export const TEXT = {
  title: "twinflames explorer",
  note: "This is a model of the ideas in one article about the twin-flame runner–chaser " +
    "dynamic, turned into equations. It is not a prediction of anyone's life, and it is not " +
    "therapy or a clinical tool.",
  running: "Running…",
  runFailed: "The run could not be done: ",
  compareFailed: "The comparison could not be done: ",
  noticeIgnored: (key, value) => `Ignored “${key}=${value}” from the link: it is not a setting.`,
  noticeClamped: (key, value, lo, hi) =>
    `“${key}=${value}” from the link is outside ${lo}–${hi}; using the nearest allowed value.`,
  noticeBad: (key, value, allowed) =>
    `Ignored “${key}=${value}” from the link; allowed: ${allowed}.`,
  outOfRange: (lo, hi) => `Allowed: ${lo} to ${hi}.`,
  copied: "Link copied.",
  copyFallback: "Copy this link:",
  presetKeeps: (name) => `as in the story (${name})`,
  twin: (t, name) => `Twin ${t}: ${name}`,
  policyLabel: (t, name) => `How ${name} (${t}) behaves`,
  varies: "In comparisons this differs a little between couples unless you set it here.",
  section: "Article section: ",
  after: (days) => `After ${Math.round(days)} days: `,
  summary: (run) => {
    const last = run.phases[run.phases.length - 1];
    const who = (t) => (t ? run.names[t] : null);
    const roles = [who(last.runner) && `${who(last.runner)} is running`,
      who(last.chaser) && `${who(last.chaser)} is chasing`].filter(Boolean).join(", ");
    return `${run.phases.length} phases. At the end the phase is ${PHASE_LABELS[last.phase]}` +
      (roles ? ` (${roles})` : "") + `. ${OUTCOME_TEXT[run.outcome]}`;
  },
  compareIntro: "The same couples (same seeds, same starting draws) are run twice: once " +
    "with each choice. Only the choice differs.",
  compareBase: (s) => `Shared settings from Explore: “${s.preset}”, ${s.days} days, seed ` +
    `${s.seed}.`,
  frequency: (label, count, runs, days) =>
    `${label}: ${count} of ${runs} couples are together and calm at day ${Math.round(days)} ` +
    `(about ${Math.round((100 * count) / runs)} in 100).`,
  median: (label, m, reached, runs) => m === null
    ? `${label}: no couple reached union.`
    : `${label}: ${reached} of ${runs} couples reached union at some point; half of them ` +
      `within ${Math.round(m)} days.`,
  predictionAsk: "Before you look: which choice do you think brings more couples together?",
  predictionSaid: (label) => `You guessed: ${label}.`,
  perHundred: "couples out of 100",
  daysToUnion: "days to first union",
  couples: "couples",
};

export const OUTCOME_TEXT = {
  union: "They are together and both have healed enough to stay calm.",
  chasing: "The chase is still going on.",
  separated: "They are apart, each on their own path.",
  mutual_running: "Both are still pulling away from each other.",
  toxic: "They are close, but it is still stormy.",
  blocked: "Contact is still closed.",
  moved_on: "One of them has moved on with their own life.",
};

export const OUTCOME_LABELS = {
  union: "together (union)", chasing: "still chasing", separated: "apart",
  mutual_running: "both pulling away", toxic: "close but stormy", blocked: "contact closed",
  moved_on: "one moved on",
};

export const PHASE_LABELS = {
  chase: "chase", separation: "separation", mutual_running: "both running",
  turbulence: "turbulence", blocked: "blocked", union: "union", ended: "ended",
};

export const EVENT_LABELS = {
  reach_out: "reaches out", reply: "replies", ignore: "leaves it unanswered",
  withdraw: "withdraws", communicate: "explains they need space", block: "blocks contact",
  unblock: "opens contact again", sign: "notices a sign", moved_on: "moves on",
  healed: "has healed", role_swap: "roles turn", reunion: "they come back together",
  separation: "they drift apart",
};

export const SERIES = {
  closeness: "closeness", intensity: "intensity", toxicity: "toxicity",
  wound: "wound", wellbeing: "well-being", fear: "fear", self_love: "self-love",
  focus: "focus on the other", pressure: "pressure felt", wound_diff: "wound difference (a − b)",
};

// The Journal tab: plain and kind; a reach-out is an event, never a failure.
export const JOURNAL = {
  failed: "That did not work: ",
  loading: "Opening your journal…",
  missing: (path) => `There is no journal at ${path} yet. Start one in a terminal with ` +
    "“twinflames journal init” (add --encrypt to seal it with a passphrase), then reload " +
    "this page.",
  denied: "This journal needs the private link that “twinflames serve” printed when it " +
    "started. Open that link once in this browser.",
  locked: "Your journal is sealed with a passphrase. Type it to open it for as long as this " +
    "server runs; it is not stored in the page or on disk.",
  unlocked: "Unlocked.",
  lockedAgain: "Locked. Your passphrase opens it again.",
  added: (words) => `Logged: ${words}.`,
  saved: "Saved. The earlier version stays in the history.",
  removed: "Removed from the list. It stays in the history.",
  empty: "Nothing logged yet. One tap above is enough to start.",
  editing: "Editing an entry: change what you like, then save.",
  chooseFile: "Choose a file to import first.",
  imported: "Import finished:",
  quick: [
    ["I reached out", { kind: "reach_out", who: "me" }],
    ["They reached out", { kind: "reach_out", who: "them" }],
    ["Urge, let it pass", { kind: "urge", detail: "resisted" }],
    ["Urge, acted on it", { kind: "urge", detail: "acted" }],
    ["Practice", { kind: "practice" }],
    ["Support session", { kind: "support" }],
    ["Sign: dream", { kind: "sign", detail: "dream" }],
    ["Sign: song", { kind: "sign", detail: "song" }],
    ["Sign: message", { kind: "sign", detail: "message" }],
  ],
  wellbeing: "How are you feeling right now? (1 very low – 5 very well)",
  kindLabels: {
    reach_out: "reached out", reply: "replied", ignore: "left it unanswered",
    withdraw: "pulled away", communicate: "said plainly what they need", block: "blocked",
    unblock: "opened contact again", together: "time together", conflict: "a hurtful exchange",
    urge: "urge to reach out", practice: "practice", support: "support session", sign: "sign",
    trigger: "trigger", note: "note", wellbeing: "well-being", anxiety: "anxiety",
    intensity: "intensity",
  },
  who: { me: "me", them: "them" },
  edit: "Edit",
  remove: "Remove",
  series: {
    urges_resisted: "urges let pass", urges_acted: "urges acted on",
    reach_outs_me: "my reach-outs", reach_outs_them: "their reach-outs",
    practice_days: "practice days", wellbeing: "well-being", anxiety: "anxiety",
    intensity: "intensity",
  },
  perWeek: "per week",
  rating: "rating 1–5",
};
