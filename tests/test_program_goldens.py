"""Whole-program golden cases (``golden/programs/``, format: ``tests/program_golden.py``).

Each case is transpiled with the real command line (``epic transpile in -o OUT``) and
must give the expected tree and diagnostics; then the input program and the output
program are each run against the offline endpoint, as for the single-file goldens
(``tests/test_golden.py``): same stdout, stderr, files, exit status and requests, and
the promised peak of requests in flight (the endpoint holds replies back until
``overlap`` requests are in flight, so the check does not depend on the machine's speed).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import difflib
import shutil
from pathlib import Path

import pytest
from program_golden import ProgramCase, load_program, program_paths, transpile_case, tree
from test_golden import (
    Run,
    behaviour_differences,
    promised_hold,
    request_differences,
    run_file,
)

from offline_endpoint import Endpoint, HoldRules

from conftest import Endpoints

UPDATE = "scripts/update_goldens.py --programs"


def _diff(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    lines: list[str] = []
    for name in sorted(set(expected) | set(actual)):
        old = expected.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = actual.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        lines += difflib.unified_diff(old, new, f"{name} (expected)", f"{name} (epic)")
    return "".join(lines)


@pytest.mark.parametrize("path", program_paths(), ids=lambda p: p.name)
def test_program_golden(path: Path, endpoints: Endpoints, tmp_path: Path) -> None:
    case = load_program(path)
    status, written, stderr = transpile_case(case)
    assert status == 0, stderr
    expected = tree(case.expected)
    if written != expected:
        pytest.fail(
            f"golden/programs/{case.name}: the output tree differs (accept with {UPDATE}):\n"
            + _diff(expected, written),
            pytrace=False,
        )
    diagnostics = (case.path / "diagnostics.txt").read_text(encoding="utf-8")
    assert stderr == diagnostics, f"diagnostics differ (accept with {UPDATE})"
    assert set(written) == set(tree(case.source)), "the output tree has the input's modules"
    sequential, transpiled = _run_both(case, endpoints, tmp_path)
    problems = behaviour_differences(case, sequential, transpiled)  # type: ignore[arg-type]
    problems += request_differences(case, sequential, transpiled)  # type: ignore[arg-type]
    if problems:
        pytest.fail(
            f"golden/programs/{case.name}: running the input and the output:\n"
            + "".join(f"- {p}\n" for p in problems)
            + sequential.summary()
            + transpiled.summary(),
            pytrace=False,
        )


def test_program_cases_exist() -> None:
    cases = [load_program(p) for p in program_paths()]
    assert len(cases) >= 5
    noops = [c for c in cases if tree(c.source) == tree(c.expected)]
    assert noops, "at least one case keeps its program as it is"


def _run_both(case: ProgramCase, endpoints: Endpoints, tmp_path: Path) -> tuple[Run, Run]:
    pair = (endpoints.get(lane=40), endpoints.get(lane=41))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        sequential = pool.submit(
            _run_program, "sequential", case.source, case, pair[0], tmp_path, None
        )
        transpiled = pool.submit(
            _run_program, "transpiled", case.expected, case, pair[1], tmp_path, promised_hold(case)  # type: ignore[arg-type]
        )
        return sequential.result(), transpiled.result()


def _run_program(
    label: str,
    source: Path,
    case: ProgramCase,
    endpoint: Endpoint,
    tmp_path: Path,
    hold: HoldRules | None,
) -> Run:
    """Run the program's entry script (its directory first on ``sys.path``, as
    ``python ENTRY`` does) in a fresh working directory."""
    program = tmp_path / f"{label}-program"
    shutil.copytree(source, program)
    run = run_file(label, program / case.entry, endpoint, tmp_path, hold)
    return dataclasses.replace(
        run,
        stdout=run.stdout.replace(str(program), "<program>"),
        stderr=run.stderr.replace(str(program), "<program>"),
    )
