"""Hypothesis over the command line's argument grammar and over scenario TOML: whatever is
typed, the answer is a run (exit 0) or one line saying what was wrong (exit 2), never an
internal error, and a refused journal command changes nothing.

Seeded (derandomised) and bounded for CI (``TWINFLAMES_FUZZ_EXAMPLES`` raises the number of
examples for a long run); the counts of the last run go to docs/cli.md.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_support import cli, snapshot
from twinflames.journal import init_journal

EXAMPLES = int(os.environ.get("TWINFLAMES_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
COUNTS: Counter = Counter()

# -- pieces of the grammar ------------------------------------------------------------------
odd_text = st.one_of(
    st.sampled_from(["", " ", "-", "--", "=", "a=", "b=", "x.toml", "classic", "..", "é",
                     "\udce9", "\x00", "\x1b[31m", "1e309", "nan", "-inf", "0x10", "١٢",
                     "a" * 5000]),
    st.text(max_size=30))
numbers = st.one_of(
    st.sampled_from(["0", "-1", "1e-300", "1e300", "1e-9", "nan", "inf", "-0", "1_000",
                     "0.5", "3", "30", "365", "true"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**20, 10**20).map(str))
small_counts = st.sampled_from(["0", "1", "2", "-1", "x", "1.5", "3", "99999999999999999999"])


def mostly(good, bad):
    """Three in four draws from ``good``: most command lines should get as far as running."""
    return st.one_of(good, good, good, bad)


days = mostly(st.sampled_from(["5", "20", "60.5"]), numbers)
steps = mostly(st.sampled_from(["1", "6", "24", "0.5"]), numbers)
seeds = mostly(st.integers(0, 2**63 - 1).map(str), numbers)
runs = mostly(st.sampled_from(["1", "2", "3"]), small_counts)
names = st.sampled_from(["a.wound", "b.fear", "chase_pressure", "days", "seed", "dt_hours",
                         "a.policy", "b.boundary", "model.close_threshold", "dyad.toxicity",
                         "a.name", "nope", "a.", ".wound", "a.b.c"])
values = mostly(st.floats(0, 1).map(repr),
                st.one_of(numbers, odd_text, st.sampled_from(["guided", "custom:boundary=2",
                                                              "anxious:nope=1"])))
assignment = st.tuples(names, values).map(lambda nv: f"{nv[0]}={nv[1]}")
grid = mostly(st.tuples(st.sampled_from(["chase_pressure", "a.wound", "b.self_love"]),
                        st.floats(0, 0.5), st.floats(0.5, 1), st.sampled_from([1, 2])).map(
                  lambda g: f"{g[0]}={g[1]!r}:{g[2]!r}:{g[3]}"),
              st.tuples(names, numbers, numbers, small_counts).map(
                  lambda g: f"{g[0]}={g[1]}:{g[2]}:{g[3]}"))
policy = st.tuples(mostly(st.sampled_from(["a=", "b="]), st.sampled_from(["c=", "", "b"])),
                   mostly(st.sampled_from(["guided", "anxious", "secure", "custom:boundary=0.3"]),
                          st.sampled_from(["", "calm", "custom:boundary=x", "custom:nope=1"]))
                   ).map("".join)
out_path = mostly(st.sampled_from(["out.json", "out.csv", "out.parquet"]),
                  st.sampled_from(["out.xlsx", "/missing/x.csv", "sub", ".", "out"]))
keep_every = st.one_of(numbers, odd_text, st.sampled_from(["step", "STEP", "1", "0.25"]))

common = {"--days": days, "--seed": seeds, "--dt": steps, "--set": assignment,
          "--json": None}
per_command = {
    "simulate": {**common, "--policy": policy, "--out": out_path, "--init": odd_text,
                 "--keep-every": keep_every},
    "explain": {**common, "--policy": policy},
    "ensemble": {**common, "--runs": runs, "--policy": policy, "--keep": odd_text,
                 "--keep-sample": small_counts, "--keep-every": keep_every, "--quiet": None,
                 # only refused counts: a valid one would start a Dask cluster per example
                 "--workers": st.sampled_from(["0", "-1", "x", "1.5", "257"])},
    "compare": {**common, "--runs": runs, "--vs": st.one_of(policy, assignment),
                "--quiet": None},
    "sweep": {**common, "--runs": runs, "--grid": grid, "--quiet": None,
              "--metric": st.sampled_from(["union", "days_chase", "nope", "role_swaps"])},
}


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(per_command)))
    options = per_command[command]
    args = [command]
    if draw(st.booleans()):
        args.append(draw(mostly(st.sampled_from(["classic", "wildfire", "with-support"]),
                                st.one_of(st.sampled_from(["strogatz", "nope"]), odd_text))))
    for name in draw(st.lists(st.sampled_from(sorted(options)), max_size=4)):
        args.append(name)
        if options[name] is not None:
            args.append(draw(options[name]))
    # bound the work a generated command may ask, as the web does for one request
    if command in ("ensemble", "compare", "sweep") and "--runs" not in args:
        args += ["--runs", "2"]
    if command == "compare" and "--vs" not in args:
        args += ["--vs", "b=guided", "--vs", "b=anxious"]
    if command == "sweep" and "--grid" not in args:
        args += ["--grid", "chase_pressure=0.1:0.2:2"]
    return [*args, "--days", "20"] if "--days" not in args else args


def _check(code: int, err: str) -> bool:
    clean = code == 0 or (code == 2 and err.count("\n") == 1
                          and err.startswith("twinflames: error: "))
    COUNTS["tried"] += 1
    COUNTS["clean" if clean else "failures"] += 1
    COUNTS[f"exit {code}"] += 1
    return clean


@SETTINGS
@given(args=command_lines())
def test_any_simulation_command_line_runs_or_says_what_is_wrong(capsys, monkeypatch, tmp_path,
                                                                args):
    monkeypatch.chdir(tmp_path)  # relative --out paths land here
    code, _, err = cli(capsys, *args)
    assert _check(code, err), (args, code, err[-500:])
    assert "internal error" not in err and "Traceback" not in err


# -- journal commands -----------------------------------------------------------------------
journal_commands = st.one_of(
    st.tuples(st.just("add"), st.one_of(st.sampled_from(["urge", "reach_out", "note", "sign",
                                                         "wellbeing", "hug"]), odd_text)),
    st.tuples(st.just("list")), st.tuples(st.just("stats")), st.tuples(st.just("edit"),
                                                                       odd_text),
    st.tuples(st.just("remove"), odd_text))
journal_options = st.lists(st.tuples(
    st.sampled_from(["--value", "--detail", "--note", "--date", "--time", "--who", "--since",
                     "--until", "--kind", "--today"]),
    mostly(st.sampled_from(["2024-03-01", "9:30 pm", "21:30", "them", "resisted", "dream",
                            "3", "a few words"]),
           st.one_of(odd_text, numbers, st.sampled_from(["9999-12-31", "0001-01-01",
                                                         "2024-02-30", "25:00"])))), max_size=3)


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    path = tmp_path_factory.mktemp("journal") / "j.sqlite"
    jr, _ = init_journal(path)
    jr.add("note", note="keep me", date="2024-01-01")
    jr.close()
    return path


@SETTINGS
@given(command=journal_commands, options=journal_options)
def test_any_journal_command_line_runs_or_changes_nothing(capsys, journal, command, options):
    args = ["journal", *command, *(x for pair in options for x in pair)]
    before = snapshot(journal)
    code, _, err = cli(capsys, *args, "--journal", str(journal))
    assert _check(code, err), (args, code, err[-500:])
    if code == 2:
        assert snapshot(journal) == before, args


# -- scenario TOML --------------------------------------------------------------------------
def _toml(value) -> str:
    """A value as TOML (inline tables and arrays), with floats TOML can say."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(
            value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


keys = st.sampled_from(["name", "days", "dt_hours", "seed", "base", "wound", "fear", "policy",
                        "closeness", "toxicity", "chase_pressure", "a.wound", "b.fear",
                        "uniform", "beta", "normal", "lognormal", "kind", "x"])
leaf = mostly(st.floats(0, 1),
              st.one_of(st.booleans(), st.integers(-10**6, 10**20), st.floats(),
                        st.text(max_size=10), st.sampled_from(["classic", "guided", "nope"])))
toml_value = st.recursive(leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)), max_leaves=8)
tables = st.dictionaries(st.sampled_from(["", "a", "b", "dyad", "model", "vary", "extra"]),
                         st.dictionaries(keys, toml_value, max_size=3), max_size=3)


@SETTINGS
@given(doc=tables, base=st.sampled_from([None, "classic", "wildfire", "nope"]),
       garbage=mostly(st.just(""), st.sampled_from(["\n[a\n", "\n= 1\n", "\n[[vary]]\n",
                                                    "\x00"])))
def test_any_scenario_toml_runs_or_says_what_is_wrong(capsys, tmp_path_factory, doc, base,
                                                      garbage):
    lines = [] if base is None else [f"base = {json.dumps(base)}"]
    for key, value in doc.get("", {}).items():
        lines.append(f"{json.dumps(key)} = {_toml(value)}")
    for table, body in doc.items():
        if table:
            lines.append(f"[{table}]")
            lines += [f"{json.dumps(k)} = {_toml(v)}" for k, v in body.items()]
    path = tmp_path_factory.mktemp("toml") / "mine.toml"
    path.write_text("\n".join(lines) + garbage + "\n", encoding="utf-8", errors="surrogatepass")
    code, _, err = cli(capsys, "simulate", str(path), "--days", "20", "--json")
    assert _check(code, err), (path.read_text(errors="replace")[:500], code, err[-500:])


def test_zz_report_the_counts(capsys):
    """Runs last: print tried / clean / failures (pytest -s shows them)."""
    with capsys.disabled():
        print(f"\nCLI fuzz: {COUNTS['tried']} tried, {COUNTS['clean']} clean, "
              f"{COUNTS['failures']} failures ({COUNTS['exit 0']} ran, {COUNTS['exit 2']} "
              "refused with one line)")
    assert COUNTS["tried"] >= 3 * min(EXAMPLES, 20) and COUNTS["failures"] == 0
    assert COUNTS["exit 0"] > COUNTS["tried"] / 20  # the grammar reaches real runs too
