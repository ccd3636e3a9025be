"""Offline OpenAI-compatible HTTP endpoint with deterministic content and latency.

Every test, example and benchmark of epic talks to this server instead of the real
API, through the real ``openai`` client::

    from openai import OpenAI
    from offline_endpoint import LatencyModel, serve_in_thread

    with serve_in_thread(latency=LatencyModel(ttft=0.3, per_token=0.02, scale=0.05)) as ep:
        client = OpenAI(base_url=ep.base_url, api_key="offline")
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "echo: hi"}])
        records = ep.log()

Content rules are documented in ``offline_endpoint._content``, markers and the
latency model in ``offline_endpoint._latency``, holding replies back until the client
shows its overlap in ``offline_endpoint._hold``, routes in ``offline_endpoint._app``.
"""

from offline_endpoint._app import MODELS, create_app
from offline_endpoint._content import chat_reply, completion_reply, count_tokens, stream_pieces
from offline_endpoint._hold import HoldRules
from offline_endpoint._latency import LatencyModel
from offline_endpoint._log import (
    RequestRecord,
    endpoint_info,
    fetch_log,
    max_in_flight,
    overlapping,
    reset_endpoint,
    set_faults,
    set_hold,
)
from offline_endpoint._server import (
    Endpoint,
    cli_main,
    is_loopback,
    serve_in_subprocess,
    serve_in_thread,
)

__all__ = [
    "MODELS",
    "Endpoint",
    "HoldRules",
    "LatencyModel",
    "RequestRecord",
    "chat_reply",
    "cli_main",
    "completion_reply",
    "count_tokens",
    "create_app",
    "endpoint_info",
    "fetch_log",
    "is_loopback",
    "max_in_flight",
    "overlapping",
    "reset_endpoint",
    "serve_in_subprocess",
    "serve_in_thread",
    "set_faults",
    "set_hold",
    "stream_pieces",
]
