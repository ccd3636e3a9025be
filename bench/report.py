"""The report: ``report.json`` (everything measured) and ``report.md`` (tables)."""

from __future__ import annotations

from typing import Any

from bench.machine import untrusted

VERSIONS = ("sequential", "epic", "expert")


def _s(v: float | None, digits: int = 2) -> str:
    return "n/a" if v is None else f"{v:.{digits}f}"


def _x(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}x"


def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v * 100:+.1f}%"


def _n(v: float | None) -> str:
    return "n/a" if v is None else f"{v:g}"


def markdown(data: dict[str, Any]) -> str:
    meta = data["meta"]
    lat = meta["latency"]
    out: list[str] = [
        "# epic benchmark report",
        "",
        f"Command: `{meta['command']}` · ran {meta['started']} for {meta['runtime_s']:.0f} s · "
        f"commit `{meta['commit']}`{' (with uncommitted changes)' if meta['dirty'] else ''} · "
        f"{meta['machine']}, load average {_load(meta.get('load'))}",
        "",
        f"Offline endpoint in its own process, latency per request = scale × (ttft + per_token × tokens) "
        f"with ttft={lat['ttft']} s, per_token={lat['per_token']} s, **scale={lat['scale']}**; "
        f"**{meta['reps']} repetition(s)**, versions interleaved (sequential, epic, expert, next "
        f"workload, ...), medians shown. Every version runs as `python script.py` in a fresh "
        f"process; times are whole-process wall times. Start-up floor (interpreter, `import "
        f"openai`, one zero-latency request, exit; measured next to every workload): fastest "
        f"{data['floor']['wall_s']:.2f} s, median {data['floor']['median_wall_s']:.2f} s of "
        f"{len(data['floor']['runs'])} runs.",
        "",
    ]
    problems = all_problems(data)
    if problems:
        out += ["## ⚠ Problems", "", "These runs are not comparable with the sequential script "
                "and their numbers must not be trusted:", ""]  # fmt: skip
        out += [f"- {p.splitlines()[0]}" for p in problems]
        out += [""]
    out += [
        "## Workloads",
        "",
        "| workload | sequential s | epic s | expert s | limit s | speedup | efficiency | vs expert | expert speedup | expert efficiency |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for w in data["workloads"]:
        wall = w["wall_s"]
        out.append(
            f"| {w['workload']} | {_s(wall['sequential'])} | {_s(wall['epic'])} | {_s(wall['expert'])} "
            f"| {_s(w['limit_s'])} | {_x(w['speedup'])} | {_s(w['efficiency'])} | "
            f"{_pct(w['overhead_vs_expert'])} | {_x(w['expert_speedup'])} | {_s(w['expert_efficiency'])} |"
        )
    out += [
        "",
        "From the first request to the last line of output (no process start-up, which is the "
        "same for every version and most of each wall time at the default scale); the bound "
        "is the critical path:",
        "",
        "| workload | sequential s | epic s | expert s | bound s | epic efficiency | expert efficiency "
        "| first line seq / epic / expert s | its bound s | epic / bound |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for w in data["workloads"]:
        active = w.get("active_s") or {}
        first = w.get("active_ttfo_s") or {}
        out.append(
            f"| {w['workload']} | {_s(active.get('sequential'))} | {_s(active.get('epic'))} | "
            f"{_s(active.get('expert'))} | {_s(w['bound_s'])} | {_s(w.get('active_efficiency'))} | "
            f"{_s(w.get('expert_active_efficiency'))} | "
            f"{' / '.join(_s(first.get(v)) for v in ('sequential', 'epic', 'expert'))} | "
            f"{_s(w.get('first_output_bound_s'))} | {_x(w.get('active_ttfo_vs_bound'))} |"
        )
    out += [
        "",
        "| workload | TTFO sequential s | TTFO epic s | TTFO expert s | TTFO limit s | epic / limit | requests seq / epic / expert (modelled) | peak in flight seq / epic / expert | stdout identical | epic's output |",
        "|---|---:|---:|---:|---:|---:|---|---|---|---|",
    ]
    for w in data["workloads"]:
        t, r, p = w["ttfo_s"], w["requests"], w["peak_in_flight"]
        identical = "no ⚠" if any("STDOUT" in x for x in w["problems"]) else "yes"
        if w["epic_error"]:
            status = "transpile failed ⚠"
        elif w["epic_kept_sequential"]:
            status = (
                "kept sequential ("
                + "; ".join(
                    d.splitlines()[0].split("warning: ")[-1].split("  [")[0]
                    for d in w["epic_diagnostics"]
                )
                + ")"
            )
        else:
            status = "parallel" + (
                f", {len(w['epic_diagnostics'])} diagnostic(s)" if w["epic_diagnostics"] else ""
            )
        flag = "" if r["sequential"] == r["epic"] == r["expert"] == w["requests_modelled"] else " ⚠"
        out.append(
            f"| {w['workload']} | {_s(t['sequential'])} | {_s(t['epic'])} | {_s(t['expert'])} | "
            f"{_s(w['ttfo_limit_s'])} | {_x(w['ttfo_vs_limit'])} | "
            f"{_n(r['sequential'])} / {_n(r['epic'])} / {_n(r['expert'])} ({w['requests_modelled']}){flag} | "
            f"{_n(p['sequential'])} / {_n(p['epic'])} / {_n(p['expert'])} | {identical} | {status} |"
        )
    out += [
        "",
        "How to read it:",
        "",
        "- **speedup** = sequential / epic wall time; **expert speedup** = sequential / expert.",
        "- **limit** = start-up floor (the fastest floor run) + critical-path bound. The bound is the longest chain of "
        "dependent request latencies under the latency model, with unlimited concurrency, computed "
        "from each workload's dependency structure (`bench/workloads/*/dag.py`, checked against the "
        "requests the sequential script really sends); a consumer of a streamed reply may start "
        "when the line it needs arrives. **efficiency** = limit / epic (1.00 is the physical "
        "limit; the expert's efficiency shows what hand-written asyncio reaches on this machine).",
        "- **vs expert** = epic / expert − 1 (negative: epic was faster).",
        "- **first line** = from the first request to the first complete stdout line; its "
        "bound is when the data of that line can exist under the latency model (the first "
        "output's dependencies in `dag.py`).",
        "- **TTFO** = process start to the first complete stdout line; its limit is the floor's "
        "time to print plus when the data of the first line can exist.",
        "- **peak in flight** = most requests the endpoint had open at once (its log).",
        "",
        "Critical paths and bounds (latency model at this scale):",
        "",
        "| workload | bound s | sum of all latencies s | critical path | epic's timeline and code |",
        "|---|---:|---:|---|---|",
    ]
    for w in data["workloads"]:
        path = " → ".join(_compress(w["critical_path"]))
        out.append(
            f"| {w['workload']} | {_s(w['bound_s'])} | {_s(w['serial_latency_s'])} | {path} | "
            f"[timeline-{w['workload']}.svg](timeline-{w['workload']}.svg), "
            f"[generated/{w['workload']}.py](generated/{w['workload']}.py) |"
        )
    diags = [(w["workload"], d) for w in data["workloads"] for d in w["epic_diagnostics"]]
    if diags:
        out += ["", "epic's diagnostics when transpiling the workloads:", "", "```"]
        out += [f"{d}" for _, d in diags]
        out += ["```"]
    tp = data.get("throughput")
    if tp:
        out += [
            "",
            "## Transpiler throughput",
            "",
            "`transpile()` on generated scripts (helpers making several calls, loops, branches, "
            "prints, a `main()`), best of the repeats, next to the floor: LibCST parsing plus "
            "black formatting of the same input.",
            "",
            "| lines | transpile s | lines/s | parse + black s | floor lines/s | transpile / floor | growth per 10x (transpile) | growth per 10x (floor) | result |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for row in tp["rows"]:
            failed = bool(row.get("error"))
            ge, le = ("≥ ", "≤ ") if failed else ("", "")
            out.append(
                f"| {row['lines']} | {ge}{row['transpile_s']:.3f} | {le}{row['lines_per_s']:.0f} | "
                f"{row['floor_s']:.3f} | {row['floor_lines_per_s']:.0f} | {ge}{row['vs_floor']:.1f}x | "
                f"{ge if row.get('growth_per_10x') else ''}{_x(row.get('growth_per_10x'))} | "
                f"{_x(row.get('floor_growth_per_10x'))} | "
                f"{'**crashed** after the time shown: ' + row['error'] if failed else 'ok'} |"
            )
        out += ["", "Growth per 10x is the cost ratio between consecutive sizes normalised to a "
                "10x size step: 10x is linear, 100x quadratic. A crashed size shows the time "
                "until the crash (a lower bound)."]  # fmt: skip
        stress = tp.get("stress") or []
        if stress:
            out += [
                "",
                "Stress inputs (the sizes `tests/test_bad_input.py` checks for correctness only): "
                "a block that reads and rebinds one name on every line, through `transpile()`, "
                "and a script with no external call through `python -m transpiler transpile` "
                "(process start-up included).",
                "",
                "| input | lines | s | lines/s | result |",
                "|---|---:|---:|---:|---|",
            ]
            out += [
                f"| {row['input']} | {row['lines']} | {row['seconds']:.2f} | "
                f"{row['lines_per_s']:.0f} | {'ok' if row['ok'] else '**wrong output**'} |"
                for row in stress
            ]
    rt = data.get("runtime")
    if rt:
        out += [
            "",
            "## Runtime shim overhead",
            "",
            "Time per call (median over repeats, each on a fresh event loop; no network: trivial "
            "coroutines, a no-op in a thread, HTTP to an in-process mock transport). `vs bare` "
            "compares with the plain asyncio / httpx line of the same group.",
            "",
            "| what | calls | µs per call | overhead µs | vs bare |",
            "|---|---:|---:|---:|---:|",
        ]
        for row in rt["per_call"]:
            out.append(
                f"| {row['what']} | {row['calls']} | {row['us_per_call']:.2f} | "
                f"{row['overhead_us']:+.2f} | {row['vs_bare']:.2f}x |"
            )
        n = rt["memory"][0]["calls"] if rt["memory"] else 0
        out += [
            "",
            f"Peak traced memory (tracemalloc) with {n:,} calls in flight. The cap "
            "(`set_concurrency_limit(100)`) applies to `epic.to_thread` and to requests sent "
            "through `epic.http_client()`; tasks spawned in a scope are not capped, so they are "
            "measured once.",
            "",
            "| what | cap | peak MiB | bytes per call | seconds |",
            "|---|---|---:|---:|---:|",
        ]
        for row in rt["memory"]:
            out.append(
                f"| {row['what']} | {row['cap'] or 'off'} | {row['peak_bytes'] / 2**20:.1f} | "
                f"{row['bytes_per_call']:.0f} | {row['seconds']:.2f} |"
            )
    out.append("")
    return "\n".join(out)


def _load(load: list[float | None] | None) -> str:
    if not load or None in load:
        return "n/a"
    return f"{load[0]:.1f} at the start, {load[1]:.1f} at the end"


def _compress(labels: list[str]) -> list[str]:
    return labels


def all_problems(data: dict[str, Any]) -> list[str]:
    """Everything that makes a number untrustworthy or shows a failure, for the top of the report."""
    problems = [p for w in data["workloads"] for p in w["problems"]]
    distrust = untrusted(data["meta"].get("load") or [], data["meta"].get("cores"))
    if distrust is not None:
        problems.insert(0, distrust)
    problems += [
        f"{w['workload']}: epic's transpile failed: {w['epic_error'].strip().splitlines()[-1]}"
        for w in data["workloads"]
        if w.get("epic_error")
    ]
    tp = data.get("throughput") or {"rows": []}
    problems += [
        f"throughput: transpile() of the {row['lines']}-line input crashed: {row['error']}"
        for row in tp["rows"]
        if row.get("error")
    ]
    problems += [
        f"throughput: the {row['lines']}-line stress input ({row['input']}) came back wrong"
        for row in tp.get("stress") or []
        if not row["ok"]
    ]
    return problems
