"""Golden files: ``golden/<name>.py`` is one case (format: ``tests/golden_format.py``).

Every case is checked to
1. give the expected output and diagnostics (a failure prints a diff and the command
   that accepts the transpiler's current answer),
2. produce output that compiles, is black-stable and is idempotent (transpiling it
   again changes nothing),
and a case flagged ``run`` is also run: the input and the output each in a subprocess
against the offline endpoint. They must print the same stdout, write the same files,
exit with the same status, and let the same exception escape (the last line of stderr)
or else write the same stderr. The endpoint's request log must show the promised
overlap: the transpiled run's peak number of requests in flight equals the case's
``overlap=N`` (requests failed by an injected fault do not count: the endpoint answers
them at once), the sequential run's is 1 (not counting streams: a script that makes a
call per line of a stream makes it while the stream's tail comes), and both send the
same requests (plus at most
``extra=N`` early-dispatched ones when the run ends in an exception).

Why the overlap does not depend on the machine's speed: with the latency model alone,
a reply comes a fixed time after its request arrived, so a transpiled script that does
send N requests without waiting for any of them could still show fewer than N in flight
on a busy machine (the first reply is back before the script got round to sending the
N-th). So the transpiled run's endpoint *holds* replies back
(``offline_endpoint._hold``): no reply goes out until N requests have been in flight at
once, and for ``during=X/Y`` the reply of Y waits until X has arrived. The log then
shows the overlap exactly when the script sends those requests without needing each
other's replies, however slowly it sends them; a script that waits for a reply first
(sequential code) never meets the hold, and the endpoint lets the reply go after
:data:`HOLD_QUIET` seconds without a new request, so the check fails instead of hanging.
Nor can a slow machine push the peak above N, as long as N is what a case's
``overlap=N`` should be: the most requests its dependencies let be in flight at once.
The sequential run's endpoint holds nothing: a script that waits for every reply shows
a peak of 1 at any speed.

A new file in ``golden/`` is a new case (files starting with ``_`` are not). To accept
the transpiler's current answer for some or all cases, then review ``git diff golden/``:

    .venv/bin/python scripts/update_goldens.py [golden/<name>.py ...]
"""

from __future__ import annotations

import collections
import concurrent.futures
import difflib
import os
import queue
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from offline_endpoint import Endpoint, HoldRules, RequestRecord, max_in_flight
from transpiler.checks import compiles, is_black_stable
from transpiler.pipeline import transpile

from conftest import Endpoints
from golden_format import (
    GOLDEN_DIR,
    Case,
    CaseFormatError,
    current_case,
    golden_paths,
    load_case,
    render_case,
    update_command,
)

PROJECT_ROOT = GOLDEN_DIR.parent
#: Modules the cases import (stand-ins for a user's tools), importable in every run.
SUPPORT_DIR = GOLDEN_DIR / "_support"
RUN_TIMEOUT = 60.0  # seconds; a hang is a failure, not a stuck suite
RUN_WORKERS = 2  # cases run at the same time (each runs its two scripts at once)
#: Seconds without a new request after which the endpoint lets a held reply go (the
#: transpiled script is then waiting for it): the longest pause between two requests
#: that the script sends concurrently for which their overlap still shows.
HOLD_QUIET = 5.0

CASES = golden_paths()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path, runs: Runs) -> None:
    case = load_case(path)
    check_expected_sections(case)
    check_output(case)
    if case.flags.run:
        check_run(case, *runs.result(case))


def test_cases_exist() -> None:
    found = len(CASES)
    assert found >= 25, f"expected at least 25 golden cases in {GOLDEN_DIR}, found {found}"


# ------------------------------------------------------------------------ static checks


def check_expected_sections(case: Case) -> None:
    """The transpiler's output and diagnostics are the ones in the file."""
    expected = render_case(case)
    actual = render_case(current_case(case))
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{case.path.name} (expected)",
                tofile=f"golden/{case.path.name} (transpiler now)",
            )
        )
        pytest.fail(
            f"golden/{case.path.name}: the transpiler's answer differs from the golden file\n"
            f"{diff}\n"
            f"If the new answer is right, accept it with:\n    {update_command(case.path)}",
            pytrace=False,
        )


def check_output(case: Case) -> None:
    """The expected output compiles, is black-stable and is a fixed point.

    A noop's output is its input, returned byte for byte: it must compile, but it is
    the user's text, so black has no say, and transpiling it again is what the first
    check already did.
    """
    if case.diagnostics is not None and ": error: " in case.diagnostics:
        return  # no output is produced when there are errors
    code = case.expected_output
    error = compiles(code, case.path.name)
    if error is not None:
        fail_output(case, f"does not compile: {error}")
    if case.output is None:
        return
    if not is_black_stable(code, case.flags.line_length):
        fail_output(case, "is not black-stable: formatting it again changes it")
    again = transpile(code, path=case.path.name, config=case.flags.config)
    if again.code != code or again.problems:
        diff = difflib.unified_diff(
            code.splitlines(keepends=True),
            (again.code or "").splitlines(keepends=True),
            fromfile="output",
            tofile="output transpiled again",
        )
        fail_output(
            case,
            "is not idempotent: transpiling it again changes it\n"
            + "".join(diff)
            + "".join(d.render() + "\n" for d in again.diagnostics),
        )


def fail_output(case: Case, problem: str) -> NoReturn:
    pytest.fail(f"golden/{case.path.name}: the expected output {problem}", pytrace=False)


# --------------------------------------------------------------------------------- runs


@dataclass(frozen=True, slots=True)
class Run:
    """What one run of a script did, as far as a user (and the endpoint) can tell."""

    label: str
    returncode: int
    stdout: str
    stderr: str
    files: dict[str, bytes]
    requests: list[RequestRecord]

    @property
    def escaping(self) -> str:
        """The last line of stderr: the exception that escaped, as printed."""
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""

    def summary(self) -> str:
        requests = "".join(
            f"  {r.received:9.3f} {_released(r):>9} {r.finished:9.3f} {r.status} {r.path} "
            f"{r.model} {r.prompt!r}\n"
            for r in self.requests
        )
        return (
            f"----- {self.label} run: exit status {self.returncode}\n"
            f"stdout:\n{textwrap.indent(self.stdout, '  ')}"
            f"stderr:\n{textwrap.indent(self.stderr, '  ')}"
            f"requests (received, released if held, finished, status, path, model, prompt):\n"
            f"{requests}"
        )


def _released(record: RequestRecord) -> str:
    return "-" if record.released is None else f"{record.released:.3f}"


def run_env(endpoint: Endpoint) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EPIC_"))}
    paths = [str(PROJECT_ROOT), str(SUPPORT_DIR)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env.update(
        PYTHONPATH=os.pathsep.join(paths),
        OPENAI_BASE_URL=endpoint.base_url,
        OPENAI_API_KEY="offline",
        PYTHONHASHSEED="0",  # both runs iterate sets in the same order
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
    )
    return env


def settled_log(endpoint: Endpoint) -> list[RequestRecord]:
    """The request log once requests cut off by the client's exit are recorded too."""
    records = endpoint.log()
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        time.sleep(0.05)
        again = endpoint.log()
        if len(again) == len(records):
            break
        records = again
    return records


def run_script(
    label: str, code: str, endpoint: Endpoint, tmp_path: Path, hold: HoldRules | None = None
) -> Run:
    """Run ``code`` as a script in a fresh working directory against ``endpoint``, which
    holds replies back by ``hold`` (see the module docstring)."""
    script = tmp_path / f"{label}.py"
    script.write_text(code, encoding="utf-8")
    return run_file(label, script, endpoint, tmp_path, hold)


def run_file(
    label: str, script: Path, endpoint: Endpoint, tmp_path: Path, hold: HoldRules | None = None
) -> Run:
    """Run the script file ``script`` (its directory first on ``sys.path``) in a fresh
    working directory ``<tmp_path>/<label>-cwd``, as :func:`run_script` does."""
    cwd = tmp_path / f"{label}-cwd"
    cwd.mkdir()
    endpoint.reset()
    if hold is not None:
        endpoint.set_hold(hold.in_flight, hold.until, hold.quiet)
    try:
        completed = subprocess.run(
            [sys.executable, str(script)],
            cwd=cwd,
            env=run_env(endpoint),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        return Run(label, -1, str(exc.stdout), f"hung: killed after {RUN_TIMEOUT:g} s\n", {}, [])
    requests = settled_log(endpoint) if completed.returncode != 0 else endpoint.log()
    files = {str(p.relative_to(cwd)): p.read_bytes() for p in sorted(cwd.rglob("*")) if p.is_file()}
    return Run(label, completed.returncode, completed.stdout, completed.stderr, files, requests)


def behaviour_differences(case: Case, sequential: Run, transpiled: Run) -> list[str]:
    """How the transpiled run's observable behaviour differs from the sequential one's."""
    problems = []
    if transpiled.stdout != sequential.stdout:
        problems.append("stdout differs")
    if transpiled.returncode != sequential.returncode:
        problems.append("the exit status differs")
    elif sequential.returncode != 0 and transpiled.escaping != sequential.escaping:
        problems.append(
            f"the escaping exception differs:\n  sequential: {sequential.escaping}\n"
            f"  transpiled: {transpiled.escaping}"
        )
    elif sequential.returncode == 0 and transpiled.stderr != sequential.stderr:
        problems.append("stderr differs")
    if transpiled.files != sequential.files:
        problems.append(
            f"the files written differ: {sorted(sequential.files)} vs {sorted(transpiled.files)}"
        )
    return problems


def in_flight(requests: list[RequestRecord]) -> list[RequestRecord]:
    """The requests that count for overlap: those the endpoint did not reject.

    The endpoint answers an injected fault (``[fail:400]``) at once, so whether such a
    request overlaps another is a matter of microseconds. Requests the client gave up
    on (499, e.g. cancelled when an exception escaped) were really in flight.
    """
    return [r for r in requests if r.status < 400 or r.status == 499]


def request_differences(case: Case, sequential: Run, transpiled: Run) -> list[str]:
    """How the two runs' request logs break the case's promises (same calls, overlap)."""
    problems = []
    sent = collections.Counter((r.path, r.model, r.prompt) for r in sequential.requests)
    sent_transpiled = collections.Counter((r.path, r.model, r.prompt) for r in transpiled.requests)
    missing = sent - sent_transpiled
    extra = sent_transpiled - sent
    if missing:
        problems.append(f"the transpiled run did not send {sorted(missing.elements())}")
    if extra.total() > case.flags.extra:
        problems.append(
            f"the transpiled run sent {extra.total()} request(s) that the sequential run did "
            f"not, the case allows extra={case.flags.extra}: {sorted(extra.elements())}"
        )
    # A sequential script that reads a stream line by line and makes a call per line
    # makes it while the stream's tail is still coming: only the other requests count.
    not_streams = [r for r in in_flight(sequential.requests) if not r.stream]
    sequential_peak = max_in_flight(not_streams)
    if sequential_peak != min(1, len(not_streams)):
        problems.append(f"the sequential run had {sequential_peak} requests in flight at once")
    peak = max_in_flight(in_flight(transpiled.requests))
    if case.flags.overlap is None:
        problems.append(
            f"a run case needs an overlap=N flag: the transpiled run had {peak} request(s) "
            "in flight at once (check that this is what the plan promises)"
        )
    elif peak != case.flags.overlap:
        problems.append(
            f"the transpiled run had {peak} request(s) in flight at once, the case "
            f"promises overlap={case.flags.overlap}"
        )
    if case.flags.during is not None:
        problems += _during_differences(case.flags.during, sequential, transpiled)
    return problems


def _during_differences(during: tuple[str, str], sequential: Run, transpiled: Run) -> list[str]:
    """The ``during=X/Y`` promise: X is sent before Y finishes only when transpiled."""
    problems = []
    for run, name, early in ((sequential, "sequential", False), (transpiled, "transpiled", True)):
        found = [[r for r in run.requests if part in r.prompt] for part in during]
        if any(len(matches) != 1 for matches in found):
            problems.append(
                f"during={'/'.join(during)}: the {name} run must send exactly one request "
                f"containing each part, it sent {[len(m) for m in found]}"
            )
            continue
        (x,), (y,) = found
        if (x.received < y.finished) != early:
            problems.append(
                f"during={'/'.join(during)}: in the {name} run {during[0]!r} was sent "
                + ("after" if early else "before")
                + f" {during[1]!r} had finished"
            )
    return problems


def promised_hold(case: Case) -> HoldRules:
    """What the transpiled run's endpoint holds back: every reply until ``overlap=N``
    requests are in flight at once, and the reply of ``Y`` until ``X`` arrives for
    ``during=X/Y``."""
    overlap = case.flags.overlap or 0
    return HoldRules(
        in_flight=overlap if overlap >= 2 else 0,
        until=() if case.flags.during is None else (case.flags.during,),
        quiet=HOLD_QUIET,
    )


def run_both(case: Case, endpoints: tuple[Endpoint, Endpoint], tmp_path: Path) -> tuple[Run, Run]:
    """Run input and output side by side, each against an endpoint of its own; only the
    transpiled run's endpoint holds replies back (the sequential run waits for each)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        sequential = pool.submit(run_script, "sequential", case.source, endpoints[0], tmp_path)
        transpiled = pool.submit(
            run_script,
            "transpiled",
            case.expected_output,
            endpoints[1],
            tmp_path,
            promised_hold(case),
        )
        return sequential.result(), transpiled.result()


class Runs:
    """The runs of the selected ``run`` cases, started in the background at session start.

    Running a case is mostly waiting (interpreter start-up, replies), so
    :data:`RUN_WORKERS` cases run at a time, in collection order, each worker with a
    pair of endpoints of its own (one per script, so every request log belongs to one
    run). A test collects its case's result with :meth:`result` after its static checks.
    """

    def __init__(
        self, paths: list[Path], endpoints: Endpoints, tmp: pytest.TempPathFactory
    ) -> None:
        self._endpoints = endpoints
        self._tmp = tmp
        self._workers: queue.SimpleQueue[int] = queue.SimpleQueue()
        for worker in range(RUN_WORKERS):
            self._workers.put(worker)
        self._pool = concurrent.futures.ThreadPoolExecutor(RUN_WORKERS, "golden-run")
        self._futures: dict[Path, concurrent.futures.Future[tuple[Run, Run]]] = {}
        for path in paths:
            try:
                case = load_case(path)
            except CaseFormatError:
                continue  # the test reports it
            if case.flags.run:
                self._futures[path] = self._pool.submit(self._run, case)

    def _run(self, case: Case) -> tuple[Run, Run]:
        worker = self._workers.get()
        try:
            latency = case.flags.latency
            pair = (
                self._endpoints.get(latency, lane=2 * worker),
                self._endpoints.get(latency, lane=2 * worker + 1),
            )
            return run_both(case, pair, self._tmp.mktemp(case.name))
        finally:
            self._workers.put(worker)

    def result(self, case: Case) -> tuple[Run, Run]:
        future = self._futures.get(case.path)
        if future is None:  # not prefetched (e.g. the file changed during the session)
            future = self._pool.submit(self._run, case)
        return future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def runs(
    request: pytest.FixtureRequest, endpoints: Endpoints, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Runs]:
    selected: list[Path] = []
    for item in request.session.items:
        if isinstance(item, pytest.Function) and item.originalname == "test_golden":
            path = item.callspec.params["path"]
            assert isinstance(path, Path)
            selected.append(path)
    runner = Runs(selected, endpoints, tmp_path_factory)
    yield runner
    runner.close()


def check_run(case: Case, sequential: Run, transpiled: Run) -> None:
    """The two runs behave alike and the request logs keep the case's promises."""
    problems = behaviour_differences(case, sequential, transpiled)
    problems += request_differences(case, sequential, transpiled)
    if problems:
        pytest.fail(
            f"golden/{case.path.name}: running the input and the output:\n"
            + "".join(f"- {p}\n" for p in problems)
            + sequential.summary()
            + transpiled.summary(),
            pytrace=False,
        )
