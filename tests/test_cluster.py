"""Ensembles on a real Dask cluster (LocalCluster with worker processes) give the same dyads."""

import json
import subprocess
import sys

import pytest
from dask.distributed import LocalCluster

import twinflames as tf


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as c:
        yield c


def cli(*args):
    return subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, timeout=600)


def test_existing_cluster_local_cluster_and_in_process_agree(cluster):
    kw = dict(runs=600, days=400, dt_hours=24, seed=8, chunk=70, progress=False)
    here = tf.ensemble("chaser-surrenders", **kw).summary
    remote = tf.ensemble("chaser-surrenders", scheduler=cluster.scheduler_address, **kw).summary
    assert here.equals(remote)


def test_cli_scheduler_and_workers_give_identical_json(cluster):
    args = ["ensemble", "classic", "--runs", "300", "--days", "300", "--dt", "24", "--json",
            "--quiet", "--seed", "3"]
    here = cli(*args)
    there = cli(*args, "--scheduler", cluster.scheduler_address)
    local = cli(*args, "--workers", "2")
    for proc in (here, there, local):
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(here.stdout) == json.loads(there.stdout) == json.loads(local.stdout)


def test_unreachable_scheduler_is_a_clear_error():
    proc = cli("ensemble", "classic", "--runs", "10", "--days", "5", "--scheduler",
               "tcp://127.0.0.1:9", "--quiet")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "--scheduler" in proc.stderr
