"""Safety checks on the output, used by the pipeline and by the tests alike."""

from __future__ import annotations

import warnings

from transpiler.formatting import format_code


def compiles(code: str, path: str = "<output>") -> SyntaxError | None:
    """None when the code compiles, else the error."""
    try:
        _quiet_compile(code, path)
    except SyntaxError as error:
        return error
    return None


def is_black_stable(code: str, line_length: int) -> bool:
    """Formatting the code again changes nothing."""
    return format_code(code, line_length) == code


def _quiet_compile(source: str, path: str) -> None:
    """compile() without CPython's own warnings (``SyntaxWarning: invalid escape``)
    reaching stderr: they are about the user's code, not epic's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(source, path, "exec", dont_inherit=True)
