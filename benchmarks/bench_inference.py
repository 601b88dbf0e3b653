"""Phase inference validated on journals where the truth is known (issues 8 and 19).

Scores the filter per day from day 14 on two sets: journals the simulator writes (in-model:
against a "last logged event" rule table and a hidden Markov model, both fitted on separate
journals) and journals an independent story grammar writes (``inference/validation/grammar.py``,
five logging habits). Checks the filter's resampling against the exact forward algorithm on a
discretised toy model and times a replay and a forecast. Prints the in-model table, then one
table of both sets side by side (top-1, Brier, ECE, confident-wrong), the grammar per story, and
the recovery of the keeper's own pace (how often the 90% ranges hold the true
values of journals written with known ones), and each target missed.

Run:  .venv/bin/python benchmarks/bench_inference.py            # 1,000 journals (~30 min)
      .venv/bin/python benchmarks/bench_inference.py --journals 40 --stress-journals 10 \
          --grammar-per-story 2
      .venv/bin/python benchmarks/bench_inference.py --part pace --pace-journals 40
          # only the recovery of the keeper's own pace (90% ranges against known values)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from twinflames.inference import infer
from twinflames.inference.observations import DEFAULT_PARTICLES
from twinflames.inference.validation.independent import (
    GrammarSettings,
    check_grammar_targets,
    score_grammar,
)
from twinflames.inference.validation.pace_recovery import RecoverySettings, recover
from twinflames.inference.validation.scorecard import check_targets
from twinflames.inference.validation.synthetic import synthetic_journal
from twinflames.inference.validation.validate import Settings, validate


def speed(particles: int) -> dict[str, float]:
    """Seconds for a 365-day replay, milliseconds per filter day, seconds for a 1,000-run
    forecast of two choices over 90 days (best of three, warm caches)."""
    entries = synthetic_journal(3, days=365, which=3).entries
    infer(entries[:60], particles=200)  # compile and warm up
    replay, forecast = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        result = infer(entries, particles=particles, seed=1)
        replay.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result.forecast(days=90, runs=1000)
        forecast.append(time.perf_counter() - t0)
    return {"replay_365_s": min(replay), "day_ms": 1000 * min(replay) / 365,
            "forecast_1000_s": min(forecast), "particles": particles}


def print_both(rows: list[dict], grammar: dict) -> None:
    """One table of the in-model sets and the grammar's habits, then the grammar per story."""
    keys = ("accuracy", "brier", "ece", "confident_wrong")
    sure = ("oversure", "oversure_wrong", "held_back")
    print("\nset | density | journals | top-1 | Brier | ECE | confident-wrong | "
          "above 0.95 unlogged | of them wrong | held at 0.95")
    for r in rows:
        print(" | ".join([f"in-model {r['set']}", f"{r['rate']:.0%}", str(r["journals"]),
                          *(f"{r[k]:.3f}" for k in keys), "-", "-",
                          f"{r['held_back']:.3f}"]))
    for habit, g in grammar["by_habit"].items():
        print(" | ".join([f"grammar {habit}", "-", str(g["journals"]),
                          *(f"{g[k]:.3f}" for k in keys + sure)]))
    print("\ngrammar story | journals | top-1 | Brier | ECE | confident-wrong | "
          "above 0.95 unlogged | of them wrong | held at 0.95")
    for story, g in grammar["by_story"].items():
        print(" | ".join([story, str(g["journals"]), *(f"{g[k]:.3f}" for k in keys + sure)]))


def pace_part(args) -> tuple[dict, list[str]]:
    """The recovery of the keeper's own pace: its coverage table and the targets missed."""
    report = recover(RecoverySettings(journals=args.pace_journals, days=args.pace_days,
                                      particles=args.particles, workers=args.workers))
    print("\npace parameter | journals | 90% range covers the truth | mean width (log) | "
          "moved")
    missed = []
    for name, c in report["coverage"].items():
        print(f"{name} | {c['journals']} | {c['coverage']:.3f} | {c['log_width']:.2f} | "
              f"{c['moved']:.2f}")
        if not 0.85 <= c["coverage"] <= 0.95:
            missed.append(f"pace {name}: 90% ranges cover {c['coverage']:.3f} (target "
                          "0.85-0.95)")
    return report, missed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--journals", type=int, default=1000)
    ap.add_argument("--stress-journals", type=int, default=200)
    ap.add_argument("--train", type=int, default=300)
    ap.add_argument("--particles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--grammar-per-story", type=int, default=4,
                    help="grammar journals per story and logging habit")
    ap.add_argument("--json", dest="json_out", help="also write the scores to this file")
    ap.add_argument("--no-speed", action="store_true", help="skip the timings")
    ap.add_argument("--part", choices=("all", "pace"), default="all",
                    help="all, or only the recovery of the keeper's own pace")
    ap.add_argument("--pace-journals", type=int, default=40,
                    help="journals of the pace recovery")
    ap.add_argument("--pace-days", type=int, default=180, help="days of each of them")
    args = ap.parse_args(argv)
    if args.part == "pace":
        t0 = time.perf_counter()
        report, missed = pace_part(args)
        for line in missed:
            print("MISSED:", line)
        print(f"{len(missed)} target(s) missed; {time.perf_counter() - t0:.0f} s in all")
        if args.json_out:
            with open(args.json_out, "w") as fh:
                json.dump(report, fh, indent=2)
        return 0
    settings = Settings(journals=args.journals, stress_journals=args.stress_journals,
                        train=args.train, particles=args.particles, workers=args.workers)
    t0 = time.perf_counter()
    report = validate(settings, progress=lambda done, total: print(
        f"\r{done}/{total} journals, {time.perf_counter() - t0:.0f} s", end="", file=sys.stderr,
        flush=True))
    print(file=sys.stderr)
    rows = report.rows()
    header = ("set", "rate", "n", "Brier", "rules", "HMM", "top-1", "top-1 HMM", "moving",
              "ECE", "cover me", "cover them", "role Brier", "role HMM", "delay", "delay HMM",
              "fc cover wb", "fc cover union")
    print(" | ".join(header))
    for r in rows:
        fc = ("-", "-") if r["forecast_cover_wellbeing"] is None else (
            f"{r['forecast_cover_wellbeing']:.3f}", f"{r['forecast_cover_union']:.3f}")
        print(" | ".join([r["set"], f"{r['rate']:.0%}", str(r["journals"]),
                          *(f"{r[k]:.3f}" for k in ("brier", "brier_rules", "brier_hmm",
                                                    "accuracy", "accuracy_hmm",
                                                    "accuracy_moving", "ece", "cover_me",
                                                    "cover_them", "role_brier",
                                                    "role_brier_hmm")),
                          f"{r['delay']:.1f}", f"{r['delay_hmm']:.1f}", *fc]))
    grammar = score_grammar(GrammarSettings(per_story=args.grammar_per_story,
                                            particles=args.particles, workers=args.workers))
    print_both(rows, grammar)
    toy = report.toy
    print(f"toy model ({toy['journals']} journals, {toy['particles']} particles): Brier exact "
          f"{toy['brier_exact']:.4f}, filter {toy['brier_filter']:.4f}, largest gap in a "
          f"probability {toy['largest_gap']:.3f}")
    timings = None if args.no_speed else speed(DEFAULT_PARTICLES)
    if timings:
        print(f"speed ({timings['particles']} particles): 365-day replay "
              f"{timings['replay_365_s']:.2f} s (target 30), a day of the filter "
              f"{timings['day_ms']:.1f} ms (target 50), 1,000-run forecast "
              f"{timings['forecast_1000_s']:.2f} s (target 5)")
    pace, pace_missed = pace_part(args)
    failed = check_targets(report, timings) + check_grammar_targets(grammar) + pace_missed
    for line in failed:
        print("MISSED:", line)
    print(f"{len(failed)} target(s) missed; {time.perf_counter() - t0:.0f} s in all")
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump({"settings": asdict(settings), "rows": rows, "grammar": grammar,
                       "toy": toy,
                       "pace": pace, "speed": timings, "missed": failed}, fh, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
