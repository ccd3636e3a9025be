"""Deterministic reply content, token counting and embeddings.

Everything here is a pure function of the request content (model plus
messages/prompt/input, plus ``seed`` when given): never of time or arrival order.

Content rules, applied to the *prompt* (last user message / prompt / input), first
match wins:

1. **echo** -- the prompt contains ``echo:``: the reply is exactly the text after the
   first ``echo:``, stripped (``max_tokens`` is ignored).  Markers placed *before*
   ``echo:`` stay out of the reply.
2. **score** -- the prompt contains the word ``score`` or ``rate`` (case-insensitive,
   whole word): the reply is an integer 1..10 followed by a sentence; the integer is
   one of the N tokens.
3. **lines** -- the prompt contains the word ``lines``, ``steps`` or ``list``: 3..6
   lines ``k. <sentence>`` separated by ``\\n``; cut to ``max_tokens`` words when given
   (``finish_reason="length"`` if cut).
4. **default** -- a sentence of N words from a fixed vocabulary, N = ``max_tokens``
   when given, else 8..24.

Every whitespace-separated word is one token.  The hash covers the whole request
(all messages, not only the prompt), so the same question in a different conversation
gets a different reply; choice ``i > 0`` of an ``n``-choice request hashes on from
choice 0, which equals the ``n=1`` reply.  No vocabulary word triggers a rule, so
feeding a reply into a later prompt does not change which rule applies.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "Reply",
    "VOCABULARY",
    "chat_prompt",
    "chat_reply",
    "completion_reply",
    "content_text",
    "count_tokens",
    "embedding_vector",
    "encode_embedding_base64",
    "make_reply",
    "request_digest",
    "choice_digest",
    "responses_prompt",
    "stream_pieces",
]

VOCABULARY: tuple[str, ...] = (
    "alpha", "river", "stone", "quiet", "amber", "signal", "forest", "maple",
    "orbit", "harbor", "lantern", "meadow", "copper", "violet", "summit", "echoing",
    "garden", "silver", "thunder", "canvas", "pixel", "nebula", "cedar", "falcon",
    "glacier", "horizon", "island", "jasmine", "kettle", "ledger", "marble", "nimble",
    "ocean", "pepper", "quartz", "rocket", "saffron", "timber", "umbra", "velvet",
    "willow", "xenon", "yonder", "zephyr", "anchor", "beacon", "cobalt", "delta",
    "ember", "fable", "gravel", "hollow", "ivory", "jungle", "kernel", "lagoon",
    "mosaic", "north", "opal", "prism", "ripple", "sparrow", "tundra", "vertex",
)  # fmt: skip

_SCORE = re.compile(r"\b(?:score|rate)\b", re.IGNORECASE)
_LINES = re.compile(r"\b(?:lines|steps|list)\b", re.IGNORECASE)
_ECHO = "echo:"


@dataclass(frozen=True)
class Reply:
    """One generated reply: its text and the OpenAI ``finish_reason``."""

    text: str
    finish_reason: str = "stop"

    @property
    def tokens(self) -> int:
        """Completion tokens (whitespace-separated words)."""
        return count_tokens(self.text)


def count_tokens(text: str) -> int:
    """Number of whitespace-separated words in ``text``."""
    return len(text.split())


def content_text(content: object) -> str:
    """Text of a message ``content``: a string, or the text parts of a part list."""
    if isinstance(content, str):
        return content
    if isinstance(content, Sequence):
        texts: list[str] = []
        for part in content:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, Mapping):
                text = part.get("text")
                if isinstance(text, str):
                    texts.append(text)
        return "\n".join(texts)
    return ""


def chat_prompt(messages: Sequence[object]) -> str:
    """The text of the last ``user`` message ("" when there is none)."""
    for message in reversed(messages):
        if isinstance(message, Mapping) and message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def responses_prompt(input_: object) -> str:
    """The prompt of a Responses API ``input``: the string, or the last user item's text."""
    if isinstance(input_, str):
        return input_
    if isinstance(input_, Sequence):
        for item in reversed(input_):
            if (
                isinstance(item, Mapping)
                and item.get("role", "user") == "user"
                and "content" in item
            ):
                return content_text(item.get("content"))
    return ""


def request_digest(model: str, kind: str, payload: object, seed: object = None) -> bytes:
    """sha256 of the canonical JSON of (model, kind of payload, payload[, seed])."""
    parts: list[object] = [model, kind, payload]
    if seed is not None:
        parts.append(seed)
    canonical = json.dumps(
        parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def choice_digest(digest: bytes, index: int) -> bytes:
    """Digest of choice ``index`` of a request (choice 0 is the request digest)."""
    if index == 0:
        return digest
    return hashlib.sha256(digest + b"/choice/" + str(index).encode()).digest()


def _words(digest: bytes, label: bytes, count: int) -> list[str]:
    stream = hashlib.shake_256(digest + label).digest(max(count, 1))
    return [VOCABULARY[b % len(VOCABULARY)] for b in stream[:count]]


def _sentence(words: list[str]) -> str:
    if not words:
        return ""
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_reply(digest: bytes, prompt: str, max_tokens: int | None = None) -> Reply:
    """The reply for a request with this digest and prompt (see the module rules)."""
    if max_tokens is not None:
        max_tokens = max(1, max_tokens)
    at = prompt.find(_ECHO)
    if at >= 0:
        return Reply(prompt[at + len(_ECHO) :].strip())
    if _SCORE.search(prompt):
        n = max_tokens if max_tokens is not None else 8 + digest[1] % 17
        score = 1 + digest[2] % 10
        rest = _sentence(_words(digest, b"score", n - 1))
        return Reply(f"{score} {rest}" if rest else str(score))
    if _LINES.search(prompt):
        count = 3 + digest[3] % 4
        lengths = hashlib.shake_256(digest + b"lengths").digest(count)
        lines: list[list[str]] = []
        for k in range(count):
            words = _words(digest, b"line%d" % k, 4 + lengths[k] % 6)
            lines.append([f"{k + 1}."] + _sentence(words).split(" "))
        total = sum(len(line) for line in lines)
        if max_tokens is None or max_tokens >= total:
            return Reply("\n".join(" ".join(line) for line in lines))
        kept: list[str] = []
        budget = max_tokens
        for line in lines:
            if budget <= 0:
                break
            kept.append(" ".join(line[:budget]))
            budget -= len(line)
        return Reply("\n".join(kept), "length")
    n = max_tokens if max_tokens is not None else 8 + digest[1] % 17
    return Reply(_sentence(_words(digest, b"sentence", n)))


def chat_reply(
    model: str,
    messages: Sequence[Mapping[str, object]],
    max_tokens: int | None = None,
    *,
    seed: int | None = None,
    index: int = 0,
) -> str:
    """The text the endpoint replies to this chat request (choice ``index``)."""
    payload = [dict(m) for m in messages]
    digest = choice_digest(request_digest(model, "messages", payload, seed), index)
    return make_reply(digest, chat_prompt(payload), max_tokens).text


def completion_reply(
    model: str,
    prompt: str,
    max_tokens: int | None = None,
    *,
    seed: int | None = None,
    index: int = 0,
) -> str:
    """The text the endpoint replies to this (single-prompt) completion request."""
    digest = choice_digest(request_digest(model, "prompt", prompt, seed), index)
    return make_reply(digest, prompt, max_tokens).text


def stream_pieces(text: str) -> list[str]:
    """Split a reply into streamed tokens: each word with its following whitespace.

    Leading whitespace goes with the first piece; the pieces concatenate to ``text``.
    An empty or blank text is one piece.
    """
    pieces = re.findall(r"\S+\s*", text)
    if not pieces:
        return [text]
    lead = len(text) - len(text.lstrip())
    if lead:
        pieces[0] = text[:lead] + pieces[0]
    return pieces


def embedding_vector(model: str, item: object, dimensions: int = 16) -> list[float]:
    """A deterministic unit-length vector for one embeddings input (float32 values)."""
    canonical = json.dumps([model, item], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    seed = hashlib.sha256(canonical.encode("utf-8")).digest()
    raw = hashlib.shake_256(seed).digest(4 * dimensions)
    values = [(v / 0xFFFFFFFF) * 2.0 - 1.0 for v in struct.unpack(f"<{dimensions}I", raw)]
    norm = sum(v * v for v in values) ** 0.5 or 1.0
    packed = struct.pack(f"<{dimensions}f", *(v / norm for v in values))
    return list(struct.unpack(f"<{dimensions}f", packed))


def encode_embedding_base64(vector: Sequence[float]) -> str:
    """The OpenAI ``encoding_format="base64"`` form: little-endian float32 bytes."""
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
