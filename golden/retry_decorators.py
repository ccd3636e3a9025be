# flags: run overlap=2
"""Retry decorators that await a coroutine function (``tenacity.retry``,
``backoff.on_exception``) stay on the function, which becomes async: each call
retries on its own, sleeping with ``asyncio.sleep``, while the other runs. Both
first attempts fail once (``[fail-once:400]``, which the openai client does not
retry itself)."""

import backoff
import openai
from openai import OpenAI
from tenacity import retry, stop_after_attempt, wait_fixed

client = OpenAI()


@retry(stop=stop_after_attempt(3), wait=wait_fixed(0.05))
def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@backoff.on_exception(backoff.constant, openai.BadRequestError, max_tries=3, interval=0.05)
def summarise(text):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: summary of {text}"}],
    )
    return response.choices[0].message.content


first = ask("[fail-once:400] echo: tides")
second = summarise("[fail-once:400] reefs")
print(first)
print(second)

# output

"""Retry decorators that await a coroutine function (``tenacity.retry``,
``backoff.on_exception``) stay on the function, which becomes async: each call
retries on its own, sleeping with ``asyncio.sleep``, while the other runs. Both
first attempts fail once (``[fail-once:400]``, which the openai client does not
retry itself)."""

import backoff
import openai
from openai import OpenAI
from tenacity import retry, stop_after_attempt, wait_fixed
import runtime_shim as epic

client = OpenAI()


@retry(stop=stop_after_attempt(3), wait=wait_fixed(0.05))
async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@backoff.on_exception(
    backoff.constant, openai.BadRequestError, max_tries=3, interval=0.05
)
async def summarise(text):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: summary of {text}"}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(ask("[fail-once:400] echo: tides"))
        second_task = tasks.spawn(summarise("[fail-once:400] reefs"))
        first = await first_task
        second = await second_task
        print(first)
        print(second)


epic.run(main())
