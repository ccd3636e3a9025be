"""Safety nets on the output, used by the pipeline on every transpile and by the tests.

Like black's equivalence and stability checks: each is a plain function, and a failure
means a bug in epic (the pipeline reports it as an ``internal-error`` and writes
nothing), never something the user must fix.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from transpiler.formatting import format_code
from transpiler.verify import verify_async_uses

#: The diagnostic code of a failed safety net.
INTERNAL_ERROR = "internal-error"


@dataclass(frozen=True, slots=True)
class OutputFailure:
    """One failed check, positioned in the generated code (1-based)."""

    check: str
    line: int
    column: int
    message: str


def check_output(source: str, code: str, *, path: str, line_length: int) -> list[OutputFailure]:
    """The checks the pipeline runs on every output, in order; the first that fails
    ends the list (later ones assume it passed): the code compiles, everything made
    async is awaited, spawned or gathered and nothing sync is handed an awaitable
    (``verify.py``), and black leaves it as it is."""
    error = compiles(code, path)
    if error is not None:
        return [
            OutputFailure(
                "compiles", error.lineno or 1, error.offset or 1, f"does not compile: {error.msg}"
            )
        ]
    violations = verify_async_uses(source, code)
    if violations:
        return [OutputFailure("async-uses", v.line, v.column, v.message) for v in violations]
    if not is_black_stable(code, line_length):
        return [OutputFailure("black-stable", 1, 1, "formatting the output again changes it")]
    return []


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
