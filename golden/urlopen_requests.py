# flags: run overlap=2
"""``urlopen`` of a ``Request`` that posts to a model endpoint is model inference,
and ``json.loads(response.read())`` reads the body received, as
``requests.post(url).json()`` does: both requests start at once."""

import json
import os
import urllib.request

BASE = os.environ["OPENAI_BASE_URL"]


def complete(prompt):
    request = urllib.request.Request(
        BASE + "/completions",
        data=json.dumps(
            {"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": 8}
        ).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer offline"},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())["choices"][0]["text"]


first = complete("echo: tides")
second = complete("echo: reefs")
print(first, second)

# output

"""``urlopen`` of a ``Request`` that posts to a model endpoint is model inference,
and ``json.loads(response.read())`` reads the body received, as
``requests.post(url).json()`` does: both requests start at once."""

import json
import os
import urllib.request
import runtime_shim as epic

BASE = os.environ["OPENAI_BASE_URL"]


async def complete(prompt):
    request = urllib.request.Request(
        BASE + "/completions",
        data=json.dumps(
            {"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": 8}
        ).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer offline"},
    )
    with await epic.to_thread(urllib.request.urlopen, request) as response:
        return json.loads(response.read())["choices"][0]["text"]


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(complete("echo: tides"))
        second_task = tasks.spawn(complete("echo: reefs"))
        first = await first_task
        second = await second_task
        print(first, second)


epic.run(main())
