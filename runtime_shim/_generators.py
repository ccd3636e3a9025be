"""``any`` and ``all`` over an async generator expression.

``any(ask(q) == "yes" for q in qs)`` stops at the first true element: the calls after
it are never made. Its elements cannot all start at once without sending calls the
original never makes, so it runs element by element, in order, as
``await epic.any(await ask(q) == "yes" for q in qs)``: the generator expression
awaits, which makes it an async generator, and these consume one.
"""

from __future__ import annotations

from collections.abc import AsyncIterable


async def any(elements: AsyncIterable[object]) -> bool:  # noqa: A001 - epic.any
    """``builtins.any`` for an async iterable: stops at the first true element."""
    async for element in elements:
        if element:
            return True
    return False


async def all(elements: AsyncIterable[object]) -> bool:  # noqa: A001 - epic.all
    """``builtins.all`` for an async iterable: stops at the first false element."""
    async for element in elements:
        if not element:
            return False
    return True
