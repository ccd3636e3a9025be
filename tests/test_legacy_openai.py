"""Scripts on the pre-1.0 openai API run with ``openai==0.28`` installed.

A second environment, made once per session: a fresh venv with ``openai==0.28.1`` and
then epic installed the way a user would (``pip install <this project>``). Installing
epic must leave that openai as it is, and the code epic generates for the module-level
API (``openai.ChatCompletion.acreate``) must run there on the runtime shim, against the
offline endpoint, behaving as the original and overlapping its requests.

Needs the package registry (as CI has); ``EPIC_OFFLINE=1`` skips it on a machine
without one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_golden import HOLD_QUIET, PROJECT_ROOT, RUN_TIMEOUT, in_flight

from offline_endpoint import Endpoint, max_in_flight
from transpiler.pipeline import transpile

from conftest import Endpoints

LEGACY_OPENAI = "openai==0.28.1"

SCRIPT = textwrap.dedent("""\
    import openai

    questions = ["echo: tides", "echo: reefs", "echo: kelp"]
    answers = []
    for q in questions:
        response = openai.ChatCompletion.create(
            model="gpt-3.5-turbo",
            messages=[{"role": "user", "content": q}],
        )
        answers.append(response["choices"][0]["message"]["content"])
    print(answers)
    summary = openai.ChatCompletion.create(
        model="gpt-3.5-turbo",
        messages=[{"role": "user", "content": "echo: " + " ".join(answers)}],
    )
    print(summary.choices[0].message.content)
    """)


@pytest.fixture(scope="module")
def legacy_python(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The python of a venv with openai 0.28 and then epic installed."""
    venv = tmp_path_factory.mktemp("legacy") / "venv"
    python = venv / "bin" / "python"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "-q", LEGACY_OPENAI],
        [str(python), "-m", "pip", "install", "-q", str(PROJECT_ROOT)],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            if os.environ.get("EPIC_OFFLINE") == "1":
                pytest.skip(f"no package registry: {' '.join(step[2:])} failed")
            pytest.fail(f"{' '.join(step)} failed:\n{done.stdout}{done.stderr}")
    yield python


def _run(
    python: Path, code: str, endpoint: Endpoint, tmp_path: Path, label: str
) -> tuple[int, str, str]:
    script = tmp_path / f"{label}.py"
    script.write_text(code, encoding="utf-8")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EPIC_", "PYTHONPATH"))
    }
    # openai 0.28 reads its base URL from OPENAI_API_BASE.
    env.update(OPENAI_API_BASE=endpoint.base_url, OPENAI_API_KEY="offline", PYTHONHASHSEED="0")
    done = subprocess.run(
        [str(python), str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    return done.returncode, done.stdout, done.stderr


def test_installing_epic_leaves_openai_0_28_as_it_is(legacy_python: Path) -> None:
    version = subprocess.run(
        [str(legacy_python), "-c", "import openai; print(openai.version.VERSION)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == LEGACY_OPENAI.split("==")[1]


def test_the_acreate_code_runs_on_openai_0_28(
    legacy_python: Path, endpoints: Endpoints, tmp_path: Path
) -> None:
    result = transpile(SCRIPT, path="legacy.py")
    assert result.code is not None and "ChatCompletion.acreate" in result.code
    sequential_endpoint, transpiled_endpoint = endpoints.get(lane=100), endpoints.get(lane=101)
    sequential_endpoint.reset()
    sequential = _run(legacy_python, SCRIPT, sequential_endpoint, tmp_path, "sequential")
    transpiled_endpoint.reset()
    transpiled_endpoint.set_hold(3, (), HOLD_QUIET)  # every reply until 3 are in flight
    transpiled = _run(legacy_python, result.code, transpiled_endpoint, tmp_path, "transpiled")
    assert sequential == (0, "['tides', 'reefs', 'kelp']\ntides reefs kelp\n", "")
    assert transpiled == sequential
    assert max_in_flight(in_flight(sequential_endpoint.log())) == 1
    assert max_in_flight(in_flight(transpiled_endpoint.log())) == 3


STREAMING_SCRIPT = textwrap.dedent("""\
    import openai

    def ask(prompt, stream=False):
        return openai.ChatCompletion.create(
            model="gpt-3.5-turbo",
            messages=[{"role": "user", "content": prompt}],
            stream=stream,
        )

    intro = ask("echo: three replies")["choices"][0]["message"]["content"]
    print(intro)
    for chunk in openai.ChatCompletion.create(
        model="gpt-3.5-turbo",
        messages=[{"role": "user", "content": "echo: streamed in pieces"}],
        stream=True,
    ):
        print(chunk["choices"][0]["delta"].get("content", ""), end="", flush=True)
    print()
    pieces = [c["choices"][0]["delta"].get("content", "") for c in ask("echo: replayed", True)]
    print("".join(pieces))
    """)


def test_pre_1_0_streams_run_on_openai_0_28(
    legacy_python: Path, endpoints: Endpoints, tmp_path: Path
) -> None:
    """A stream of the module API iterated directly becomes ``async for`` over
    ``acreate``'s async generator, started with the calls before it; one whose
    ``stream=`` is only known when it runs is read whole and replayed."""
    result = transpile(STREAMING_SCRIPT, path="legacy_streams.py")
    assert result.code is not None and "async for chunk in" in result.code
    assert "epic.replayed(" in result.code
    sequential_endpoint, transpiled_endpoint = endpoints.get(lane=104), endpoints.get(lane=105)
    sequential_endpoint.reset()
    sequential = _run(legacy_python, STREAMING_SCRIPT, sequential_endpoint, tmp_path, "seq")
    transpiled_endpoint.reset()
    transpiled_endpoint.set_hold(2, (), HOLD_QUIET)  # the intro and the stream together
    transpiled = _run(legacy_python, result.code, transpiled_endpoint, tmp_path, "async")
    assert sequential == (0, "three replies\nstreamed in pieces\nreplayed\n", "")
    assert transpiled == sequential
    assert max_in_flight(in_flight(transpiled_endpoint.log())) >= 2
