"""epic: transpile sequential Python with slow external calls into parallel asyncio.

The pipeline (see :mod:`transpiler.pipeline`) runs parse -> analyse -> plan -> emit ->
format -> check. The public entry point is :func:`transpiler.pipeline.transpile`.
"""

from transpiler.config import Config
from transpiler.diagnostics import Diagnostic
from transpiler.pipeline import TranspileResult, transpile

__all__ = ["Config", "Diagnostic", "TranspileResult", "transpile"]
