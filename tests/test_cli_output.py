"""Human output is written for people: 80 columns, fixed number formats, caveats on few dyads,
and every file written is announced."""

import os
import re
import subprocess
import sys

from twinflames.cli import numbers
from twinflames.inference.example import NOTICE


def run(*args):
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_numbers_have_one_format_per_kind_and_no_minus_zero():
    assert numbers.number("mean days chase", -1078.06, signed=True) == "-1,078.1"
    assert numbers.number("P(union)", 0.85) == "0.850"
    assert numbers.number("reach_outs_a", -0.0011, signed=True) == "0.00"
    assert numbers.number("days to union median", None) == "—"
    assert numbers.label("days_chase") == "mean days chase"
    assert numbers.label("wellbeing_b (final)") == "final well-being b"


def test_params_fit_80_columns_and_never_cut_a_name():
    text = run("params")
    assert max(len(line) for line in text.splitlines()) <= 80
    names = re.findall(r"^(\S+)\s+[\d.e+-]+\s", text, re.M)
    assert "a./b.healing_rate" in names and "chase_pressure" in names


def test_compare_prints_fixed_formats_and_says_when_union_rests_on_few(tmp_path):
    out = tmp_path / "cmp.json"
    text = run("compare", "classic", "--vs", "b=anxious", "--vs", "b=guided", "--runs", "15",
               "--dt", "24", "--days", "400", "--quiet", "--out", str(out))
    assert "e+" not in text and "e-0" not in text and "-0.0 " not in text
    # everything fits 80 columns but the path of the file written, which is never broken
    assert max(len(line) for line in text.splitlines() if not line.startswith("wrote")) <= 80
    assert "mean days chase" in text and "days_chase" not in text
    reached = [line for line in text.splitlines() if line.startswith("│ union reached share")]
    assert reached
    assert "rest on few dyads" in text  # at most 15 dyads reach union here
    assert f"wrote data: {out}" in text and out.exists()


def test_ensemble_says_what_it_wrote(tmp_path):
    out, kept = tmp_path / "ens.json", tmp_path / "kept.csv"
    text = run("ensemble", "classic", "--runs", "20", "--dt", "24", "--days", "60", "--quiet",
               "--out", str(out), "--keep", "0,3", "--keep-out", str(kept))
    assert f"wrote data: {out}" in text and f"wrote kept trajectories: {kept}" in text
    size = f"{kept.stat().st_size / 1e3:.1f} kB"
    assert f"  2 dyads × 61 rows: the state every step (1 day), day 0 to 60; {size}" in text
    assert len(kept.read_text().splitlines()) == 1 + 2 * 61


def test_simulate_and_ensemble_say_how_often_the_trajectory_rows_are(tmp_path):
    traj, kept = tmp_path / "run.csv", tmp_path / "kept.json"
    text = run("simulate", "classic", "--days", "30", "--dt", "6", "--out", str(traj),
               "--keep-every", "0.5")
    assert "  61 rows: the state every 12 h, day 0 to 30;" in text
    assert len(traj.read_text().splitlines()) == 1 + 61
    text = run("ensemble", "classic", "--runs", "5", "--days", "30", "--quiet", "--keep", "1",
               "--keep-out", str(kept))
    assert "  1 run (phases, events, final state; rows only in .csv/.parquet);" in text


def test_where_and_forecast_fit_80_columns_in_plain_words():
    where = run("journal", "where", "--example")
    forecast = run("journal", "forecast", "--example", "--vs", "me=anxious", "--vs", "me=guided",
                   "--runs", "200")
    for text in (where, forecast):
        body = text.replace(NOTICE, "").splitlines()  # the path may be longer than 80
        assert max(len(line) for line in body) <= 80
        assert "…" not in text  # nothing cut short
        assert "me=" not in text and "dyads" not in text
    assert "2024-08-07" in where.split("Chances in 100")[1]
    assert "keep chasing" in forecast and "follow the article" in forecast


def _commands(group, path=()):
    import click

    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_every_help_fits_80_columns_whole_and_names_every_option():
    import click
    from click.testing import CliRunner

    from twinflames.cli import cli

    for path, command in _commands(cli):
        result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=80)
        assert result.exit_code == 0, path
        lines = result.output.splitlines()
        assert max(len(line) for line in lines) <= 80, path
        listed = result.output.partition("Commands:")[2]
        assert "..." not in listed and " e.g.\n" not in listed, path  # no line cut short
        for option in command.params:
            if isinstance(option, click.Option) and option.name != "help":
                assert option.help, f"{' '.join(path)} {option.opts[0]} has no help"


def test_fit_tables_wrap_in_blocks_that_each_name_the_dyad():
    text = run("fit", "ic", "--example", "--lag", "1")
    assert max(len(line) for line in text.splitlines()) <= 80
    blocks = text.split("\n\n")
    assert len(blocks) >= 2 and all(b.split()[0] == "dyad" for b in blocks)
    assert "R2coord" in text and "n_obs_used" in text  # every column is still there


def test_keep_options_without_a_kept_dyad_are_refused_in_one_line(tmp_path):
    import subprocess as sp

    for extra in (["--keep-out", str(tmp_path / "k.csv")], ["--keep-every", "step"]):
        proc = sp.run([sys.executable, "-m", "twinflames.cli", "ensemble", "--runs", "3",
                       "--days", "5", *extra], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and "no dyad is kept" in proc.stderr
        assert len(proc.stderr.splitlines()) == 1
    assert not (tmp_path / "k.csv").exists()
