"""mypy --strict over the transpiler, the shim, the endpoint and the benchmarks (a test, so the
README's single test command covers it)."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_strict_is_clean() -> None:
    stdout, stderr, status = api.run(
        [
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(ROOT / "transpiler"),
            str(ROOT / "runtime_shim"),
            str(ROOT / "offline_endpoint"),
            str(ROOT / "bench"),
        ]
    )
    assert status == 0, stdout + stderr
