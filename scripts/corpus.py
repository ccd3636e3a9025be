"""Transpile real code: every ``.py`` of the standard library and of epic's dependencies.

    .venv/bin/python scripts/corpus.py [--jobs 2] [--limit N] [PATH ...]

Real code is not what epic is for, but it must never make epic crash: for every file,
``transpile`` must return (an unsupported construct is a diagnostic, not a traceback),
whatever it returns must compile, a file it keeps sequential must come back as it was,
and a file that makes no external call must come back byte-identical. Files that
CPython itself cannot compile (test data with bad syntax, Python 2) are "not Python".

Prints the totals: files, transpiled, unchanged, kept sequential, not Python, crashes,
non-compiling outputs, the other findings, and the time taken; and every finding with
its file. Exit status 1 when there is a finding. ``tests/test_corpus.py`` runs the same
check over a fixed sample of about 200 files.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import os
import re
import signal
import sys
import sysconfig
import time
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transpiler.config import Config  # noqa: E402
from transpiler.io import SourceDecodeError, decode_source, encode_output  # noqa: E402
from transpiler.pipeline import transpile  # noqa: E402

#: The project's runtime dependencies whose installed sources are part of the corpus.
DEPENDENCIES = ("libcst", "black", "blib2to3", "blackd", "openai", "aiohttp")
FILE_TIMEOUT = 120  # seconds; longer counts as a finding ("timeout")

#: A file that mentions none of these makes no call epic treats as external by default
#: (openai, time.sleep, requests, subprocess, urllib.request.urlopen, the pragma).
EXTERNAL_HINT = re.compile(
    r"\b(sleep|subprocess|requests|urlopen|openai|OpenAI|ChatCompletion|check_output|"
    r"check_call|epic:)\b"
)

# Outcomes. The first four are fine; the others are findings.
NOT_PYTHON = "not Python"
UNCHANGED = "unchanged"
TRANSPILED = "transpiled"
KEPT_SEQUENTIAL = "kept sequential"
CRASH = "crash"
NON_COMPILING = "non-compiling output"
REJECTED = "valid Python rejected"
CHANGED_WITHOUT_CALLS = "changed without external calls"
KEPT_BUT_CHANGED = "kept sequential but changed"
TIMEOUT = "timeout"
FINDINGS = (CRASH, NON_COMPILING, REJECTED, CHANGED_WITHOUT_CALLS, KEPT_BUT_CHANGED, TIMEOUT)
ORDER = (TRANSPILED, UNCHANGED, KEPT_SEQUENTIAL, NOT_PYTHON, *FINDINGS)


@dataclass(frozen=True)
class Outcome:
    path: str
    outcome: str
    seconds: float
    lines: int
    detail: str = ""


def corpus_roots() -> list[Path]:
    """The standard library and the installed packages of the dependencies."""
    roots = [Path(sysconfig.get_paths()["stdlib"])]
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin is not None:
            roots.append(Path(spec.origin).parent)
    return roots


def corpus_files(roots: Iterable[Path] | None = None) -> list[Path]:
    """Every ``.py`` under the roots (the stdlib without its site-packages), sorted."""
    found: set[Path] = set()
    for root in roots if roots is not None else corpus_roots():
        if root.is_file():
            found.add(root)
            continue
        for path in root.rglob("*.py"):
            if "site-packages" in path.relative_to(root).parts or not path.is_file():
                continue
            found.add(path)
    return sorted(found)


def sample(files: list[Path], size: int, *, max_bytes: int = 40_000) -> list[Path]:
    """A fixed sample: spread over every root, small enough files, stable across runs."""
    small = [p for p in files if p.stat().st_size <= max_bytes]
    ranked = sorted(
        small, key=lambda p: hashlib.sha256(p.name.encode() + p.parent.name.encode()).hexdigest()
    )
    return sorted(ranked[:size])


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout()


def check_file(path: Path, *, timeout: int = FILE_TIMEOUT) -> Outcome:
    """Transpile one file and classify what happened."""
    data = path.read_bytes()
    lines = data.count(b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings of odd test files
        try:
            compile(data, str(path), "exec", dont_inherit=True)
            valid = True
        except (SyntaxError, ValueError, UnicodeDecodeError):
            valid = False
    started = time.perf_counter()

    def done(outcome: str, detail: str = "") -> Outcome:
        return Outcome(str(path), outcome, time.perf_counter() - started, lines, detail)

    try:
        decoded = decode_source(data, path=str(path))
    except SourceDecodeError as exc:
        return done(NOT_PYTHON if not valid else REJECTED, exc.diagnostic.render().splitlines()[0])
    use_alarm = timeout > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout)
    try:
        result = transpile(decoded.text, path=str(path), config=Config())
    except _Timeout:
        return done(TIMEOUT, f"more than {timeout} s")
    except Exception as exc:  # noqa: BLE001 - a crash of epic: what this looks for
        return done(CRASH if valid else NOT_PYTHON, f"{type(exc).__name__}: {str(exc)[:300]}")
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    if not valid:
        # CPython rejects it; epic must reject it too (a syntax-error diagnostic).
        if result.has_errors:
            return done(NOT_PYTHON)
        return done(NOT_PYTHON, "accepted by epic although CPython rejects it")
    if result.code is None or result.has_errors:
        first = result.diagnostics[0].render().splitlines()[0] if result.diagnostics else "no code"
        return done(REJECTED, first)
    source = decoded.text
    if result.problems:
        if result.code != source:
            return done(KEPT_BUT_CHANGED, result.problems[0].message)
        return done(KEPT_SEQUENTIAL, "; ".join(sorted({d.message for d in result.problems}))[:300])
    if result.code == source:
        # What epic would write must be the very bytes it read (BOM, CRLF, encoding).
        written = encode_output(result.code, bom=decoded.bom, newline=decoded.newline)
        if written != data:
            return done(CHANGED_WITHOUT_CALLS, "the same text, but not the same bytes")
        return done(UNCHANGED)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(result.code, str(path), "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return done(NON_COMPILING, f"{type(exc).__name__}: {exc}")
    if not EXTERNAL_HINT.search(source):
        return done(CHANGED_WITHOUT_CALLS, "the output differs from the input")
    return done(TRANSPILED)


def _check(path: str) -> Outcome:
    return check_file(Path(path))


def check_all(files: list[Path], jobs: int) -> Iterator[Outcome]:
    if jobs <= 1:
        for path in files:
            yield check_file(path)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check, [str(p) for p in files], chunksize=4)


@dataclass
class Totals:
    counts: collections.Counter[str]
    findings: list[Outcome]
    seconds: float
    lines: int
    slowest: list[Outcome]
    not_python_accepted: list[Outcome]

    def render(self) -> str:
        files = sum(self.counts.values())
        out = [f"files: {files} ({self.lines} lines)"]
        out += [f"  {name}: {self.counts.get(name, 0)}" for name in ORDER]
        out.append(
            f"  crashes: {self.counts.get(CRASH, 0)}; non-compiling: {self.counts.get(NON_COMPILING, 0)}"
        )
        out.append(
            f"seconds: {self.seconds:.1f} ({self.lines / max(self.seconds, 1e-9):.0f} lines/s overall)"
        )
        out.append(
            "slowest: "
            + ", ".join(
                f"{Path(o.path).name} {o.seconds:.1f} s ({o.lines} lines)" for o in self.slowest
            )
        )
        for finding in self.findings:
            out.append(f"{finding.outcome}: {finding.path}: {finding.detail}")
        for odd in self.not_python_accepted:
            out.append(f"note: {odd.path}: {odd.detail}")
        return "\n".join(out)


def run(files: list[Path], jobs: int, progress: bool = False) -> Totals:
    started = time.perf_counter()
    counts: collections.Counter[str] = collections.Counter()
    findings: list[Outcome] = []
    everything: list[Outcome] = []
    for number, outcome in enumerate(check_all(files, jobs), 1):
        counts[outcome.outcome] += 1
        everything.append(outcome)
        if outcome.outcome in FINDINGS:
            findings.append(outcome)
        if progress and number % 250 == 0:
            print(
                f"  {number}/{len(files)} files, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    slowest = sorted(everything, key=lambda o: -o.seconds)[:5]
    odd = [o for o in everything if o.outcome == NOT_PYTHON and o.detail.startswith("accepted")]
    return Totals(
        counts,
        findings,
        time.perf_counter() - started,
        sum(o.lines for o in everything),
        slowest,
        odd,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the whole corpus)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, help="check a fixed sample of this many files")
    args = parser.parse_args()
    files = corpus_files(args.paths or None)
    if args.limit:
        files = sample(files, args.limit)
    roots = args.paths or corpus_roots()
    print(
        f"transpiling {len(files)} files from {', '.join(map(str, roots))} with {args.jobs} job(s)",
        flush=True,
    )
    totals = run(files, args.jobs, progress=True)
    print(totals.render())
    return 1 if totals.findings else 0


if __name__ == "__main__":
    sys.exit(main())
