"""Generated code in notebooks and re-runs: real IPython, a real Jupyter kernel.

The generated entry point may run more than once in one process: a notebook cell run
again, ``epic.run(main())`` after ``await main()``, IPython's own event loop for
top-level ``await``. Every run uses a different event loop (or the kernel's, which is
already running), so the client twin and every other shim resource must work across
loops. Each test pastes the transpiled script into a cell, runs the entry point again
in later cells in every way a notebook user would, and checks each run prints what the
sequential script prints and sends the same requests, against the offline endpoint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from offline_endpoint import Endpoint
from transpiler.pipeline import transpile

from conftest import Endpoints

ROOT = Path(__file__).resolve().parent.parent
#: An endpoint of this file's own: the golden runs use lanes 0..3 in the background, and
#: every request in this endpoint's log must be one of these tests'.
LANE = 101
HANG_GUARD = 120  # seconds: a hang fails the test, it does not stall the suite

SCRIPT = textwrap.dedent("""\
    from openai import OpenAI

    client = OpenAI()


    def ask(question):
        reply = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
        )
        return reply.choices[0].message.content


    first = ask("echo: alpha")
    second = ask("echo: beta")
    print(first, second)
    print(ask(f"echo: {first} and {second}"))
    """)

#: The cells after the pasted script: the entry point run again in every way a notebook
#: user may run it (a new loop each time, and IPython's or the kernel's own loop).
RERUNS = ["epic.run(main())", "await main()", "epic.run(main())"]


def _env(endpoint: Endpoint) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EPIC_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
        OPENAI_BASE_URL=endpoint.base_url,
        OPENAI_API_KEY="offline",
        PYTHONIOENCODING="utf-8",
    )
    return env


def _sequential(endpoint: Endpoint, tmp_path: Path) -> tuple[str, Counter[str]]:
    """The sequential script's stdout and requests (prompts, with their counts)."""
    path = tmp_path / "sequential.py"
    path.write_text(SCRIPT, encoding="utf-8")
    endpoint.reset()
    completed = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        env=_env(endpoint),
        timeout=HANG_GUARD,
        check=True,
    )
    return completed.stdout, Counter(r.prompt for r in endpoint.log())


def _cells() -> list[str]:
    result = transpile(SCRIPT, path="notebook.py")
    assert result.code is not None and "epic.run(main())" in result.code
    return [result.code, *RERUNS]


def _check(stdout: str, endpoint: Endpoint, expected: tuple[str, Counter[str]]) -> None:
    out, requests = expected
    runs = 1 + len(RERUNS)
    assert stdout == out * runs
    assert Counter(r.prompt for r in endpoint.log()) == Counter(
        {prompt: count * runs for prompt, count in requests.items()}
    )


#: Runs cells in one real IPython shell (``InteractiveShell``, as in the terminal and
#: ``%run``): top-level ``await`` runs on IPython's own loop, the rest on ``epic.run``'s.
IPYTHON_DRIVER = """\
import json, sys
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance(colors="nocolor")
for cell in json.load(open(sys.argv[1], encoding="utf-8")):
    result = shell.run_cell(cell, store_history=True)
    if not result.success:
        sys.exit(1)
"""


def test_reruns_in_ipython(endpoints: Endpoints, tmp_path: Path) -> None:
    pytest.importorskip("IPython")
    endpoint = endpoints.get(lane=LANE)
    expected = _sequential(endpoint, tmp_path)
    cells = tmp_path / "cells.json"
    cells.write_text(json.dumps(_cells()), encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(IPYTHON_DRIVER, encoding="utf-8")
    endpoint.reset()
    completed = subprocess.run(
        [sys.executable, str(driver), str(cells)],
        capture_output=True,
        text=True,
        env=_env(endpoint),
        cwd=tmp_path,
        timeout=HANG_GUARD,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    _check(completed.stdout, endpoint, expected)


def test_reruns_in_a_jupyter_kernel(endpoints: Endpoints, tmp_path: Path) -> None:
    """In a kernel the event loop is already running in every cell: ``epic.run`` runs
    the program on a helper thread, and ``await main()`` on the kernel's loop."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    endpoint = endpoints.get(lane=LANE)
    expected = _sequential(endpoint, tmp_path)
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(cell) for cell in _cells()]
    )
    endpoint.reset()
    saved = dict(os.environ)
    os.environ.update(_env(endpoint))  # the kernel inherits this process's environment
    try:
        client = nbclient.NotebookClient(
            notebook,
            timeout=HANG_GUARD,
            kernel_name="python3",
            resources={"metadata": {"path": str(tmp_path)}},
        )
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    stdout = ""
    for cell in notebook.cells:
        for output in cell.outputs:
            assert output.output_type == "stream" and output.name == "stdout", output
            stdout += output.text
    _check(stdout, endpoint, expected)
