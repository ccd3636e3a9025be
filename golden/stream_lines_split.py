# flags: run overlap=3 during=note:one/echo:
"""`split("\n")` of a streamed text that a helper notes and prints: each line's
request starts once the line is complete (the last one when the stream ends), and
what the helper prints still comes out in line order after the stream's own output."""

from openai import OpenAI

client = OpenAI()


def note(line):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"note:{line}"}]
    )
    print("-", reply.choices[0].message.content)


stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "echo: one\ntwo\nthree"}],
    stream=True,
)
text = ""
for chunk in stream:
    if not chunk.choices:
        continue
    text += chunk.choices[0].delta.content or ""
print("streamed", len(text), "characters")
for line in text.split("\n"):
    note(line)

# output

"""`split("\n")` of a streamed text that a helper notes and prints: each line's
request starts once the line is complete (the last one when the stream ends), and
what the helper prints still comes out in line order after the stream's own output."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def note(line):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"note:{line}"}]
    )
    print("-", reply.choices[0].message.content)


async def main() -> None:
    async with epic.scope() as tasks:
        stream = await epic.async_client(client).chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "echo: one\ntwo\nthree"}],
            stream=True,
        )
        text = ""
        note_tasks = []
        lines_of_text = epic.line_splitter()
        async for chunk in stream:
            if not chunk.choices:
                continue
            text += chunk.choices[0].delta.content or ""
            for line in lines_of_text.feed(text):
                note_task = tasks.spawn(note(line))
                note_tasks.append(note_task)
        for line in lines_of_text.end():
            note_task = tasks.spawn(note(line))
            note_tasks.append(note_task)
        print("streamed", len(text), "characters")
        for note_task in note_tasks:
            await note_task


epic.run(main())
