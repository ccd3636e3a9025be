"""Parse: source text to a LibCST module, or a positioned diagnostic.

CPython is the judge of what is Python: ``compile()`` runs first, so a syntax error is
reported where and how the interpreter reports it ("expected ':'", "'(' was never
closed"). LibCST then builds the tree the passes work on. The rare valid script LibCST
cannot parse (a parenthesised annotated target, ``(x): int = 1``) is not an error of
the user's: it is a warning, and the file is kept as it is.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import libcst as cst

from transpiler.diagnostics import Diagnostic, source_line_at


@dataclass(frozen=True, slots=True)
class Unparsable:
    """Valid Python that LibCST cannot parse: keep the file unchanged, with ``warning``."""

    warning: Diagnostic


def parse(source: str, path: str) -> cst.Module | Diagnostic | Unparsable:
    """The module; the error that says why the source is not Python; or, for valid
    Python LibCST cannot read, the warning under which the file is kept as it is."""
    if "\0" in source:  # CPython 3.11 says so without a position
        return _null_byte_error(source, path)
    try:
        _quiet_compile(source, path)
    except SyntaxError as error:
        return _syntax_error(source, path, error)
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        # The parser's message often has the real position ("error at 2:8"); the
        # error's own position is that of the token after it.
        line, column = error.raw_line, error.raw_column + 1
        if found := re.search(r"error at (\d+):(\d+)", error.message):
            line, column = int(found.group(1)), int(found.group(2)) + 1
        return Unparsable(
            Diagnostic(
                path,
                line,
                column,
                "warning",
                "unparsable",
                "LibCST (the parser epic uses) cannot read this valid Python: "
                "the file is kept as it is",
                source_line=source_line_at(source, line),
            )
        )


def _syntax_error(source: str, path: str, error: SyntaxError) -> Diagnostic:
    line = error.lineno or 1
    text = source_line_at(source, line)
    # CPython's offset counts from 1; for some errors it points one past the line's
    # end (an unterminated string at end of file). Keep the caret on the line.
    column = max(1, error.offset or 1)
    if text is not None:
        column = min(column, len(text) + 1)
    return Diagnostic(path, line, column, "error", "syntax-error", error.msg, source_line=text)


def _null_byte_error(source: str, path: str) -> Diagnostic:
    at = source.index("\0")
    line = source.count("\n", 0, at) + 1
    column = at - (source.rfind("\n", 0, at) + 1) + 1
    return Diagnostic(
        path,
        line,
        column,
        "error",
        "syntax-error",
        "source code cannot contain null bytes",
        source_line=source_line_at(source, line),
    )


def _quiet_compile(source: str, path: str) -> None:
    """compile() without CPython's own warnings (``SyntaxWarning: invalid escape``)
    reaching stderr: they are about the user's code, not epic's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(source, path, "exec", dont_inherit=True)
