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
