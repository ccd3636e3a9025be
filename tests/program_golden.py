"""Whole-program golden cases: ``golden/programs/<name>/`` is one case.

```
golden/programs/<name>/
  case.toml         entry = "main.py" (the script run), overlap = N (as for ``# flags:``),
                    optionally extra = N; a comment says what the case shows
  in/               the program as written
  out/              the expected output tree (every module, changed or not)
  diagnostics.txt   what ``epic transpile in -o OUT`` prints on stderr, run from the
                    case's directory
```

A case whose ``out/`` equals its ``in/`` is a noop: the program keeps its sync API.
``scripts/update_goldens.py --programs`` rewrites ``out/`` and ``diagnostics.txt`` from
the current transpiler (review ``git diff golden/programs`` as generated code).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from transpiler import cli

from golden_format import GOLDEN_DIR

PROGRAMS_DIR = GOLDEN_DIR / "programs"


@dataclass(frozen=True, slots=True)
class ProgramFlags:
    overlap: int
    extra: int = 0
    during: tuple[str, str] | None = None
    run: bool = True


@dataclass(frozen=True, slots=True)
class ProgramCase:
    path: Path
    entry: str
    flags: ProgramFlags

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def source(self) -> Path:
        return self.path / "in"

    @property
    def expected(self) -> Path:
        return self.path / "out"


def program_paths() -> list[Path]:
    return sorted(p for p in PROGRAMS_DIR.iterdir() if (p / "case.toml").is_file())


def load_program(path: Path) -> ProgramCase:
    table = tomllib.loads((path / "case.toml").read_text(encoding="utf-8"))
    flags = ProgramFlags(overlap=int(table["overlap"]), extra=int(table.get("extra", 0)))
    return ProgramCase(path, str(table["entry"]), flags)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (no caches), by POSIX path relative to it."""
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@contextlib.contextmanager
def _inside(directory: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


def transpile_case(case: ProgramCase) -> tuple[int, dict[str, bytes], str]:
    """Run ``epic transpile in -o OUT`` (the real command line, in-process) from the
    case's directory: its exit code, the tree it wrote, its stderr."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        stderr = io.StringIO()
        with _inside(case.path), contextlib.redirect_stderr(stderr):
            status = cli.main(["transpile", "in", "-o", str(out)])
        return status, tree(out), stderr.getvalue()


def write_expected(case: ProgramCase) -> bool:
    """Replace ``out/`` and ``diagnostics.txt`` with the current answer; whether they
    changed."""
    status, written, stderr = transpile_case(case)
    if status != 0:
        raise RuntimeError(f"{case.name}: epic transpile exited {status}:\n{stderr}")
    changed = written != tree(case.expected) or stderr != _read(case.path / "diagnostics.txt")
    if changed:
        shutil.rmtree(case.expected, ignore_errors=True)
        for relative, data in written.items():
            target = case.expected / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (case.path / "diagnostics.txt").write_text(stderr, encoding="utf-8")
    return changed


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""
