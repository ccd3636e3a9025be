"""Run a script and its transpiled version side by side against the offline endpoint.

This is the behaviour oracle of ``epic compare`` (and of the golden and benchmark
harnesses, which call these functions directly): both programs run as separate
processes, with the same interpreter, working directory and environment, against
one offline OpenAI-compatible endpoint with a deterministic latency model. Their
observable behaviour (stdout and exit code) must be identical; the ratio of their
wall times is the speedup.

Nothing here prints: :func:`render_report` builds the text and the CLI prints it.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Seconds a script may run before it is killed (the CLI's ``--timeout`` default).
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What one run of a script did, as an observer outside the process sees it."""

    stdout: str
    stderr: str
    returncode: int
    seconds: float
    timed_out: bool = False


@dataclass(frozen=True, slots=True)
class Latency:
    """The offline endpoint's latency model; None keeps the endpoint's default."""

    ttft: float | None = None
    per_token: float | None = None
    scale: float | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The original and the transpiled script, run against the same endpoint."""

    original: RunOutcome
    transpiled: RunOutcome
    base_url: str = ""

    @property
    def identical(self) -> bool:
        """Same stdout and exit code, and neither run was killed by the timeout."""
        return (
            not self.original.timed_out
            and not self.transpiled.timed_out
            and self.original.stdout == self.transpiled.stdout
            and self.original.returncode == self.transpiled.returncode
        )

    @property
    def speedup(self) -> float | None:
        """Original wall time over transpiled wall time (None if not measurable)."""
        if self.transpiled.seconds <= 0:
            return None
        return self.original.seconds / self.transpiled.seconds


def project_root() -> Path:
    """The directory holding ``transpiler/`` and ``runtime_shim/``."""
    return Path(__file__).resolve().parent.parent


def script_env(
    base_url: str, *, script_dir: Path, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment both versions of a script run in.

    ``PYTHONPATH`` starts with the script's own directory because the transpiled
    copy lives elsewhere (a temporary directory) yet must import the script's
    sibling modules exactly as the original does; then the project root, so the
    generated code finds ``runtime_shim`` even without an installed package.
    """
    env = dict(os.environ if base is None else base)
    paths = [str(script_dir), str(project_root())]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["OPENAI_BASE_URL"] = base_url
    env["OPENAI_API_KEY"] = "offline"
    # Both outputs are compared as text: make the children's encoding independent
    # of the terminal (or lack of one) that started the comparison.
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_script(
    script: Path,
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float = DEFAULT_TIMEOUT,
) -> RunOutcome:
    """Run ``script`` with this interpreter and capture what it printed.

    The wall time covers the whole process, interpreter start-up included, which
    is the same for both versions. stdin is closed so a script that asks for input
    fails instead of hanging. On timeout the process is killed and whatever it had
    printed is kept.
    """
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            # Absolute: the script runs in ``cwd``, which may not be where it was named.
            [sys.executable, str(script.resolve())],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return RunOutcome(
            stdout=_text(exc.stdout),
            stderr=_text(exc.stderr),
            returncode=-9,
            seconds=time.perf_counter() - start,
            timed_out=True,
        )
    return RunOutcome(
        stdout=_text(completed.stdout),
        stderr=_text(completed.stderr),
        returncode=completed.returncode,
        seconds=time.perf_counter() - start,
    )


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    return data.decode("utf-8", errors="replace")


def compare_scripts(
    original: Path,
    transpiled: Path,
    *,
    base_url: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> Comparison:
    """Run both scripts, one after the other, against an already running endpoint.

    Both run in the original's directory, so relative paths in the script mean the
    same thing. The original runs first; the endpoint is deterministic, so the
    order does not change what either one sees.
    """
    cwd = original.resolve().parent
    env = script_env(base_url, script_dir=cwd)
    return Comparison(
        original=run_script(original, cwd=cwd, env=env, timeout=timeout),
        transpiled=run_script(transpiled, cwd=cwd, env=env, timeout=timeout),
        base_url=base_url,
    )


def compare(
    original: Path,
    transpiled: Path,
    *,
    latency: Latency = Latency(),
    timeout: float = DEFAULT_TIMEOUT,
) -> Comparison:
    """Start the offline endpoint in its own process, then :func:`compare_scripts`.

    The endpoint runs in a separate process so that neither script's timing is
    disturbed by serving the other's requests from the same interpreter.
    """
    # Imported here: only this command needs the endpoint (and its HTTP server).
    import offline_endpoint

    settings = {
        name: value
        for name, value in (
            ("ttft", latency.ttft),
            ("per_token", latency.per_token),
            ("scale", latency.scale),
        )
        if value is not None
    }
    model = offline_endpoint.LatencyModel(**settings)
    with offline_endpoint.serve_in_subprocess(latency=model) as server:
        return compare_scripts(original, transpiled, base_url=server.base_url, timeout=timeout)


def generated_path(script: Path, directory: Path) -> Path:
    """Where the transpiled copy of ``script`` goes: same file name, other folder.

    Keeping the name keeps ``__file__``'s basename, ``sys.argv[0]`` and traceback
    file names alike in both runs.
    """
    return directory / script.name


def render_report(
    comparison: Comparison,
    *,
    script: str,
    generated: str,
    kept: bool,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """The side-by-side report ``epic compare`` prints."""
    original, transpiled = comparison.original, comparison.transpiled
    lines = [f"epic compare: {script}"]
    lines.append(
        f"  generated: {generated}" + ("" if kept else "  (deleted; keep it with --keep DIR)")
    )
    if comparison.base_url:
        lines.append(f"  endpoint:  {comparison.base_url}")
    lines.append("")

    def status(run: RunOutcome) -> str:
        return f"timed out ({timeout:g}s)" if run.timed_out else str(run.returncode)

    rows = [
        ("", "original", "transpiled"),
        ("exit code", status(original), status(transpiled)),
        ("wall time", f"{original.seconds:.3f}s", f"{transpiled.seconds:.3f}s"),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for label, left, right in rows:
        lines.append(f"  {label:<{widths[0]}}   {left:>{widths[1]}}   {right:>{widths[2]}}")
    lines.append("")

    for name, run in (("original", original), ("transpiled", transpiled)):
        lines.append(f"{name} stdout:")
        lines.extend(_indented(run.stdout))
        if run.stderr:
            lines.append(f"{name} stderr:")
            lines.extend(_indented(run.stderr))
    lines.append("")

    if not comparison.identical:
        lines.extend(_differences(comparison))
    lines.append(f"identical output: {'yes' if comparison.identical else 'no'}")
    speedup = comparison.speedup
    lines.append(f"speedup: {speedup:.2f}x" if speedup is not None else "speedup: n/a")
    return "\n".join(lines) + "\n"


def _indented(text: str) -> list[str]:
    if not text:
        return ["    (empty)"]
    return ["    " + line for line in text.splitlines()]


def _differences(comparison: Comparison) -> list[str]:
    """Say why the runs differ, with a diff of stdout when that is the reason."""
    original, transpiled = comparison.original, comparison.transpiled
    lines: list[str] = []
    if original.timed_out or transpiled.timed_out:
        lines.append("a run was killed by the timeout (raise it with --timeout)")
    if original.returncode != transpiled.returncode:
        lines.append(
            f"exit codes differ: original {original.returncode}, "
            f"transpiled {transpiled.returncode}"
        )
    if original.stdout != transpiled.stdout:
        lines.append("stdout differs:")
        diff = difflib.unified_diff(
            original.stdout.splitlines(),
            transpiled.stdout.splitlines(),
            fromfile="original",
            tofile="transpiled",
            lineterm="",
        )
        lines.extend("    " + line for line in diff)
    return lines
