"""Our own code to the standard we hold the generated code to: black-formatted and
ruff-clean (settings in ``[tool.black]`` and ``[tool.ruff]`` of pyproject.toml, which also
exclude the goldens, the examples and the benchmark workloads: their text is data). The
same checks run as pre-commit hooks (``.pre-commit-config.yaml``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("transpiler", "runtime_shim", "offline_endpoint", "bench", "tests", "scripts")
HANG_GUARD = 600  # seconds: a guard against a stuck tool, not a speed claim


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args, *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )


@pytest.mark.parametrize(
    ("tool", "fix"),
    [
        (("black", "--check"), ".venv/bin/black " + " ".join(CHECKED)),
        (
            ("ruff", "check", "--quiet", "--no-cache"),
            ".venv/bin/ruff check --fix " + " ".join(CHECKED),
        ),
    ],
    ids=["black", "ruff"],
)
def test_our_code_is_clean(tool: tuple[str, ...], fix: str) -> None:
    done = run_tool(*tool)
    assert done.returncode == 0, (
        f"{' '.join(tool[:2])} found problems (fix with `{fix}`, then by hand):\n"
        + done.stdout
        + done.stderr
    )
