"""Positioned diagnostics: ``path:line:col: severity: message  [code]``.

Every user-facing problem is a :class:`Diagnostic`, never a traceback. Lines and
columns are 1-based (LibCST's columns are 0-based: convert when building one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem (or remark) about the input, at a position in it."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    note: str | None = None
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def render(self) -> str:
        """The diagnostic as printed: header, source line with caret, then the note."""
        lines = [
            f"{self.path}:{self.line}:{self.column}: {self.severity}: "
            f"{self.message}  [{self.code}]"
        ]
        if self.source_line is not None:
            raw = self.source_line.rstrip("\r\n")
            # Expand tabs in the prefix too, so the caret lines up under the column.
            prefix = raw[: max(self.column - 1, 0)].expandtabs(8)
            lines.append(f"    {raw.expandtabs(8)}")
            lines.append("    " + " " * len(prefix) + "^")
        if self.note:
            lines.append(f"note: {self.note}")
        return "\n".join(lines)


def source_line_at(source: str, line: int) -> str | None:
    """The 1-based ``line`` of ``source`` without its line ending, if it exists."""
    lines = source.splitlines()
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None
