"""The workload benchmark: every version of every workload, interleaved, against one
offline endpoint in its own process; medians, checks and derived ratios."""

from __future__ import annotations

import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.dag import summary
from bench.runner import REPO, Run, observe
from bench.workloads import Workload
from offline_endpoint import LatencyModel, serve_in_subprocess

VERSIONS = ("sequential", "epic", "expert")
FLOOR_SCRIPT = Path(__file__).resolve().parent / "floor.py"


@dataclass
class Generated:
    """epic's output for one workload, made at bench time."""

    path: Path | None
    seconds: float
    diagnostics: list[str]
    kept_sequential: bool
    error: str | None = None


@dataclass
class WorkloadResult:
    workload: Workload
    generated: Generated
    dag: dict[str, Any]
    runs: dict[str, list[Run]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def median(self, version: str, metric: str) -> float | None:
        values = [getattr(r, metric) for r in self.runs.get(version, [])]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    def median_run(self, version: str) -> Run | None:
        runs = sorted(self.runs.get(version, []), key=lambda r: r.wall_s)
        return runs[(len(runs) - 1) // 2] if runs else None


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def generate(workload: Workload, out_dir: Path) -> Generated:
    """Transpile the sequential script with epic, now (its output is never stored)."""
    from transpiler.pipeline import transpile

    source = workload.sequential.read_text(encoding="utf-8")
    rel = workload.sequential.relative_to(REPO).as_posix()
    start = time.perf_counter()
    try:
        result = transpile(source, path=rel)
    except Exception:  # the transpiler is being changed under us: report, don't crash
        return Generated(None, time.perf_counter() - start, [], False, traceback.format_exc())
    seconds = time.perf_counter() - start
    diagnostics = [d.render() for d in result.diagnostics]
    if result.code is None or result.has_errors:
        return Generated(None, seconds, diagnostics, False, "transpile reported errors")
    target = out_dir / "generated" / f"{workload.name}.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.code, encoding="utf-8")
    return Generated(target, seconds, diagnostics, result.code == source)


def _same_requests(a: Run, b: Run) -> bool:
    def key(runs: Run) -> list[tuple[str, bool, int]]:
        return sorted((r.prompt, r.stream, r.tokens) for r in runs.records)

    return key(a) == key(b)


def _diff(expected: str, got: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), "sequential", "this run", lineterm="", n=1
    )
    return "\n".join(list(lines)[:30])


def check(result: WorkloadResult, run: Run, reference: Run | None) -> None:
    """Flag (loudly) everything that makes a run not comparable with the sequential one."""
    name = f"{run.workload}/{run.version} rep {run.rep}"
    problems: list[str] = []
    if run.timed_out:
        problems.append(f"{name}: timed out")
    if run.returncode != 0:
        tail = run.stderr.strip().splitlines()[-3:]
        problems.append(f"{name}: exit code {run.returncode}: {' | '.join(tail)}")
    bad = [r for r in run.records if r.status != 200]
    if bad:
        problems.append(
            f"{name}: {len(bad)} request(s) not answered 200: {[r.status for r in bad]}"
        )
    if reference is not None and run is not reference:
        if run.stdout != reference.stdout:
            problems.append(
                f"{name}: STDOUT DIFFERS from the sequential run\n{_diff(reference.stdout, run.stdout)}"
            )
        if run.requests != reference.requests:
            problems.append(
                f"{name}: {run.requests} requests, the sequential run made {reference.requests}"
            )
        elif not _same_requests(run, reference):
            problems.append(
                f"{name}: not the same requests (prompt, stream, tokens) as the sequential run"
            )
    for p in problems:
        log("!! " + p)
    result.problems.extend(problems)


def check_dag(result: WorkloadResult, reference: Run) -> None:
    """The dependency model must describe exactly the requests the script sends."""
    dag = result.workload.dag()
    seen = sorted((r.prompt, r.stream, r.tokens) for r in reference.records)
    if dag.signature() != seen:
        missing = set(dag.signature()) - set(seen)
        extra = set(seen) - set(dag.signature())
        problem = (
            f"{result.workload.name}: the dependency model does not match the sequential run's "
            f"requests ({len(dag.requests)} modelled, {len(seen)} sent; "
            f"{len(missing)} modelled but not sent, {len(extra)} sent but not modelled)"
        )
        log("!! " + problem)
        result.problems.append(problem)


def run_workloads(
    workloads: list[Workload],
    *,
    scale: float,
    reps: int,
    out_dir: Path,
    timeout: float,
) -> tuple[list[WorkloadResult], dict[str, Any]]:
    latency = LatencyModel(ttft=0.3, per_token=0.02, scale=scale)
    out_dir = out_dir.resolve()
    results: list[WorkloadResult] = []
    for w in workloads:
        generated = generate(w, out_dir)
        if generated.error:
            log(f"!! {w.name}: epic transpile failed: {generated.error.strip().splitlines()[-1]}")
        elif generated.kept_sequential:
            log(
                f"-- {w.name}: epic kept the file sequential ({len(generated.diagnostics)} diagnostic(s))"
            )
        results.append(WorkloadResult(w, generated, summary(w.dag(), latency)))

    floors: list[Run] = []
    with serve_in_subprocess(latency=latency) as endpoint:
        origin = float(endpoint.info()["origin_monotonic"])
        # Warm-up (not measured): the first interpreter start reads everything from disk.
        observe(endpoint, origin, "floor", "floor", 0, FLOOR_SCRIPT, cwd=REPO, timeout=timeout)
        for rep in range(1, reps + 1):
            for result in results:
                w = result.workload
                # The start-up floor is measured next to every workload, like a fourth version.
                floors.append(observe(endpoint, origin, "floor", "floor", rep, FLOOR_SCRIPT,
                                      cwd=w.directory, timeout=timeout))  # fmt: skip
                scripts = {
                    "sequential": w.sequential,
                    "epic": result.generated.path,
                    "expert": w.expert,
                }
                reference: Run | None = None
                for version in VERSIONS:
                    script = scripts[version]
                    if script is None:
                        continue
                    run = observe(endpoint, origin, w.name, version, rep, script,
                                  cwd=w.directory, timeout=timeout)  # fmt: skip
                    result.runs.setdefault(version, []).append(run)
                    if version == "sequential":
                        reference = run
                        first = result.runs["sequential"][0]
                        if run is not first and run.stdout != first.stdout:
                            result.problems.append(
                                f"{w.name}: the sequential script's output changed between reps"
                            )
                        if rep == 1:
                            check_dag(result, run)
                    check(result, run, reference)
                    log(
                        f"   rep {rep} {w.name:<17} {version:<10} {run.wall_s:7.2f}s  "
                        f"ttfo {run.ttfo_s if run.ttfo_s is not None else float('nan'):6.2f}s  "
                        f"{run.requests:3} requests, peak {run.peak_in_flight:2} in flight"
                    )
    # The floor is a lower bound, like the critical path: the fastest start-up seen (the
    # median is kept too; on a busy machine it can be far above what a run really paid).
    floor_info = {
        "wall_s": min(f.wall_s for f in floors),
        "ttfo_s": min(f.ttfo_s or f.wall_s for f in floors),
        "median_wall_s": statistics.median(f.wall_s for f in floors),
        "median_ttfo_s": statistics.median(f.ttfo_s or f.wall_s for f in floors),
        "runs": [f.wall_s for f in floors],
        "latency": {"ttft": latency.ttft, "per_token": latency.per_token, "scale": latency.scale},
    }
    return results, floor_info


def _minus_one(v: float | None) -> float | None:
    return None if v is None else v - 1


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def metrics(result: WorkloadResult, floor: dict[str, Any]) -> dict[str, Any]:
    """Everything the report shows for one workload."""
    m = result.median
    seq, epic, expert = (m(v, "wall_s") for v in VERSIONS)
    bound = result.dag["bound_s"]
    limit = floor["wall_s"] + bound
    ttfo_limit = floor["ttfo_s"] + result.dag["first_output_bound_s"]
    return {
        "workload": result.workload.name,
        "title": result.workload.title,
        "wall_s": {v: m(v, "wall_s") for v in VERSIONS},
        "ttfo_s": {v: m(v, "ttfo_s") for v in VERSIONS},
        "active_s": {v: m(v, "active_s") for v in VERSIONS},
        "active_ttfo_s": {v: m(v, "active_ttfo_s") for v in VERSIONS},
        "first_output_bound_s": result.dag["first_output_bound_s"],
        "peak_in_flight": {v: m(v, "peak_in_flight") for v in VERSIONS},
        "requests": {v: m(v, "requests") for v in VERSIONS},
        "requests_modelled": result.dag["requests"],
        "bound_s": bound,
        "limit_s": limit,
        "ttfo_limit_s": ttfo_limit,
        "serial_latency_s": result.dag["serial_s"],
        "critical_path": result.dag["critical_path"],
        "speedup": ratio(seq, epic),
        "expert_speedup": ratio(seq, expert),
        "efficiency": ratio(limit, epic),
        "expert_efficiency": ratio(limit, expert),
        # The same without the start-up: the bound against first request -> last line.
        "active_efficiency": ratio(bound, m("epic", "active_s")),
        "expert_active_efficiency": ratio(bound, m("expert", "active_s")),
        "overhead_vs_expert": _minus_one(ratio(epic, expert)),
        "ttfo_vs_limit": ratio(m("epic", "ttfo_s"), ttfo_limit),
        "active_ttfo_vs_bound": ratio(
            m("epic", "active_ttfo_s"), result.dag["first_output_bound_s"]
        ),
        "epic_kept_sequential": result.generated.kept_sequential,
        "epic_transpile_s": result.generated.seconds,
        "epic_diagnostics": result.generated.diagnostics,
        "epic_error": result.generated.error,
        "problems": result.problems,
        "runs": [r.to_json() for v in VERSIONS for r in result.runs.get(v, [])],
    }
