"""The start-up floor: what every version pays besides waiting for the model.

Interpreter start-up, ``import openai``, building an async client, the first request's
fixed cost (the client's lazy set-up and a new connection; the endpoint answers it
with zero latency) and shutdown.  The report's "limit" is this floor plus the
workload's critical path, and the first-output limit is the time this script takes to
print its line plus the time the workload's first line needs.
"""

import asyncio

from openai import AsyncOpenAI

client = AsyncOpenAI()


async def main():
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "echo: ready"}],
        extra_body={"epic": {"latency": 0}},
    )
    print(response.choices[0].message.content)


asyncio.run(main())
