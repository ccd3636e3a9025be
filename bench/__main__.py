"""``python -m bench``: run the whole benchmark and write the report.

    .venv/bin/python -m bench            # full run (a few minutes), also writes bench/REPORT.md
    .venv/bin/python -m bench --quick    # smoke run (< 60 s): scale 0.1, 1 rep, 100- and 400-line inputs

Writes ``bench/out/report.md``, ``bench/out/report.json``, ``bench/out/timeline-*.svg``
and epic's output for every workload in ``bench/out/generated/``.  Exits 1 when a run
failed, printed something other than the sequential script, or sent a different number
of requests (the report says which, at the top).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import report, runtime, suite, throughput, timeline
from bench.machine import load_average
from bench.runner import REPO
from bench.workloads import WORKLOADS, by_name

HERE = Path(__file__).resolve().parent
DEFAULT_SCALE = 0.2
QUICK_SCALE = 0.1


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: --scale {QUICK_SCALE} --reps 1, small inputs",
    )
    p.add_argument(
        "--scale", type=float, default=None, help=f"latency scale factor (default {DEFAULT_SCALE})"
    )
    p.add_argument(
        "--reps", type=int, default=None, help="repetitions of every version (default 3)"
    )
    p.add_argument("--workloads", default=None, help="comma-separated subset, e.g. tot,map_reduce")
    p.add_argument(
        "--skip-throughput", action="store_true", help="skip the transpiler throughput part"
    )
    p.add_argument(
        "--skip-runtime", action="store_true", help="skip the runtime shim overhead part"
    )
    p.add_argument(
        "--sizes", default=None, help="throughput input sizes in lines (default 100,1000,10000)"
    )
    p.add_argument(
        "--out", type=Path, default=HERE / "out", help="output directory (default bench/out)"
    )
    p.add_argument(
        "--timeout", type=float, default=300.0, help="seconds before a script run is killed"
    )
    return p


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    scale = args.scale if args.scale is not None else QUICK_SCALE if args.quick else DEFAULT_SCALE
    reps = args.reps if args.reps is not None else 1 if args.quick else 3
    if reps < 1 or scale <= 0:
        print("bench: --reps must be >= 1 and --scale > 0", file=sys.stderr)
        return 2
    sizes = (
        tuple(int(s) for s in args.sizes.split(","))
        if args.sizes
        else (100, 400) if args.quick else (100, 1_000, 10_000)
    )
    try:
        workloads = by_name(args.workloads.split(",")) if args.workloads else list(WORKLOADS)
    except ValueError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    full = (
        not args.quick
        and args.workloads is None
        and not args.skip_throughput
        and not args.skip_runtime
    )
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    load_before = load_average()
    log = suite.log

    log(f"== workloads: {', '.join(w.name for w in workloads)} (scale {scale}, {reps} rep(s))")
    results, floor = suite.run_workloads(
        workloads, scale=scale, reps=reps, out_dir=out, timeout=args.timeout
    )
    workload_data = [suite.metrics(r, floor) for r in results]

    for result, entry in zip(results, workload_data, strict=True):
        run = result.median_run("epic")
        if run is None:
            continue
        labels = {(r.prompt, r.stream): r.label for r in result.workload.dag().requests}
        lanes = run.timeline()
        for lane in lanes:
            lane["label"] = labels.get((lane["prompt"], lane["stream"]), "")
        entry["epic_timeline"] = lanes
        svg = timeline.render(
            f"{result.workload.title}: epic's output (rep {run.rep}, the median run)",
            lanes,
            [t for t, _ in run.lines],
            run.wall_s,
            floor["wall_s"],
            entry["limit_s"],
        )
        (out / f"timeline-{result.workload.name}.svg").write_text(svg, encoding="utf-8")

    tp = None
    if not args.skip_throughput:
        log(f"== transpiler throughput: {', '.join(map(str, sizes))} lines")
        tp = throughput.measure(sizes, log=log)
        log("== transpiler on stress inputs")
        tp["stress"] = throughput.measure_stress(quick=args.quick, log=log)
    rt = None
    if not args.skip_runtime:
        log("== runtime shim overhead")
        rt = runtime.measure(quick=args.quick, log=log)

    dirty = bool(
        _git("status", "--porcelain", "--", "transpiler", "runtime_shim", "offline_endpoint")
    )
    data: dict[str, Any] = {
        "meta": {
            "command": " ".join(
                ["python -m bench", *map(shlex.quote, argv if argv is not None else sys.argv[1:])]
            ),
            "started": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "runtime_s": time.monotonic() - started,
            "commit": _git("rev-parse", "--short", "HEAD") or "unknown",
            "dirty": dirty,
            "machine": f"{os.cpu_count()} CPU(s), Python {platform.python_version()}, {platform.system()}",
            "load": [load_before, load_average()],
            "cores": os.cpu_count(),
            "latency": floor["latency"],
            "reps": reps,
            "quick": args.quick,
        },
        "floor": {k: v for k, v in floor.items() if k != "latency"},
        "workloads": workload_data,
        "throughput": tp,
        "runtime": rt,
    }
    data["meta"]["runtime_s"] = time.monotonic() - started
    (out / "report.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    text = report.markdown(data)
    (out / "report.md").write_text(text, encoding="utf-8")
    if full:
        # The committed copy: its timelines stay in bench/out/ (not committed).
        committed = text.replace("](timeline-", "](out/timeline-").replace(
            "](generated/", "](out/generated/"
        )
        committed += (
            "\nThe timelines and epic's generated code linked above are written to `bench/out/` "
            "by the run (not committed): run `python -m bench` to see them.\n"
        )
        (HERE / "REPORT.md").write_text(committed, encoding="utf-8")
    print(text)
    problems = report.all_problems(data)
    log(f"== wrote {out / 'report.md'} and report.json in {data['meta']['runtime_s']:.0f} s"
        + (f"; {len(problems)} PROBLEM(S), see the top of the report" if problems else ""))  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
