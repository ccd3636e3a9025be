"""Soak runs of the differential fuzzer (the long profile of ``tests/test_fuzz.py``).

    EPIC_FUZZ_EXAMPLES=10000 .venv/bin/python scripts/fuzz_long.py [--jobs 2] [--seed N]

Draws random programs (``tests/fuzz/strategies.py``), runs each sequentially and
transpiled under several latency schedules with injected failures
(``tests/fuzz/harness.py``), and, unlike the CI profile, does not stop at the first
divergence: every divergent program is saved, and at the end the smallest program of
each kind of divergence is minimised (statements deleted while the divergence
persists). Prints the number of programs and schedules tried, and the divergences.

Environment: ``EPIC_FUZZ_EXAMPLES`` (programs, default 1000), ``EPIC_FUZZ_SCHEDULES``
(transpiled runs per program, default 3), ``EPIC_FUZZ_SEED`` (default: random, printed),
``EPIC_FUZZ_STRICT=1`` (report known issues too), ``EPIC_FUZZ_LATENCY_MS``. Exit status:
0 when no new divergence was found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402

from fuzz.harness import Report, Stats, check_program, minimise  # noqa: E402
from fuzz.strategies import programs, schedules  # noqa: E402


def run_worker(examples: int, schedule_count: int, seed: int, out: Path) -> Stats:
    """Check ``examples`` programs; save every divergent one in ``out``, and the counts
    in ``out/stats.json`` (every minute, so an interrupted run still reports)."""
    stats = Stats()
    out.mkdir(parents=True, exist_ok=True)
    found = 0
    last = time.monotonic()

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(program=programs(), seeds=schedules(schedule_count))
    def soak(program: object, seeds: list[int]) -> None:
        nonlocal found, last
        report = check_program(
            program.source, seeds, stats, modules=program.modules  # type: ignore[attr-defined]
        )
        if report.divergences:
            found += 1
            save(out / f"divergence-{found:04d}.txt", report, seeds)
        if time.monotonic() - last > 60:
            last = time.monotonic()
            (out / "stats.json").write_text(stats_to_json(stats), encoding="utf-8")
            print(
                f"[seed {seed}] {stats.programs} programs, {stats.schedules} schedules, "
                f"{stats.divergent} divergent",
                file=sys.stderr,
                flush=True,
            )

    try:
        soak()
    except KeyboardInterrupt:
        print(f"[seed {seed}] interrupted", file=sys.stderr)
    (out / "stats.json").write_text(stats_to_json(stats), encoding="utf-8")
    return stats


def save(path: Path, report: Report, seeds: list[int]) -> None:
    header = {"kind": report.divergences[0].kind, "seeds": seeds, "size": len(report.source)}
    path.write_text(
        json.dumps(header) + "\n" + json.dumps(report.source) + "\n" + report.render() + "\n",
        encoding="utf-8",
    )


def load(path: Path) -> tuple[dict[str, Any], str]:
    header, source, _ = path.read_text(encoding="utf-8").split("\n", 2)
    return json.loads(header), json.loads(source)


def stats_to_json(stats: Stats) -> str:
    data = {
        field.name: dict(value) if isinstance(value := getattr(stats, field.name), dict) else value
        for field in dataclasses.fields(Stats)
    }
    return json.dumps(data)


def stats_from_json(text: str) -> Stats:
    data = json.loads(text)
    stats = Stats(**{k: v for k, v in data.items() if k not in ("known", "diagnostics")})
    stats.known = collections.Counter(data["known"])
    stats.diagnostics = collections.Counter(data["diagnostics"])
    return stats


def merge(total: Stats, part: Stats) -> None:
    for field in dataclasses.fields(Stats):
        value = getattr(part, field.name)
        if isinstance(value, collections.Counter):
            getattr(total, field.name).update(value)
        else:
            setattr(total, field.name, getattr(total, field.name) + value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--examples", type=int, default=int(os.environ.get("EPIC_FUZZ_EXAMPLES", "1000"))
    )
    parser.add_argument(
        "--schedules", type=int, default=int(os.environ.get("EPIC_FUZZ_SCHEDULES", "3"))
    )
    parser.add_argument(
        "--seed", type=int, default=int(os.environ.get("EPIC_FUZZ_SEED", "0")) or None
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--out", type=Path, help="where divergent programs are saved (default: a temp dir)"
    )
    parser.add_argument(
        "--minimise", type=int, default=5, help="kinds of divergence to minimise (default 5)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1, 2**31)
    out = args.out or Path(tempfile.mkdtemp(prefix="epic-fuzz-"))

    if args.worker:
        run_worker(args.examples, args.schedules, seed, out)
        return 0

    started = time.monotonic()
    print(
        f"fuzzing {args.examples} programs x {args.schedules} schedules, seed {seed}, {args.jobs} job(s); reports in {out}"
    )
    total = Stats()
    if args.jobs <= 1:
        total = run_worker(args.examples, args.schedules, seed, out / "job-0")
    else:
        shares = [
            args.examples // args.jobs + (i < args.examples % args.jobs) for i in range(args.jobs)
        ]
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    "--examples",
                    str(share),
                    "--schedules",
                    str(args.schedules),
                    "--seed",
                    str(seed + i),
                    "--out",
                    str(out / f"job-{i}"),
                ]
            )
            for i, share in enumerate(shares)
        ]
        try:
            for worker in workers:
                worker.wait()
        except KeyboardInterrupt:  # Ctrl-C reaches the workers too: collect what they did
            for worker in workers:
                worker.wait()
        for i in range(args.jobs):
            stats_file = out / f"job-{i}" / "stats.json"
            if stats_file.exists():
                merge(total, stats_from_json(stats_file.read_text(encoding="utf-8")))
            else:
                print(f"job {i} did not finish (exit {workers[i].returncode})", file=sys.stderr)
    elapsed = time.monotonic() - started

    reports = sorted(out.glob("job-*/divergence-*.txt"))
    smallest: dict[str, tuple[int, Path]] = {}
    for path in reports:
        header, _ = load(path)
        kind = str(header["kind"]).split(" [")[0]
        size = int(header["size"])
        if kind not in smallest or size < smallest[kind][0]:
            smallest[kind] = (size, path)
    for kind, (_, path) in sorted(smallest.items())[: args.minimise]:
        header, source = load(path)
        reduced = minimise(source, list(header["seeds"]))
        final = check_program(reduced, list(header["seeds"]))
        target = path.with_name(path.stem + "-minimal.txt")
        target.write_text(final.render() if final.divergences else reduced, encoding="utf-8")
        print(f"\n=== {kind}: minimised from {path.name} ({target})")
        print(final.render() if final.divergences else reduced)

    print()
    print(total.summary())
    print(
        f"programs tried: {total.programs}; schedules tried: {total.schedules} transpiled runs "
        f"(+ {total.sequential_runs} sequential); divergent programs saved: {len(reports)}"
    )
    print(f"wall time: {elapsed:.0f} s ({total.programs / max(elapsed, 1e-9):.1f} programs/s)")
    return 1 if reports else 0


if __name__ == "__main__":
    sys.exit(main())
