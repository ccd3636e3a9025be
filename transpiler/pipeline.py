"""The whole pipeline, top to bottom (placeholder until the passes land)."""

from __future__ import annotations

from dataclasses import dataclass

from transpiler.config import Config
from transpiler.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class TranspileResult:
    """What one run produced: the code (None when there are errors) and diagnostics."""

    code: str | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def transpile(source: str, *, path: str = "<stdin>", config: Config = Config()) -> TranspileResult:
    """Transpile one script's source text."""
    return TranspileResult(code=source, diagnostics=())
