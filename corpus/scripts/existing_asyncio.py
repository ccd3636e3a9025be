"""Models a script that is already partly async: its own `async def` with AsyncOpenAI,
run by `asyncio.run`, plus ordinary synchronous calls before and after.
Shapes: `asyncio.run(main())`, `asyncio.gather` over `AsyncOpenAI` calls, a sync
`OpenAI()` client used at module level, `time.sleep` between phases.
"""

import asyncio
import time

from openai import AsyncOpenAI, OpenAI

sync_client = OpenAI()
CITIES = ["Nairobi", "Quito", "Tbilisi"]


async def describe_all(cities):
    aclient = AsyncOpenAI()

    async def one(city):
        r = await aclient.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Describe {city} in six words."}],
            max_tokens=6,
        )
        return r.choices[0].message.content

    results = await asyncio.gather(*(one(c) for c in cities))
    await aclient.close()
    return results


intro = sync_client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Introduce a travel newsletter in one line."}]
)
print(intro.choices[0].message.content)
time.sleep(0.05)
descriptions = asyncio.run(describe_all(CITIES))
for city, text in zip(CITIES, descriptions):
    print(f"{city}: {text}")
outro = sync_client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Sign off a travel newsletter in one line."}]
)
print(outro.choices[0].message.content)
