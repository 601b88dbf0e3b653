"""Parameter sweeps: grid coordinates, paired points, files, plots and bad input."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import xarray as xr

import twinflames as tf


@pytest.fixture(scope="module")
def two_d():
    return tf.sweep("classic", ["b.surrender_rate=0:0.1:3", "chase_pressure=0.1:0.5:2"],
                    runs=60, days=365, progress=False)


def test_grid_is_the_coordinates_and_provenance_the_attributes(two_d):
    assert two_d["probability"].dims == ("b.surrender_rate", "chase_pressure", "outcome")
    np.testing.assert_allclose(two_d["b.surrender_rate"], [0, 0.05, 0.1])
    np.testing.assert_allclose(two_d["probability"].sum("outcome"), 1.0, atol=1e-5)
    for key in ("seed", "version", "scenario", "runs", "days", "dt_hours"):
        assert key in two_d.attrs
    assert two_d.attrs["scenario"] == "classic" and two_d.attrs["runs"] == 60


def test_each_point_is_the_ensemble_of_the_same_dyads(two_d):
    point = tf.ensemble("classic", 60, days=365, dt_hours=24, progress=False,
                        changes={"b.surrender_rate": 0.05, "chase_pressure": 0.5})
    got = two_d["probability"].sel({"b.surrender_rate": 0.05, "chase_pressure": 0.5})
    assert [float(v) for v in got] == [point.outcomes[o] for o in got["outcome"].values]


def test_surrender_raises_union_along_the_grid():
    ds = tf.sweep("chaser-surrenders", {"b.surrender_rate": [0.0, 0.05, 0.2]}, runs=150,
                  progress=False)
    union = ds["probability"].sel(outcome="union").values
    # surrendering at all beats not surrendering; between the two rates the order is within
    # the noise of 150 dyads (0.86 vs 0.81 on an AVX2 processor, the other way on AVX-512)
    assert union[0] + 0.05 < min(union[1], union[2])


def test_files_and_plots(two_d, tmp_path):
    tf.save_sweep(two_d, tmp_path / "s.nc")
    back = xr.open_dataset(tmp_path / "s.nc", engine="scipy")
    np.testing.assert_allclose(back["probability"], two_d["probability"])
    assert back.attrs["seed"] == two_d.attrs["seed"]
    tf.save_sweep(two_d, tmp_path / "s.parquet")
    table = pd.read_parquet(tmp_path / "s.parquet")
    assert {"b.surrender_rate", "chase_pressure", "outcome", "probability"} <= set(table.columns)
    from twinflames.plots import plot_sweep
    plot_sweep(two_d, "union", tmp_path / "heat.png")
    plot_sweep(two_d.isel(chase_pressure=0, drop=True), "days_to_union_median",
               tmp_path / "curve.png")
    assert (tmp_path / "heat.png").stat().st_size > 10_000
    assert (tmp_path / "curve.png").stat().st_size > 10_000


def cli(*args):
    return subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_sweep_writes_netcdf_and_picture(tmp_path):
    proc = cli("sweep", "classic", "--grid", "chase_pressure=0.1:0.5:3", "--runs", "40",
               "--days", "200", "--out", str(tmp_path / "g.nc"), "--plot",
               str(tmp_path / "g.png"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "chase_pressure" in proc.stdout
    assert xr.open_dataset(tmp_path / "g.nc", engine="scipy").sizes["chase_pressure"] == 3


@pytest.mark.parametrize("args, word", [
    (["--grid", "chase_pressure=0:1:0"], "count"),
    (["--grid", "chase_pressure=-1:1:3"], "chase_pressure"),
    (["--grid", "nope=0:1:3"], "nope"),
    (["--grid", "chase_pressure=0:1"], "start:stop:count"),
    (["--grid", "mirror=0:1:2", "--grid", "model.mirror=0:1:2"], "twice"),
    (["--grid", "mirror=0:1:2", "--grid", "gravity=0:1:2", "--grid", "trigger=0:1:2"],
     "one or two"),
    (["--grid", "mirror=0:1:2", "--metric", "joy"], "--metric"),
    (["--grid", "mirror=0:1:2", "--out", "/proc/nowhere/g.nc"], "--out"),
])
def test_bad_sweeps_are_refused_in_one_line(args, word, tmp_path):
    proc = cli("sweep", "classic", "--runs", "5", "--days", "10", *args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and word in proc.stderr


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    run = tf.simulate("classic", days=5)
    target = tmp_path / "run.parquet"
    target.write_text("old")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", boom)
    with pytest.raises(tf.InputError):
        run.save(target)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["run.parquet"]
