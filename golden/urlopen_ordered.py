# flags: run overlap=1
"""``urlopen`` whose target epic cannot see (a parameter), or a ``Request`` that
posts somewhere else than a model endpoint, may create a record: it stays in order."""

import json
import os
import urllib.error
import urllib.request

BASE = os.environ["OPENAI_BASE_URL"]


def fetch(target):
    try:
        with urllib.request.urlopen(target) as response:
            return response.getcode()
    except urllib.error.HTTPError as error:
        return error.code


record = urllib.request.Request(
    BASE + "/records", data=json.dumps({"name": "tides"}).encode(), method="POST"
)
print(fetch(record))
print(fetch(BASE + "/models"))

# output

"""``urlopen`` whose target epic cannot see (a parameter), or a ``Request`` that
posts somewhere else than a model endpoint, may create a record: it stays in order."""

import json
import os
import urllib.error
import urllib.request
import runtime_shim as epic

BASE = os.environ["OPENAI_BASE_URL"]


async def fetch(target):
    try:
        with await epic.to_thread(urllib.request.urlopen, target) as response:
            return response.getcode()
    except urllib.error.HTTPError as error:
        return error.code


record = urllib.request.Request(
    BASE + "/records", data=json.dumps({"name": "tides"}).encode(), method="POST"
)


async def main() -> None:
    print(await fetch(record))
    print(await fetch(BASE + "/models"))


epic.run(main())
