# flags: run overlap=1
"""Skips that cannot be decided ahead stay in order: a test that reads what the body
changes (a set of items already seen), and a skip after the item's call (the call
was due whatever the test says)."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


seen = set()
for word in ["tea", "rice", "tea"]:
    if word in seen:
        continue
    seen.add(word)
    print(ask(f"echo: {word}"))

for word in ["tea", "rice"]:
    answer = ask(f"echo: {word}")
    if answer.endswith("rice"):
        continue
    print(answer)

# output

"""Skips that cannot be decided ahead stay in order: a test that reads what the body
changes (a set of items already seen), and a skip after the item's call (the call
was due whatever the test says)."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    seen = set()
    for word in ["tea", "rice", "tea"]:
        if word in seen:
            continue
        seen.add(word)
        print(await ask(f"echo: {word}"))

    for word in ["tea", "rice"]:
        answer = await ask(f"echo: {word}")
        if answer.endswith("rice"):
            continue
        print(answer)


epic.run(main())

# diagnostics
# loop_skip_kept.py:19:1: note: `for word in ["tea", "rice", "tea"]:` runs iteration by iteration: `continue` skips items, and this skip cannot be decided before the item's calls start: its test reads `seen`, which the loop changes (line 20: `if word in seen:`)  [kept-in-order]
#     for word in ["tea", "rice", "tea"]:
#     ^
# loop_skip_kept.py:25:1: note: `for word in ["tea", "rice"]:` runs iteration by iteration: `continue` skips items, and this skip cannot be decided before the item's calls start: it comes after code that runs in order in the iteration (line 27: `if answer.endswith("rice"):`)  [kept-in-order]
#     for word in ["tea", "rice"]:
#     ^
