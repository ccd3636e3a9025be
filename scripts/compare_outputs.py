"""Prove that a change to ``transpiler/`` leaves its output byte-identical.

    .venv/bin/python scripts/compare_outputs.py --save DIR [--jobs 2] [--only CATEGORY ...]
    .venv/bin/python scripts/compare_outputs.py --check DIR [--jobs 2] [--only CATEGORY ...]

``--save DIR`` collects the inputs, transpiles each with the ``transpiler`` package of the
checkout this script is in (it puts that checkout first on ``sys.path``; the path is
printed at the start), and writes into DIR, which must be empty or new:

* ``manifest.json``: one entry per input (category, name, the ``path=`` and ``Config`` it is
  transpiled with, sha256 of its bytes and of its record), plus the versions used;
* ``inputs/<category>/<name>``: the exact bytes of every input;
* ``results/<category>/<name>.txt``: its record, a text rendering of what ``transpile``
  returned: the code (or that it came back unchanged, or none), every diagnostic's
  ``render()``, or the type and message of the exception it raised.

``--check DIR`` transpiles the inputs stored in DIR again, with the same paths and
configuration, and compares the records byte for byte. It prints, per category, how many
are identical, different, or crashed (the transpiler raises now, or runs past
``--timeout``, where it did not before), a unified diff of the first ``--diffs`` mismatches
of each category, and exits 1 when anything differs. The stored inputs are used (not the
files on disk), so edits to goldens, examples or the fuzz generator cannot make the
check fail or pass; a note lists the inputs that changed on disk since the baseline.

Categories (in this order):

* ``golden``: every ``golden/*.py`` case not starting with ``_`` (its input script),
  transpiled as ``tests/test_golden.py`` does: ``path=<name>.py``, the case's flags'
  ``Config``;
* ``examples``: every ``examples/*.py``, and ``bench``: every
  ``bench/workloads/*/sequential.py``, decoded with ``transpiler.io.decode_source`` as the
  CLI does, ``path=<repository-relative path>``, ``Config()``;
* ``corpus``: the standard-library and dependency sample of ``tests/test_corpus.py`` (its
  ``ci_sample()``, built with ``scripts/corpus.py``), decoded like the CLI,
  ``path=<absolute path>``, ``Config()``, as ``corpus.check_file`` does;
* ``fuzz``: ``--fuzz-count`` (2,000) distinct programs of ``tests/fuzz/strategies.py``,
  drawn by hypothesis with the fixed seed ``--fuzz-seed``, ``path="<fuzz>"``,
  ``Config()``, as ``tests/fuzz/harness.py`` does. They are drawn only by ``--save``.

Exit status: 0 saved, or no difference; 1 a difference; 2 usage (bad DIR).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.util
import json
import signal
import subprocess
import sys
import sysconfig
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from types import FrameType, ModuleType
from typing import Any

# The transpiler next to this script, and the test helpers (golden_format, fuzz).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import transpiler
from transpiler.config import Config
from transpiler.io import SourceDecodeError, decode_source, encode_output
from transpiler.pipeline import transpile

ROOT = Path(__file__).resolve().parent.parent

CATEGORIES = ("golden", "examples", "bench", "corpus", "fuzz")
FORMAT = 1
MANIFEST = "manifest.json"
FUZZ_COUNT = 2000
FUZZ_SEED = 20240601
FUZZ_PATH = "<fuzz>"
TIMEOUT = 600  # seconds per input; past it the input's record says "timeout"
TEXT = "text"  # the stored bytes are UTF-8 text given to transpile() as they are
BYTES = "bytes"  # the stored bytes are a file's, decoded with decode_source() first
#: What an encoding of the stored text must survive (a generated program or a golden may
#: hold any ``str``; UTF-8 with surrogatepass round-trips all of them).
ERRORS = "surrogatepass"


@dataclass(frozen=True, slots=True)
class Input:
    """One input: what ``transpile`` is called with."""

    category: str
    name: str  # unique within the category; a relative POSIX path
    path: str  # the ``path=`` argument of transpile()
    mode: str  # TEXT or BYTES
    external: tuple[str, ...]
    ordered: tuple[str, ...]
    line_length: int
    data: bytes

    @property
    def key(self) -> str:
        return f"{self.category}/{self.name}"

    @property
    def config(self) -> Config:
        return Config(external=self.external, ordered=self.ordered, line_length=self.line_length)

    def entry(self, record: str) -> dict[str, Any]:
        return {
            "category": self.category,
            "name": self.name,
            "path": self.path,
            "mode": self.mode,
            "config": {
                "external": list(self.external),
                "ordered": list(self.ordered),
                "line_length": self.line_length,
            },
            "input_sha256": sha256(self.data),
            "status": status_of(record),
            "record_sha256": sha256(encode(record)),
        }


def encode(text: str) -> bytes:
    return text.encode("utf-8", ERRORS)


def decode(data: bytes) -> str:
    return data.decode("utf-8", ERRORS)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_input(category: str, name: str, path: str, source: str, config: Config) -> Input:
    return Input(
        category,
        name,
        path,
        TEXT,
        tuple(config.external),
        tuple(config.ordered),
        config.line_length,
        encode(source),
    )


def file_input(category: str, name: str, path: str, data: bytes) -> Input:
    default = Config()
    return Input(
        category,
        name,
        path,
        BYTES,
        tuple(default.external),
        tuple(default.ordered),
        default.line_length,
        data,
    )


# ------------------------------------------------------------------------------ records


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout()


def _exception(exc: BaseException) -> str:
    kind = type(exc)
    module = "" if kind.__module__ == "builtins" else kind.__module__ + "."
    return f"{module}{kind.__qualname__}: {exc}"


def status_of(record: str) -> str:
    """The first line's value: ok, decode-error, crash or timeout."""
    return record.split("\n", 1)[0].removeprefix("status: ")


def compute(item: Input, timeout: int = TIMEOUT) -> str:
    """The record of one input: a text that is the same exactly when the transpiler's
    answer for it is."""
    lines: list[str] = []
    use_alarm = timeout > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout)
    try:
        return _compute(item, lines)
    except _Timeout:
        return "status: timeout\n" + "".join(f"{line}\n" for line in lines)
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _compute(item: Input, lines: list[str]) -> str:
    decoded = None
    if item.mode == BYTES:
        try:
            decoded = decode_source(item.data, path=item.path)
        except SourceDecodeError as exc:
            return f"status: decode-error\n{exc.diagnostic.render()}\n"
        except Exception as exc:  # noqa: BLE001 - a crash of epic is an answer too
            return f"status: crash\nin: decode_source\n{_exception(exc)}\n"
        source = decoded.text
        lines.append(
            f"decoded: encoding={decoded.encoding!r} bom={decoded.bom} "
            f"newline={decoded.newline!r}"
        )
    else:
        source = decode(item.data)
    try:
        result = transpile(source, path=item.path, config=item.config)
    except _Timeout:
        raise
    except Exception as exc:  # noqa: BLE001 - a crash of epic is an answer too
        return "status: crash\n" + "".join(f"{line}\n" for line in lines) + _exception(exc) + "\n"
    code = result.code
    if code is None:
        lines.append("code: none")
    elif code == source:
        lines.append("code: unchanged")
    else:
        lines.append(f"code: changed, {len(code.splitlines())} lines, {len(code)} characters")
    if decoded is not None and code is not None:
        try:
            written = encode_output(code, bom=decoded.bom, newline=decoded.newline)
        except Exception as exc:  # noqa: BLE001 - UnicodeEncodeError, or a crash
            lines.append(f"encoded: {_exception(exc)}")
        else:
            same = "the input's bytes" if written == item.data else f"sha256 {sha256(written)}"
            lines.append(f"encoded: {same}")
    lines.append(f"diagnostics: {len(result.diagnostics)}")
    for number, diagnostic in enumerate(result.diagnostics, 1):
        lines.append(f"=== diagnostic {number}")
        lines.append(diagnostic.render())
    text = "status: ok\n" + "".join(f"{line}\n" for line in lines)
    if code is not None and code != source:
        text += "=== code\n" + code
    return text


def compute_all(items: Sequence[Input], jobs: int, timeout: int) -> Iterator[str]:
    """The records, in the order of ``items``, with progress on stderr."""
    started = time.perf_counter()

    def progress(records: Iterable[str]) -> Iterator[str]:
        for number, record in enumerate(records, 1):
            if number % 250 == 0 or number == len(items):
                elapsed = time.perf_counter() - started
                print(f"  {number}/{len(items)} inputs, {elapsed:.0f} s", file=sys.stderr)
            yield record

    if jobs <= 1:
        yield from progress(compute(item, timeout) for item in items)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from progress(pool.map(partial(compute, timeout=timeout), items, chunksize=4))


# ------------------------------------------------------------------------------- inputs


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def golden_inputs() -> list[Input]:
    golden_format = _load_module("golden_format", ROOT / "tests" / "golden_format.py")
    items = []
    for path in golden_format.golden_paths(ROOT / "golden"):
        case = golden_format.load_case(path)
        items.append(
            text_input("golden", path.name, case.path.name, case.source, case.flags.config)
        )
    return items


def _repository_files(category: str, paths: Iterable[Path]) -> list[Input]:
    items = []
    for path in sorted(paths):
        rel = path.relative_to(ROOT).as_posix()
        name = path.name if category == "examples" else path.parent.name + "/" + path.name
        items.append(file_input(category, name, rel, path.read_bytes()))
    return items


def example_inputs() -> list[Input]:
    return _repository_files("examples", (ROOT / "examples").glob("*.py"))


def bench_inputs() -> list[Input]:
    return _repository_files("bench", (ROOT / "bench" / "workloads").glob("*/sequential.py"))


def _corpus_name(path: Path) -> str:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if path.is_relative_to(stdlib):
        return "stdlib/" + path.relative_to(stdlib).as_posix()
    parts = path.parts
    if "site-packages" in parts:
        index = len(parts) - 1 - parts[::-1].index("site-packages")
        return "site-packages/" + PurePosixPath(*parts[index + 1 :]).as_posix()
    return PurePosixPath(*path.parts[1:]).as_posix()


def corpus_inputs() -> list[Input]:
    test_corpus = _load_module("epic_test_corpus", ROOT / "tests" / "test_corpus.py")
    items = []
    for path in test_corpus.ci_sample():
        items.append(file_input("corpus", _corpus_name(path), str(path), path.read_bytes()))
    return items


def fuzz_sources(count: int, seed: int) -> list[str]:
    """The first ``count`` distinct programs hypothesis draws with this seed (the same on
    every call: one run of ``max_examples`` examples, a longer one if too few differ)."""
    from fuzz.strategies import programs

    strategy = programs()
    examples = count + count // 10 + 10
    while True:
        sources = _draw_programs(strategy, count, seed, examples)
        if len(sources) == count:
            return sources
        if examples > 10 * count + 100:
            raise RuntimeError(f"hypothesis drew only {len(sources)} distinct programs")
        examples *= 2


def _draw_programs(strategy: Any, count: int, seed: int, examples: int) -> list[str]:
    """``strategy`` draws ``fuzz.strategies.Program`` objects (their ``source`` is kept)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    sources: list[str] = []
    seen: set[str] = set()

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(program=strategy)
    def collect(program: Any) -> None:
        if program.source not in seen and len(sources) < count:
            seen.add(program.source)
            sources.append(program.source)

    collect()
    return sources


def fuzz_inputs(count: int, seed: int) -> list[Input]:
    width = len(str(count - 1))
    return [
        text_input("fuzz", f"fuzz_{number:0{width}d}.py", FUZZ_PATH, source, Config())
        for number, source in enumerate(fuzz_sources(count, seed))
    ]


def collect_inputs(
    categories: Sequence[str], *, fuzz_count: int = FUZZ_COUNT, fuzz_seed: int = FUZZ_SEED
) -> list[Input]:
    collectors: dict[str, Callable[[], list[Input]]] = {
        "golden": golden_inputs,
        "examples": example_inputs,
        "bench": bench_inputs,
        "corpus": corpus_inputs,
        "fuzz": lambda: fuzz_inputs(fuzz_count, fuzz_seed),
    }
    items: list[Input] = []
    for category in categories:
        started = time.perf_counter()
        found = collectors[category]()
        elapsed = time.perf_counter() - started
        print(f"collected {len(found)} {category} inputs ({elapsed:.1f} s)", file=sys.stderr)
        items += found
    return items


# ----------------------------------------------------------------------------- baseline


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    try:
        commit = subprocess.run(
            ["git", "-C", str(Path(transpiler.__file__).parent), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(Path(transpiler.__file__).parent), "status", "--porcelain", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", ""
    return {
        "transpiler": str(Path(transpiler.__file__).parent),
        "commit": commit + (" (transpiler/ modified)" if dirty else ""),
        "python": sys.version.split()[0],
        "libcst": version("libcst"),
        "black": version("black"),
    }


def save(
    directory: Path, items: Sequence[Input], records: Sequence[str], meta: dict[str, Any]
) -> None:
    entries = []
    for item, record in zip(items, records, strict=True):
        for kind, data in (("inputs", item.data), ("results", encode(record))):
            target = (
                directory
                / kind
                / item.category
                / (item.name + (".txt" if kind == "results" else ""))
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        entries.append(item.entry(record))
    counts = Counter(item.category for item in items)
    header = {
        "format": FORMAT,
        **meta,
        "counts": {c: counts[c] for c in CATEGORIES if c in counts},
    }
    # One entry a line, so that two baselines diff line by line.
    lines = [json.dumps(entry, ensure_ascii=False) for entry in entries]
    text = json.dumps(header, indent=1, ensure_ascii=False)[:-2] + ',\n "entries": [\n'
    text += ",\n".join(f"  {line}" for line in lines) + "\n ]\n}\n"
    (directory / MANIFEST).write_text(text, encoding="utf-8")


def load(directory: Path) -> tuple[dict[str, Any], list[Input], list[str]]:
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise SystemExit(f"{directory / MANIFEST}: format {manifest.get('format')}, not {FORMAT}")
    items, records = [], []
    for entry in manifest["entries"]:
        category, name = entry["category"], entry["name"]
        data = (directory / "inputs" / category / name).read_bytes()
        if sha256(data) != entry["input_sha256"]:
            raise SystemExit(f"{directory}: inputs/{category}/{name} does not match the manifest")
        record = decode((directory / "results" / category / (name + ".txt")).read_bytes())
        if sha256(encode(record)) != entry["record_sha256"]:
            raise SystemExit(
                f"{directory}: results/{category}/{name}.txt does not match the manifest"
            )
        config = entry["config"]
        items.append(
            Input(
                category,
                name,
                entry["path"],
                entry["mode"],
                tuple(config["external"]),
                tuple(config["ordered"]),
                int(config["line_length"]),
                data,
            )
        )
        records.append(record)
    return manifest, items, records


# -------------------------------------------------------------------------------- check

IDENTICAL, DIFFERENT, CRASHED = "identical", "different", "crashed"


def verdict(before: str, now: str) -> str:
    if before == now:
        return IDENTICAL
    if status_of(now) in ("crash", "timeout"):
        return CRASHED
    return DIFFERENT


def record_diff(item: Input, before: str, now: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            now.splitlines(keepends=True),
            fromfile=f"{item.key} (baseline)",
            tofile=f"{item.key} (transpiler now)",
        )
    )


def drift(items: Sequence[Input], categories: Sequence[str], shown: int = 10) -> list[str]:
    """Notes on the inputs that changed on disk since the baseline (never the fuzz ones).

    The check itself uses the baseline's copies; these notes say what it does not cover.
    """
    disk_categories = [c for c in categories if c != "fuzz" and any(i.category == c for i in items)]
    if not disk_categories:
        return []
    try:
        current = {i.key: i for i in collect_inputs(disk_categories)}
    except Exception as exc:  # noqa: BLE001 - only a note: the check itself goes on
        return [f"cannot collect the inputs on disk: {_exception(exc)}"]
    stored = {i.key: i for i in items if i.category in disk_categories}
    changed = [
        key
        for key in sorted(current.keys() & stored.keys())
        if (stored[key].data, stored[key].path, stored[key].mode, stored[key].config)
        != (current[key].data, current[key].path, current[key].mode, current[key].config)
    ]
    notes = []
    for what, keys in (
        ("new on disk (not checked)", sorted(current.keys() - stored.keys())),
        (
            "gone from disk (checked from the baseline's copy)",
            sorted(stored.keys() - current.keys()),
        ),
        ("changed on disk (checked from the baseline's copy)", changed),
    ):
        if keys:
            more = f", and {len(keys) - shown} more" if len(keys) > shown else ""
            notes.append(f"{len(keys)} input(s) {what}: {', '.join(keys[:shown])}{more}")
    return notes


def check(
    directory: Path,
    categories: Sequence[str],
    *,
    jobs: int,
    timeout: int,
    diffs: int,
    notes: bool,
) -> int:
    manifest, items, records = load(directory)
    print(f"baseline: {directory} (transpiler {manifest.get('versions', {}).get('commit', '?')})")
    chosen = [(i, r) for i, r in zip(items, records, strict=True) if i.category in categories]
    missing = [c for c in categories if not any(i.category == c for i, _ in chosen)]
    now = list(compute_all([i for i, _ in chosen], jobs, timeout))
    tally: dict[str, Counter[str]] = {c: Counter() for c in categories}
    shown: Counter[str] = Counter()
    mismatches: list[str] = []
    for (item, before), record in zip(chosen, now, strict=True):
        result = verdict(before, record)
        tally[item.category][result] += 1
        if result == IDENTICAL:
            continue
        mismatches.append(f"{result}: {item.key}")
        if shown[item.category] < diffs:
            shown[item.category] += 1
            print(f"\n==== {result}: {item.key} (path={item.path!r})")
            print(record_diff(item, before, record), end="")
    print()
    print(f"{'category':<10} {'inputs':>7} {IDENTICAL:>10} {DIFFERENT:>10} {CRASHED:>8}")
    for category in categories:
        t = tally[category]
        total = sum(t.values())
        print(f"{category:<10} {total:>7} {t[IDENTICAL]:>10} {t[DIFFERENT]:>10} {t[CRASHED]:>8}")
    if len(mismatches) > sum(shown.values()):
        print(f"\nall {len(mismatches)} mismatches:")
        print("\n".join(f"  {line}" for line in mismatches))
    for category in missing:
        print(f"note: the baseline has no {category} inputs")
    if notes:
        for note in drift(items, categories):
            print(f"note: {note}")
    print("OK: every output is identical" if not mismatches else f"FAIL: {len(mismatches)} differ")
    return 1 if mismatches else 0


# --------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, metavar="DIR", help="record a baseline in DIR")
    action.add_argument(
        "--check", type=Path, metavar="DIR", help="compare with the baseline in DIR"
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--only",
        action="append",
        choices=CATEGORIES,
        metavar="CATEGORY",
        help=f"restrict to this category (repeatable): {', '.join(CATEGORIES)}",
    )
    parser.add_argument("--diffs", type=int, default=3, help="diffs shown per category (default 3)")
    parser.add_argument(
        "--timeout", type=int, default=TIMEOUT, help=f"seconds per input (default {TIMEOUT})"
    )
    parser.add_argument("--fuzz-count", type=int, default=FUZZ_COUNT, help="--save: fuzz programs")
    parser.add_argument("--fuzz-seed", type=int, default=FUZZ_SEED, help="--save: hypothesis seed")
    parser.add_argument("--no-drift", action="store_true", help="--check: skip the on-disk notes")
    args = parser.parse_args(argv)
    categories = [c for c in CATEGORIES if args.only is None or c in args.only]
    print(f"transpiler: {transpiler.__file__}", flush=True)
    started = time.perf_counter()
    if args.check is not None:
        if not (args.check / MANIFEST).is_file():
            print(f"{args.check}: no {MANIFEST}: not a baseline", file=sys.stderr)
            return 2
        status = check(
            args.check,
            categories,
            jobs=args.jobs,
            timeout=args.timeout,
            diffs=args.diffs,
            notes=not args.no_drift,
        )
        print(f"checked in {time.perf_counter() - started:.1f} s")
        return status
    directory: Path = args.save
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        print(f"{directory}: exists and is not an empty directory", file=sys.stderr)
        return 2
    items = collect_inputs(categories, fuzz_count=args.fuzz_count, fuzz_seed=args.fuzz_seed)
    keys = [i.key for i in items]
    if len(set(keys)) != len(keys):
        raise RuntimeError("two inputs have the same name")
    records = list(compute_all(items, args.jobs, args.timeout))
    directory.mkdir(parents=True, exist_ok=True)
    meta = {
        "versions": _versions(),
        "fuzz": (
            {"count": args.fuzz_count, "seed": args.fuzz_seed} if "fuzz" in categories else None
        ),
        "timeout": args.timeout,
    }
    save(directory, items, records, meta)
    statuses = Counter((i.category, status_of(r)) for i, r in zip(items, records, strict=True))
    for category in categories:
        parts = ", ".join(f"{s} {n}" for (c, s), n in sorted(statuses.items()) if c == category)
        print(f"{category:<10} {parts}")
    print(f"saved {len(items)} inputs to {directory} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
