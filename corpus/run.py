"""Run the realistic corpus: each script sequentially and transpiled, and compare.

For every script in ``corpus/scripts/`` and ``corpus/public/``, and every program of
several modules in ``corpus/programs/`` (a directory with a ``PROGRAM.toml`` naming its
entry script):

1. transpile it with :func:`transpiler.pipeline.transpile` (a program: all its modules
   together, with :func:`transpiler.program.transpile_program`);
2. run the original and (when epic changed it) the transpiled code, each in a
   subprocess of its own, in a fresh temporary working directory, against an offline
   endpoint of its own (``corpus/endpoint.py``: the offline endpoint, also recording
   each request's method, path and body), with the environment of the golden runs
   (``tests/test_golden.run_env``: ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ...);
3. compare what a user could see: stdout, stderr, the files left in the working
   directory, the exit code, and the multiset of requests sent.

Each script gets one outcome:

``identical``        same behaviour; ``parallelised`` says whether epic changed the code
``kept-sequential``  epic returned the input unchanged (the diagnostic says why, if any)
``diverged``         the transpiled run behaved differently (the differences are listed)
``transpile-crash``  ``transpile`` raised, or reported an error for valid Python
``output-crash``     the transpiled code raised an exception the original does not, or hung

Usage::

    .venv/bin/python corpus/run.py                  # every script, a table and counts
    .venv/bin/python corpus/run.py NAME [NAME...]   # some scripts (stem or path)
    .venv/bin/python corpus/run.py --json out.json  # also dump every outcome as JSON
    .venv/bin/python corpus/run.py -v NAME          # also print both runs and the code

Exit status 1 when any script diverged or crashed, else 0.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import json
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
SCRIPT_DIRS = (CORPUS_DIR / "scripts", CORPUS_DIR / "public")
PROGRAMS_DIR = CORPUS_DIR / "programs"
KNOWN_DIVERGENCES = CORPUS_DIR / "known_divergences.toml"
for _path in (ROOT, ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from test_golden import run_env  # noqa: E402

from corpus.endpoint import RecordedRequest, RecordingEndpoint, serve_recording  # noqa: E402
from offline_endpoint import RequestRecord, max_in_flight  # noqa: E402
from transpiler.pipeline import TranspileResult, transpile  # noqa: E402
from transpiler.program import SourceModule, transpile_program  # noqa: E402

from conftest import GOLDEN_LATENCY  # noqa: E402

RUN_TIMEOUT = 60.0  # seconds; a hang is an outcome, not a stuck run
SETTLE_TIME = 2.0  # seconds to wait for requests cut off by a crash to reach the log
OUTCOMES = ("identical", "kept-sequential", "diverged", "transpile-crash", "output-crash")
PASSING = frozenset({"identical", "kept-sequential"})


def corpus_scripts() -> list[Path]:
    """Every corpus script, ``scripts/`` first, each directory sorted by name, then
    every program directory."""
    scripts = [p for d in SCRIPT_DIRS for p in sorted(d.glob("*.py")) if not p.name.startswith("_")]
    return scripts + corpus_programs()


def corpus_programs() -> list[Path]:
    """Every program of the corpus: a directory of ``corpus/programs/`` with a
    ``PROGRAM.toml``."""
    if not PROGRAMS_DIR.is_dir():
        return []
    return sorted(p for p in PROGRAMS_DIR.iterdir() if (p / "PROGRAM.toml").is_file())


def script_id(path: Path) -> str:
    """``scripts/fan_out`` for ``corpus/scripts/fan_out.py``, ``programs/rag`` for the
    program ``corpus/programs/rag/``."""
    if path.is_dir():
        return f"{path.parent.name}/{path.name}"
    return f"{path.parent.name}/{path.stem}"


@dataclass(frozen=True, slots=True)
class Program:
    """A corpus program: its files (relative POSIX path -> text), entry and argv."""

    files: dict[str, str]
    entry: str
    argv: tuple[str, ...] = ()


def load_program(path: Path) -> Program:
    import tomllib

    meta = tomllib.loads((path / "PROGRAM.toml").read_text(encoding="utf-8"))
    files = {
        p.relative_to(path).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(path.rglob("*"))
        if p.is_file() and p.name != "PROGRAM.toml" and "__pycache__" not in p.parts
    }
    return Program(files, str(meta["entry"]), tuple(str(a) for a in meta.get("argv", [])))


# --------------------------------------------------------------------------------- runs


@dataclass(frozen=True, slots=True)
class Run:
    """What one run of a script did, as far as a user (and the endpoint) can tell."""

    returncode: int
    stdout: str
    stderr: str
    files: dict[str, bytes]
    requests: list[RecordedRequest]
    log: list[RequestRecord]
    seconds: float
    timed_out: bool = False

    @property
    def escaping(self) -> str:
        """The exception that escaped, as printed: the line after the last traceback's
        frames (warnings printed at exit may follow it), else the last line of stderr."""
        lines = self.stderr.strip().splitlines()
        if _TRACEBACK in lines:
            start = len(lines) - lines[::-1].index(_TRACEBACK)
            for line in lines[start:]:
                if line.strip() and not line.startswith((" ", "\t")):
                    return line
        return lines[-1] if lines else ""

    @property
    def raised(self) -> bool:
        return "Traceback (most recent call last):" in self.stderr

    def render(self, label: str) -> str:
        files = ", ".join(f"{k} ({len(v)} bytes)" for k, v in self.files.items()) or "none"
        log = "".join(
            f"    {r.received:8.3f} {r.finished:8.3f} {r.status} {r.path} {r.prompt[:60]!r}\n"
            for r in self.log
        )
        return (
            f"----- {label}: exit {self.returncode}, {self.seconds:.2f} s"
            f"{' (TIMED OUT)' if self.timed_out else ''}, files: {files}\n"
            f"  stdout:\n{textwrap.indent(self.stdout, '    ')}"
            f"  stderr:\n{textwrap.indent(self.stderr, '    ')}"
            f"  requests (received, finished, status, path, prompt):\n{log}"
        )


def run_script(code: str, name: str, endpoint: RecordingEndpoint, workdir: Path) -> Run:
    """Run ``code`` as ``<workdir>/src/<name>`` with ``<workdir>/cwd`` as working dir.

    Both runs of a script use the same file name (``__file__``, ``sys.argv[0]``,
    tracebacks, argparse's ``prog``), in directories of their own.
    """
    return run_program(Program({name: code}, name), endpoint, workdir)


def run_program(program: Program, endpoint: RecordingEndpoint, workdir: Path) -> Run:
    """Run a program's entry script from ``<workdir>/src/`` (its files there, so its
    directory is first on ``sys.path``) with ``<workdir>/cwd`` as working dir; a
    program of several files runs in its own directory, as its users run it (it opens
    its data files by relative paths), and the files compared are the ones it wrote."""
    src = workdir / "src"
    in_place = len(program.files) > 1
    cwd = src if in_place else workdir / "cwd"
    src.mkdir(parents=True)
    cwd.mkdir(exist_ok=True)
    for relative, text in program.files.items():
        target = src / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    script = src / program.entry
    endpoint.reset()
    start = time.monotonic()
    try:
        completed = subprocess.run(
            [sys.executable, str(script), *program.argv],
            cwd=cwd,
            env=run_env(endpoint),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=RUN_TIMEOUT,
        )
        returncode, out, err, timed_out = (
            completed.returncode,
            completed.stdout,
            completed.stderr,
            False,
        )
    except subprocess.TimeoutExpired as exc:
        returncode, timed_out = -1, True
        out = exc.stdout if isinstance(exc.stdout, bytes) else b""
        err = (exc.stderr if isinstance(exc.stderr, bytes) else b"") + (
            f"\n[corpus] hung: killed after {RUN_TIMEOUT:g} s\n".encode()
        )
    seconds = time.monotonic() - start
    if returncode != 0:  # requests cut off by the exit may still be on their way
        time.sleep(SETTLE_TIME)
    files = {
        str(p.relative_to(cwd)): p.read_bytes()
        for p in sorted(cwd.rglob("*"))
        if p.is_file()
        and "__pycache__" not in p.parts
        and not (in_place and p.relative_to(cwd).as_posix() in program.files)
    }
    return Run(
        returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        files,
        endpoint.requests(),
        endpoint.log(),
        seconds,
        timed_out,
    )


# -------------------------------------------------------------------------- comparison

_TRACEBACK = "Traceback (most recent call last):"


def normalise(text: str, workdir: Path) -> str:
    """What of a run's output must be equal: the run's own directories and traceback
    frames (file names, line numbers and the code shown differ between the input and
    the output) are replaced. The exception lines of a traceback are kept, and so is
    everything around it (logging, warnings, chained-exception headers)."""
    text = text.replace(str(workdir / "src"), "<src>").replace(str(workdir / "cwd"), "<cwd>")
    out: list[str] = []
    in_traceback = False
    for line in text.splitlines(keepends=True):
        if line.startswith(_TRACEBACK):
            out.append(_TRACEBACK + " <frames>\n")
            in_traceback = True
            continue
        if in_traceback and (line.startswith((" ", "\t")) or not line.strip()):
            continue  # a frame, its source line, a caret line
        in_traceback = False
        out.append(line)
    return "".join(out)


def _diff(label: str, a: str, b: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        a.splitlines(keepends=True),
        b.splitlines(keepends=True),
        fromfile=f"{label} (sequential)",
        tofile=f"{label} (transpiled)",
        n=2,
    )
    shown = "".join(lines)
    if len(shown) > 3000:
        shown = shown[:3000] + "\n... (cut)\n"
    return shown


def _request_key(r: RecordedRequest) -> tuple[str, str, str]:
    return (r.method, r.path, r.body)


def _short(key: tuple[str, str, str]) -> str:
    method, path, body = key
    return f"{method} {path} {body[:200]}{'...' if len(body) > 200 else ''}"


def differences(seq: Run, epic: Run, seq_dir: Path, epic_dir: Path) -> list[str]:
    """How the transpiled run's observable behaviour differs from the sequential one's."""
    problems: list[str] = []
    if epic.timed_out:
        problems.append(f"the transpiled run hung (killed after {RUN_TIMEOUT:g} s)")
    seq_out, epic_out = normalise(seq.stdout, seq_dir), normalise(epic.stdout, epic_dir)
    if seq_out != epic_out:
        problems.append("stdout differs:\n" + _diff("stdout", seq_out, epic_out))
    seq_err, epic_err = normalise(seq.stderr, seq_dir), normalise(epic.stderr, epic_dir)
    if seq_err != epic_err:
        problems.append("stderr differs:\n" + _diff("stderr", seq_err, epic_err))
    if seq.returncode != epic.returncode:
        problems.append(f"exit code {seq.returncode} (sequential) vs {epic.returncode}")
    if seq.files != epic.files:
        for name in sorted(set(seq.files) | set(epic.files)):
            a, b = seq.files.get(name), epic.files.get(name)
            if a == b:
                continue
            if a is None or b is None:
                where = "transpiled" if a is None else "sequential"
                problems.append(f"file {name} is only written by the {where} run")
            else:
                problems.append(
                    f"file {name} differs:\n"
                    + _diff(name, a.decode("utf-8", "replace"), b.decode("utf-8", "replace"))
                )
    sent = collections.Counter(map(_request_key, seq.requests))
    sent_epic = collections.Counter(map(_request_key, epic.requests))
    missing, extra = sent - sent_epic, sent_epic - sent
    if missing:
        problems.append(
            f"the transpiled run did not send {missing.total()} request(s) the sequential "
            "run sent:\n" + "".join(f"  {_short(k)}\n" for k in sorted(missing.elements()))
        )
    if extra and not _extra_allowed(seq):
        problems.append(
            f"the transpiled run sent {extra.total()} request(s) the sequential run did "
            "not:\n" + "".join(f"  {_short(k)}\n" for k in sorted(extra.elements()))
        )
    return problems


def _extra_allowed(seq: Run) -> bool:
    """Whether early-dispatched requests the sequential run never made are allowed.

    The semantics allow them when an exception was raised (calls started ahead of the
    failing statement may have been sent, then cancelled): an exception escaped, or an
    API request failed (an error the script may have caught).
    """
    return seq.returncode != 0 or any(r.status >= 400 for r in seq.log)


# ------------------------------------------------------------------------------ outcomes


@dataclass(slots=True)
class Outcome:
    """The verdict on one script."""

    script: str
    outcome: str
    parallelised: bool = False
    diagnostics: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sequential_seconds: float = 0.0
    transpiled_seconds: float = 0.0
    sequential_peak: int = 0
    transpiled_peak: int = 0
    requests: int = 0
    # The awaited calls of the output, and how many of them start early; for each one
    # that waits, why (``epic explain``'s words).
    calls: int = 0
    early: int = 0
    waits: list[str] = field(default_factory=list)
    details: str = ""  # both runs and the generated code, for a failure message

    @property
    def passed(self) -> bool:
        return self.outcome in PASSING

    def summary(self) -> str:
        """One line: what happened, and the first reason."""
        if self.outcome == "identical":
            how = "parallelised" if self.parallelised else "unchanged"
            extra = f", peak {self.transpiled_peak} in flight" if self.parallelised else ""
            return f"{how}{extra}" + (f"; {self.notes[0]}" if self.notes else "")
        if self.outcome == "kept-sequential":
            return self.diagnostics[0].splitlines()[0] if self.diagnostics else "no diagnostic"
        if self.differences:
            return self.differences[0].splitlines()[0]
        return ""

    def report(self) -> str:
        """Everything about a failing script, for a test failure or ``-v``."""
        parts = [f"{self.script}: {self.outcome}"]
        parts += [f"- {d}" for d in self.differences]
        if self.diagnostics:
            parts.append("diagnostics:\n" + "\n".join(self.diagnostics))
        if self.details:
            parts.append(self.details)
        return "\n".join(parts)


class Runner:
    """Checks scripts against a pair of recording endpoints (one per run of a script)."""

    def __init__(self, endpoints: tuple[RecordingEndpoint, RecordingEndpoint]) -> None:
        self.endpoints = endpoints
        self._pool = concurrent.futures.ThreadPoolExecutor(2, "corpus-run")

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def determinism(self, path: Path) -> tuple[int, list[str]]:
        """Run the original twice, at once: how the two runs differ (a corpus script
        must behave the same every time, or no comparison with it means anything)."""
        source = path.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix=f"corpus-{path.stem}-") as tmp:
            dirs = Path(tmp) / "first", Path(tmp) / "second"
            futures = [
                self._pool.submit(run_script, source, path.name, endpoint, d)
                for endpoint, d in zip(self.endpoints, dirs, strict=True)
            ]
            first, second = (f.result() for f in futures)
            return first.returncode, differences(first, second, *dirs)

    def check(self, path: Path) -> Outcome:
        """Transpile ``path`` (a script, or a program's directory), run both versions
        and compare them."""
        outcome = Outcome(script_id(path), "identical")
        if path.is_dir():
            original = load_program(path)
        else:
            original = Program({path.name: path.read_text(encoding="utf-8")}, path.name)
        try:
            transpiled = self._transpile(original, outcome)
        except Exception:  # the transpiler's crash is the outcome
            outcome.outcome = "transpile-crash"
            outcome.differences.append(traceback.format_exc().strip().splitlines()[-1])
            outcome.details = traceback.format_exc()
            return outcome
        if transpiled is None:
            outcome.outcome = "transpile-crash"
            outcome.differences.append("epic reported errors for a valid script")
            return outcome
        kept = transpiled == original
        code = "".join(
            f"# {name}\n{text}" if len(transpiled.files) > 1 else text
            for name, text in transpiled.files.items()
            if text != original.files.get(name)
        )
        outcome.parallelised = not kept
        with tempfile.TemporaryDirectory(prefix=f"corpus-{path.stem}-") as tmp:
            seq_dir, epic_dir = Path(tmp) / "sequential", Path(tmp) / "transpiled"
            seq_future = self._pool.submit(run_program, original, self.endpoints[0], seq_dir)
            epic_future = (
                None
                if kept
                else self._pool.submit(run_program, transpiled, self.endpoints[1], epic_dir)
            )
            seq = seq_future.result()
            epic = seq if epic_future is None else epic_future.result()
        outcome.sequential_seconds, outcome.transpiled_seconds = seq.seconds, epic.seconds
        outcome.sequential_peak = max_in_flight(seq.log)
        outcome.transpiled_peak = max_in_flight(epic.log)
        outcome.requests = len(seq.requests)
        outcome.details = seq.render("sequential run") + (
            "" if kept else epic.render("transpiled run") + "----- generated code:\n" + code
        )
        if seq.timed_out:
            outcome.notes.append("the sequential run itself hung")
        if kept:
            outcome.outcome = "kept-sequential"
            if not outcome.diagnostics:
                outcome.diagnostics = ["no external call that epic rewrites: returned unchanged"]
            return outcome
        outcome.differences = differences(seq, epic, seq_dir, epic_dir)
        extra = collections.Counter(map(_request_key, epic.requests)) - collections.Counter(
            map(_request_key, seq.requests)
        )
        if extra and _extra_allowed(seq):
            outcome.notes.append(
                f"{extra.total()} early-dispatched request(s) the sequential run did not "
                "send (allowed: an exception was raised)"
            )
        if not outcome.differences:
            return outcome
        crashed = epic.timed_out or (
            epic.raised and (not seq.raised or epic.escaping != seq.escaping)
        )
        outcome.outcome = "output-crash" if crashed else "diverged"
        if crashed and not epic.timed_out:
            outcome.differences.insert(0, f"the transpiled run raised: {epic.escaping}")
        return outcome

    @staticmethod
    def _transpile(original: Program, outcome: Outcome) -> Program | None:
        """The transpiled program (None: epic reported errors), recording the
        diagnostics and the calls in ``outcome``."""
        results: list[TranspileResult] = []
        if len(original.files) == 1:
            [(name, source)] = original.files.items()
            result = transpile(source, path=name)
            outcome.diagnostics = [d.render() for d in result.diagnostics]
            if result.has_errors or result.code is None:
                return None
            files = {name: result.code}
            results.append(result)
        else:
            modules = [
                SourceModule(name, text, name)
                for name, text in original.files.items()
                if name.endswith(".py")
            ]
            program = transpile_program(modules)
            outcome.diagnostics = [d.render() for d in program.diagnostics]
            if program.has_errors:
                return None
            files = dict(original.files)
            for module_outcome in program.outcomes:
                assert module_outcome.code is not None
                files[module_outcome.module.relative] = module_outcome.code
                if module_outcome.result is not None:
                    results.append(module_outcome.result)
        changed = [r for r in results if r.code is not None]
        decisions = [d for r in changed for d in r.decisions]
        outcome.calls = len(decisions)
        outcome.early = sum(d.early for d in decisions)
        outcome.waits = [f"line {d.line} `{d.call}`: {d.how}" for d in decisions if not d.early]
        return Program(files, original.entry, original.argv)


@contextlib.contextmanager
def _sigint_not_ignored() -> Iterator[None]:
    """Let the runs see Ctrl-C as a user's script would.

    A process started in the background (``nohup``, ``cmd &`` in a script) has SIGINT
    ignored, its children inherit that, and Python then never raises
    ``KeyboardInterrupt``: a script that handles it would behave differently there.
    """
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    else:
        yield


@contextlib.contextmanager
def runner() -> Iterator[Runner]:
    """A :class:`Runner` with its two endpoints, for the duration of the block."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(_sigint_not_ignored())
        pair = (
            stack.enter_context(serve_recording(GOLDEN_LATENCY)),
            stack.enter_context(serve_recording(GOLDEN_LATENCY)),
        )
        run = Runner(pair)
        stack.callback(run.close)
        yield run


def load_known_divergences(path: Path = KNOWN_DIVERGENCES) -> dict[str, str]:
    """``corpus/known_divergences.toml``: script id -> the class of bug it shows."""
    import tomllib

    if not path.exists():
        return {}
    with path.open("rb") as f:
        data = tomllib.load(f)
    known = data.get("divergences", {})
    return {str(k): str(v) for k, v in known.items()}


# -------------------------------------------------------------------------- command line


def _select(names: Sequence[str]) -> list[Path]:
    scripts = corpus_scripts()
    if not names:
        return scripts
    chosen: list[Path] = []
    for name in names:
        stem = Path(name.rstrip("/")).stem
        matches = [p for p in scripts if p.stem == stem or script_id(p) == name.removesuffix(".py")]
        if not matches:
            raise SystemExit(f"corpus/run.py: no corpus script named {name!r}")
        chosen += matches
    return chosen


def table(outcomes: Sequence[Outcome]) -> str:
    width = max((len(o.script) for o in outcomes), default=10)
    rows = [
        f"{'script':<{width}}  {'outcome':<15}  {'seq s':>6}  {'epic s':>6}  {'early':>7}  detail"
    ]
    for o in outcomes:
        epic_s = f"{o.transpiled_seconds:6.2f}" if o.parallelised else "     -"
        early = f"{o.early}/{o.calls}"
        rows.append(
            f"{o.script:<{width}}  {o.outcome:<15}  {o.sequential_seconds:6.2f}  {epic_s}  "
            f"{early:>7}  {o.summary()[:100]}"
        )
    counts = collections.Counter(o.outcome for o in outcomes)
    parallel = sum(1 for o in outcomes if o.outcome == "identical" and o.parallelised)
    rows.append("")
    rows.append(
        ", ".join(f"{name}: {counts[name]}" for name in OUTCOMES)
        + f"  (identical and parallelised: {parallel}; total {len(outcomes)})"
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="corpus/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("scripts", nargs="*", help="script stems or ids (default: all)")
    parser.add_argument("--json", metavar="PATH", help="write every outcome as JSON ('-': stdout)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print both runs of each")
    parser.add_argument(
        "--determinism",
        action="store_true",
        help="instead, run each original twice and report any difference (for new scripts)",
    )
    args = parser.parse_args(argv)
    paths = _select(args.scripts)
    if args.determinism:
        with runner() as run:
            unstable = 0
            for path in paths:
                status, found = run.determinism(path)
                unstable += bool(found)
                verdict = "UNSTABLE" if found else "deterministic"
                print(f"{script_id(path)}: {verdict} (exit {status})")
                for problem in found:
                    print(textwrap.indent(problem, "    "))
        return 1 if unstable else 0
    known = load_known_divergences()
    outcomes: list[Outcome] = []
    with runner() as run:
        for path in paths:
            outcome = run.check(path)
            outcomes.append(outcome)
            flag = " (known)" if outcome.script in known else ""
            print(f"{outcome.script}: {outcome.outcome}{flag}  {outcome.summary()[:100]}",
                  file=sys.stderr, flush=True)  # fmt: skip
            if args.verbose or (not outcome.passed and len(paths) == 1):
                print(outcome.report(), file=sys.stderr)
    print(table(outcomes))
    if args.json:
        dump = json.dumps([asdict(o) for o in outcomes], indent=2)
        if args.json == "-":
            print(dump)
        else:
            Path(args.json).write_text(dump + "\n", encoding="utf-8")
    return 0 if all(o.passed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
