"""Fresh names for what the generated code introduces (futures, lists, scopes)."""

from __future__ import annotations

def fresh_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base2``, ``base3``... : the first not in ``taken`` (now taken)."""
    candidate, counter = base, 2
    while candidate in taken:
        candidate = f"{base}{counter}"
        counter += 1
    taken.add(candidate)
    return candidate
