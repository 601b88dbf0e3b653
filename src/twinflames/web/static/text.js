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
  wholeDays: (hi) => `Allowed: a whole number of days, 1 to ${hi}.`,
  wholeSeed: "Allowed: a whole number, 0 or more (no decimals).",
  wholeRuns: (hi) => `Allowed: a whole number of couples, 10 to ${hi}.`,
  blocked: (label) => `Nothing was run: “${label}” has a value that is not allowed (see the ` +
    "message beside it). Change it, then run again.",
  copied: "Link copied.",
  copyFallback: "Copy this link:",
  presetKeeps: (label, adjusted) => `as in the story: ${label}${adjusted ? ", adjusted" : ""}`,
  ownWay: "their own way",
  twin: (t, name) => `Twin ${t}: ${name}`,
  policyLabel: (t, name) => `How ${name} (${t}) behaves`,
  varies: "In comparisons this differs a little between couples unless you set it here.",
  section: "Article section: ",
  // one sentence: "After 200 days, they are together ..." (the outcome's first letter lowered)
  after: (days, outcome) =>
    `After ${Math.round(days)} days, ${outcome[0].toLowerCase()}${outcome.slice(1)}`,
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
  guessRight: (g, o) => `You guessed “${g.label}”, and you were right: about ${g.of100} in ` +
    `100 couples were together and calm at the end with it, against ${o.of100} in 100 with ` +
    `“${o.label}”.`,
  guessOther: (g, o) => `You guessed “${g.label}”. This time the other choice brought more ` +
    `couples together: about ${o.of100} in 100 with “${o.label}”, against ${g.of100} in 100. ` +
    "Guessing first and then checking is how a feel for the dynamic grows.",
  guessTooClose: (g, o) => `You guessed “${g.label}”. With these couples the two choices are ` +
    `too close to tell apart (about ${g.of100} and ${o.of100} in 100 together and calm), so ` +
    "neither guess wins. More couples (Advanced) may tell them apart.",
  storyMore: (n) => `The rest of the story (${n} more ${n === 1 ? "sentence" : "sentences"})`,
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
  missing: "There is no journal here yet. Start one below: it takes a moment and stays on " +
    "this computer.",
  denied: "This journal needs the private link (or the code on the screen) that " +
    "“twinflames serve” showed when it started. Open that link once in this browser.",
  locked: "Your journal is sealed with a passphrase. Type it to open it for as long as this " +
    "server runs; it is not stored in the page or on disk.",
  unlocked: "Unlocked.",
  created: "Your journal is ready. One tap below is enough to start.",
  createdSealed: "Your sealed journal is ready and open. One tap below is enough to start.",
  recovered: "Your new passphrase is set and the journal is open. The recovery key still " +
    "works.",
  passChanged: "Passphrase changed. Your recovery key still works.",
  passEmpty: "Type a passphrase (at least one character).",
  passMismatch: "The two passphrases are not the same. Please type them again.",
  erased: (n) => `Your journal and its backups are deleted from this computer (${n} ` +
    `${n === 1 ? "file" : "files"}). You can start a new one below.`,
  keyFile: (key) => `twinflames journal recovery key\n\n${key}\n\nIf you forget your ` +
    "passphrase, this key opens your journal (Journal tab: “Forgot your passphrase?”). " +
    "Keep it somewhere safe, apart from the passphrase.\n",
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
    moved_on: "moved on", reach_out: "reached out", reply: "replied",
    ignore: "left it unanswered",
    withdraw: "pulled away", communicate: "said plainly what they need", block: "blocked",
    unblock: "opened contact again", together: "time together", conflict: "a hurtful exchange",
    urge: "urge to reach out", practice: "practice", support: "support session", sign: "sign",
    trigger: "trigger", note: "note", wellbeing: "well-being", anxiety: "anxiety",
    intensity: "intensity", unsent: "unsent letter (private)",
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

// The guided tour: five short steps, each pointing at one or two controls.
export const TOUR = {
  count: (n, of) => `Step ${n} of ${of}`,
  next: "Next",
  finish: "Finish the tour",
  steps: [
    { view: "explore", targets: ["preset"], text: "Start from a story: two people in the " +
      "runner–chaser dynamic, each taken from a section of the article. The sentences and " +
      "the chart show what happens to them over time." },
    { view: "explore", targets: ["policy-b"], text: "Change how one of them behaves, for " +
      "example “keeps chasing” or “follows the article”. The story runs again by itself." },
    { view: "explore", targets: ["outcome", "run-chart"], text: "Read the outcome first, then " +
      "the chart: closeness at the top, each person's wound and well-being, what happened, " +
      "and the phases in words at the bottom." },
    { view: "compare", targets: ["prediction-options"], text: "Before you compare: make a " +
      "guess. Which choice do you think brings more couples together? Pick one here." },
    { view: "compare", targets: ["compare"], text: "Now press Compare. The same couples live " +
      "through both choices, and the page tells you whether your guess was right. The tour " +
      "ends here; everything stays as you left it." },
  ],
};

// The model's compiled code is made ready at start-up (the first start after installing takes
// about a minute; later ones a few seconds).
export const WARMING = {
  notice: (ready, seconds) => `Getting the model ready on this computer (${Math.round(
    seconds || 0)} s). ` + (ready.explore ? "Explore is ready. " : ready.journal
    ? "“Where am I?” is ready. " : "") + "The first start after installing takes about a " +
    "minute; later starts, a few seconds.",
  whereWaits: "The model is still getting ready; your answer will come as soon as it is.",
};

// The Journal tab's "Where am I?": chances from a model, never a verdict or a promise.
export const INFERENCE = {
  intro: "Reads your journal, on this computer, and estimates which phase of the dynamic you " +
    "are most likely in, who is most likely running and who chasing, and what each choice " +
    "might change. It usually takes a few seconds. These are a model's chances, not a verdict on you " +
    "or on them.",
  busy: "Reading your journal…",
  forecastBusy: "Simulating the futures…",
  stale: "Your journal changed since this was worked out. Press “Where am I?” again to " +
    "include the new entries.",
  tooFew: (d) => `Your journal has entries on ${d.days_with_entries} ` +
    `${d.days_with_entries === 1 ? "day" : "days"} so far. The model needs at least ` +
    `${d.needed} days with entries before it can say anything about where you are, so it ` +
    `shows no guess yet. Log ${d.more} more ${d.more === 1 ? "day" : "days"} (one tap on a ` +
    "day is enough) and ask again.",
  caveat: "Chances from a model of one article's ideas, worked out from what you logged.",
  roleColumns: { runner: "running", chaser: "chasing", none: "neither" },
  corner: { who: "who", state: "inner state", choice: "choice" },
  who: { me: "you", them: "them" },
  whoLong: { me: "You", them: "Them" },
  states: { wound: "wound", fear_of_abandonment: "fear of abandonment", self_love: "self-love",
    wellbeing: "well-being" },
  stateCell: (med, low, high) => `about ${med} (90%: ${low}–${high})`,
  mostlyUnknown: (low, high) => `mostly unknown (the journal barely moved the starting guess, ` +
    `${low}–${high})`,
  mostlyUnknownShort: "mostly unknown",
  stateAxis: "0 to 1; bars: 90% interval",
  chance: "chance in 100",
  inHundred: "in 100",
  choices: { "me=current": "as you are now", "me=guided": "follow the article",
    "me=anxious": "keep chasing", "me=avoidant": "avoid", "me=secure": "secure" },
  choiceLabel: (c) => INFERENCE.choices[c] || c,
  outcomes: { union: "together and calm", apart: "still apart", blocked: "contact closed",
    moved_on: "one moved on", turbulence: "close but stormy", wellbeing: "your well-being" },
  forecastIntro: (runs, days) => `${runs} simulated futures of ${days} days from where your ` +
    "journal leaves you, the same ones under each choice. Counts are out of 100; the ranges " +
    "show where 90 in 100 couples like yours land, as far as your journal can tell.",
  cantTell: "can't tell yet",
  cantTellNote: "“can't tell yet”: the journal does not narrow this down; more days of " +
    "entries will.",
  versus: (base) => `difference from “${base}”`,
  differenceSentence: (choice, base, well, low, high) => `With “${choice}” instead of ` +
    `“${base}”, your expected well-being changed by ${well} points of 100 in these futures ` +
    `(${low} to ${high} for 90 in 100 couples like yours).`,
  notPrediction: "Chances from a simulation, not a prediction of your life.",
  tooManyChoices: (n) => `At most ${n} choices at once; remove one first.`,
  baseline: "the others are compared with this one",
  already: "That choice is already in the list.",
  remove: "Remove",
};
