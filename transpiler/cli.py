"""The ``epic`` command line: transpile, sync, compare, explain and serve.

Conventions follow black and ruff: ``-`` reads stdin, output goes to stdout unless
``-o`` names a file, ``--check`` and ``--diff`` never write, diagnostics go to
stderr. Exit codes:

- 0: success (``--check``: the output file is up to date);
- 1: errors in the input (syntax, encoding, unsupported constructs), or ``--check``
  found that the output would change, or ``compare`` saw different behaviour, or
  ``sync`` regenerated a file (pre-commit's convention: the hook changed files, so it
  fails and the user stages them);
- 2: usage errors (arguments, missing input, bad ``-o`` path, configuration);
- 123: an internal error (a bug in epic; ``EPIC_DEBUG=1`` prints the traceback).

The CLI parses arguments, checks paths and prints; the work is done by
:mod:`transpiler.pipeline`, :mod:`transpiler.io` and :mod:`transpiler.compare`.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from transpiler import compare as comparing
from transpiler import sync as syncing
from transpiler.checks import INTERNAL_ERROR
from transpiler.config import Config, ConfigError, find_pyproject, load_config
from transpiler.diagnostics import Diagnostic
from transpiler.io import (
    ENCODING_ERROR,
    SourceDecodeError,
    decode_source,
    encode_output,
    read_bytes_if_exists,
    write_atomic,
)

# Called through this module's global name, so tests can monkeypatch
# ``transpiler.cli.transpile`` to simulate a crash inside the pipeline.
from transpiler.pipeline import TranspileResult, transpile
from transpiler.program import ModuleOutcome, SourceModule, local_helper_notes, transpile_program

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 123

STDIN_NAME = "<stdin>"


class UsageError(Exception):
    """The command cannot run as invoked; the message says what to change."""


@dataclass(frozen=True, slots=True)
class Generated:
    """Code the pipeline produced for one input, ready to be saved or printed."""

    code: str
    data: bytes
    # Nothing in it starts early though it makes external calls (``--strict`` fails).
    sequential: bool = False


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``epic`` with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["serve"]:
        # Everything after ``serve`` belongs to the endpoint's own parser, including
        # ``--help``: argparse would try to interpret those options itself.
        return _serve(args_list[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        if args.command == "transpile" and (len(args.input) > 1 or Path(args.input[0]).is_dir()):
            if args.output in (None, "-") and not args.diff:
                args.subparser.error("a program (a directory or several files) requires -o OUT_DIR")
        elif args.command == "transpile" and args.check and args.output in (None, "-"):
            # Reported by the subcommand's parser, so its usage line is shown.
            args.subparser.error("--check requires -o OUT")
    except SystemExit as exc:
        # argparse exits 0 for --help/--version and 2 for usage errors; return the
        # code so ``main`` can be called in-process.
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    commands = {
        "transpile": _transpile_command,
        "sync": _sync_command,
        "compare": _compare_command,
        "explain": _explain_command,
    }
    command = commands.get(args.command)
    if command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return command(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of our stdout went away (``epic transpile x.py | head``):
        # stop quietly, and keep Python from failing again when it flushes stdout
        # at exit (the recipe from the ``signal`` module's documentation).
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERRORS
    except Exception as exc:  # noqa: BLE001 - a bug in epic: no bare traceback
        return _internal_error(f"running 'epic {args.command}'", exc)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``serve``'s arguments are parsed by the endpoint)."""
    parser = argparse.ArgumentParser(
        prog="epic",
        description=(
            "Transpile sequential Python scripts full of slow external calls "
            "(LLM requests, HTTP, sleeps) into parallel asyncio."
        ),
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _add_transpile(commands)
    _add_sync(commands)
    _add_compare(commands)
    _add_explain(commands)
    _add_serve(commands)
    return parser


def _add_transpile(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tr = commands.add_parser(
        "transpile",
        help="transpile a script, or a whole program",
        description="Transpile one script into an equivalent asyncio program; or, given "
        "a directory or several files, a whole program: its modules together, so a "
        "helper module's functions become async with every caller.",
    )
    tr.set_defaults(subparser=tr)
    tr.add_argument(
        "input",
        metavar="IN",
        nargs="+",
        help="the script to transpile ('-': stdin); a directory or several files: a program",
    )
    tr.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file to write (default: stdout); for a program, the directory to write "
        "its tree to; written atomically, only if changed",
    )
    tr.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if OUT is missing or out of date",
    )
    tr.add_argument(
        "--diff",
        action="store_true",
        help="write nothing; print a unified diff of OUT (or IN) against the result",
    )
    tr.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="pyproject.toml with [tool.epic] (default: the nearest one above IN)",
    )
    tr.add_argument("-q", "--quiet", action="store_true", help="print only error diagnostics")
    tr.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when the script is kept sequential, or none of its calls starts early",
    )


def _add_sync(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sy = commands.add_parser(
        "sync",
        help="regenerate the files listed in [tool.epic] generate (pre-commit hook)",
        description=(
            "Regenerate every output of [tool.epic] generate whose source or output is "
            "among FILES (all of them when no FILES are given), atomically and only "
            "when its content changes. Exit 1 when a file was regenerated (or, with "
            "--check, would be) or a source has errors; 0 when all are up to date."
        ),
    )
    sy.add_argument(
        "files",
        nargs="*",
        metavar="FILES",
        help="changed files (as pre-commit passes them); others are ignored",
    )
    sy.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if any output is missing or out of date",
    )
    sy.add_argument(
        "--config",
        metavar="PYPROJECT",
        help=(
            "pyproject.toml with [tool.epic] generate (default: the nearest one "
            "above the current directory)"
        ),
    )
    sy.add_argument("-q", "--quiet", action="store_true", help="print only error diagnostics")


def _add_compare(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmp = commands.add_parser(
        "compare",
        help="run a script and its transpiled version against the offline endpoint",
        description=(
            "Transpile SCRIPT, run the original and the result against the offline "
            "endpoint, and report their output, exit codes and wall times. "
            "Exit 0 when both behave identically."
        ),
    )
    cmp.add_argument("script", metavar="SCRIPT", help="the script to compare")
    cmp.add_argument("--ttft", type=float, metavar="S", help="endpoint time to first token (s)")
    cmp.add_argument("--per-token", type=float, metavar="S", help="endpoint time per token (s)")
    cmp.add_argument("--scale", type=float, metavar="X", help="multiply every endpoint latency")
    cmp.add_argument(
        "--keep",
        metavar="DIR",
        help="write the transpiled script into DIR and keep it (default: a temp dir)",
    )
    cmp.add_argument(
        "--timeout",
        type=float,
        default=comparing.DEFAULT_TIMEOUT,
        metavar="S",
        help="kill a run after S seconds (default: %(default)g)",
    )
    cmp.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="pyproject.toml with [tool.epic] (default: the nearest one above SCRIPT)",
    )
    cmp.add_argument("-q", "--quiet", action="store_true", help="print only error diagnostics")


def _add_explain(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ex = commands.add_parser(
        "explain",
        help="say, for every external call, whether it starts early and why not",
        description=(
            "For every external call of IN: whether the generated code starts it early "
            "(and how), or awaits it in place and why (ordered effects, a value it "
            "needs, a loop that runs iteration by iteration, a condition)."
        ),
    )
    ex.add_argument("input", metavar="IN", help="the script to explain ('-': stdin)")
    ex.add_argument(
        "--config",
        metavar="PYPROJECT",
        help="pyproject.toml with [tool.epic] (default: the nearest one above IN)",
    )


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    commands.add_parser(
        "serve",
        help="run the offline OpenAI-compatible endpoint (see 'epic serve --help')",
        add_help=False,
    )


def _version() -> str:
    """epic's version and the two dependencies the generated code depends on."""

    def installed(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "unknown"

    return (
        f"epic {installed('epic')} (libcst {installed('libcst')}, "
        f"black {installed('black')}, Python {platform.python_version()})"
    )


# --------------------------------------------------------------------------- transpile


def _transpile_command(args: argparse.Namespace) -> int:
    """``epic transpile``: every path is checked before anything is read or written.

    Usage problems raise :class:`UsageError` (exit 2) before stdin is consumed; an
    input with errors (exit 1) or a crash (exit 123) leaves every file untouched.
    """
    if len(args.input) > 1 or Path(args.input[0]).is_dir():
        return _transpile_program_command(args)
    [given] = args.input
    from_stdin = given == "-"
    display = STDIN_NAME if from_stdin else str(given)
    in_path = None if from_stdin else _existing_input(Path(given))
    out_path = None if args.output in (None, "-") else Path(args.output)
    if out_path is not None:
        _check_output_path(out_path, in_path)
    config = _config_for(args.config, in_path)
    data = _read_stdin() if in_path is None else _read_input(in_path)

    generated = _generate(
        data, display=display, config=config, quiet=args.quiet, summary=not args.check
    )
    if isinstance(generated, int):
        return generated
    if in_path is not None and not args.quiet:
        notes = _helper_notes(in_path, display, _lenient_text(data), config)
        _print_diagnostics(notes, quiet=False)
    status = _write_generated(args, generated, data, display=display, out_path=out_path)
    if status == EXIT_OK and args.strict and generated.sequential:
        print(f"{display}: kept sequential (--strict)", file=sys.stderr)
        return EXIT_ERRORS
    return status


def _helper_notes(in_path: Path, display: str, source: str, config: Config) -> list[Diagnostic]:
    """Notes on the script's imports of modules beside it that may make external calls
    (its directory is the first entry of ``sys.path`` when it runs)."""
    here = in_path.parent
    helpers: dict[str, str] = {}
    for candidate in [*here.glob("*.py"), *here.glob("*/__init__.py")]:
        if candidate.resolve() == in_path.resolve():
            continue
        relative = candidate.relative_to(here)
        name = relative.parent.name if relative.name == "__init__.py" else relative.stem
        with contextlib.suppress(OSError, SourceDecodeError):
            helpers[name] = decode_source(candidate.read_bytes(), path=str(candidate)).text
    return local_helper_notes(display, source, helpers, config=config) if helpers else []


#: Directories a program's tree never includes.
_SKIPPED_DIRECTORIES = frozenset({"__pycache__", "node_modules", "venv", "build", "dist"})


def _program_files(inputs: Sequence[str], out_dir: Path | None) -> tuple[Path, list[Path]]:
    """The program's root and its Python files: every ``.py`` under a directory given
    (not hidden ones, virtual environments, ``__pycache__`` nor the output directory),
    and the files given."""
    paths = [Path(given) for given in inputs]
    for path in paths:
        if str(path) == "-":
            raise UsageError("a program is read from files, not from stdin")
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
    if len(paths) == 1:
        root = paths[0]
    else:
        root = Path(
            os.path.commonpath([str((p if p.is_dir() else p.parent).resolve()) for p in paths])
        )
    skipped = {out_dir.resolve()} if out_dir is not None else set()
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path.resolve())
            continue
        for directory, subdirectories, names in os.walk(path):
            here = Path(directory)
            subdirectories[:] = sorted(
                d
                for d in subdirectories
                if not d.startswith(".")
                and d not in _SKIPPED_DIRECTORIES
                and (here / d).resolve() not in skipped
                and not (here / d / "pyvenv.cfg").exists()
            )
            files += [(here / n).resolve() for n in sorted(names) if n.endswith(".py")]
    unique = sorted(set(files))
    if not unique:
        raise UsageError(f"no Python files in {', '.join(inputs)}")
    return root.resolve(), unique


def _transpile_program_command(args: argparse.Namespace) -> int:
    """``epic transpile DIR -o OUT`` / ``epic transpile a.py b.py -o OUT``: the modules
    of one program together; the output tree mirrors the input's (unchanged modules
    copied), and nothing is written unless every module succeeded."""
    out_dir = None if args.output in (None, "-") else Path(args.output)
    root, files = _program_files(args.input, out_dir)
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError(f"-o {out_dir} is a file; a program is written to a directory")
        if out_dir.resolve() == root:
            raise UsageError(
                f"-o {out_dir} is the program's own directory; epic never overwrites its input"
            )
    config = _config_for(args.config, files[0])
    texts = {}
    modules = []
    failed = False
    for path in files:
        relative = path.relative_to(root).as_posix()
        display = os.path.relpath(path)
        try:
            texts[relative] = decode_source(_read_input(path), path=display)
        except SourceDecodeError as exc:
            _print_diagnostics([exc.diagnostic], quiet=args.quiet)
            failed = True
            continue
        modules.append(SourceModule(relative, texts[relative].text, display))
    if failed:
        return EXIT_ERRORS
    try:
        result = transpile_program(modules, config=config)
    except Exception as exc:  # noqa: BLE001 - any crash here is a bug in epic
        return _internal_error(f"transpiling {args.input[0]}", exc)
    _print_diagnostics(result.diagnostics, quiet=args.quiet)
    if any(d.code == INTERNAL_ERROR for d in result.diagnostics):
        return EXIT_INTERNAL
    if result.has_errors:
        return EXIT_ERRORS
    outputs: list[tuple[ModuleOutcome, Path | None, bytes]] = []
    sequential = []
    for outcome in result.outcomes:
        assert outcome.code is not None
        relative = outcome.module.relative
        source = texts[relative]
        try:
            encoded = encode_output(outcome.code, bom=source.bom, newline=source.newline)
        except UnicodeEncodeError as exc:
            _print_diagnostics(
                [_encode_diagnostic(outcome.code, exc, outcome.module.display)], quiet=args.quiet
            )
            return EXIT_ERRORS
        outputs.append((outcome, out_dir / relative if out_dir is not None else None, encoded))
        found = outcome.result
        face = found.interface if found is not None else None
        api = face.api if face is not None and face.library else []
        if api and not args.quiet and not args.check:
            # A library's calls start when its callers' do: name what became async.
            names = ", ".join(f"`{name}`" for name in api)
            print(
                f"{outcome.module.display}: made async for its importers: {names}", file=sys.stderr
            )
        elif found is not None and (found.decisions or found.kept_sequential):
            if not args.quiet and not args.check:
                waits = any(not d.early for d in found.decisions)
                hint = f": see `epic explain {outcome.module.display}`" if waits else ""
                print(f"{outcome.module.display}: {found.summary}{hint}", file=sys.stderr)
            if found.kept_sequential or not any(d.early for d in found.decisions):
                sequential.append(outcome.module.display)
    status = EXIT_OK
    for outcome, out_path, encoded in outputs:
        current = read_bytes_if_exists(out_path) if out_path is not None else None
        if args.diff and (current != encoded if out_path is not None else outcome.changed):
            old = _lenient_text(current or b"") if out_path is not None else outcome.module.source
            label = str(out_path) if out_path is not None else outcome.module.display
            sys.stdout.write(
                _unified_diff(
                    old, outcome.code or "", f"{label}\t(current)", f"{label}\t(generated)"
                )
            )
        if args.check and current != encoded:
            print(f"would regenerate {out_path}", file=sys.stderr)
            status = EXIT_ERRORS
    if args.check or args.diff:
        return status
    for _outcome, out_path, encoded in outputs:
        assert out_path is not None
        try:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(out_path, encoded)
        except OSError as exc:
            raise UsageError(f"cannot write {out_path}: {exc.strerror or exc}") from exc
    if args.strict and sequential:
        for display in sequential:
            print(f"{display}: kept sequential (--strict)", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _write_generated(
    args: argparse.Namespace,
    generated: Generated,
    data: bytes,
    *,
    display: str,
    out_path: Path | None,
) -> int:
    """``--diff``, ``--check``, stdout or the output file, for ``epic transpile``."""
    current = read_bytes_if_exists(out_path) if out_path is not None else None
    if args.diff:
        if out_path is not None:
            old = _lenient_text(current or b"")
            old_label, new_label = f"{out_path}\t(current)", f"{out_path}\t(generated)"
        else:
            old = _lenient_text(data)
            old_label, new_label = f"{display}\t(input)", f"{display}\t(transpiled)"
        sys.stdout.write(_unified_diff(old, generated.code, old_label, new_label))
    if args.check:
        if current == generated.data:
            return EXIT_OK
        print(f"would regenerate {out_path}", file=sys.stderr)
        return EXIT_ERRORS
    if args.diff:
        return EXIT_OK
    if out_path is None:
        _write_stdout(generated.data)
        return EXIT_OK
    try:
        write_atomic(out_path, generated.data)
    except OSError as exc:
        raise UsageError(f"cannot write {out_path}: {exc.strerror or exc}") from exc
    return EXIT_OK


def _generate(
    data: bytes, *, display: str, config: Config, quiet: bool, summary: bool = False
) -> Generated | int:
    """Decode, transpile and encode one script, printing its diagnostics (and, with
    ``summary``, a line on what happened to its calls).

    Returns the generated code, or the exit code when there is nothing to write
    (errors in the input: 1; a crash inside the pipeline: 123).
    """
    try:
        source = decode_source(data, path=display)
    except SourceDecodeError as exc:
        _print_diagnostics([exc.diagnostic], quiet=quiet)
        return EXIT_ERRORS
    try:
        result = transpile(source.text, path=display, config=config)
    except Exception as exc:  # noqa: BLE001 - any crash here is a bug in epic
        return _internal_error(f"transpiling {display}", exc)
    _print_diagnostics(result.diagnostics, quiet=quiet)
    if result.internal_errors:
        return EXIT_INTERNAL  # a safety net caught a bug in epic: nothing is written

    if result.has_errors:
        return EXIT_ERRORS
    if result.code is None:
        return _internal_error(
            f"transpiling {display}",
            RuntimeError("the pipeline returned no code and no error"),
        )
    try:
        encoded = encode_output(result.code, bom=source.bom, newline=source.newline)
    except UnicodeEncodeError as exc:
        _print_diagnostics([_encode_diagnostic(result.code, exc, display)], quiet=quiet)
        return EXIT_ERRORS
    if summary and not quiet and (result.decisions or result.kept_sequential):
        waits = any(not d.early for d in result.decisions)
        hint = f": see `epic explain {display}`" if waits else ""
        print(f"{display}: {result.summary}{hint}", file=sys.stderr)
    sequential = result.kept_sequential or (
        bool(result.decisions) and not any(d.early for d in result.decisions)
    )
    return Generated(code=result.code, data=encoded, sequential=sequential)


def _explain_command(args: argparse.Namespace) -> int:
    """``epic explain``: the plan, call by call, on stdout."""
    from transpiler.explain import explain, render
    from transpiler.pipeline import analyse_and_plan

    from_stdin = args.input == "-"
    display = STDIN_NAME if from_stdin else str(args.input)
    in_path = None if from_stdin else _existing_input(Path(args.input))
    config = _config_for(args.config, in_path)
    data = _read_stdin() if in_path is None else _read_input(in_path)
    try:
        source = decode_source(data, path=display)
    except SourceDecodeError as exc:
        _print_diagnostics([exc.diagnostic], quiet=False)
        return EXIT_ERRORS
    planned = analyse_and_plan(source.text, path=display, config=config)
    if isinstance(planned, TranspileResult):
        _print_diagnostics(planned.diagnostics, quiet=False)
        if planned.has_errors:
            return EXIT_ERRORS
        print(f"{display}: kept as it is (no external call epic can make parallel)")
        return 0
    sys.stdout.write(render(display, explain(planned)))
    return 0


def _encode_diagnostic(code: str, exc: UnicodeEncodeError, display: str) -> Diagnostic:
    """The generated code needs a character its coding cookie cannot store.

    The cookie comes from the input, so the diagnostic points at it there (it is
    on line 1 or 2 of both files): that declaration is what the user must change.
    """
    head = code.splitlines()[:2]
    line = next((n for n, text in enumerate(head, 1) if "coding" in text), 1)
    return Diagnostic(
        path=display,
        line=line,
        column=1,
        severity="error",
        code=ENCODING_ERROR,
        message=(
            f"the transpiled code cannot be saved as {exc.encoding}: it contains "
            f"{exc.object[exc.start:exc.end]!r}, which {exc.encoding} cannot represent"
        ),
        note="declare `# -*- coding: utf-8 -*-` instead, or remove the declaration",
        source_line=head[line - 1] if line <= len(head) else None,
    )


def _existing_input(path: Path) -> Path:
    """``path`` if it can be read as one script (files, but also pipes like ``<(..)``)."""
    if path.is_dir():
        raise UsageError(f"{path} is a directory; epic transpiles one script at a time")
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    return path


def _check_output_path(out_path: Path, in_path: Path | None) -> None:
    """Refuse an ``-o`` that cannot be written or that would clobber the input."""
    if in_path is not None and _same_file(out_path, in_path):
        raise UsageError(
            f"-o {out_path} is the input file itself; "
            "epic never overwrites its input (write the result to another file)"
        )
    if out_path.is_dir():
        raise UsageError(f"-o {out_path} is a directory; give a file name")
    parent = Path(os.path.realpath(out_path)).parent
    if not parent.is_dir():
        raise UsageError(f"-o {out_path}: directory {parent} does not exist")


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through symlinks, hard links, ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        # One of them does not exist (yet): compare where they would point.
        return os.path.realpath(a) == os.path.realpath(b)


def _config_for(explicit: str | None, in_path: Path | None) -> Config:
    """``--config``, else the nearest pyproject.toml above the input (or the cwd)."""
    try:
        if explicit is not None:
            return load_config(Path(explicit))
        found = find_pyproject(in_path if in_path is not None else Path.cwd())
        return load_config(found) if found is not None else Config()
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data = buffer.read()
        assert isinstance(data, bytes)
        return data
    # A text-only stdin (some embedders and test harnesses): it is already decoded.
    return sys.stdin.read().encode("utf-8")


def _write_stdout(data: bytes) -> None:
    """Write the generated bytes as they would be saved (encoding from the cookie)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
        return
    sys.stdout.flush()  # keep anything already written in the text layer first
    buffer.write(data)
    buffer.flush()


def _lenient_text(data: bytes) -> str:
    """Bytes as text for a diff: decoded like a script, never failing."""
    try:
        return decode_source(data, path="").text
    except SourceDecodeError:
        return data.decode("utf-8", errors="replace")


def _unified_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=old_label,
        tofile=new_label,
    )
    # A last line without "\n" would run into the next header: end it, as diff(1)
    # does, with a marker.
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _print_diagnostics(diagnostics: Sequence[Diagnostic], *, quiet: bool) -> None:
    for diagnostic in diagnostics:
        if quiet and not diagnostic.is_error:
            continue
        print(diagnostic.render(), file=sys.stderr)


def _internal_error(doing: str, exc: BaseException) -> int:
    """Report a crash (a bug in epic): one line, the traceback only on request."""
    print(
        f"error: internal error while {doing}: " f"{type(exc).__name__}: {exc}",
        file=sys.stderr,
    )
    if os.environ.get("EPIC_DEBUG"):
        sys.stderr.write("".join(traceback.format_exception(exc)))
        note = "this is a bug in epic; please report it with the traceback above"
    else:
        note = (
            "this is a bug in epic; please report it with the traceback "
            "(run again with EPIC_DEBUG=1 to print it)"
        )
    print(f"note: {note}", file=sys.stderr)
    return EXIT_INTERNAL


# -------------------------------------------------------------------------------- sync


def _sync_command(args: argparse.Namespace) -> int:
    """``epic sync``: regenerate the configured outputs whose source or output changed.

    Every selected pair is checked before anything is written (a bad pair: exit 2).
    Each output is generated exactly as ``epic transpile SOURCE -o OUTPUT`` would;
    a source with errors is reported and its output left alone, and the others are
    still synced. Exit 123 if any crashed, else 1 if any had errors or changed.
    """
    pyproject = _sync_pyproject(args.config)
    config = _config_for(str(pyproject), None)
    if not config.generate:
        raise UsageError(
            f"{pyproject}: no [tool.epic] generate table, so there is nothing to sync; "
            'add e.g. generate = { "scripts/agent.py" = "scripts/agent_async.py" }'
        )
    targets = syncing.targets(config, pyproject.parent)
    selected = syncing.select(targets, [Path(name) for name in args.files])
    try:
        for target in selected:
            syncing.check_target(target)
    except syncing.SyncError as exc:
        raise UsageError(str(exc)) from exc

    codes = [EXIT_OK]
    for target in selected:
        source = syncing.display_path(target.source)
        output = syncing.display_path(target.output)
        generated = _generate(
            _read_input(target.source), display=source, config=config, quiet=args.quiet
        )
        if isinstance(generated, int):
            if generated == EXIT_ERRORS:
                skipped = f"{output}: not regenerated ({source} has errors)"
                print(skipped, file=sys.stderr)
            codes.append(generated)
            continue
        try:
            status = syncing.sync_target(target, generated.data, check=args.check)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
        if status is syncing.Status.REGENERATED:
            print(f"regenerated {output}")
            codes.append(EXIT_ERRORS)
        elif status is syncing.Status.STALE:
            print(f"would regenerate {output}", file=sys.stderr)
            codes.append(EXIT_ERRORS)
    return EXIT_INTERNAL if EXIT_INTERNAL in codes else max(codes)


def _sync_pyproject(explicit: str | None) -> Path:
    """``--config``, else the nearest pyproject.toml at or above the current directory."""
    if explicit is not None:
        path = Path(explicit)
        if path.is_dir():
            raise UsageError(f"--config {path} is a directory; give a pyproject.toml")
        if not path.is_file():
            raise UsageError(f"--config {path}: no such file")
        return path
    found = find_pyproject(Path.cwd())
    if found is None:
        raise UsageError(
            f"no pyproject.toml at or above {Path.cwd()}; epic sync reads the pairs to "
            "regenerate from its [tool.epic] generate table (or pass --config)"
        )
    return found


# ----------------------------------------------------------------------------- compare


def _compare_command(args: argparse.Namespace) -> int:
    """``epic compare``: transpile like ``epic transpile``, then run both versions."""
    script = _existing_input(Path(args.script))
    config = _config_for(args.config, script)
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    for option, value in (
        ("--ttft", args.ttft),
        ("--per-token", args.per_token),
        ("--scale", args.scale),
    ):
        if value is not None and not value >= 0:  # also rejects NaN
            raise UsageError(f"{option} must be a non-negative number, got {value}")
    keep = Path(args.keep) if args.keep is not None else None
    if keep is not None:
        if keep.exists() and not keep.is_dir():
            raise UsageError(f"--keep {keep} is not a directory")
        if _same_file(keep, script.parent):
            raise UsageError(
                f"--keep {keep} is the script's own directory: the transpiled copy "
                "would overwrite the script"
            )

    generated = _generate(_read_input(script), display=str(script), config=config, quiet=args.quiet)
    if isinstance(generated, int):
        return generated

    latency = comparing.Latency(ttft=args.ttft, per_token=args.per_token, scale=args.scale)
    if keep is not None:
        try:
            keep.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create --keep {keep}: {exc.strerror or exc}") from exc
        return _run_comparison(script, keep, generated, latency, args.timeout, kept=True)
    with tempfile.TemporaryDirectory(prefix="epic-compare-") as temp:
        return _run_comparison(script, Path(temp), generated, latency, args.timeout, kept=False)


def _run_comparison(
    script: Path,
    directory: Path,
    generated: Generated,
    latency: comparing.Latency,
    timeout: float,
    *,
    kept: bool,
) -> int:
    """Save the transpiled copy in ``directory``, run both versions, print the report.

    A failure to start the endpoint or the scripts is reported in one line (exit
    123); the scripts' own failures are part of the report, not errors of epic.
    """
    target = comparing.generated_path(script, directory)
    write_atomic(target, generated.data)
    try:
        result = comparing.compare(script, target, latency=latency, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - report, do not crash with a traceback
        print(f"error: cannot run the comparison for {script}: {exc}", file=sys.stderr)
        if os.environ.get("EPIC_DEBUG"):
            sys.stderr.write("".join(traceback.format_exception(exc)))
        return EXIT_INTERNAL
    sys.stdout.write(
        comparing.render_report(
            result,
            script=str(script),
            generated=str(target),
            kept=kept,
            timeout=timeout,
        )
    )
    return EXIT_OK if result.identical else EXIT_ERRORS


# ------------------------------------------------------------------------------- serve


def _serve(argv: list[str]) -> int:
    """``epic serve ...``: the offline endpoint's own command line."""
    # Imported lazily: the HTTP server is only needed by this command.
    import offline_endpoint

    return offline_endpoint.cli_main(argv)
