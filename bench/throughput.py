"""Transpiler throughput: lines per second of ``transpile()`` on generated, realistic
scripts (helpers that make several calls, loops, branches, prints, a main), next to the
floor set by LibCST parsing plus black formatting of the same input; and the time of two
stress inputs (:func:`measure_stress`), the sizes the tests feed epic without timing it
(``tests/test_bad_input.py``): a 4,000-line block that reads and rebinds one name, and a
100,000-line script with no call, through the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = '''"""Generated benchmark input: many helpers, each making several LLM calls."""

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def ask(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()

'''

UNIT = '''
def research_{i}(topic):
    """Search, summarise and score one topic (unit {i})."""
    snippet = ask(f"You are a search engine. Give the top result snippet for: {{topic}}")
    summary = ask(f"Summarise in one sentence: {{snippet}}", max_tokens=30)
    score = ask(f"Rate from 1 to 10: {{summary}}")
    return {{"snippet": snippet, "summary": summary, "score": int(score.split()[0])}}


def compare_{i}(first, second):
    a = research_{i}(first)
    b = research_{i}(second)
    verdict = ask(f"Better: {{first}} or {{second}}? {{a['summary']}} / {{b['summary']}}")
    print(f"{{first}} vs {{second}}: {{verdict}}")
    return verdict if a["score"] >= b["score"] else ask(f"Reconsider: {{verdict}}")


def run_{i}():
    notes = []
    for topic in ["alpha {i}", "beta {i}", "gamma {i}"]:
        notes.append(ask(f"One fact about {{topic}}"))
    result = compare_{i}("river {i}", "stone {i}")
    if len(result) > 40:
        extra = ask(f"Expand on: {{result}}")
        print(extra)
    print(len(notes), result)
    return result

'''


def generate(lines: int) -> str:
    """A realistic script of about ``lines`` lines (helpers, calls, a main)."""
    parts = [HEADER]
    count = HEADER.count("\n")
    unit_lines = UNIT.count("\n")
    footer_base = 6
    i = 0
    while count + unit_lines + footer_base + (i + 1) <= lines or i == 0:
        parts.append(UNIT.format(i=i))
        count += unit_lines
        i += 1
    count += footer_base + i
    padding = max(0, lines - count - 1)  # module constants, so the size is what was asked
    if padding:
        parts.append("\n" + "".join(f'TOPIC_{k} = "topic number {k}"\n' for k in range(padding)))
    body = "".join(f"    run_{k}()\n" for k in range(i))
    parts.append(f'\n\ndef main():\n{body}\n\nif __name__ == "__main__":\n    main()\n')
    return "".join(parts)


def _best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def measure(
    sizes: tuple[int, ...] = (100, 1_000, 10_000), log: Callable[[str], None] = print
) -> dict[str, Any]:
    import libcst as cst

    from transpiler.config import Config
    from transpiler.formatting import format_code
    from transpiler.pipeline import transpile

    config = Config()
    transpile(generate(100))  # warm-up: imports, LibCST's grammar, black's caches
    rows: list[dict[str, Any]] = []
    for size in sizes:
        source = generate(size)
        n = source.count("\n")
        repeat = 3 if n <= 200 else 1  # the larger inputs take seconds: noise is small
        outcome: dict[str, Any] = {}

        # Called in this iteration only: the defaults bind this iteration's values.
        def run_transpile(
            source: str = source, size: int = size, outcome: dict[str, Any] = outcome
        ) -> None:
            result = transpile(source, path=f"generated_{size}.py")
            outcome["ok"] = result.code is not None and not result.has_errors
            outcome["changed"] = result.code != source
            outcome["diagnostics"] = len(result.diagnostics)

        def run_floor(source: str = source) -> None:
            cst.parse_module(source)
            format_code(source, config.line_length)

        start = time.perf_counter()
        try:
            t = _best(run_transpile, repeat)
            error = None
        except Exception as exc:  # a crash is a result: report it, measure the rest
            t = time.perf_counter() - start  # time until it failed: a lower bound
            error = _describe(exc)
            log(f"!! throughput {n} lines: transpile() raised {error}")
        floor = _best(run_floor, repeat)
        rows.append(
            {
                "lines": n,
                "transpile_s": t,
                "lines_per_s": n / t,
                "floor_s": floor,
                "floor_lines_per_s": n / floor,
                "vs_floor": t / floor,
                "repeat": repeat,
                "error": error,
                **outcome,
            }
        )
        log(f"   throughput {n:6} lines: transpile {t:7.3f}s ({n / t:8.0f} lines/s), "
            f"parse+black {floor:6.3f}s ({t / floor:4.1f}x the floor)"
            + (" -- FAILED, time until the failure" if error else ""))  # fmt: skip
    for previous, row in zip(rows, rows[1:], strict=False):
        size_ratio = row["lines"] / previous["lines"]
        row["growth"] = row["transpile_s"] / previous["transpile_s"]
        row["growth_per_10x"] = row["growth"] ** (1 / _log10(size_ratio))
        row["floor_growth_per_10x"] = (row["floor_s"] / previous["floor_s"]) ** (
            1 / _log10(size_ratio)
        )
    return {"rows": rows}


def huge_script(lines: int) -> str:
    """``lines`` lines of module-level arithmetic, no external call (a noop for epic)."""
    body = [f"x{i} = x{i - 1} + {i % 7}" for i in range(1, lines - 1)]
    return "\n".join(["x0 = 0", *body, f"print(x{lines - 2})"]) + "\n"


def script_with_calls(lines: int, every: int = 100) -> str:
    """``lines`` lines of module-level code that read and rebind one name, with a
    ``time.sleep`` every ``every`` lines (it used to be quadratic in the bindings)."""
    body = ["time.sleep(0)" if i % every == 0 else f"t = t + {i % 7}" for i in range(lines - 4)]
    return "\n".join(["import time", "", "t = 0", *body, "print(t)"]) + "\n"


#: (one-name lines, no-call lines) of the stress inputs: the full run, and ``--quick``.
STRESS_SIZES = (4_000, 100_000)
QUICK_STRESS_SIZES = (400, 10_000)


def measure_stress(quick: bool = False, log: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """Seconds of the stress inputs: the one-name block through ``transpile()``, the
    script with no call through ``python -m transpiler transpile`` (a subprocess, as a
    user runs it: start-up, reading and writing the file included)."""
    from transpiler.pipeline import transpile

    one_name, no_call = QUICK_STRESS_SIZES if quick else STRESS_SIZES
    rows: list[dict[str, Any]] = []

    source = script_with_calls(one_name, every=1000)
    start = time.perf_counter()
    result = transpile(source, path="one_name.py")
    seconds = time.perf_counter() - start
    ok = result.code is not None and "import time" not in result.code
    calls = len(range(0, one_name - 4, 1000))
    rows.append(_stress_row(f"one name, {calls} calls", one_name, seconds, ok))

    with tempfile.TemporaryDirectory(prefix="epic-bench-") as tmp:
        src, out = Path(tmp) / "huge.py", Path(tmp) / "out.py"
        src.write_text(huge_script(no_call))
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "transpiler", "transpile", str(src), "-o", str(out)],
            capture_output=True,
            cwd=tmp,
            env=env,
            check=False,
        )
        seconds = time.perf_counter() - start
        ok = done.returncode == 0 and out.read_bytes() == src.read_bytes()
    rows.append(_stress_row("no call, command line", no_call, seconds, ok))
    for row in rows:
        log(
            f"   stress {row['input']:>24}: {row['lines']:6} lines {row['seconds']:7.2f}s "
            f"({row['lines_per_s']:8.0f} lines/s)" + ("" if row["ok"] else " -- WRONG OUTPUT")
        )
    return rows


def _stress_row(name: str, lines: int, seconds: float, ok: bool) -> dict[str, Any]:
    return {
        "input": name,
        "lines": lines,
        "seconds": seconds,
        "lines_per_s": lines / seconds,
        "ok": ok,
    }


def _describe(exc: BaseException) -> str:
    """The exception, and the innermost frame of epic's own code it went through."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/transpiler/" in f.filename.replace("\\", "/")]
    where = (
        f" (in {ours[-1].filename.rsplit('/', 2)[-2]}/{ours[-1].filename.rsplit('/', 1)[-1]}:{ours[-1].lineno}, {ours[-1].name})"
        if ours
        else ""
    )
    return f"{type(exc).__name__}: {str(exc)[:120]}{where}"


def _log10(x: float) -> float:
    import math

    return math.log10(x)
