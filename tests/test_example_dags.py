"""The dependency models of ``examples/`` (``bench/example_dags/``) describe exactly the
requests each sequential script sends, and their bound is a lower bound.

One sequential run per example against the offline endpoint with the golden latency
(tens of milliseconds per reply); ``python -m bench.examples`` does the timed comparison.
"""

from __future__ import annotations

import pytest

from bench.example_dags import EXAMPLES, Example
from bench.examples import log_signature, model_mismatch, run_logged

from conftest import Endpoints

#: An endpoint of this file's own: the golden runs use lanes 0..3 in the background.
LANE = 100


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_example_dag_matches_the_sequential_run(example: Example, endpoints: Endpoints) -> None:
    endpoint = endpoints.get(lane=LANE)
    dag = example.dag()
    run, records = run_logged(endpoint, example.script, timeout=60)
    assert run.returncode == 0 and not run.timed_out, run.stderr
    assert dag.signature() == log_signature(records), model_mismatch(example.name, dag, records)
    latency = endpoint.latency
    bound = dag.bound(latency)
    assert 0 < bound <= dag.serial_time(latency)
    assert bound <= run.seconds  # the sequential run cannot beat a lower bound
