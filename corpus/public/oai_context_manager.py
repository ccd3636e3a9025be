# Modelled on openai/openai-python, examples/context_manager.py
# (commit 7b7e52143fad0980ba40e72790ac5c93cb310cd3, Apache-2.0 licence).
# Rewritten, not copied: a small context-manager class that hands out an `AsyncOpenAI`
# client from `__aenter__` and an `OpenAI` client from `__enter__`, an async example run
# with `asyncio.run`, then a sync example. The model is one the offline endpoint lists and
# the key check prints and exits as in the original.
"""Models a resource-managing wrapper used both from async and from sync code.
Shapes: a class with `__enter__`/`__exit__` and `__aenter__`/`__aexit__`, `with Ctx() as
client:` (client bound by `with`), `asyncio.run(async_example())`, `exit(1)` when no key.
"""

import asyncio
import os

from openai import AsyncOpenAI, OpenAI


class OpenAIContext:
    def __init__(self, api_key=None, async_mode=True):
        self.client = None
        self.api_key = api_key
        self.async_mode = async_mode

    async def __aenter__(self):
        self.client = AsyncOpenAI(api_key=self.api_key)
        return self.client

    async def __aexit__(self, exc_type, exc, tb):
        if self.client:
            await self.client.close()

    def __enter__(self):
        if self.async_mode:
            raise RuntimeError("Cannot use the sync context manager with async_mode=True")
        self.client = OpenAI(api_key=self.api_key)
        return self.client

    def __exit__(self, exc_type, exc, tb):
        if self.client:
            self.client.close()


async def async_example(api_key=None):
    async with OpenAIContext(api_key=api_key) as client:
        response = await client.chat.completions.create(
            messages=[{"role": "user", "content": "Hello! How are you?"}],
            model="gpt-4o",
            max_tokens=50,
        )
        print("Async response:", response.choices[0].message.content)


def sync_example(api_key=None):
    with OpenAIContext(async_mode=False, api_key=api_key) as client:
        response = client.chat.completions.create(
            messages=[{"role": "user", "content": "Hello! How are you?"}],
            model="gpt-4o",
            max_tokens=50,
        )
        print("Sync response:", response.choices[0].message.content)


if __name__ == "__main__":
    api_key = os.getenv("OPENAI_API_KEY")
    if not api_key:
        print("Please set OPENAI_API_KEY")
        exit(1)
    print("Running async example...")
    asyncio.run(async_example(api_key))
    print("\nRunning sync example...")
    sync_example(api_key)
