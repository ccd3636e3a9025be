"""The bench's own honesty checks: a busy machine makes a run untrusted, and the times
without start-up are measured from the first request to the last line."""

from __future__ import annotations

from bench.machine import untrusted
from bench.report import all_problems
from bench.runner import Run
from offline_endpoint import RequestRecord


def test_a_load_above_the_cores_makes_the_run_untrusted() -> None:
    assert untrusted([0.5, 1.9], cores=2) is None
    assert untrusted([None, None], cores=2) is None
    reason = untrusted([1.0, 3.5], cores=2)
    assert reason is not None and "3.50 on 2 core(s)" in reason


def test_an_untrusted_run_is_a_problem_of_the_report() -> None:
    data = {"meta": {"load": [4.0, 4.2], "cores": 2}, "workloads": []}
    (problem,) = all_problems(data)
    assert problem.startswith("untrusted")
    assert all_problems({"meta": {"load": [0.1, 0.2], "cores": 2}, "workloads": []}) == []


def _record(received: float) -> RequestRecord:
    return RequestRecord(
        id=1,
        path="/v1/chat/completions",
        model="m",
        prompt="p",
        stream=False,
        status=200,
        received=received,
        first_byte=received + 0.1,
        finished=received + 0.2,
        tokens=3,
        released=None,
    )


def test_active_time_runs_from_the_first_request_to_the_last_line() -> None:
    run = Run(
        workload="w",
        version="epic",
        rep=0,
        wall_s=2.0,
        returncode=0,
        stdout="a\nb\n",
        stderr="",
        lines=[(1.2, "a"), (1.9, "b")],
        first_byte_s=1.0,
        records=[_record(10.9), _record(10.8)],
        clock_offset=10.0,  # the process started at 10.0 on the endpoint's clock
    )
    assert abs((run.active_s or 0) - (1.9 - 0.8)) < 1e-9
    assert Run("w", "epic", 0, 1.0, 0, "", "", [], None).active_s is None
