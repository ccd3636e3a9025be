"""The golden case format (black's single-file cases, plus flags and diagnostics).

A case is one file ``golden/<name>.py``::

    # flags: run overlap=2 external=tools.search
    <the input script>

    # output

    <the expected output, exactly>

    # diagnostics
    # <name>.py:12:5: warning: ...  [unsupported-construct]
    #     <source line>
    #     ^
    # note: ...

* The flags line is optional; see :class:`Flags` for the flags.
* No ``# output`` section: the transpiler must return the input unchanged (a noop).
* No ``# diagnostics`` section: the transpiler must report no diagnostics. Each
  diagnostics line is commented out (``# `` prefix) so that the case file stays valid
  Python that editors and linters can read.
* Blank lines around a section are not part of it; the input and the output each end
  with exactly one newline.

:func:`parse_case` reads a file into a :class:`Case`; :func:`render_case` writes one
back, so ``render_case(parse_case(text)) == text`` for a file in canonical form (which
is what ``scripts/update_goldens.py`` writes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from transpiler.config import Config
from transpiler.pipeline import transpile

FLAGS_PREFIX = "# flags:"
OUTPUT_MARKER = "# output"
DIAGNOSTICS_MARKER = "# diagnostics"

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "golden"
UPDATE_COMMAND = ".venv/bin/python scripts/update_goldens.py"


class CaseFormatError(ValueError):
    """A golden file does not follow the format; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Flags:
    """What the ``# flags:`` line asks for.

    ``run``            also run input and output against the offline endpoint
    ``overlap=N``      (run) peak number of requests in flight in the transpiled run:
                       the most that the script's dependencies allow at once (its
                       endpoint holds every reply until N are in flight, see
                       ``tests/test_golden.py``);
                       the sequential run's peak must be 1 (0 when it sends none).
                       Requests failed by an injected fault (``[fail:400]``) do not
                       count: the endpoint answers them at once
    ``extra=N``        (run, a run that ends in an exception) the transpiled run may
                       send up to N requests the sequential one never reached: calls
                       dispatched early before the exception escaped (rule 4 of the
                       contract; whether they reach the endpoint before they are
                       cancelled is a race)
    ``during=X/Y``     (run) pipelining: the transpiled run sends the request whose
                       prompt contains X while the one whose prompt contains Y is
                       still in flight (or earlier), where the sequential run sends
                       it only after Y has finished
    ``latency=S``      (run) serve this case from an endpoint whose every reply takes
                       S seconds, instead of the suite's default latency model
    ``external=a.f,b.g``   ``[tool.epic] external`` (comma-separated qualified names)
    ``ordered=a.f``        ``[tool.epic] ordered``
    ``pure=a.f``           ``[tool.epic] pure``
    ``line-length=N``      ``[tool.epic] line-length``
    """

    run: bool = False
    overlap: int | None = None
    extra: int = 0
    during: tuple[str, str] | None = None
    latency: float | None = None
    external: tuple[str, ...] = ()
    ordered: tuple[str, ...] = ()
    pure: tuple[str, ...] = ()
    line_length: int = 88

    @property
    def config(self) -> Config:
        return Config(
            external=self.external,
            ordered=self.ordered,
            pure=self.pure,
            line_length=self.line_length,
        )

    def render(self) -> str:
        words: list[str] = []
        if self.run:
            words.append("run")
        if self.overlap is not None:
            words.append(f"overlap={self.overlap}")
        if self.extra:
            words.append(f"extra={self.extra}")
        if self.during is not None:
            words.append("during=" + "/".join(self.during))
        if self.latency is not None:
            words.append(f"latency={self.latency:g}")
        if self.external:
            words.append("external=" + ",".join(self.external))
        if self.ordered:
            words.append("ordered=" + ",".join(self.ordered))
        if self.pure:
            words.append("pure=" + ",".join(self.pure))
        if self.line_length != 88:
            words.append(f"line-length={self.line_length}")
        return " ".join(words)


def _names(value: str, word: str) -> tuple[str, ...]:
    names = tuple(n for n in value.split(",") if n)
    if not names:
        raise CaseFormatError(
            f"flag {word!r} needs comma-separated names, e.g. external=tools.search"
        )
    return names


def _number(value: str, word: str, kind: type[int] | type[float]) -> int | float:
    try:
        number = kind(value)
    except ValueError:
        raise CaseFormatError(f"flag {word!r}: {value!r} is not a {kind.__name__}") from None
    if number < 0:
        raise CaseFormatError(f"flag {word!r} must not be negative")
    return number


def parse_flags(text: str) -> Flags:
    """Flags from the words after ``# flags:``."""
    flags = Flags()
    for word in text.split():
        key, has_value, value = word.partition("=")
        if key == "run" and not has_value:
            flags = replace(flags, run=True)
        elif key == "overlap" and has_value:
            flags = replace(flags, overlap=int(_number(value, word, int)))
        elif key == "extra" and has_value:
            flags = replace(flags, extra=int(_number(value, word, int)))
        elif key == "during" and has_value:
            first, slash, second = value.partition("/")
            if not (first and slash and second):
                raise CaseFormatError(f"flag {word!r}: write during=X/Y (two prompt parts)")
            flags = replace(flags, during=(first, second))
        elif key == "latency" and has_value:
            flags = replace(flags, latency=float(_number(value, word, float)))
        elif key == "external" and has_value:
            flags = replace(flags, external=_names(value, word))
        elif key == "ordered" and has_value:
            flags = replace(flags, ordered=_names(value, word))
        elif key == "pure" and has_value:
            flags = replace(flags, pure=_names(value, word))
        elif key in ("line-length", "line_length") and has_value:
            flags = replace(flags, line_length=int(_number(value, word, int)))
        else:
            raise CaseFormatError(
                f"unknown flag {word!r}; known: run, overlap=N, extra=N, latency=S, "
                "external=a.f,b.g, ordered=a.f, pure=a.f, line-length=N"
            )
    if (flags.overlap is not None or flags.extra or flags.latency is not None) and not flags.run:
        raise CaseFormatError("overlap=, extra= and latency= only make sense with the 'run' flag")
    return flags


@dataclass(frozen=True, slots=True)
class Case:
    """One golden case. ``output is None`` means a noop (the input comes back unchanged)."""

    name: str
    flags: Flags
    source: str
    output: str | None
    diagnostics: str | None = None
    path: Path = field(default=Path())

    @property
    def expected_output(self) -> str:
        return self.source if self.output is None else self.output


def _section(lines: list[str]) -> str:
    """Lines joined, without the blank lines around them, ending in one newline."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    if start == end:
        return ""
    return "".join(lines[start:end]).rstrip("\n") + "\n"


def _uncomment(lines: list[str], path: Path) -> str:
    text: list[str] = []
    for number, line in enumerate(lines, 1):
        stripped = line.rstrip("\n")
        if stripped == "#":
            text.append("")
        elif stripped.startswith("# "):
            text.append(stripped[2:])
        elif stripped.strip():
            raise CaseFormatError(
                f"{path}: every line of the # diagnostics section must start with '# ' "
                f"(line {number} of the section: {stripped!r})"
            )
    while text and not text[-1]:
        text.pop()
    return "\n".join(text) + "\n" if text else ""


def parse_case(text: str, path: Path) -> Case:
    """Read one golden file."""
    lines = text.splitlines(keepends=True)
    flags = Flags()
    if lines and lines[0].startswith(FLAGS_PREFIX):
        flags = parse_flags(lines[0][len(FLAGS_PREFIX) :])
        lines = lines[1:]
    sections: dict[str, list[str]] = {"input": []}
    current = "input"
    for line in lines:
        marker = line.rstrip()
        if marker in (OUTPUT_MARKER, DIAGNOSTICS_MARKER):
            name = marker[2:]
            if name in sections:
                raise CaseFormatError(f"{path}: the {marker!r} line appears twice")
            if name == "output" and "diagnostics" in sections:
                raise CaseFormatError(f"{path}: '# output' must come before '# diagnostics'")
            current = name
            sections[current] = []
        else:
            sections[current].append(line)
    source = _section(sections["input"])
    if not source:
        raise CaseFormatError(f"{path}: the case has no input script")
    output = _section(sections["output"]) if "output" in sections else None
    diagnostics = _uncomment(sections["diagnostics"], path) if "diagnostics" in sections else None
    return Case(path.stem, flags, source, output, diagnostics or None, path)


def render_case(case: Case) -> str:
    """The canonical text of a golden file."""
    parts: list[str] = []
    flags = case.flags.render()
    if flags:
        parts.append(f"{FLAGS_PREFIX} {flags}\n")
    parts.append(case.source)
    if case.output is not None:
        parts.append(f"\n{OUTPUT_MARKER}\n\n{case.output}")
    if case.diagnostics:
        commented = "".join(
            f"# {line}\n" if line else "#\n" for line in case.diagnostics.rstrip("\n").split("\n")
        )
        parts.append(f"\n{DIAGNOSTICS_MARKER}\n{commented}")
    return "".join(parts)


def current_case(case: Case) -> Case:
    """The case with its expected sections as the transpiler produces them now.

    A noop (the code comes back unchanged) has no ``# output`` section; a result with
    errors (no code at all) has none either, and its diagnostics say why.
    """
    result = transpile(case.source, path=case.path.name, config=case.flags.config)
    diagnostics = "".join(d.render() + "\n" for d in result.diagnostics) or None
    output = None if result.code is None or result.code == case.source else result.code
    return replace(case, output=output, diagnostics=diagnostics)


def golden_paths(directory: Path = GOLDEN_DIR) -> list[Path]:
    """Every case file, sorted by name (files starting with ``_`` are not cases)."""
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))


def load_case(path: Path) -> Case:
    return parse_case(path.read_text(encoding="utf-8"), path)


def update_command(*paths: Path) -> str:
    """The command that rewrites the expected sections of these cases."""
    shown = []
    for path in paths:
        try:
            shown.append(str(path.relative_to(GOLDEN_DIR.parent)))
        except ValueError:
            shown.append(str(path))
    return " ".join([UPDATE_COMMAND, *shown])
