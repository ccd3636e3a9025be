# flags: run overlap=1
import io

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


class Recorder:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)
        print("recorded", text)


def recorder():
    return Recorder()


# `out` is a file here and something else there: its writes are not known to be a
# file's.
items = ["echo: one", "echo: two"]
out = open("log.txt", "w")
out.close()
out = recorder()
for item in items:
    out.write(ask(item))

# `print(..., file=buffer)` changes the buffer: the request that sends its text waits.
buffer = io.StringIO()
for item in items:
    print(item, file=buffer)
    print(ask(f"echo: {len(buffer.getvalue())}"))


# A file handed to a function: what the function writes to is not known.
def save(sink, text):
    sink.write(text)


with open("saved.txt", "w") as kept:
    for item in items:
        save(kept, ask(item))

# output

import io

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return response.choices[0].message.content


class Recorder:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)
        print("recorded", text)


def recorder():
    return Recorder()


# `out` is a file here and something else there: its writes are not known to be a
# file's.
items = ["echo: one", "echo: two"]


async def main() -> None:
    out = open("log.txt", "w")
    out.close()
    out = recorder()
    for item in items:
        out.write(await ask(item))

    # `print(..., file=buffer)` changes the buffer: the request that sends its text waits.
    buffer = io.StringIO()
    for item in items:
        print(item, file=buffer)
        print(await ask(f"echo: {len(buffer.getvalue())}"))

    with open("saved.txt", "w") as kept:
        for item in items:
            save(kept, await ask(item))


# A file handed to a function: what the function writes to is not known.
def save(sink, text):
    sink.write(text)


epic.run(main())

# diagnostics
# file_writes_kept.py:34:1: note: `for item in items:` runs iteration by iteration: `out.write(...)` is a call epic does not know the effects of (line 35: `out.write(ask(item))`)  [kept-in-order]
#     for item in items:
#     ^
# file_writes_kept.py:39:1: note: `for item in items:` runs iteration by iteration: `ask(...)` needs `buffer`, which the loop body sets or changes, so it cannot start before the previous iteration is done (line 41: `print(ask(f"echo: {len(buffer.getvalue())}"))`)  [kept-in-order]
#     for item in items:
#     ^
# file_writes_kept.py:50:5: note: `for item in items:` runs iteration by iteration: `save(...)` changes `sink`, which it does not own (a global, or an object it was given) (line 51: `save(kept, ask(item))`)  [kept-in-order]
#         for item in items:
#         ^
