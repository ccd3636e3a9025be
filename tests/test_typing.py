"""mypy --strict over the transpiler, the shim, the endpoint, the benchmarks, the scripts
and the tests themselves (a test, so the README's single test command covers it). The
user-style scripts (the benchmark workloads, ``bench/floor.py``) are excluded in
``[tool.mypy]`` of pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent
#: What is checked (also ``files`` in ``[tool.mypy]``, for a plain ``mypy``).
CHECKED = ("transpiler", "runtime_shim", "offline_endpoint", "bench", "tests", "scripts")


def test_mypy_strict_is_clean() -> None:
    stdout, stderr, status = api.run(
        ["--strict", "--config-file", str(ROOT / "pyproject.toml")]
        + [str(ROOT / d) for d in CHECKED]
    )
    assert status == 0, stdout + stderr
