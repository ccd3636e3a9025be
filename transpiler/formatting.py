"""Format: the only module that imports black."""

from __future__ import annotations

import black


def format_code(code: str, line_length: int) -> str:
    """The code as black writes it (the pinned version: goldens depend on it)."""
    mode = black.Mode(line_length=line_length, target_versions={black.mode.TargetVersion.PY311})
    return black.format_str(code, mode=mode)
