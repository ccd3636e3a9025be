"""An HTTP client for ``AsyncOpenAI`` whose requests count against the concurrency cap.

openai 1.x builds on ``httpx`` and later versions on ``httpx2``; the two have the same
transport API. So nothing here imports either: the classes are built on first use from
``openai.DefaultAsyncHttpxClient`` (the SDK's defaults: timeouts, connection limits,
redirects) and the httpx package it derives from. Importing openai takes about half a
second, which scripts that never call it should not pay, hence the lazy import.

A request takes its slot when it is handed to the transport and gives it back when
its response is closed or fully read, so a streamed completion keeps its slot while
its tokens arrive.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
from collections.abc import AsyncIterator
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any

from ._limit import acquire_slot

if TYPE_CHECKING:
    import openai


def http_client(**kwargs: Any) -> openai.DefaultAsyncHttpxClient:
    """Return an async HTTP client for ``AsyncOpenAI(http_client=epic.http_client())``.

    It is ``openai.DefaultAsyncHttpxClient(**kwargs)`` (so it is an ``httpx.AsyncClient``
    or ``httpx2.AsyncClient``, whichever the installed openai uses, with the SDK's
    defaults), except that every request holds one slot of the concurrency cap
    (:func:`set_concurrency_limit`) from the moment it is sent until its response is
    closed or fully read; a streamed response holds it until the stream ends or is
    closed. With no cap set, requests pass straight through. The cap covers the
    client's own transports (including a ``transport=`` you pass and proxies), not
    transports passed in ``mounts=``.
    """
    return _capped_client_class()(**kwargs)


def _httpx_module_of(client_class: type[Any]) -> ModuleType:
    for cls in client_class.__mro__:
        package = cls.__module__.partition(".")[0]
        if cls.__name__ == "AsyncClient" and package.startswith("httpx"):
            return importlib.import_module(package)
    raise RuntimeError(
        f"openai.DefaultAsyncHttpxClient ({client_class!r}) does not derive from an "
        "httpx AsyncClient, so epic.http_client() cannot wrap it; install an openai "
        "release built on httpx or httpx2 (openai>=1.0)"
    )


@functools.cache
def _capped_client_class() -> type[openai.DefaultAsyncHttpxClient]:
    import openai  # lazily: see the module docstring

    httpx: Any = _httpx_module_of(openai.DefaultAsyncHttpxClient)

    # The base classes come from whichever httpx package is installed, so mypy sees
    # them as Any: hence the ignores on these two class statements.
    class SlotHoldingStream(httpx.AsyncByteStream):  # type: ignore[misc]
        """A response body that gives its slot back once read to the end or closed."""

        def __init__(self, inner: Any, semaphore: asyncio.Semaphore) -> None:
            self._inner = inner
            self._semaphore: asyncio.Semaphore | None = semaphore

        async def __aiter__(self) -> AsyncIterator[bytes]:
            async for chunk in self._inner:
                yield chunk
            self._release()

        async def aclose(self) -> None:
            try:
                await self._inner.aclose()
            finally:
                self._release()

        def _release(self) -> None:
            if self._semaphore is not None:
                self._semaphore.release()
                self._semaphore = None

    class CappedTransport(httpx.AsyncBaseTransport):  # type: ignore[misc]
        """A transport that holds a slot of the cap for each request in flight."""

        def __init__(self, inner: Any) -> None:
            self._inner = inner

        async def handle_async_request(self, request: Any) -> Any:
            semaphore = await acquire_slot()
            if semaphore is None:
                return await self._inner.handle_async_request(request)
            try:
                response = await self._inner.handle_async_request(request)
            except BaseException:
                semaphore.release()
                raise
            if isinstance(response.stream, getattr(httpx, "ByteStream", ())):
                # The body is already in memory (nothing left to transfer), and the
                # client may never read or close it: the slot is free now.
                semaphore.release()
                return response
            response.stream = SlotHoldingStream(response.stream, semaphore)
            return response

        async def aclose(self) -> None:
            await self._inner.aclose()

        async def __aenter__(self) -> CappedTransport:
            await self._inner.__aenter__()
            return self

        async def __aexit__(
            self,
            exc_type: type[BaseException] | None,
            exc: BaseException | None,
            tb: TracebackType | None,
        ) -> None:
            await self._inner.__aexit__(exc_type, exc, tb)

    # _init_transport/_init_proxy_transport are the hooks httpx clients call to build
    # their transports (openai's own aiohttp client overrides them too). Wrapping
    # their results, rather than passing transport=, keeps proxy settings from the
    # environment working.
    class CappedAsyncClient(openai.DefaultAsyncHttpxClient):
        """openai.DefaultAsyncHttpxClient whose requests count against epic's cap."""

        def _init_transport(self, *args: Any, **kwargs: Any) -> Any:
            return CappedTransport(super()._init_transport(*args, **kwargs))

        def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> Any:
            return CappedTransport(super()._init_proxy_transport(*args, **kwargs))

    return CappedAsyncClient
