# flags: run overlap=4
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def compare(x, y):
    about_x = ask(f"Describe {x} in one sentence.")
    about_y = ask(f"Describe {y} in one sentence.")
    return ask(f"Compare them: {about_x} / {about_y}")


def main():
    cats = compare("lions", "tigers")
    dogs = compare("wolves", "foxes")
    print("Cats:", cats)
    print("Dogs:", dogs)


main()

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


async def compare(x, y):
    async with epic.scope() as tasks:
        about_x_task = tasks.spawn(ask(f"Describe {x} in one sentence."))
        about_y_task = tasks.spawn(ask(f"Describe {y} in one sentence."))
        about_x = await about_x_task
        about_y = await about_y_task
        return await ask(f"Compare them: {about_x} / {about_y}")


async def main():
    async with epic.scope() as tasks:
        cats_task = tasks.spawn(compare("lions", "tigers"))
        dogs_task = tasks.spawn(compare("wolves", "foxes"))
        cats = await cats_task
        dogs = await dogs_task
        print("Cats:", cats)
        print("Dogs:", dogs)


epic.run(main())
