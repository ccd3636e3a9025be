"""Parse: source text to a LibCST module, or a positioned ``syntax-error``."""

from __future__ import annotations

import warnings

import libcst as cst

from transpiler.diagnostics import Diagnostic, source_line_at


def parse(source: str, path: str) -> cst.Module | Diagnostic:
    """The module, or the diagnostic that says why the source is not Python."""
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        line, column = error.raw_line, error.raw_column + 1
        return Diagnostic(
            path, line, column, "error", "syntax-error",
            f"cannot parse: {error.message}",
            source_line=source_line_at(source, line),
        )
    # LibCST accepts some code CPython rejects (e.g. ``return`` outside a function).
    try:
        _quiet_compile(source, path)
    except SyntaxError as error:
        line = error.lineno or 1
        return Diagnostic(
            path, line, error.offset or 1, "error", "syntax-error",
            f"cannot compile: {error.msg}",
            source_line=source_line_at(source, line),
        )
    except ValueError as error:  # e.g. NUL bytes in the source
        return Diagnostic(path, 1, 1, "error", "syntax-error", f"cannot compile: {error}")
    return module


def _quiet_compile(source: str, path: str) -> None:
    """compile() without CPython's own warnings (``SyntaxWarning: invalid escape``)
    reaching stderr: they are about the user's code, not epic's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(source, path, "exec", dont_inherit=True)
