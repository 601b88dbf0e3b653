"""The Python API: scenarios in code, result objects, and errors."""

import json

import pytest
from pydantic import ValidationError

import twinflames as tf


def test_scenarios_are_loadable_and_editable_in_code():
    sc = tf.load("classic")
    edited = sc.with_changes({"a.wound": 0.9, "b.policy": "guided", "chase_pressure": 0.5,
                              "b.boundary": 0.4, "days": 30})
    assert edited.a.wound == 0.9 and edited.b.policy.name == "guided"
    assert edited.b.policy.boundary == 0.4 and edited.model.chase_pressure == 0.5
    assert sc.a.wound != 0.9  # frozen: the original is untouched
    with pytest.raises(ValidationError):
        sc.a.wound = 0.1  # type: ignore[misc]
    run = tf.simulate(edited)
    assert run.days == pytest.approx(30)


def test_scenario_built_from_objects():
    sc = tf.Scenario(name="mine", days=60, a=tf.Twin(wound=0.9, policy=tf.policy("avoidant")),
                     b=tf.Twin(fear=0.9, policy=tf.policy("anxious:reach_out_rate=2")))
    run = tf.simulate(sc, seed=1)
    assert run.metrics["reach_outs"]["b"] > run.metrics["reach_outs"]["a"]


def test_results_convert():
    run = tf.simulate("classic", days=100)
    assert len(run.to_dataframe()) > 100
    assert json.loads(run.to_json())["outcome"] == run.outcome
    ens = tf.ensemble("classic", 50, days=100, dt_hours=24, progress=False)
    assert len(ens.to_dataframe()) == 50
    assert json.loads(ens.to_json())["runs"] == 50
    cmp = tf.compare("classic", ["b=anxious", "b=guided"], runs=50, days=100, dt_hours=24,
                     progress=False)
    assert set(cmp.to_dataframe()["arm"]) == {"b=anxious", "b=guided"}


@pytest.mark.parametrize("call", [
    lambda: tf.load("nope"),
    lambda: tf.simulate("classic", changes={"a.wound": 2}),
    lambda: tf.simulate("classic", changes={"gravity": float("nan")}),
    lambda: tf.simulate("classic", days=-1),
    lambda: tf.ensemble("classic", runs=0),
    lambda: tf.policy("frantic"),
    lambda: tf.compare("classic", ["b=guided"]),
    lambda: tf.load("classic").with_changes({"vary": {"a.name": {"uniform": [0, 1]}}}),
])
def test_bad_input_raises_the_documented_error(call):
    with pytest.raises(tf.InputError) as info:
        call()
    assert "\n" not in str(info.value)


def test_vary_draws_differ_between_dyads_but_not_between_runs():
    ens = tf.ensemble("classic", 30, days=50, dt_hours=24, progress=False)
    again = tf.ensemble("classic", 30, days=50, dt_hours=24, progress=False)
    assert ens.summary.equals(again.summary)
    assert ens.summary["wound_a"].nunique() > 20
