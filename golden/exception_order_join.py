# flags: run overlap=0 extra=1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


# Both drafts fail. The sequential script stops at the first one,
# so its exception (400) escapes, not the second one's (404).
english = ask("[fail:400] Draft the announcement in English.")
german = ask("[fail:404] Draft the announcement in German.")
merged = ask(f"Merge these drafts into one bilingual note:\n{english}\n{german}")
print(merged)

# output

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
    async with epic.scope() as tasks:
        # Both drafts fail. The sequential script stops at the first one,
        # so its exception (400) escapes, not the second one's (404).
        english_task = tasks.spawn(ask("[fail:400] Draft the announcement in English."))
        german_task = tasks.spawn(ask("[fail:404] Draft the announcement in German."))
        english = await english_task
        german = await german_task
        merged = await ask(
            f"Merge these drafts into one bilingual note:\n{english}\n{german}"
        )
        print(merged)


epic.run(main())
