"""Ensembles keep summaries for every dyad and full trajectories only for the ones asked for."""

import numpy as np
import pandas as pd
import pytest

import twinflames as tf


def test_kept_trajectories_are_the_same_dyads_as_the_summaries():
    ens = tf.ensemble("classic", 80, days=300, dt_hours=24, keep=[3, 41], keep_sample=4,
                      progress=False)
    assert {3, 41} <= set(ens.kept) and len(ens.kept) == 6
    for i, run in ens.kept.items():
        row = ens.summary.loc[i]
        assert run.final["a"]["wound"] == pytest.approx(row["wound_a"], abs=1e-4)
        assert run.final["dyad"]["closeness"] == pytest.approx(row["closeness"], abs=1e-4)
        assert run.metrics["reach_outs"]["b"] == row["reach_outs_b"]
        assert run.outcome == row["outcome"]
    table = ens.trajectories()
    assert sorted(table["dyad"].unique()) == sorted(ens.kept)
    assert len(table) == sum(len(r.to_dataframe()) for r in ens.kept.values())


def test_nothing_is_kept_unless_asked():
    ens = tf.ensemble("classic", 30, days=50, dt_hours=24, progress=False)
    assert ens.kept == {} and ens.trajectories().empty


@pytest.mark.parametrize("kw", [dict(keep=[30]), dict(keep=[-1]), dict(keep_sample=31),
                                dict(keep_sample=-2)])
def test_keep_out_of_range_is_refused(kw):
    with pytest.raises(tf.InputError, match="keep"):
        tf.ensemble("classic", 30, days=10, progress=False, **kw)


def test_kept_sample_is_reproducible():
    a = tf.ensemble("classic", 200, days=20, dt_hours=24, keep_sample=7, progress=False)
    b = tf.ensemble("classic", 200, days=20, dt_hours=24, keep_sample=7, progress=False)
    assert list(a.kept) == list(b.kept)
    assert all(np.array_equal(a.kept[i].record, b.kept[i].record) for i in a.kept)


def test_kept_trajectories_are_written_one_dyad_at_a_time(tmp_path):
    import pyarrow.parquet as pq

    ens = tf.ensemble("classic", 50, days=120, dt_hours=24, keep=[2, 9, 33], progress=False)
    path = ens.save_trajectories(tmp_path / "kept.parquet")
    assert pq.ParquetFile(path).num_row_groups == 3  # one piece per kept dyad, never all at once
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, ens.trajectories())
    csv = ens.save_trajectories(tmp_path / "kept.csv")
    pd.testing.assert_frame_equal(pd.read_csv(csv), ens.trajectories(), check_dtype=False)


def test_kept_runs_are_recomputed_identically_on_each_read():
    ens = tf.ensemble("classic", 20, days=60, dt_hours=24, keep=[5], progress=False)
    assert np.array_equal(ens.kept[5].record, ens.kept[5].record)
    with pytest.raises(KeyError):
        ens.kept[6]


def test_kept_rows_once_a_day_are_the_every_step_rows_at_those_times():
    hour = dict(days=20.5, dt_hours=1, keep=[1, 7], progress=False)
    daily = tf.ensemble("classic", 12, **hour)
    hourly = tf.ensemble("classic", 12, keep_every="step", **hour)
    six = tf.ensemble("classic", 12, keep_every=0.25, **hour)
    for i in (1, 7):
        every_step = hourly.kept[i].to_dataframe()
        assert len(every_step) == 20.5 * 24 + 1
        for kept, hours in ((daily, 24), (six, 6)):
            rows = kept.kept[i].to_dataframe()
            at_times = every_step.iloc[sorted({*range(0, len(every_step), hours),
                                               len(every_step) - 1})]  # and the horizon
            pd.testing.assert_frame_equal(rows, at_times.reset_index(drop=True))
            assert len(rows) == kept.kept.rows
        assert daily.kept[i].to_dataframe()["day"].tolist() == pytest.approx([*range(21), 20.5])
        # the thinning is of the written rows only: phases and events are the same
        assert daily.kept[i].phases == hourly.kept[i].phases
        assert daily.kept[i].events == hourly.kept[i].events


@pytest.mark.parametrize("every", [0, -1, "x", float("nan"), float("inf"), True, "0 days"])
def test_a_bad_keep_interval_is_refused_before_any_work(every):
    with pytest.raises(tf.InputError, match="--keep-every"):
        tf.ensemble("classic", 5, days=10, keep=[0], keep_every=every, progress=False)


def test_100_kept_dyads_over_three_years_make_a_modest_file(tmp_path):
    ens = tf.ensemble("classic", 100, keep_sample=100, progress=False)  # 3 years, 1-h steps
    path = ens.save_trajectories(tmp_path / "kept.parquet")
    assert ens.kept.rows == 1096  # day 0 to 1,095, one row a day
    assert pd.read_parquet(path, columns=["dyad"]).shape[0] == 100 * 1096
    assert path.stat().st_size < 20e6  # every step would be 24 times as many rows
