# flags: run overlap=1
"""Module-level lists whose appends must stay where they are: `seen` is also read
inside a function (a call started early could read it before an earlier call's append
was made), and `log` is handed to a function (which could keep it and read it later).
The helpers' calls are awaited in place."""

from openai import OpenAI

client = OpenAI()
seen = []
log = []


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


def remember(topic):
    answer = ask(f"echo: {topic} #{len(seen)}")
    seen.append(answer)


def record(topic):
    log.append(ask(f"echo: note {topic}"))


def show(entries):
    print("log:", entries)


for topic in ["sea", "sky"]:
    remember(topic)
for topic in ["sand", "stone"]:
    record(topic)
show(log)
print(seen)

# output

"""Module-level lists whose appends must stay where they are: `seen` is also read
inside a function (a call started early could read it before an earlier call's append
was made), and `log` is handed to a function (which could keep it and read it later).
The helpers' calls are awaited in place."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
seen = []
log = []


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return reply.choices[0].message.content


async def remember(topic):
    answer = await ask(f"echo: {topic} #{len(seen)}")
    seen.append(answer)


async def record(topic):
    log.append(await ask(f"echo: note {topic}"))


def show(entries):
    print("log:", entries)


async def main() -> None:
    for topic in ["sea", "sky"]:
        await remember(topic)
    for topic in ["sand", "stone"]:
        await record(topic)
    show(log)
    print(seen)


epic.run(main())

# diagnostics
# sink_append_kept.py:33:1: note: `for topic in ["sea", "sky"]:` runs iteration by iteration: `remember(...)` changes `seen`, which it does not own (a global, or an object it was given) (line 34: `remember(topic)`)  [kept-in-order]
#     for topic in ["sea", "sky"]:
#     ^
# sink_append_kept.py:35:1: note: `for topic in ["sand", "stone"]:` runs iteration by iteration: `record(...)` changes `log`, which it does not own (a global, or an object it was given) (line 36: `record(topic)`)  [kept-in-order]
#     for topic in ["sand", "stone"]:
#     ^
