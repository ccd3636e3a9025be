# flags: run overlap=4
"""``sorted(xs, key=f)``, ``max(xs, key=f)`` and ``min(xs, key=f)`` of a function that
makes a request: one call per element, in order, all started at once; the elements
then sort (stably, ``reverse`` too) or compare by those keys, as before."""

from openai import OpenAI

client = OpenAI()

DRAFTS = ["Shipping a CLI", "Moving off Kubernetes", "Property-based testing", "My desk"]


def score(title: str) -> int:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {len(title) % 3}"}],
    )
    return int(response.choices[0].message.content.split()[0])


ranked = sorted(DRAFTS, key=score, reverse=True)
for position, title in enumerate(ranked, 1):
    print(position, title)
print("best:", max(DRAFTS, key=score))
print("worst:", min(DRAFTS, key=score))

# output

"""``sorted(xs, key=f)``, ``max(xs, key=f)`` and ``min(xs, key=f)`` of a function that
makes a request: one call per element, in order, all started at once; the elements
then sort (stably, ``reverse`` too) or compare by those keys, as before."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()

DRAFTS = [
    "Shipping a CLI",
    "Moving off Kubernetes",
    "Property-based testing",
    "My desk",
]


async def score(title: str) -> int:
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: {len(title) % 3}"}],
    )
    return int(response.choices[0].message.content.split()[0])


async def main() -> None:
    async with epic.scope() as tasks:
        ranked = [
            item
            for item, _ in sorted(
                await tasks.gather(
                    epic.keyed(item, score(item)) for item in list(DRAFTS)
                ),
                key=lambda pair: pair[1],
                reverse=True,
            )
        ]
        for position, title in enumerate(ranked, 1):
            print(position, title)
        print(
            "best:",
            max(
                await tasks.gather(epic.keyed(item, score(item)) for item in DRAFTS),
                key=lambda pair: pair[1],
            )[0],
        )
        print(
            "worst:",
            min(
                await tasks.gather(epic.keyed(item, score(item)) for item in DRAFTS),
                key=lambda pair: pair[1],
            )[0],
        )


epic.run(main())
