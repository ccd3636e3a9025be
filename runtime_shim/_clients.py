"""Async twins of the user's own openai clients.

Generated code never replaces the client a script makes: ``client = OpenAI(...)``
stays as it is, so every use of it that epic does not rewrite (a helper it is passed
to, ``client.models.list()``, ``client.with_raw_response``...) still works, blocking,
exactly as before. The calls epic does rewrite go through an async client with the
same configuration: ``await epic.async_client(client).chat.completions.create(...)``.

The twin is made on first use, one per client and event loop (a client bound to a
closed loop is never reused, so a second ``epic.run(...)`` or notebook cell works),
and sends its requests through :func:`~runtime_shim.http_client`, so they count
against the concurrency cap. Anything that is not a sync openai client is served by a
proxy that runs the same method on the I/O executor: a wrong guess by the transpiler
stays correct.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import weakref
from collections.abc import Callable
from typing import Any

from ._executor import to_thread
from ._http import http_client

_twins: weakref.WeakKeyDictionary[Any, weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any]]
_twins = weakref.WeakKeyDictionary()

#: Settings a sync client keeps under a name that differs from its constructor's keyword.
_RENAMED = {"default_headers": "_custom_headers", "default_query": "_custom_query"}
#: Azure settings kept on private attributes, by constructor keyword.
_AZURE = {
    "api_version": "_api_version",
    "azure_ad_token": "_azure_ad_token",
    "azure_ad_token_provider": "_azure_ad_token_provider",
}
#: Not carried over: the twin has its own HTTP client, and a sync token provider for
#: workload identity cannot serve the async client.
_SKIPPED = frozenset({"http_client", "self", "_strict_response_validation"})


def async_client(client: Any) -> Any:
    """Return the async twin of a sync openai client, for the running event loop.

    ``OpenAI``/``AzureOpenAI`` -> an ``AsyncOpenAI``/``AsyncAzureOpenAI`` with the same
    key, base URL, organization, project, timeout, retries, default headers and query
    (and Azure API version and token settings), using :func:`http_client`. An async
    client is returned as it is. Any other object gets a proxy whose method calls
    (``proxy.a.b(...)``) run ``client.a.b(...)`` on the I/O executor and return an
    awaitable of its result.
    """
    import openai  # lazily: importing openai takes about half a second

    if isinstance(client, (openai.AsyncOpenAI, openai.AsyncAzureOpenAI)):
        return client
    if not isinstance(client, openai.OpenAI):
        return _ThreadProxy(client, ())
    loop = asyncio.get_running_loop()
    per_loop = _twins.get(client)
    if per_loop is None:
        per_loop = weakref.WeakKeyDictionary()
        _twins[client] = per_loop
    twin = per_loop.get(loop)
    if twin is None:
        twin = _make_twin(client, openai)
        per_loop[loop] = twin
    return twin


async def close_twins() -> None:
    """Close the twins made for the running event loop (their connections), as the
    loop's program ends: the user's sync clients stay open, as they were."""
    loop = asyncio.get_running_loop()
    if not any(loop in per_loop for per_loop in list(_twins.values())):
        return
    # A stream the program left part-read (an exception out of its ``async for``) is a
    # chain of async generators (openai's over httpx's) still open on a twin's
    # connection. ``asyncio.run`` would close them all at once after the twins are
    # closed, an outer one's clean-up then closing an inner one that is closing too
    # ("aclose(): asynchronous generator is already running", logged to stderr). Here
    # they are closed one at a time, first, as the sync stream's would be when it is
    # collected: quietly.
    for generator in list(getattr(loop, "_asyncgens", ())):
        with contextlib.suppress(Exception):
            await generator.aclose()
    for per_loop in list(_twins.values()):
        twin = per_loop.pop(loop, None)
        if twin is not None:
            await twin.close()


def _make_twin(client: Any, openai: Any) -> Any:
    azure = isinstance(client, openai.AzureOpenAI)
    cls = openai.AsyncAzureOpenAI if azure else openai.AsyncOpenAI
    accepted = inspect.signature(cls.__init__).parameters
    kwargs: dict[str, Any] = {}
    for keyword in accepted:
        if keyword in _SKIPPED or keyword.startswith("_"):
            continue
        attribute = _RENAMED.get(keyword) or (_AZURE.get(keyword) if azure else None) or keyword
        if keyword in ("azure_endpoint", "azure_deployment"):
            continue  # already part of the Azure client's base URL
        if hasattr(client, attribute):
            kwargs[keyword] = getattr(client, attribute)
    if "api_key" in kwargs and callable(kwargs["api_key"]):
        kwargs["api_key"] = client.api_key
    if "base_url" in kwargs:
        kwargs["base_url"] = str(kwargs["base_url"])
    if "workload_identity" in kwargs and kwargs["workload_identity"] is not None:
        raise TypeError(
            "epic.async_client() cannot copy a client that authenticates with "
            "workload_identity; declare the calls ordered in [tool.epic] to keep them sync"
        )
    kwargs.pop("workload_identity", None)
    kwargs["http_client"] = http_client()
    return cls(**kwargs)


class _ThreadProxy:
    """``proxy.a.b(*args)`` -> an awaitable of ``obj.a.b(*args)`` run on a thread."""

    __slots__ = ("_obj", "_path")

    def __init__(self, obj: Any, path: tuple[str, ...]) -> None:
        self._obj = obj
        self._path = path

    def __getattr__(self, name: str) -> _ThreadProxy:
        return _ThreadProxy(self._obj, (*self._path, name))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        target: Callable[..., Any] = self._obj
        for name in self._path:
            target = getattr(target, name)
        return to_thread(target, *args, **kwargs)

    def __repr__(self) -> str:
        return f"<epic thread proxy for {type(self._obj).__name__}.{'.'.join(self._path)}>"
