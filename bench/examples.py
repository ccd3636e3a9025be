"""``python -m bench.examples``: the scripts in ``examples/`` next to their critical-path bound.

    .venv/bin/python -m bench.examples                         # every example, scale 1
    .venv/bin/python -m bench.examples --scale 0.2 tree_of_thoughts self_consistency

For every example, like ``epic compare``: transpile it (with the configuration ``epic
compare`` would find), then run the sequential script and epic's version one after the
other against one offline endpoint in its own process, with ``epic compare``'s latency
model (the endpoint's defaults, ``--scale`` applied).  The sequential run's request log
must match the example's dependency model (``bench/example_dags/<name>.py``), else the
bound would be computed for requests the script does not send.

Prints a markdown table (sequential and transpiled wall times, speedup, the
critical-path bound under the same latency model, efficiency = bound / transpiled time,
identical output) and each example's critical path.  Exits 1 when a dependency model is
wrong, the outputs differ, a run failed, or epic's version sent other requests.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.dag import Dag
from bench.example_dags import EXAMPLES, Example, by_name
from bench.machine import load_average, untrusted
from bench.runner import REPO
from bench.suite import FLOOR_SCRIPT
from offline_endpoint import Endpoint, LatencyModel, RequestRecord, serve_in_subprocess
from transpiler import compare as comparing
from transpiler.config import Config, find_pyproject, load_config
from transpiler.pipeline import transpile

Signature = list[tuple[str, bool, int]]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- pieces


def latency_model(latency: comparing.Latency) -> LatencyModel:
    """The endpoint's latency model for these settings, as :func:`transpiler.compare.compare`
    builds it (the endpoint's defaults, with the settings that are not None)."""
    settings = {
        name: value for name, value in dataclasses.asdict(latency).items() if value is not None
    }
    return LatencyModel(**settings)


def transpile_example(script: Path) -> str:
    """epic's output for ``script``, with the ``[tool.epic]`` configuration ``epic compare`` uses."""
    found = find_pyproject(script)
    config = load_config(found) if found is not None else Config()
    display = script.relative_to(REPO).as_posix() if script.is_relative_to(REPO) else str(script)
    result = transpile(script.read_text(encoding="utf-8"), path=display, config=config)
    if result.has_errors or result.code is None:
        rendered = "\n".join(d.render() for d in result.diagnostics)
        raise RuntimeError(f"epic cannot transpile {display}:\n{rendered}")
    return result.code


def run_logged(
    endpoint: Endpoint,
    script: Path,
    *,
    cwd: Path | None = None,
    timeout: float = comparing.DEFAULT_TIMEOUT,
) -> tuple[comparing.RunOutcome, list[RequestRecord]]:
    """Reset the endpoint's log, run ``script`` as ``epic compare`` does (in ``cwd``, by
    default the script's directory, with the same environment), and return what it did
    and the endpoint's request log of the run."""
    cwd = script.resolve().parent if cwd is None else cwd
    env = comparing.script_env(endpoint.base_url, script_dir=cwd)
    endpoint.reset()
    outcome = comparing.run_script(script, cwd=cwd, env=env, timeout=timeout)
    return outcome, endpoint.log()


def log_signature(records: Sequence[RequestRecord]) -> Signature:
    """(prompt, stream, tokens) of every logged request, sorted (cf. :meth:`Dag.signature`)."""
    return sorted((r.prompt, r.stream, r.tokens) for r in records)


def model_mismatch(name: str, dag: Dag, records: Sequence[RequestRecord]) -> str | None:
    """Why the dependency model does not describe the requests of this run (None: it does)."""
    modelled, sent = Counter(dag.signature()), Counter(log_signature(records))
    if modelled == sent:
        return None
    missing = list((modelled - sent).elements())
    extra = list((sent - modelled).elements())
    lines = [
        f"{name}: THE DEPENDENCY MODEL IS WRONG: bench/example_dags/{name}.py models "
        f"{len(dag.requests)} request(s), the sequential script sent {len(records)}; "
        f"{len(missing)} modelled but not sent, {len(extra)} sent but not modelled. "
        "The bound would not be the script's: fix the model (prompts, max_tokens, order of "
        "decisions) until it predicts the script's requests exactly."
    ]
    for title, items in (("modelled, not sent", missing), ("sent, not modelled", extra)):
        for prompt, stream, tokens in items[:3]:
            lines.append(f"    {title}: {prompt!r} (stream={stream}, {tokens} tokens)")
        if len(items) > 3:
            lines.append(f"    {title}: ... and {len(items) - 3} more")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- one example


@dataclass
class Result:
    """One example: both runs, its dependency model's numbers and what went wrong."""

    example: Example
    original: comparing.RunOutcome
    transpiled: comparing.RunOutcome | None  # None: epic could not transpile it
    dag: Dag
    latency: LatencyModel
    model_ok: bool
    # The start-up floor (bench/floor.py: interpreter, ``import openai``, a client, one
    # zero-latency request), measured next to the example like in ``python -m bench``.
    floor_s: float
    problems: list[str] = field(default_factory=list)

    @property
    def comparison(self) -> comparing.Comparison | None:
        if self.transpiled is None:
            return None
        return comparing.Comparison(self.original, self.transpiled)

    @property
    def bound_s(self) -> float:
        return self.dag.bound(self.latency)

    @property
    def limit_s(self) -> float:
        """What a perfect schedule would take: the start-up floor plus the bound."""
        return self.floor_s + self.bound_s

    @property
    def efficiency(self) -> float | None:
        if not self.model_ok or self.transpiled is None or self.transpiled.seconds <= 0:
            return None
        return self.limit_s / self.transpiled.seconds


def _failed(name: str, run: comparing.RunOutcome, records: Sequence[RequestRecord]) -> list[str]:
    problems: list[str] = []
    if run.timed_out:
        problems.append(f"{name}: timed out")
    elif run.returncode != 0:
        tail = " | ".join(run.stderr.strip().splitlines()[-3:])
        problems.append(f"{name}: exit code {run.returncode}: {tail}")
    bad = [r.status for r in records if r.status != 200]
    if bad:
        problems.append(f"{name}: {len(bad)} request(s) not answered 200: {bad}")
    return problems


def measure(example: Example, endpoint: Endpoint, workdir: Path, *, timeout: float) -> Result:
    """Transpile one example, run both versions, and check the dependency model."""
    name = example.name
    dag = example.dag()
    problems: list[str] = []
    try:
        code: str | None = transpile_example(example.script)
    except Exception as exc:  # the transpiler's failure is a result here, not a crash
        code = None
        problems.append(f"{name}: {exc}")

    floors = [_floor(endpoint, name, problems, timeout)]
    original, records = run_logged(endpoint, example.script, timeout=timeout)
    floors.append(_floor(endpoint, name, problems, timeout))
    problems += _failed(f"{name} (sequential)", original, records)
    mismatch = model_mismatch(name, dag, records)
    if mismatch is not None:
        problems.append(mismatch)

    transpiled: comparing.RunOutcome | None = None
    if code is not None:
        target = comparing.generated_path(example.script, workdir)
        target.write_text(code, encoding="utf-8")
        # In the original's directory, like ``epic compare`` (sibling imports, relative paths).
        transpiled, epic_records = run_logged(
            endpoint, target, cwd=example.script.resolve().parent, timeout=timeout
        )
        problems += _failed(f"{name} (transpiled)", transpiled, epic_records)
        floors.append(_floor(endpoint, name, problems, timeout))
        if not comparing.Comparison(original, transpiled).identical:
            diff = difflib.unified_diff(original.stdout.splitlines(), transpiled.stdout.splitlines(),
                                        "sequential", "transpiled", lineterm="", n=1)  # fmt: skip
            problems.append(
                f"{name}: OUTPUT DIFFERS from the sequential run\n" + "\n".join(list(diff)[:20])
            )
        elif log_signature(epic_records) != log_signature(records):
            problems.append(
                f"{name}: the transpiled version sent other requests than the sequential one"
            )
    for p in problems:
        log("!! " + p)
    return Result(
        example,
        original,
        transpiled,
        dag,
        endpoint.latency,
        mismatch is None,
        min(floors),
        problems,
    )


def _floor(endpoint: Endpoint, name: str, problems: list[str], timeout: float) -> float:
    """One start-up floor run (``bench/floor.py``); the example's floor is the fastest
    of the runs interleaved with its versions', since a limit can never be beaten and
    one noisy floor run would make the limit look slower than it is."""
    floor, records = run_logged(endpoint, FLOOR_SCRIPT, cwd=REPO, timeout=timeout)
    problems += _failed(f"{name} (start-up floor)", floor, records)
    return floor.seconds


# ---------------------------------------------------------------------------- report


def _s(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def markdown(results: Sequence[Result], latency: LatencyModel) -> str:
    out = [
        "| example | sequential s | transpiled s | speedup | bound s | limit s | efficiency | identical output |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        comparison = r.comparison
        transpiled = None if r.transpiled is None else r.transpiled.seconds
        speedup = None if comparison is None else comparison.speedup
        identical = "n/a" if comparison is None else "yes" if comparison.identical else "**no** ⚠"
        out.append(
            f"| {r.example.name} | {_s(r.original.seconds)} | {_s(transpiled)} | "
            f"{'n/a' if speedup is None else f'{speedup:.2f}x'} | "
            f"{_s(r.bound_s) if r.model_ok else '**wrong model** ⚠'} | "
            f"{_s(r.limit_s) if r.model_ok else 'n/a'} | {_s(r.efficiency)} | {identical} |"
        )
    out += [
        "",
        f"Latency per request = scale × (ttft + per_token × tokens) with ttft={latency.ttft:g} s, "
        f"per_token={latency.per_token:g} s, scale={latency.scale:g} (`epic compare`'s model). "
        "Times are whole-process wall times. The bound is the longest chain of dependent request "
        "latencies with unlimited concurrency (`bench/example_dags/`); the limit adds the start-up "
        "floor measured next to each example (`bench/floor.py`: interpreter, `import openai`, one "
        "zero-latency request; the fastest of three runs interleaved with the example's), and efficiency = limit / transpiled time, as in `python -m bench`.",
        "",
        "Critical paths:",
        "",
    ]
    for r in results:
        chain = " → ".join(req.label for req in r.dag.critical_path(latency))
        out.append(
            f"- **{r.example.name}** ({len(r.dag.requests)} requests; bound {r.bound_s:.2f} s, "
            f"{r.dag.serial_time(latency):.2f} s one after the other): {chain}"
        )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- command


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench.examples", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("names", nargs="*", metavar="NAME",
                   help=f"examples to run (default: all): {', '.join(e.name for e in EXAMPLES)}")  # fmt: skip
    p.add_argument("--scale", type=float, default=None,
                   help="multiply every endpoint latency (default: the endpoint's, 1)")  # fmt: skip
    p.add_argument("--timeout", type=float, default=comparing.DEFAULT_TIMEOUT,
                   help="kill a run after this many seconds (default: %(default)g)")  # fmt: skip
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.scale is not None and not args.scale >= 0:  # also rejects NaN
        print(
            f"bench.examples: --scale must be a non-negative number, got {args.scale}",
            file=sys.stderr,
        )
        return 2
    try:
        examples = by_name(args.names) if args.names else list(EXAMPLES)
    except ValueError as exc:
        print(f"bench.examples: {exc}", file=sys.stderr)
        return 2
    latency = latency_model(comparing.Latency(scale=args.scale))
    results: list[Result] = []
    load_before = load_average()
    with serve_in_subprocess(latency=latency) as endpoint, \
            tempfile.TemporaryDirectory(prefix="epic-examples-") as temp:  # fmt: skip
        for example in examples:
            log(f"== {example.name}")
            results.append(measure(example, endpoint, Path(temp), timeout=args.timeout))
    sys.stdout.write(markdown(results, latency))
    problems = [p for r in results for p in r.problems]
    distrust = untrusted([load_before, load_average()])
    if distrust is not None:
        problems.append(distrust)
        print(f"\n{distrust}", file=sys.stderr)
    if problems:
        print(
            f"\n{len(problems)} problem(s), see above: these numbers must not be trusted.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
