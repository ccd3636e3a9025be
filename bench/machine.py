"""Whether the machine was quiet enough for wall times to mean something.

A benchmark that shares its cores with other work measures that work too: every ratio
in the report swings with it. A run whose load average (before or after) exceeds the
number of cores is marked untrusted, and the bench exits non-zero.
"""

from __future__ import annotations

import os
from collections.abc import Sequence


def load_average() -> float | None:
    """The 1-minute load average, or None where the system does not tell."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def untrusted(loads: Sequence[float | None], cores: int | None = None) -> str | None:
    """Why a run with these load averages cannot be trusted, or None when it can."""
    cores = cores if cores is not None else os.cpu_count() or 1
    busiest = max((load for load in loads if load is not None), default=None)
    if busiest is None or busiest <= cores:
        return None
    return (
        f"untrusted: the load average reached {busiest:.2f} on {cores} core(s); other work "
        "on the machine distorts every time here (run it again on a quiet machine)"
    )
