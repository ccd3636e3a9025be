"""Safety checks on the output, used by the pipeline and by the tests alike."""

from __future__ import annotations

from transpiler.formatting import format_code


def compiles(code: str, path: str = "<output>") -> SyntaxError | None:
    """None when the code compiles, else the error."""
    try:
        compile(code, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        return error
    return None


def is_black_stable(code: str, line_length: int) -> bool:
    """Formatting the code again changes nothing."""
    return format_code(code, line_length) == code
