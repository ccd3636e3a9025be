import asyncio

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def tick():
    await asyncio.sleep(0)
    return "tick"


print(asyncio.run(tick()))
print(ask("Name a fruit."))

# diagnostics
# already_asyncio.py:16:1: warning: the script already uses asyncio (`async def`), which cannot run in epic's event loop: the file is kept sequential  [unsupported-construct]
#     async def tick():
#     ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
# already_asyncio.py:17:5: warning: the script already uses asyncio (`await`): the file is kept sequential  [unsupported-construct]
#         await asyncio.sleep(0)
#         ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
# already_asyncio.py:21:7: warning: the script already uses asyncio (`asyncio.run`), which cannot run in epic's event loop: the file is kept sequential  [unsupported-construct]
#     print(asyncio.run(tick()))
#           ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
