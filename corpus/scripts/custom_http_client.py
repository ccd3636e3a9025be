"""Models a team script that configures its own HTTP client (timeouts, headers).
Shapes: a user-made `http_client=httpx2.Client(...)` (the HTTP library this openai release
is built on), `default_headers=`, several independent requests, a summary line.
"""

import httpx2
from openai import OpenAI

http = httpx2.Client(timeout=httpx2.Timeout(20.0, connect=5.0), headers={"x-team": "research"})
client = OpenAI(http_client=http, default_headers={"x-purpose": "nightly-digest"})

FEEDS = ["python releases", "rust releases", "postgres releases"]

digest = []
for feed in FEEDS:
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"One-line news digest about {feed}."}],
    )
    digest.append(f"- {feed}: {r.choices[0].message.content}")

print("Nightly digest")
print("\n".join(digest))
http.close()
print("closed:", http.is_closed)
