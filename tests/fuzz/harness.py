"""Run a program sequentially and transpiled, in process, and compare what happened.

The program's external functions call ``_world``, a :class:`World` the harness puts into
the program's globals. A world

* sleeps a latency taken from its *schedule* (a seed: every call gets a latency derived
  from the seed, the call's name, argument and occurrence, so two schedules complete
  the same calls in different orders, and the sequential and transpiled runs under one
  seed see the same latency for the same call);
* records each call ``(name, argument)`` in a thread-safe log, when it starts;
* returns a result derived from ``(name, argument)`` only;
* raises ``exc(f"boom {name} {x}")`` when ``x`` is one of the arguments the program
  designates (``fails=``), unless failures are switched off from some call on.

:func:`check_program` runs the sequential program once, the transpiled one under every
schedule, and returns the list of divergences (empty when the two agree), see
:class:`Divergence`. The checks are those of the semantic contract: same stdout, same
escaping exception (type and message) or both complete; the same multiset of external
calls when no exception escapes, and when one does, the transpiled run's calls contain
the sequential run's, and every extra one is a call the sequential program would have
made after the failure point; no run hangs; nothing is printed to stderr, no
"Task exception was never retrieved", no coroutine left un-awaited, no call still
running when the program has finished. With a ``slack`` (the soak runs of
``scripts/fuzz_long.py``), also: the transpiled run is never slower than the sequential
one by more than that many seconds. That one is a wall-time measurement, which a busy
machine can break, so the tests (:func:`fuzz`, :func:`compare_code`) leave it out.
"""

from __future__ import annotations

import builtins
import collections
import contextlib
import ctypes
import gc
import io
import logging
import os
import re
import sys
import threading
import time
import types
import warnings
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from transpiler.config import Config
from transpiler.pipeline import TranspileResult, transpile
from transpiler.program import SourceModule, transpile_program

#: Failures removed, one at a time, to find the calls a run may make after them.
SPARED_RUNS = 4

#: Latencies a schedule picks from, in milliseconds (``EPIC_FUZZ_LATENCY_MS`` overrides,
#: e.g. ``0,5,10,20``). Small on purpose: what matters is the completion order.
LATENCIES_MS = tuple(
    float(v) for v in os.environ.get("EPIC_FUZZ_LATENCY_MS", "0,1,2,3,5,8").split(",")
)
TIMEOUT = 10.0  # seconds per run; longer is a hang
SLACK = 0.5  # seconds the transpiled run may take beyond the sequential one (soak runs)

Call = tuple[str, str]  # (name, repr of the argument when the call started)
#: The modules a program imports besides its main script: (module name, text).
Modules = tuple[tuple[str, str], ...]


#: Divergences that follow from another one (a wrong value printed, a call with a wrong
#: argument, an exception that escapes too early): a known issue may bring them along.
CONSEQUENCES = (
    "stdout differs",
    "outcome differs",
    "calls differ",
    "calls missing before the failure",
    "speculative calls",
    "runtime complaints",
    "call still running at the end",
)


@dataclass(frozen=True)
class KnownIssue:
    """A divergence already reported (and minimised) but not fixed yet.

    While it is listed, a program with a divergence matching the issue's signature
    (``kind``, ``detail``, ``source``: regexes; None matches anything), whose other
    divergences are signatures of known issues too or their consequences
    (:data:`CONSEQUENCES`), is counted under the issue's name instead of failing the
    run, so that the fuzzer keeps looking for new bugs. ``EPIC_FUZZ_STRICT=1`` turns
    this off. Each entry has a regression test in ``tests/test_fuzz.py``: when the bug
    is fixed that test fails ("remove it from KNOWN_ISSUES") until the entry is removed.
    """

    name: str
    summary: str
    kind: str | None = None
    detail: str | None = None
    source: str | None = None

    def matches(self, source: str, divergence: Divergence) -> bool:
        return (
            (self.kind is None or re.search(self.kind, divergence.kind) is not None)
            and (self.detail is None or re.search(self.detail, divergence.detail) is not None)
            and (self.source is None or re.search(self.source, source, re.M) is not None)
        )


KNOWN_ISSUES: tuple[KnownIssue, ...] = ()
#: Fixed, with their reproductions kept as regression tests in tests/test_fuzz.py:
#: loop-variable-rebound, dispatch-reads-pending-result, resolve-before-earlier-task,
#: run-exception-context, cancelled-before-start-warning. Documented instead
#: (docs/semantics.md, "Completeness and early dispatch"): calls-past-caught-exception.


def known_issues_of(source: str, divergences: list[Divergence]) -> list[str] | None:
    """The known issues that explain every divergence, or None if some are new."""
    matched = {
        i: [issue.name for issue in KNOWN_ISSUES if issue.matches(source, d)]
        for i, d in enumerate(divergences)
    }
    names = sorted({name for found in matched.values() for name in found})
    if not names:
        return None
    for i, divergence in enumerate(divergences):
        if not matched[i] and divergence.kind not in CONSEQUENCES:
            return None
    return names


def _strict() -> bool:
    return os.environ.get("EPIC_FUZZ_STRICT", "") not in ("", "0")


def call_result(name: str, arg: str) -> int:
    """The result of external ``name`` on an argument (its repr): stable everywhere."""
    return zlib.crc32(f"{name}|{arg}".encode()) % 100


def latency(seed: int, name: str, arg: str, occurrence: int) -> float:
    """Seconds the ``occurrence``-th call ``name(arg)`` takes under schedule ``seed``."""
    digest = zlib.crc32(f"{seed}|{name}|{arg}|{occurrence}".encode())
    return LATENCIES_MS[digest % len(LATENCIES_MS)] / 1000


class World:
    """The external services of one run (see the module docstring)."""

    def __init__(self, seed: int, *, fail_until: int | None = None) -> None:
        self.seed = seed
        #: failures happen only for calls with index < fail_until (None: always)
        self.fail_until = fail_until
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self.calls: list[Call] = []
        self.latencies: list[float] = []
        #: (index of the call, exception type name, message) for every injected failure
        self.raised: list[tuple[int, str, str]] = []
        self.in_flight = 0
        self._occurrences: collections.Counter[tuple[str, str]] = collections.Counter()
        #: the shared state of ``put``/``get`` externals (a store some write, others read)
        self.store: dict[object, int] = {}

    def call(
        self, name: str, x: object, fails: Iterable[object] = (), exc: type[Exception] = ValueError
    ) -> int:
        result: int = self._call(name, x, fails, exc, call_result)
        return result

    def text(
        self, name: str, x: object, fails: Iterable[object] = (), exc: type[Exception] = ValueError
    ) -> str:
        result: str = self._call(name, x, fails, exc, lambda n, arg: f"{n}{call_result(n, arg)}")
        return result

    def _call(
        self, name: str, x: object, fails: Iterable[object], exc: type[Exception], make: Any
    ) -> Any:
        arg = repr(x)
        with self._lock:
            index = len(self.calls)
            key = (name, arg)
            occurrence = self._occurrences[key]
            self._occurrences[key] += 1
            delay = latency(self.seed, name, arg, occurrence)
            self.calls.append((name, arg))
            self.latencies.append(delay)
            self.in_flight += 1
        try:
            time.sleep(delay)
            failing = (self.fail_until is None or index < self.fail_until) and any(
                type(x) is type(f) and x == f for f in fails
            )
            if failing:
                error = exc(f"boom {name} {x}")
                with self._lock:
                    self.raised.append((index, type(error).__name__, str(error)))
                raise error
            # From the argument as it is *now*: a list the caller mutates while the call
            # is in flight (which the sequential program never does) changes the result.
            return make(name, repr(x))
        finally:
            with self._lock:
                self.in_flight -= 1
                self._idle.notify_all()

    def put(
        self,
        name: str,
        key: object,
        value: int,
        fails: Iterable[object] = (),
        exc: type[Exception] = ValueError,
    ) -> int:
        """Write ``value`` under ``key`` in the shared store, when the call *ends* (a
        call declared ``ordered``: it changes the world); returns ``value``."""

        def write(n: str, arg: str) -> int:
            with self._lock:
                self.store[key] = value
            return value

        result: int = self._call(name, (key, value), fails, exc, write)
        return result

    def get(
        self,
        name: str,
        key: object,
        fails: Iterable[object] = (),
        exc: type[Exception] = ValueError,
    ) -> int:
        """Read ``key`` from the shared store as it is when the call *starts* (-1 when
        unset): a read started before an earlier write has finished sees the old value."""
        with self._lock:
            snapshot = self.store.get(key, -1)
        result: int = self._call(name, key, fails, exc, lambda n, arg: snapshot)
        return result

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no call is running (cancelled tasks' threads run to the end)."""
        with self._idle:
            return self._idle.wait_for(lambda: self.in_flight == 0, timeout)


@dataclass
class Run:
    """What one execution of a program did."""

    stdout: str
    stderr: str
    error: tuple[str, str] | None  # (type name, message) of the escaping exception
    calls: list[Call]
    seconds: float
    hung: bool
    #: calls still running when the program had finished
    running_at_end: int
    world: World
    complaints: list[str] = field(default_factory=list)  # warnings, asyncio errors
    #: the escaping exception's context/cause chain, as its traceback would print it
    context: tuple[str, ...] | None = None

    @property
    def outcome(self) -> str:
        return "completed" if self.error is None else f"{self.error[0]}: {self.error[1]}"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"asyncio log: {record.getMessage()}")


#: Executions between two full collections (see ``_collect_before_run``).
_FULL_COLLECT_EVERY = 64
_executions = 0


def _collect_before_run() -> None:
    """Collect what earlier runs left behind, then freeze what survives.

    Frozen objects are skipped by later collections, so the collection after a run
    (which must see the run's own garbage: "never awaited", "never retrieved") scans
    only what the run created, not the whole heap of hypothesis and epic. A full
    collection every ``_FULL_COLLECT_EVERY`` runs frees what became garbage while frozen.
    Without this, full collections took two thirds of a soak run's time.
    """
    global _executions
    _executions += 1
    if _executions % _FULL_COLLECT_EVERY == 0:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


_endpoint: contextlib.ExitStack | None = None


def _serve_openai() -> None:
    """An offline endpoint for the programs that make real openai requests (a streamed
    reply), started on first need and kept for the process: ``OpenAI()`` finds it
    through ``OPENAI_BASE_URL``. Its replies are quick and deterministic, so a run's
    output is a function of the program and the world's schedule only."""
    global _endpoint
    if _endpoint is not None:
        return
    from offline_endpoint import LatencyModel, serve_in_thread

    stack = contextlib.ExitStack()
    endpoint = stack.enter_context(
        serve_in_thread(latency=LatencyModel(ttft=0.005, per_token=0.001))
    )
    os.environ["OPENAI_BASE_URL"] = endpoint.base_url
    os.environ["OPENAI_API_KEY"] = "offline"
    _endpoint = stack


def execute(
    code: str,
    world: World,
    *,
    filename: str,
    timeout: float = TIMEOUT,
    modules: Modules = (),
) -> Run:
    """Exec ``code`` as ``__main__`` in a fresh namespace, on a worker thread, after the
    ``modules`` it imports (name, text: each imported fresh, with the world in its
    globals too).

    stdout and stderr are captured; the exception that escapes is recorded. A run that
    takes longer than ``timeout`` is abandoned (its thread is a daemon) and marked hung.
    """
    compiled = compile(code, filename, "exec", dont_inherit=True)
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins, "_world": world}
    box: dict[str, Any] = {}
    libraries = [
        (name, compile(text, f"<{name}>", "exec", dont_inherit=True)) for name, text in modules
    ]

    def target() -> None:
        start = time.perf_counter()
        try:
            for name, library in libraries:
                module = types.ModuleType(name)
                module.__dict__.update(__builtins__=builtins, _world=world)
                sys.modules[name] = module
                exec(library, module.__dict__)
            exec(compiled, namespace)
        except BaseException as exc:  # noqa: BLE001 - recorded and compared
            box["error"] = exc
        box["seconds"] = time.perf_counter() - start
        box["running"] = world.in_flight

    _collect_before_run()  # so that what earlier runs left behind is not blamed on this one
    out, err = io.StringIO(), io.StringIO()
    records = _Records()
    asyncio_logger = logging.getLogger("asyncio")
    asyncio_logger.addHandler(records)
    try:
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            thread = threading.Thread(target=target, name="fuzz-run", daemon=True)
            thread.start()
            thread.join(timeout)
            hung = thread.is_alive()
            described = context = None
            if not hung:
                world.wait_idle(timeout)
                namespace.clear()
                for name, _ in modules:
                    module = sys.modules.pop(name, None)
                    if module is not None:
                        module.__dict__.clear()
                error = box.pop("error", None)
                if error is not None:
                    described = (type(error).__name__, str(error))
                    if isinstance(error, SystemExit):
                        # the exit status: ``sys.exit(2)`` and ``sys.exit("2")`` differ
                        described = ("SystemExit", f"code={error.code!r}")
                    context = _context_chain(error)
                # Drop the traceback (it holds the frames, the tasks, the coroutines)
                # before collecting: "never retrieved" / "never awaited" show up then.
                error = None
                gc.collect()
    finally:
        asyncio_logger.removeHandler(records)
    complaints = [f"warning: {w.category.__name__}: {w.message}" for w in caught] + records.messages
    if hung:
        _abandon(thread)
        return Run(
            out.getvalue(),
            err.getvalue(),
            None,
            list(world.calls),
            timeout,
            True,
            0,
            world,
            complaints,
        )
    return Run(
        stdout=out.getvalue(),
        stderr=err.getvalue(),
        error=described,
        calls=list(world.calls),
        seconds=box["seconds"],
        hung=False,
        running_at_end=box["running"],
        world=world,
        complaints=complaints,
        context=context,
    )


def _context_chain(error: BaseException) -> tuple[str, ...]:
    """What a traceback would show before the exception: "During handling of the above
    exception, another exception occurred" (``__context__``) and "The above exception
    was the direct cause" (``__cause__``), as ``type: message`` from the innermost."""
    chain: list[str] = []
    seen = {id(error)}
    current = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    while current is not None and id(current) not in seen and len(chain) < 5:
        seen.add(id(current))
        chain.append(f"{type(current).__name__}: {current}")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return tuple(reversed(chain))


class Abandoned(BaseException):
    """Raised inside a run that took too long, to stop it (best effort)."""


def _abandon(thread: threading.Thread) -> None:
    """Stop a hung run's thread, so that it cannot keep printing into later runs.

    The exception is delivered when the thread next runs Python code: a loop that
    never ends stops, a thread blocked forever in a system call stays (silently).
    """
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(Abandoned)
        )


@dataclass
class Divergence:
    """One way the transpiled program behaved differently (or a crash of epic)."""

    kind: str
    detail: str
    seed: int | None = None
    note: str = ""  # e.g. the known issue it looks like

    def __str__(self) -> str:
        where = f" (schedule {self.seed})" if self.seed is not None else ""
        note = f" [{self.note}]" if self.note else ""
        return f"{self.kind}{where}{note}: {self.detail}"


@dataclass
class Stats:
    """Counts over a fuzzing session, printed at the end."""

    programs: int = 0
    transpiled: int = 0  # programs whose output differs from the input
    unchanged: int = 0  # no external call reached: output == input, nothing to run
    kept_sequential: int = 0  # unsupported construct: diagnostics, output == input
    schedules: int = 0  # transpiled runs
    sequential_runs: int = 0
    escaped: int = 0  # programs whose sequential run ends in an exception
    injected_escapes: int = 0  # ... an exception the world injected
    calls: int = 0  # external calls made by the sequential runs
    extra_calls: int = 0  # early-dispatched calls of runs ending in an exception
    unverifiable_extras: int = 0  # extras after a pure exception (no failure to remove)
    divergent: int = 0
    programs_of_modules: int = 0  # programs split into a module and a script
    known: collections.Counter[str] = field(default_factory=collections.Counter)
    transpile_seconds: float = 0.0
    run_seconds: float = 0.0
    diagnostics: collections.Counter[str] = field(default_factory=collections.Counter)

    def summary(self) -> str:
        lines = [
            f"programs: {self.programs} (transpiled {self.transpiled}, "
            f"kept sequential {self.kept_sequential}, unchanged {self.unchanged}; "
            f"{self.programs_of_modules} of two modules)",
            f"schedules run: {self.schedules} transpiled + {self.sequential_runs} sequential",
            f"sequential runs ending in an exception: {self.escaped} "
            f"({self.injected_escapes} injected failures)",
            f"external calls (sequential): {self.calls}; early-dispatched extras: "
            f"{self.extra_calls} ({self.unverifiable_extras} unverifiable: after a pure exception)",
            f"divergent programs: {self.divergent} (new), {sum(self.known.values())} "
            f"(known issues only: {', '.join(f'{k} x{n}' for k, n in self.known.most_common()) or '-'})",
            f"time: transpiling {self.transpile_seconds:.1f} s, running {self.run_seconds:.1f} s",
        ]
        if self.diagnostics:
            lines.append(
                "kept-sequential reasons: "
                + "; ".join(f"{why} x{n}" for why, n in self.diagnostics.most_common())
            )
        return "\n".join(lines)


@dataclass
class Report:
    """The result of checking one program."""

    source: str
    code: str | None
    divergences: list[Divergence]
    sequential: Run | None = None
    transpiled: list[Run] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # known issues it showed (not failing)
    # A program of several modules: (the originals, the transpiled ones).
    modules: tuple[Modules, Modules] = ((), ())

    def render(self) -> str:
        parts = ["DIVERGENCE", *(f"  - {d}" for d in self.divergences), ""]
        for name, text in self.modules[0]:
            parts += [f"--- module {name}", text]
        parts += ["--- source", self.source]
        if self.sequential is not None:
            parts += ["--- sequential run", _describe(self.sequential)]
        for run in self.transpiled:
            parts += [f"--- transpiled run (schedule {run.world.seed})", _describe(run)]
        for (name, text), (_, transpiled) in zip(*self.modules, strict=True):
            if transpiled != text:
                parts += [f"--- transpiled module {name}", transpiled]
        if self.code is not None and self.code != self.source:
            parts += ["--- transpiled code", self.code]
        return "\n".join(parts)


def _describe(run: Run) -> str:
    lines = [f"outcome: {'HUNG' if run.hung else run.outcome}", f"seconds: {run.seconds:.3f}"]
    lines += [f"  (during handling of: {c})" for c in run.context or ()]
    lines += [f"stdout: {line}" for line in run.stdout.splitlines()]
    lines += [f"stderr: {line}" for line in run.stderr.splitlines()]
    lines += [f"complaint: {c}" for c in run.complaints]
    shown = ", ".join(f"{n}({arg})" for n, arg in run.calls[:60])
    more = f", ... ({len(run.calls) - 60} more)" if len(run.calls) > 60 else ""
    lines.append(f"calls: {shown}{more}")
    return "\n".join(lines)


def _multiset(calls: Iterable[Call]) -> collections.Counter[tuple[str, str]]:
    return collections.Counter(calls)


def _show(counter: collections.Counter[tuple[str, str]]) -> str:
    return ", ".join(
        f"{name}({x})" + (f" x{n}" if n > 1 else "") for (name, x), n in sorted(counter.items())
    )


def check_program(
    source: str,
    seeds: list[int],
    stats: Stats | None = None,
    *,
    timeout: float = TIMEOUT,
    slack: float | None = SLACK,
    modules: Modules = (),
) -> Report:
    """Transpile ``source`` and compare it with the original under every schedule; with
    ``modules``, the program is those modules and the main script ``source``,
    transpiled together (whole-program mode)."""
    stats = stats if stats is not None else Stats()
    stats.programs += 1
    if any("OpenAI(" in text for text in (source, *(t for _, t in modules))):
        _serve_openai()
    try:
        compile(source, "<fuzz>", "exec", dont_inherit=True)
        for name, text in modules:
            compile(text, f"<{name}>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        stats.divergent += 1
        return Report(source, None, [Divergence("generator error (not Python)", str(exc))])
    started = time.perf_counter()
    try:
        if modules:
            stats.programs_of_modules += 1
            result, transpiled_modules = _transpile_modules(source, modules)
        else:
            result, transpiled_modules = transpile(source, path="<fuzz>", config=Config()), ()
    except Exception as exc:  # noqa: BLE001 - a crash of epic is a finding
        stats.transpile_seconds += time.perf_counter() - started
        stats.divergent += 1
        return Report(
            source, None, [Divergence("transpiler crash", f"{type(exc).__name__}: {exc}")]
        )
    stats.transpile_seconds += time.perf_counter() - started
    code = result.code
    if code is None and all(d.code == "importable-module" for d in result.problems):
        # A program that only defines functions is a library module: epic refuses it
        # rather than break its importers, and nothing runs it.
        stats.kept_sequential += 1
        stats.diagnostics["importable-module"] += 1
        return Report(source, source, [])
    if code is None:
        stats.divergent += 1
        return Report(
            source,
            None,
            [Divergence("transpiler error", "; ".join(d.render() for d in result.diagnostics))],
        )
    if result.problems:
        stats.kept_sequential += 1
        for d in result.problems:
            stats.diagnostics[d.message.split(":")[0]] += 1
        if code != source:
            stats.divergent += 1
            return Report(
                source, code, [Divergence("kept sequential, but changed", "output != input")]
            )
        return Report(source, code, [])
    if code == source and transpiled_modules == modules:
        stats.unchanged += 1
        return Report(source, code, [])
    stats.transpiled += 1

    begun = time.perf_counter()
    try:
        return _compare(
            source, code, seeds, stats, timeout, slack, modules=(modules, transpiled_modules)
        )
    finally:
        stats.run_seconds += time.perf_counter() - begun


def _transpile_modules(source: str, modules: Modules) -> tuple[TranspileResult, Modules]:
    """Whole-program mode: the main script's result (its diagnostics joined with every
    module's) and the transpiled modules."""
    program = transpile_program(
        [SourceModule(f"{name}.py", text, f"<{name}>") for name, text in modules]
        + [SourceModule("main.py", source, "<fuzz>")]
    )
    by_name = {o.module.name: o for o in program.outcomes}
    main = by_name["main"]
    code = main.code if not program.has_errors else None
    # The script's own warnings and every error (a module kept sequential is checked
    # through the script that imports it).
    diagnostics = tuple(
        d
        for d in program.diagnostics
        if d.severity == "error" or (d.severity == "warning" and d.path == "<fuzz>")
    )
    kept = main.result is not None and main.result.kept_sequential
    result = TranspileResult(code, diagnostics, kept_sequential=kept)
    return result, tuple((name, by_name[name].code or text) for name, text in modules)


def _compare(
    source: str,
    code: str,
    seeds: list[int],
    stats: Stats,
    timeout: float,
    slack: float | None,
    *,
    modules: tuple[Modules, Modules] = ((), ()),
) -> Report:
    original_modules, transpiled_modules = modules
    report = Report(source, code, [], modules=modules)
    seq = execute(
        source,
        World(seeds[0]),
        filename="<fuzz-sequential>",
        timeout=timeout,
        modules=original_modules,
    )
    stats.sequential_runs += 1
    report.sequential = seq
    if seq.hung:
        # The generator makes terminating programs: this is a bug of the generator.
        report.divergences.append(Divergence("sequential run hung", f"> {timeout} s"))
        stats.divergent += 1
        return report
    stats.calls += len(seq.calls)
    if seq.stderr or seq.complaints:
        report.divergences.append(
            Divergence("sequential run wrote to stderr", seq.stderr + "; ".join(seq.complaints))
        )

    # Calls the sequential program makes after a failure point: the same program, same
    # schedule, with that failure (and every later one) removed. Each failure the run
    # goes through lets calls started early after it be sent (docs/semantics.md
    # "Completeness and early dispatch": those of a ``try`` body started ahead of a
    # failing statement, those after the statement an exception escapes from), so the
    # extra calls of a transpiled run are bounded by what the program calls after each
    # failure with it removed, added up over the failures. The bound is loose when there
    # are several (each continuation runs to the end of the program), but a call that no
    # continuation makes, or one made more often than all of them together, is caught.
    # Which injected failure raised the exception that escapes is not known (one with
    # the same message may be caught, or raised again in a ``finally``): every one with
    # its message counts, and so does every failure handled before.
    later: Later | None = None
    candidates = [index for index, _, _ in seq.world.raised]
    if seq.error is not None:
        stats.escaped += 1
        escaping = [
            index for index, kind, message in seq.world.raised if (kind, message) == seq.error
        ]
        if escaping:
            stats.injected_escapes += 1
        else:
            candidates = []  # a pure exception escapes: no failure to remove
    if candidates:
        later = Later(complete=True)
        for index in candidates[:SPARED_RUNS]:
            spared = execute(
                source,
                World(seeds[0], fail_until=index),
                filename="<fuzz-spared>",
                timeout=timeout,
                modules=original_modules,
            )
            stats.sequential_runs += 1
            # What it calls after the failure point, less the call that failed (which the
            # transpiled run must not make twice).
            later.calls += _multiset(spared.calls[index + 1 :])
            # A continuation cut short by another (pure) exception cannot justify the
            # calls that would follow it, nor can one that handled a pure exception (a
            # ``try`` body's calls after the statement that raised it may have started
            # in the transpiled run, as when the sequential run handles one): then the
            # extra calls are unverifiable.
            later.complete = (
                later.complete and spared.error is None and not _handled_pure_exception(spared)
            )

    overhead = seq.seconds - sum(seq.world.latencies)
    expected = _multiset(seq.calls)
    for seed in seeds:
        run = execute(
            code,
            World(seed),
            filename="<fuzz-transpiled>",
            timeout=timeout,
            modules=transpiled_modules,
        )
        stats.schedules += 1
        report.transpiled.append(run)
        found = _differences(seq, run, expected, later, stats, timeout)
        sequential_seconds = overhead + sum(
            latency(seed, name, x, occurrence) for name, x, occurrence in _occurrences(seq.calls)
        )
        slower = slowdown(run, sequential_seconds, slack)
        if slower is not None:
            found.append(slower)
        for divergence in found:
            divergence.seed = seed
        report.divergences += found
    if report.divergences:
        known = known_issues_of(source, report.divergences)
        if known is not None and not _strict():
            for name in known:
                stats.known[name] += 1
            report.known = known
            report.divergences = []
        else:
            stats.divergent += 1
            for divergence in report.divergences:
                names = [i.name for i in KNOWN_ISSUES if i.matches(source, divergence)]
                if names:
                    divergence.note = f"known: {', '.join(names)}"
    return report


def slowdown(run: Run, sequential_seconds: float, slack: float | None) -> Divergence | None:
    """A "slower than sequential" divergence when ``run`` took more than ``slack``
    seconds beyond what the sequential run would under its schedule (None: no check)."""
    if slack is None or run.hung or run.seconds <= sequential_seconds + slack:
        return None
    return Divergence(
        "slower than sequential",
        f"{run.seconds:.3f} s vs {sequential_seconds:.3f} s (+{slack} s allowed)",
    )


def _occurrences(calls: list[Call]) -> Iterable[tuple[str, str, int]]:
    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    for name, arg in calls:
        yield name, arg, seen[(name, arg)]
        seen[(name, arg)] += 1


@dataclass
class Later:
    """The calls the sequential program makes after its failure point (found by running
    it again with that failure removed), and whether such a run got to the end."""

    calls: collections.Counter[tuple[str, str]] = field(default_factory=collections.Counter)
    complete: bool = False


def _differences(
    seq: Run,
    run: Run,
    expected: collections.Counter[tuple[str, str]],
    later: Later | None,
    stats: Stats,
    timeout: float,
) -> list[Divergence]:
    found: list[Divergence] = []
    if run.hung:
        return [Divergence("hang", f"the transpiled run did not finish within {timeout} s")]
    if run.stdout != seq.stdout:
        found.append(Divergence("stdout differs", _first_difference(seq.stdout, run.stdout)))
    if run.error != seq.error:
        found.append(
            Divergence("outcome differs", f"sequential {seq.outcome!r}, transpiled {run.outcome!r}")
        )
    if run.error is not None and run.error == seq.error and run.context != seq.context:
        found.append(
            Divergence(
                "exception context differs",
                f"the traceback shows before it: sequential {list(seq.context or ())}, "
                f"transpiled {list(run.context or ())}",
            )
        )
    if run.stderr:
        found.append(Divergence("stderr", run.stderr.strip()))
    if run.complaints:
        found.append(Divergence("runtime complaints", "; ".join(run.complaints)))
    handled = bool(seq.world.raised) or "caught " in seq.stdout  # an exception was caught
    if run.running_at_end and seq.error is None and not handled:
        # A call still running when the program has finished that no exception explains:
        # a task that was never awaited.
        found.append(Divergence("call still running at the end", f"{run.running_at_end} in flight"))
    made = _multiset(run.calls)
    if run.error != seq.error:
        if made != expected:
            missing, extra = expected - made, made - expected
            found.append(
                Divergence("calls differ", f"missing: [{_show(missing)}]; extra: [{_show(extra)}]")
            )
        return found
    missing, extra = expected - made, made - expected
    if missing:
        kind = "calls differ" if seq.error is None else "calls missing before the failure"
        found.append(Divergence(kind, f"missing: [{_show(missing)}]; extra: [{_show(extra)}]"))
        return found
    if not extra:
        return found
    stats.extra_calls += sum(extra.values())
    if seq.error is None and not handled:
        found.append(Divergence("calls differ", f"missing: []; extra: [{_show(extra)}]"))
    elif later is None:
        # After a pure exception (ZeroDivisionError...): no failure to remove.
        stats.unverifiable_extras += sum(extra.values())
    else:
        speculative = extra - later.calls
        if speculative and (not later.complete or _handled_pure_exception(seq)):
            # With the failure removed the program stopped at another exception (a pure
            # one, e.g. in the same statement), or it handled a pure exception (a try
            # body's calls after the failing statement may have started): calls after
            # that cannot be checked.
            stats.unverifiable_extras += sum(speculative.values())
        elif speculative:
            found.append(
                Divergence(
                    "speculative calls",
                    f"{_show(speculative)}: not made by the sequential program even "
                    "with the failure removed",
                )
            )
    return found


def _handled_pure_exception(run: Run) -> bool:
    """Whether the program caught an exception that no injected failure raised (the
    generated handlers print ``caught <type> <message>``)."""
    injected = {f"caught {kind} {message}" for _, kind, message in run.world.raised}
    return any(
        line.startswith("caught ") and line not in injected for line in run.stdout.splitlines()
    )


def _first_difference(expected: str, actual: str) -> str:
    a, b = expected.splitlines(), actual.splitlines()
    for number, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            return f"line {number}: sequential {x!r}, transpiled {y!r}"
    if len(a) != len(b):
        shorter = "transpiled" if len(b) < len(a) else "sequential"
        rest = (a if len(a) > len(b) else b)[min(len(a), len(b))]
        return f"{shorter} output stops before line {min(len(a), len(b)) + 1} ({rest!r})"
    return "same lines, different line endings"


def compare_code(source: str, code: str, seeds: list[int], stats: Stats | None = None) -> Report:
    """Compare ``source`` with a given ``code`` (not transpiled here): for self-tests.
    No wall-time check (``slack``): tests must not depend on the machine's speed."""
    return _compare(source, code, seeds, stats if stats is not None else Stats(), TIMEOUT, None)


# ------------------------------------------------------------------------ hypothesis

_KINDS: dict[str, type[AssertionError]] = {}


def divergence_error(kind: str) -> type[AssertionError]:
    """One exception class per kind of divergence, so that hypothesis, which tells bugs
    apart by exception type, shrinks each kind to its own minimal program."""
    if kind not in _KINDS:
        name = "".join(word.capitalize() for word in kind.replace("-", " ").split())
        _KINDS[kind] = type(f"Divergence{name}", (AssertionError,), {})
    return _KINDS[kind]


def fuzz(
    examples: int,
    *,
    stats: Stats,
    derandomize: bool,
    schedules: int = 3,
    seed: int | None = None,
    slack: float | None = None,
) -> None:
    """Check ``examples`` random programs, each under ``schedules`` schedules (with no
    wall-time check unless ``slack`` is given: this is what the tests run).

    Raises the first divergence found, after hypothesis has shrunk the program (its
    source is in the message and in the ``note``).
    """
    from hypothesis import HealthCheck, Phase, given, note, settings
    from hypothesis import seed as hypothesis_seed

    from .strategies import Program, programs
    from .strategies import schedules as schedule_seeds

    @settings(
        max_examples=examples,
        derandomize=derandomize,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        print_blob=False,
    )
    @given(program=programs(), seeds=schedule_seeds(schedules))
    def differential(program: Program, seeds: list[int]) -> None:
        note(repr(program))
        report = check_program(program.source, seeds, stats, slack=slack, modules=program.modules)
        if report.divergences:
            raise divergence_error(report.divergences[0].kind)(report.render())

    if seed is not None and not derandomize:
        differential = hypothesis_seed(seed)(differential)
    differential()


# ---------------------------------------------------------------------- minimising


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every statement with its indented body, innermost last."""
    spans = []
    for start, line in enumerate(lines):
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        end = start + 1
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth
        ):
            end += 1
        spans.append((start, end))
    return spans


def _without(lines: list[str], start: int, end: int) -> list[str]:
    """``lines`` minus ``lines[start:end]``; a block left empty gets ``pass``."""
    kept = lines[:start] + lines[end:]
    if start > 0 and lines[start - 1].rstrip().endswith(":"):
        header = lines[start - 1]
        body_indent = len(header) - len(header.lstrip()) + 4
        following = kept[start] if start < len(kept) else ""
        if not following.strip() or len(following) - len(following.lstrip()) < body_indent:
            kept.insert(start, " " * body_indent + "pass")
    return kept


def minimise(source: str, seeds: list[int], *, budget: float = 120.0) -> str:
    """A smaller program with a divergence of the same (first) kind: delete statements
    and blocks, one at a time, while the divergence persists (delta debugging on
    lines). Used by the soak runs, which do not stop for hypothesis' shrinking."""
    original = check_program(source, seeds)
    first = original.divergences
    if not first:
        return source
    kind = first[0].kind.split(" [")[0]
    # Deleting a statement may leave a name undefined: such a candidate "diverges" for
    # reasons of its own. Keep only candidates whose sequential run fails as before.
    allowed = {
        None,
        original.sequential.error[0] if original.sequential and original.sequential.error else None,
    }
    broken = {"NameError", "UnboundLocalError", "TypeError", "AttributeError", "IndexError"}
    deadline = time.monotonic() + budget
    lines = source.splitlines()
    changed = True
    while changed and time.monotonic() < deadline:
        changed = False
        for start, end in sorted(_blocks(lines), key=lambda span: span[0] - span[1]):
            if time.monotonic() >= deadline:
                break
            if end > len(lines):
                continue
            candidate = _without(lines, start, end)
            text = "\n".join(candidate) + "\n"
            try:
                compile(text, "<minimise>", "exec", dont_inherit=True)
            except SyntaxError:
                continue
            candidate_report = check_program(text, seeds)
            found = candidate_report.divergences
            seq = candidate_report.sequential
            error = seq.error[0] if seq is not None and seq.error else None
            if error in broken and error not in allowed:
                continue
            if any(d.kind.split(" [")[0] == kind for d in found):
                lines = candidate
                changed = True
                break
    return "\n".join(lines) + "\n"
