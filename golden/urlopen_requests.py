# flags: run overlap=3
"""``urlopen`` of a URL, or of a ``Request`` without data, is a GET (it reads the
world, like ``requests.get``); a ``Request`` that posts to a model endpoint is model
inference. Both start early, and ``json.loads(response.read())`` reads the body
received, as ``requests.get(url).json()`` does."""

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


models_url = BASE + "/models"
first = complete("echo: tides")
second = complete("echo: reefs")
models = json.loads(urllib.request.urlopen(models_url).read())
print(first, second, len(models["data"]) > 0)

# output

"""``urlopen`` of a URL, or of a ``Request`` without data, is a GET (it reads the
world, like ``requests.get``); a ``Request`` that posts to a model endpoint is model
inference. Both start early, and ``json.loads(response.read())`` reads the body
received, as ``requests.get(url).json()`` does."""

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


models_url = BASE + "/models"


async def main() -> None:
    async with epic.scope() as tasks:
        first_task = tasks.spawn(complete("echo: tides"))
        second_task = tasks.spawn(complete("echo: reefs"))
        models_task = tasks.spawn(epic.to_thread(urllib.request.urlopen, models_url))
        first = await first_task
        second = await second_task
        models = json.loads((await models_task).read())
        print(first, second, len(models["data"]) > 0)


epic.run(main())
