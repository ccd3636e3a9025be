"""Models a scraper-style job that logs its progress to stderr with `logging`.
Shapes: `logging.basicConfig(stream=sys.stderr, format=...)`, a module logger
`log = logging.getLogger(__name__)`, `log.info` / `log.warning` between calls, results
on stdout.
"""

import logging
import sys

from openai import OpenAI

logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
log = logging.getLogger("digest")
logging.getLogger("httpx2").setLevel(logging.WARNING)
logging.getLogger("openai").setLevel(logging.WARNING)

client = OpenAI()
SOURCES = ["hacker news", "lobsters", "a python weekly newsletter"]

digests = []
for source in SOURCES:
    log.info("fetching %s", source)
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Invent a headline from {source}"}],
        max_tokens=8,
    )
    text = r.choices[0].message.content
    if len(text.split()) < 8:
        log.warning("short headline from %s", source)
    digests.append(text)
    log.info("got %d words", len(text.split()))

for source, text in zip(SOURCES, digests):
    print(f"{source}: {text}")
logging.info("done with %d sources", len(digests))
