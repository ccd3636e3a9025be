# flags: run overlap=2 latency=0.3
import http.client
import json
import os
from urllib.parse import urlsplit

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def legacy_complete(prompt):  # epic: external
    """Our in-house gateway: a blocking HTTP call that epic cannot see into."""
    url = urlsplit(os.environ["OPENAI_BASE_URL"])
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    body = json.dumps({"model": "gpt-3.5-turbo-instruct", "prompt": prompt})
    connection.request("POST", f"{url.path}/completions", body, {"Content-Type": "application/json"})
    data = json.loads(connection.getresponse().read())
    connection.close()
    return data["choices"][0]["text"]


slogan = legacy_complete("Write a slogan for a bakery.")
pitch = ask("Pitch a bakery to investors in one line.")
print("Slogan:", slogan)
print("Pitch:", pitch)

# output

import http.client
import json
import os
from urllib.parse import urlsplit

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def legacy_complete(prompt):  # epic: external
    """Our in-house gateway: a blocking HTTP call that epic cannot see into."""
    url = urlsplit(os.environ["OPENAI_BASE_URL"])
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    body = json.dumps({"model": "gpt-3.5-turbo-instruct", "prompt": prompt})
    connection.request(
        "POST", f"{url.path}/completions", body, {"Content-Type": "application/json"}
    )
    data = json.loads(connection.getresponse().read())
    connection.close()
    return data["choices"][0]["text"]


async def main() -> None:
    async with epic.scope() as tasks:
        slogan_task = tasks.spawn(
            epic.to_thread(legacy_complete, "Write a slogan for a bakery.")
        )
        pitch_task = tasks.spawn(ask("Pitch a bakery to investors in one line."))
        slogan = await slogan_task
        pitch = await pitch_task
        print("Slogan:", slogan)
        print("Pitch:", pitch)


epic.run(main())
