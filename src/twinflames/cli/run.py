"""``twinflames scenarios | params | simulate | ensemble | compare | sweep | explain``."""

from __future__ import annotations

import json
import textwrap

import click
from rich.table import Table

from ..errors import InputError
from ..files import check_plot
from ..model.params import Dyad, Model, Policy, Twin, field_info
from ..scenarios import presets
from . import analyze as cli_classic
from . import numbers
from .common import (
    check_out,
    emit,
    json_option,
    out,
    policy_option,
    say_rows,
    say_written,
    scenario_for,
    sim_api,
    with_common,
)
from .numbers import words


@click.command()
@json_option
def scenarios(as_json: bool) -> None:
    """List the preset scenarios."""
    items = [{"name": s.name, "description": s.description, "section": s.section,
              "shows": s.shows, "days": s.days, "policies": {"a": s.a.policy.name,
                                                              "b": s.b.policy.name}}
             for s in presets()]
    if as_json:
        click.echo(json.dumps(items, indent=2))
        return
    table = Table(title="Preset scenarios (twin a starts as runner, b as chaser)")
    for col in ("scenario", "what happens", "article section"):
        table.add_column(col, overflow="fold")
    for s in items:
        table.add_row(s["name"], s["description"], s["section"])
    out.print(table)


@click.command()
@json_option
def params(as_json: bool) -> None:
    """List every parameter --set accepts, with unit, default and range."""
    rows = []
    for prefix, model in (("a./b.", Twin), ("a./b.", Policy), ("", Dyad), ("", Model)):
        for name in model.model_fields:
            if name in ("name", "policy"):
                continue
            rows.append({**field_info(model, name), "name": prefix + name})
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    # one line of figures, then the meaning wrapped between words below it: names, numbers
    # and units are never cut, whatever the terminal's width
    width = max(40, min(out.width, 100))
    out.print("[bold]Parameters[/bold] (time in days, rates per day)")
    out.print(f"{'name':<24}{'default':>9}  {'range':<11}unit", style="bold")
    for r in rows:
        out.print(f"{r['name']:<24}{r['default']:>9g}  {r['min']:g}–{r['max']:g}".ljust(46)
                  + r["unit"])
        for line in textwrap.wrap(r["meaning"], width - 4):
            out.print(f"    {line}", style="dim")


def _phase_table(run) -> Table:
    names = {t: getattr(run.scenario, t).name or t for t in "ab"}
    table = Table(title=f"Timeline of {run.scenario.name} (seed {run.seed})")
    for col in ("start day", "end day", "phase", "runner", "chaser"):
        table.add_column(col, justify="right" if "day" in col else "left")
    for ep in run.phases:
        table.add_row(f"{ep['start']:.1f}", f"{ep['end']:.1f}", words(ep["phase"]),
                      names.get(ep["runner"], "—"), names.get(ep["chaser"], "—"))
    return table


KEY_EVENTS = ("communicate", "block", "unblock", "sign", "role_swap", "reunion", "separation",
              "healed", "moved_on")


@click.command()
@click.argument("scenario", default="classic")
@with_common
@policy_option
@click.option("--out", "out_path", metavar="FILE",
              help="Write the run: .json (all), .csv/.parquet (trajectory).")
@click.option("--plot", "plot_path", metavar="FILE",
              help="Draw the run to a .png (or .svg/.pdf).")
@click.option("--init", help="Classic models only: the start, e.g. R=1,J=0.")
@click.option("--keep-every", metavar="DAYS|step",
              help="Rows of the trajectory (--out .csv/.parquet, --plot): the state every DAYS "
                   "days, or 'step' for every step. Default: every step up to 20,000 rows.")
def simulate(scenario, days, seed, dt_hours, sets, as_json, policies, out_path, plot_path, init,
             keep_every):
    """Simulate one dyad of SCENARIO (a preset name or a .toml file), or one run of a classic
    model (strogatz, rinaldi, gottman, felmlee)."""
    check_plot(plot_path)
    check_out(out_path)
    if cli_classic.handles(scenario, init):
        if keep_every is not None:
            raise InputError("--keep-every: allowed only for runner-chaser scenarios (a classic "
                             "model's run keeps its own time points)")
        return cli_classic.simulate(scenario, days=days, seed=seed, dt_hours=dt_hours, sets=sets,
                                    as_json=as_json, policies=policies, out_path=out_path,
                                    plot_path=plot_path, init=init)
    sc = scenario_for(scenario, days, seed, dt_hours, sets, policies)
    run = sim_api().simulate(sc, keep_every=keep_every)
    if out_path:
        run.save(out_path)
    if plot_path:
        from ..plots import plot_run

        plot_run(run, plot_path)
    if emit(run, as_json):
        return
    out.print(_phase_table(run))
    names = {t: getattr(run.scenario, t).name or t for t in "ab"}
    key = [e for e in run.events if e["kind"] in KEY_EVENTS]
    if key:
        table = Table(title="Key events")
        for col in ("day", "event", "who"):
            table.add_column(col)
        for e in key[:30]:
            kind = words(e["kind"]) + (f" ({e['sign']})" if "sign" in e else "") + (
                f" → {e['role']}" if "role" in e else "")
            table.add_row(f"{e['day']:.1f}", kind, names.get(e["who"], "—"))
        if len(key) > 30:
            table.add_row("…", f"{len(key) - 30} more", "")
        out.print(table)
    m = run.metrics
    out.print(f"[bold]Outcome after {run.days:g} days:[/bold] {words(run.outcome)}")
    dtu = m["days_to_union"]
    out.print(f"days to union: {'not reached' if dtu is None else f'{dtu:.1f}'}; "
              f"reach-outs a/b: {m['reach_outs']['a']}/{m['reach_outs']['b']}; "
              f"role swaps: {m['role_swaps']}; blocks: {m['blocks']}; signs: {m['signs']}")
    days_in = ", ".join(f"{words(k)} {v:.0f}" for k, v in m["days_in_phase"].items() if v)
    out.print(f"days in phase: {days_in}")
    say_written(out_path, None)
    if out_path:
        say_rows(out_path, len(run.record), run.record_every, sc.dt_hours, run.days)
    say_written(None, plot_path)


def _ensemble_table(results: dict) -> Table:
    labels = list(results)
    table = Table(title="Ensemble" if len(labels) == 1 else "Comparison (same dyads)")
    table.add_column("metric")
    for name in labels:
        table.add_column(name, justify="right")
    first = next(iter(results.values()))
    rows = [(f"P({o})", [r.outcomes[o] for r in results.values()]) for o in first.outcomes]
    rows += [(f"days to union {k}", [r.days_to_union[k] for r in results.values()])
             for k in ("median", "p10", "p90")]
    rows.append(("union reached share", [r.days_to_union["reached"] for r in results.values()]))
    rows += [(f"mean days {p.replace('_', ' ')}", [r.days_in_phase[p] for r in results.values()])
             for p in first.days_in_phase]
    rows += [(numbers.label(k), [r.rates[k] for r in results.values()]) for k in first.rates]
    for metric, values in rows:
        table.add_row(numbers.label(metric), *(numbers.number(metric, v) for v in values))
    return table


def _few_reached(results: dict) -> str | None:
    """A caveat when the days-to-union figures of some arm rest on few dyads."""
    few = {name: round(r.days_to_union["reached"] * r.runs) for name, r in results.items()}
    few = {name: n for name, n in few.items() if 0 < n < numbers.FEW}
    if not few:
        return None
    said = ", ".join(f"{n} in {name}" for name, n in few.items())
    return (f"Days to union rest on few dyads that reached union ({said}): read the median, "
            "p10 and p90 as rough.")


@click.command()
@click.argument("scenario", default="classic")
@click.option("--runs", type=click.IntRange(1, 10_000_000), default=1000, show_default=True,
              help="Number of dyads.")
@with_common
@policy_option
@click.option("--out", "out_path", metavar="FILE",
              help="Write: .json (summary), .csv/.parquet (one row a dyad).")
@click.option("--keep", default="", metavar="I,J,...", help="Keep the trajectories of these "
              "dyads (e.g. 0,17,42).")
@click.option("--keep-sample", type=int, default=0, help="Keep the trajectories of this many "
              "dyads picked at random.")
@click.option("--keep-every", metavar="DAYS|step",
              help="Rows of each kept trajectory: the state every DAYS days, or 'step' for "
                   "every step.  [default: 1, one row a day]")
@click.option("--keep-out", metavar="FILE",
              help="Where kept trajectories go: .parquet/.csv (long table), .json "
              "(phases and events, no rows).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on this Dask cluster.")
@click.option("--workers", type=click.IntRange(1, 256),
              help="Start a local Dask cluster of N worker processes.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ensemble(scenario, runs, days, seed, dt_hours, sets, as_json, policies, out_path, keep,
             keep_sample, keep_every, keep_out, scheduler, workers, quiet):
    """Run RUNS independent dyads of SCENARIO and summarise them."""
    check_out(out_path)
    check_out(keep_out)
    try:
        keep_ids = [int(i) for i in keep.split(",") if i.strip()]
    except ValueError:
        raise InputError(f"--keep {keep!r}: allowed: dyad numbers separated by commas, "
                         "e.g. 0,17,42") from None
    if (keep_ids or keep_sample) and not keep_out:
        raise InputError("--keep-out: missing; allowed: a .parquet, .csv or .json file for the "
                         "kept trajectories")
    for option, value in (("--keep-out", keep_out), ("--keep-every", keep_every)):
        if value is not None and not (keep_ids or keep_sample):
            raise InputError(f"{option} {value!r}: no dyad is kept; allowed: together with "
                             "--keep I,J,... or --keep-sample K")
    res = sim_api().ensemble(scenario_for(scenario, days, seed, dt_hours, sets, policies), runs,
                             keep=keep_ids, keep_sample=keep_sample,
                             keep_every=sim_api().KEEP_EVERY if keep_every is None else keep_every,
                             scheduler=scheduler, workers=workers, progress=not quiet)
    if out_path:
        res.save(out_path)
    if keep_out:
        res.save_trajectories(keep_out)
    if emit(res, as_json):
        return
    out.print(_ensemble_table({res.scenario.name: res}))
    caveat = _few_reached({res.scenario.name: res})
    if caveat:
        out.print(caveat)
    out.print(f"{res.runs} dyads, {res.days:g} days, step {res.scenario.dt_hours:g} h, "
              f"seed {res.seed}")
    say_written(out_path, None)
    if keep_out:
        out.print(f"wrote kept trajectories: {keep_out}", soft_wrap=True)
        say_rows(keep_out, res.kept.rows, res.kept.every, res.scenario.dt_hours, res.days,
                 runs=len(res.kept))


@click.command()
@click.argument("scenario", default="classic")
@click.option("--vs", "arms", multiple=True, required=True, metavar="CHANGES",
              help="One choice, e.g. 'b=guided' or 'chase_pressure=0.5; b=anxious'. Repeat; "
                   "the first is the baseline.")
@click.option("--runs", type=click.IntRange(1, 10_000_000), default=1000, show_default=True,
              help="Number of dyads.")
@with_common
@click.option("--out", "out_path", metavar="FILE",
              help="Write: .json, or .csv/.parquet (long table).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def compare(scenario, arms, runs, days, seed, dt_hours, sets, as_json, out_path, quiet):
    """Run the same dyads of SCENARIO under each --vs choice and show the differences."""
    check_out(out_path)
    base = scenario_for(scenario, days, seed, dt_hours, sets)
    for arm in arms:
        base.with_changes(sim_api().parse_arm(arm)).check_steps()
    res = sim_api().compare(base, arms, runs, progress=not quiet)
    if out_path:
        res.save(out_path)
    if emit(res, as_json):
        return
    out.print(_ensemble_table(res.arms))
    caveat = _few_reached(res.arms)
    if caveat:
        out.print(caveat)
    for label, diffs in res.differences.items():
        table = Table(title=f"{label} minus {res.baseline} (paired, 95% interval)")
        for col in ("metric", "difference", "95% interval"):
            table.add_column(col, justify="right" if col != "metric" else "left")
        for metric, d in diffs.items():
            if d["estimate"] or d["low"] or d["high"]:
                table.add_row(numbers.label(metric), numbers.number(metric, d["estimate"], True),
                              f"[{numbers.number(metric, d['low'], True)}, "
                              f"{numbers.number(metric, d['high'], True)}]")
        out.print(table)
    say_written(out_path, None)


@click.command()
@click.argument("scenario", default="classic")
@click.option("--grid", "grids", multiple=True, required=True, metavar="NAME=START:STOP:COUNT",
              help="A parameter and its values, e.g. chase_pressure=0.1:0.5:5 (once or twice).")
@click.option("--runs", type=click.IntRange(1, 10_000_000), default=500, show_default=True,
              help="Dyads per grid point (the same dyads at every point).")
@with_common
@policy_option
@click.option("--metric", default="union", show_default=True,
              help="What to show: an outcome (union, ...), days_<phase>, days_to_union_median, "
                   "union_reached, role_swaps, blocks, block_share.")
@click.option("--out", "out_path", metavar="FILE",
              help="Write the sweep: .nc (xarray/NetCDF), .parquet, .csv.")
@click.option("--plot", "plot_path", metavar="FILE",
              help="Heat map (2-D) or curves with 95% bands (1-D).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def sweep(scenario, grids, runs, days, seed, dt_hours, sets, as_json, policies, metric,
          out_path, plot_path, quiet):
    """Run the same dyads of SCENARIO over a 1-D or 2-D parameter grid (daily steps unless
    --dt says otherwise)."""
    from ..analysis import save_sweep
    from ..analysis import sweep as run_sweep
    from ..analysis.sweep import check_metric, metric_values
    from ..plots import plot_sweep

    check_plot(plot_path)
    check_out(out_path, (".nc", ".parquet", ".csv"))
    check_metric(metric)
    base = scenario_for(scenario, days, seed, 24.0 if dt_hours is None else dt_hours, sets,
                        policies)
    ds = run_sweep(base, list(grids), runs, dt_hours=base.dt_hours, progress=not quiet)
    value, _, _, label = metric_values(ds, metric)
    if out_path:
        save_sweep(ds, out_path)
    if plot_path:
        plot_sweep(ds, metric, plot_path)
    if as_json:
        click.echo(json.dumps(ds.to_dict(data="list"), indent=2, default=str))
        return
    frame = value.to_dataframe(name=label).reset_index()
    table = Table(title=f"{ds.attrs['scenario']}: {label}",
                  caption=f"{runs:,} dyads per point, seed {ds.attrs['seed']}")
    for col in frame.columns:
        if col not in ("outcome", "phase"):
            table.add_column(str(col), justify="right")
    for row in frame.itertuples(index=False):
        cells = [v for c, v in zip(frame.columns, row, strict=True)
                 if c not in ("outcome", "phase")]
        *grid, value = cells
        table.add_row(*(f"{v:g}" if isinstance(v, float) else str(v) for v in grid),
                      numbers.number(label, value))
    out.print(table)
    say_written(out_path, plot_path)


@click.command()
@click.argument("scenario", default="classic")
@with_common
@policy_option
def explain(scenario, days, seed, dt_hours, sets, as_json, policies):
    """Tell the story of one run of SCENARIO in plain sentences."""
    run = sim_api().simulate(scenario_for(scenario, days, seed, dt_hours, sets, policies))
    from ..story import tell

    story = tell(run)
    if as_json:
        click.echo(json.dumps({"scenario": run.scenario.name, "seed": run.seed,
                               "outcome": run.outcome, "story": list(story.sentences)},
                              indent=2))
        return
    out.print(str(story))
    out.print("[dim]A model of an article's ideas, not a prediction of anyone's life.[/dim]")
