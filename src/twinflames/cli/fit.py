"""``twinflames fit``: per-dyad models of dyadic time series (ic, clo, gottman, flagship) and
latent profiles of dyads (profiles). See docs/fitting.md."""

from __future__ import annotations

import click
from rich.console import Console

from ..errors import InputError

console = Console(highlight=False)


def _fit():
    from .. import fit  # on use: other commands start without pandas and scikit-learn

    return fit


def _tables():
    from ..fit import tables

    return tables


def data_options(f):
    """The long-format data options every per-dyad fit takes."""
    for option in reversed([
        click.argument("data", metavar="DATA.csv|.parquet", required=False),
        click.option("--dyad", default="dyad", show_default=True, help="Dyad id column."),
        click.option("--person", default="person", show_default=True,
                     help="Person id column."),
        click.option("--time", "time_col", default="time", show_default=True,
                     help="Time column (numeric; each time once per person)."),
        click.option("--value", default="value", show_default=True,
                     help="The observed series (numeric, empty = missing)."),
        click.option("--distinguisher", default="distinguisher", show_default=True,
                     help="Column telling the partners apart (two values; the larger one is "
                          "partner 1, e.g. female=1 in rties)."),
        click.option("--example", is_flag=True,
                     help="Use the synthetic example shipped with the package instead of "
                          "DATA (16 made-up couples)."),
    ]):
        f = option(f)
    return f


def output_options(f):
    for option in reversed([
        click.option("--out", metavar="FILE.csv|.parquet", help="Write the per-dyad table."),
        click.option("--json", "as_json", is_flag=True, help="Print the result as JSON."),
        click.option("--plot", metavar="DIR", help="Write observed vs fitted per dyad (PNG)."),
    ]):
        f = option(f)
    return f


def _load(data: str, example: bool, columns: dict[str, str]) -> tuple:
    fit = _fit()
    if example:
        from ..fit.example import COLUMNS

        return fit.example_dyads(), dict(COLUMNS)
    if not data:
        raise InputError("DATA: missing; allowed: a .csv or .parquet file in long format, or "
                         "--example")
    return _tables().read_table(data), columns


def _check_outputs(out_path: str | None, plot: str | None) -> None:
    """Refuse unusable output paths before any work, creating nothing."""
    import os
    from pathlib import Path

    _tables().check_table_out(out_path)
    if plot:
        folder = Path(plot)
        if folder.exists() and not folder.is_dir():
            raise InputError(f"--plot: {plot!r} is a file; allowed: a folder for the pictures")
        existing = next(p for p in (folder, *folder.absolute().parents) if p.exists())
        if not os.access(existing, os.W_OK | os.X_OK):
            raise InputError(f"--plot: cannot write in {str(existing)!r}; allowed: a folder "
                             "you can write to")


def _table_text(frame, digits: int) -> str:
    """``frame`` as text no wider than the terminal: its columns in blocks one under the other,
    each block led by the first column (the dyad), so no row loses its name and nothing is
    cut."""
    def text(columns: list) -> str:
        return frame[columns].to_string(index=False, float_format=lambda v: f"{v:.{digits}g}")

    key, *rest = list(frame.columns)
    if not rest:
        return text([key])
    widths = {c: max(map(len, text([c]).splitlines())) + 1 for c in [key, *rest]}
    blocks, used = [[]], widths[key]
    for c in rest:
        if blocks[-1] and used + widths[c] > max(console.width, 40):
            blocks.append([])
            used = widths[key]
        blocks[-1].append(c)
        used += widths[c]
    return "\n\n".join(text([key, *block]) for block in blocks)


def _report(result, out_path: str | None, as_json: bool, plot: str | None) -> None:
    if out_path:
        _tables().write_table(result.table, out_path)
    written = result.plot(plot) if plot else []
    if as_json:
        click.echo(result.to_json())
        return
    if not out_path:
        shown = result.table.drop(columns=[c for c in result.table.columns
                                           if c.startswith("se_")])
        click.echo(_table_text(shown, 5))
    console.print(result.summary())
    if out_path:
        console.print(f"wrote table: {out_path}")
    if plot:
        console.print(f"wrote {len(written)} pictures in {plot}")


def _columns(dyad, person, time_col, value, distinguisher) -> dict[str, str]:
    return {"dyad": dyad, "person": person, "time": time_col, "value": value,
            "distinguisher": distinguisher}


compat_option = click.option(
    "--compat", type=click.Choice(["rties"]),
    help="Reproduce rties' numbers exactly (its absMaxCC 'lag' is a lead); default: the "
         "corrected mode (docs/fitting.md).")


@click.group("fit")
def fit() -> None:
    """Fit models to couples' time series, dyad by dyad (rties' IC and CLO models, Gottman's
    difference equations, the runner–chaser model) and group dyads into latent profiles.

    Data in long format: one row per person and time point; `fit flagship` also reads one
    person's journal (--journal, --example).
    """


@fit.command("ic")
@data_options
@click.option("--lag", default="absMaxCC", show_default=True,
              help="Lag in time steps, or absMaxCC (per dyad, from the cross-correlation).")
@compat_option
@output_options
def ic_command(data, dyad, person, time_col, value, distinguisher, example, lag, compat,
               out, as_json, plot):
    """Inertia–coordination model per dyad: own and partner's lagged value."""
    _check_outputs(out, plot)
    frame, columns = _load(data, example, _columns(dyad, person, time_col, value,
                                                   distinguisher))
    result = _fit().ic(frame, **columns, lag=lag, compat=compat, keep_curves=bool(plot))
    _report(result, out, as_json, plot)


def _ints(text: str, option: str) -> tuple[int, ...]:
    try:
        return tuple(int(v) for v in text.split(","))
    except ValueError:
        raise InputError(f"{option}: {text!r}; allowed: whole numbers separated by commas, "
                         "e.g. 2,3") from None


@fit.command("clo")
@data_options
@click.option("--taus", default="2,3", show_default=True, help="GLLA lags to try.")
@click.option("--embeds", default="3,4", show_default=True,
              help="GLLA embedding dimensions to try (>= 3).")
@click.option("--delta", default=1.0, show_default=True, type=float,
              help="Time between observations.")
@compat_option
@output_options
def clo_command(data, dyad, person, time_col, value, distinguisher, example, taus, embeds,
                delta, compat, out, as_json, plot):
    """Coupled-oscillator model per dyad: frequency, damping and the partner's pull."""
    _check_outputs(out, plot)
    frame, columns = _load(data, example, _columns(dyad, person, time_col, value,
                                                   distinguisher))
    result = _fit().clo(frame, **columns, taus=_ints(taus, "--taus"),
                        embeds=_ints(embeds, "--embeds"), delta=delta, compat=compat,
                        keep_curves=bool(plot))
    _report(result, out, as_json, plot)


@fit.command("profiles")
@click.argument("params", metavar="PARAMS.csv|.parquet")
@click.option("--k", type=int, help="Number of profiles (default: chosen by BIC).")
@click.option("--k-max", default=6, show_default=True, type=int,
              help="Largest number of profiles BIC may choose.")
@click.option("--columns", help="Parameters to use, comma-separated (default: rties' choice "
                                "for IC or CLO tables).")
@click.option("--predict", metavar="COL",
              help="A dyad-level variable to relate to the profiles (a regression table).")
@click.option("--data", metavar="DATA.csv", help="Where --predict's column is, if not in "
                                                "PARAMS (long data; averaged per dyad).")
@click.option("--dyad", default="dyad", show_default=True, help="Dyad column of --data.")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed of the mixture's starts.")
@click.option("--out", metavar="FILE.csv|.parquet", help="Write each dyad's profile and "
                                                         "probabilities.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--plot", metavar="FILE.png", help="Scatter of the dyads by profile.")
def profiles_command(params, k, k_max, columns, predict, data, dyad, seed, out, as_json, plot):
    """Latent profiles of dyads from their parameters (Gaussian mixtures, K by BIC)."""
    from ..files import check_plot

    _tables().check_table_out(out)
    check_plot(plot)
    table = _tables().read_table(params, "PARAMS")
    extra = _tables().read_table(data, "--data") if data else None
    result = _fit().profiles(table, columns=columns.split(",") if columns else None, k=k,
                             k_max=k_max, predict=predict, data=extra, data_dyad=dyad,
                             seed=seed)
    if out:
        _tables().write_table(result.table, out)
    if plot:
        result.plot(plot, table)
    if as_json:
        click.echo(result.to_json())
        return
    click.echo(_table_text(result.means, 4))
    if result.regression is not None:
        click.echo("")
        click.echo(_table_text(result.regression, 4))
    console.print(result.summary())
    for path, what in ((out, "table"), (plot, "picture")):
        if path:
            console.print(f"wrote {what}: {path}")


@fit.command("gottman")
@data_options
@output_options
def gottman_command(data, dyad, person, time_col, value, distinguisher, example, out,
                    as_json, plot):
    """Gottman–Murray difference equations per dyad: set points, inertia, influence
    (none, bilinear, ojive) compared by AIC. Partner 0 speaks first in each turn."""
    _check_outputs(out, plot)
    frame, columns = _load(data, example, _columns(dyad, person, time_col, value,
                                                   distinguisher))
    result = _fit().gottman(frame, **columns, keep_curves=bool(plot))
    _report(result, out, as_json, plot)


@fit.command("flagship")
@click.argument("data", metavar="[DATA.csv|.parquet]", required=False)
@click.option("--dyad", default="dyad", show_default=True, help="Dyad id column.")
@click.option("--person", default="person", show_default=True, help="Person id column.")
@click.option("--time", "time_col", default="time", show_default=True, help="Day column.")
@click.option("--value", default="value", show_default=True,
              help="Each twin's daily well-being (see --scale).")
@click.option("--distinguisher", default="distinguisher", show_default=True,
              help="Which twin is which: the smaller value is the model's twin a.")
@click.option("--journal", "journal_path", metavar="PATH",
              help="Fit one person's parameters from their journal instead of DATA: the "
                   "journal file (an encrypted one asks for its passphrase or reads "
                   "$TWINFLAMES_PASSPHRASE) or a file it exported (.csv, .jsonl).")
@click.option("--example", is_flag=True,
              help="Fit the example journal shipped with twinflames (synthetic, not yours).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Journal: use entries up to this day (default: today).")
@click.option("--me", type=click.Choice(["chaser", "runner"]), default="chaser",
              show_default=True, help="Journal: how you started out, as the preset's chasing "
                                      "or running twin.")
@click.option("--preset", default="classic", show_default=True,
              help="The preset scenario whose other parameters the dyads share (a journal: "
                   "its story, with you as one of its twins, see --me).")
@click.option("--scale", default="0,1", show_default=True,
              help="LOW,HIGH of the value column, mapped to the model's 0..1 (e.g. 1,5).")
@click.option("--noise", default=0.03, show_default=True, type=float,
              help="Rating noise (sd on the 0..1 scale).")
@click.option("--reference", default=20_000, show_default=True, type=int,
              help="Simulated dyads (or journals) in the reference table.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the simulations.")
@click.option("--workers", type=int, help="Simulate on a local Dask cluster of N processes.")
@click.option("--scheduler", help="Simulate on a running Dask scheduler (tcp://host:port).")
@click.option("--out", metavar="FILE.csv|.parquet", help="Write the per-dyad table (a "
                                                         "journal: its one row).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def flagship_command(data, dyad, person, time_col, value, distinguisher, journal_path, example,
                     as_of, me, preset, scale, noise, reference, seed, workers, scheduler, out,
                     as_json):
    """The runner–chaser model's parameters per dyad (posterior medians and 90% intervals),
    by simulation: ABC with regression adjustment on engine runs. From both twins' daily
    well-being (DATA), or one person's from their journal (--journal, --example)."""
    _tables().check_table_out(out)
    sources = [name for name, given in (("DATA", data), ("--journal", journal_path),
                                        ("--example", example)) if given]
    if len(sources) != 1:
        raise InputError(f"{' and '.join(sources) or 'DATA'}: "
                         f"{'missing' if not sources else 'both given'}; allowed: one of DATA "
                         "(a long-format file), --journal PATH or --example")
    if data:
        try:
            low, high = (float(v) for v in scale.split(","))
        except ValueError:
            raise InputError(f"--scale: {scale!r}; allowed: LOW,HIGH, e.g. 1,5") from None
        frame = _tables().read_table(data)
        run = _fit().flagship
        kwargs = dict(dyad=dyad, person=person, time=time_col, value=value,
                      distinguisher=distinguisher, noise=noise, scale=(low, high))
    else:
        frame = _journal_entries(journal_path, example, as_json)
        run = _fit().flagship_journal
        kwargs = dict(as_of=as_of, me=me)
    kwargs.update(preset=preset, n_reference=reference, seed=seed)
    if workers or scheduler:
        from ..cluster import dask_client

        with dask_client(scheduler, workers or 2) as client:
            result = run(frame, **kwargs, client=client)
    else:
        result = run(frame, **kwargs)
    if out:
        _tables().write_table(result.table, out)
    if as_json:
        click.echo(result.to_json())
        return
    if not out:
        click.echo(_table_text(result.table, 4))
    console.print(result.summary())
    for line in getattr(result, "words", list)():
        console.print(line)
    if out:
        console.print(f"wrote table: {out}")


def _journal_entries(path: str | None, example: bool, as_json: bool) -> list:
    """A journal's entries: the example's, an exported file's, or the journal's own records
    (asking for the passphrase of an encrypted one as the journal commands do)."""
    from pathlib import Path

    if example:
        from ..inference.example import NOTICE, example_entries

        click.echo(NOTICE, err=as_json)  # JSON on stdout stays JSON
        return example_entries()
    if Path(path).suffix.lower() in (".csv", ".jsonl", ".json"):
        from ..journal.importers import read_import

        return [entry for entry, _ in read_import(path).items]
    from .journal import open_for_command

    with open_for_command(path) as jr:
        return jr.list()
