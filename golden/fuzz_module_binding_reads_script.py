# flags: run overlap=1
"""A module-level name the functions read, rebound in the script from a value the
script computes (`G = n`): the binding runs in `main`, after `n`, not at module level
ahead of it (where `n` does not exist yet)."""

from openai import OpenAI

client = OpenAI()
G = 1


def ask(prompt):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"{prompt} {G}"}]
    )
    return reply.choices[0].message.content


def bump():
    global G
    G = G + 10


print(ask("echo: first"))
n = 60 // 3
bump()
G = n
print(ask("echo: second"), G)

# output

"""A module-level name the functions read, rebound in the script from a value the
script computes (`G = n`): the binding runs in `main`, after `n`, not at module level
ahead of it (where `n` does not exist yet)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
G = 1


async def ask(prompt):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"{prompt} {G}"}]
    )
    return reply.choices[0].message.content


def bump():
    global G
    G = G + 10


async def main() -> None:
    global G
    print(await ask("echo: first"))
    n = 60 // 3
    bump()
    G = n
    print(await ask("echo: second"), G)


epic.run(main())

# diagnostics
# fuzz_module_binding_reads_script.py:25:1: note: `bump(...)` changes `G`, which it does not own (a global, or an object it was given): the calls before and after it stay in program order  [kept-in-order]
#     bump()
#     ^
