# flags: run overlap=3
"""Compare three product names with an LLM."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def main():
    names = ["Lumen", "Brightly", "Glowstack"]
    first = ask(f"Rate the product name {names[0]} from 1 to 10.")
    second = ask(f"Rate the product name {names[1]} from 1 to 10.")
    third = ask(f"Rate the product name {names[2]} from 1 to 10.")
    for name, rating in zip(names, [first, second, third]):
        print(f"{name}: {rating}")


if __name__ == "__main__":
    main()

# output

"""Compare three product names with an LLM."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main():
    async with epic.scope() as tasks:
        names = ["Lumen", "Brightly", "Glowstack"]
        first_task = tasks.spawn_after(
            lambda: ask(f"Rate the product name {names[0]} from 1 to 10.")
        )
        second_task = tasks.spawn_after(
            lambda: ask(f"Rate the product name {names[1]} from 1 to 10.")
        )
        third_task = tasks.spawn_after(
            lambda: ask(f"Rate the product name {names[2]} from 1 to 10.")
        )
        first = await first_task
        second = await second_task
        third = await third_task
        for name, rating in zip(names, [first, second, third]):
            print(f"{name}: {rating}")


if __name__ == "__main__":
    epic.run(main())
