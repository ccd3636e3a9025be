"""A user's own slow tools, as golden cases import them (``from tools import search``).

epic cannot see inside these, so the cases declare them with flags such as
``external=tools.search`` (``[tool.epic] external`` in pyproject.toml). Each tool is a
plain blocking HTTP request to the offline endpoint (``OPENAI_BASE_URL``), so its calls
show up in the endpoint's request log like any LLM call. Searches and calculations take
0.25 s (a ``[latency:..]`` marker), longer than an LLM reply in the golden runs, so that
the overlap the cases promise does not depend on how fast threads start.
"""

from __future__ import annotations

import json
import os
import urllib.request

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _complete(prompt: str, max_tokens: int) -> str:
    request = urllib.request.Request(
        os.environ["OPENAI_BASE_URL"] + "/completions",
        data=json.dumps(
            {"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": max_tokens}
        ).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with _OPENER.open(request, timeout=30) as response:
        text: str = json.loads(response.read())["choices"][0]["text"]
    return text


def search(query: str) -> str:
    """Top search result for ``query`` (a few words)."""
    return _complete(f"[latency:0.25] search: {query}", max_tokens=6)


def calculator(expression: str) -> str:
    """The value of an arithmetic expression, computed remotely."""
    return _complete(f"[latency:0.25] echo: {expression} = {eval(expression, {})}", max_tokens=6)


def send_email(to: str, body: str) -> None:
    """Send an email (here: print it and log it at the endpoint)."""
    _complete(f"echo: sent to {to}", max_tokens=4)
    print(f"[email to {to}] {body}")


def tidy(text: str) -> str:
    """Collapse runs of whitespace: pure, but epic cannot see inside it."""
    return " ".join(text.split())
