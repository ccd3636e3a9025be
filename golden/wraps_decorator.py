# flags: run overlap=3
"""Retry decorators written by hand with ``functools.wraps``, plain and made by a
factory: the wrapper becomes async together with the functions it decorates, awaits
the call it wraps and sleeps with ``asyncio.sleep`` between attempts, so each call
retries on its own while the others run. The failures the wrapper prints are held back
and shown in program order. The first attempts marked ``[fail-once:400]`` fail (the
client does not retry a 400 itself)."""

import functools
import time

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)


def retry(fn):
    """Three attempts, a short pause between them."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        for attempt in range(3):
            try:
                return fn(*args, **kwargs)
            except openai.BadRequestError as e:
                print(f"{fn.__name__}: attempt {attempt + 1} failed ({e.status_code})")
                time.sleep(0.05)
        raise RuntimeError(f"{fn.__name__} failed 3 times")

    return wrapper


def with_retries(times=3, errors=(openai.BadRequestError,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                try:
                    return fn(*args, **kwargs)
                except errors:
                    attempt += 1
                    if attempt >= times:
                        raise
                    time.sleep(0.05)

        return wrapper

    return decorate


@retry
def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@with_retries(times=2)
def summarise(text):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: summary of {text}"}],
    )
    return response.choices[0].message.content


first = ask("[fail-once:400] echo: tides")
second = ask("echo: reefs")
third = summarise("[fail-once:400] kelp")
print(first)
print(second)
print(third, ask.__name__, summarise.__name__)

# output

"""Retry decorators written by hand with ``functools.wraps``, plain and made by a
factory: the wrapper becomes async together with the functions it decorates, awaits
the call it wraps and sleeps with ``asyncio.sleep`` between attempts, so each call
retries on its own while the others run. The failures the wrapper prints are held back
and shown in program order. The first attempts marked ``[fail-once:400]`` fail (the
client does not retry a 400 itself)."""

import functools

import openai
from openai import OpenAI
import asyncio
import runtime_shim as epic

client = OpenAI(max_retries=0)


def retry(fn):
    """Three attempts, a short pause between them."""

    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        async with epic.scope() as tasks:
            for attempt in range(3):
                try:
                    return await fn(*args, **kwargs)
                except openai.BadRequestError as e:
                    sleep_task = tasks.spawn(asyncio.sleep(0.05))
                    print(
                        f"{fn.__name__}: attempt {attempt + 1} failed ({e.status_code})"
                    )
                    await sleep_task
            raise RuntimeError(f"{fn.__name__} failed 3 times")

    return wrapper


def with_retries(times=3, errors=(openai.BadRequestError,)):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                try:
                    return await fn(*args, **kwargs)
                except errors:
                    attempt += 1
                    if attempt >= times:
                        raise
                    await asyncio.sleep(0.05)

        return wrapper

    return decorate


@retry
async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@with_retries(times=2)
async def summarise(text):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: summary of {text}"}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("[fail-once:400] echo: tides"))
        second_task = tasks.spawn(ask("echo: reefs"))
        third_task = tasks.spawn(summarise("[fail-once:400] kelp"))
        first = await first_task
        second = await second_task
        third = await third_task
        print(first)
        print(second)
        print(third, ask.__name__, summarise.__name__)


epic.run(main())

# diagnostics
# wraps_decorator.py:22:9: note: `for attempt in range(3):` runs iteration by iteration: `return` can leave the loop early, so a later iteration's calls may not be due (line 24: `return fn(*args, **kwargs)`)  [kept-in-order]
#             for attempt in range(3):
#             ^
