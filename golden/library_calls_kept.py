# flags: run overlap=1
"""A world read stays after the writes it could see: the loop writes the files its
skip checks for (a second item of the same name is skipped), so it runs in order;
``fillna(..., inplace=True)`` changes its receiver, so it is not a pure method."""

import os
import tempfile

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


folder = tempfile.mkdtemp()
for name in ["tea", "rice", "tea"]:
    path = os.path.join(folder, name + ".txt")
    if os.path.exists(path):
        continue
    with open(path, "w") as out:
        out.write(ask(f"echo: {name}"))
print(sorted(os.listdir(folder)))

# output

"""A world read stays after the writes it could see: the loop writes the files its
skip checks for (a second item of the same name is skipped), so it runs in order;
``fillna(..., inplace=True)`` changes its receiver, so it is not a pure method."""

import os
import tempfile

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
    folder = tempfile.mkdtemp()
    for name in ["tea", "rice", "tea"]:
        path = os.path.join(folder, name + ".txt")
        if os.path.exists(path):
            continue
        with open(path, "w") as out:
            out.write(await ask(f"echo: {name}"))
    print(sorted(os.listdir(folder)))


epic.run(main())

# diagnostics
# library_calls_kept.py:22:1: note: `for name in ["tea", "rice", "tea"]:` runs iteration by iteration: `open(...)` is a call epic does not know the effects of (line 26: `with open(path, "w") as out:`)  [kept-in-order]
#     for name in ["tea", "rice", "tea"]:
#     ^
