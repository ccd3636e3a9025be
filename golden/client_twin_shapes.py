# flags: run overlap=2
from openai import OpenAI

client = OpenAI()
fast = client.with_options(timeout=30)


def ask(prompt):
    response = fast.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def ask_raw(prompt):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return raw.parse().choices[0].message.content


def summarize(c, text):
    # A client handed to a helper: epic cannot tell what `c` is, so this call stays
    # as written (it blocks, correctly).
    response = c.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Summarize: " + text}],
    )
    return response.choices[0].message.content


a = ask("Name a prime number.")
a2 = ask("Name a metal.")
b = ask_raw("Name a colour.")
print("A:", a, a2)
print("B:", b)
print("S:", summarize(client, a + " " + b))
with OpenAI() as scoped:
    reply = scoped.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Say goodbye."}]
    )
print("C:", reply.choices[0].message.content)
print(len(list(client.models.list())) > 0)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
fast = client.with_options(timeout=30)


async def ask(prompt):
    response = await epic.async_client(fast).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def ask_raw(prompt):
    raw = await epic.async_client(client).chat.completions.with_raw_response.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return raw.parse().choices[0].message.content


async def summarize(c, text):
    # A client handed to a helper: epic cannot tell what `c` is, so this call stays
    # as written (it blocks, correctly).
    response = await epic.async_client(c).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Summarize: " + text}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        a_task = tasks.spawn(ask("Name a prime number."))
        a2_task = tasks.spawn(ask("Name a metal."))
        a = await a_task
        a2 = await a2_task
        b = await ask_raw("Name a colour.")
        print("A:", a, a2)
        print("B:", b)
        print("S:", await summarize(client, a + " " + b))
        with OpenAI() as scoped:
            reply = await epic.async_client(scoped).chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": "Say goodbye."}],
            )
        print("C:", reply.choices[0].message.content)
        print(len(list(client.models.list())) > 0)


epic.run(main())

# diagnostics
# client_twin_shapes.py:35:5: note: `ask_raw(...)` calls `raw.parse()`, whose effects epic does not know: the calls before and after it stay in program order  [kept-in-order]
#     b = ask_raw("Name a colour.")
#         ^
