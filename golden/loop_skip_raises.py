# flags: run overlap=2
"""A skip's test raises on the third item (``KeyError``): the first loop stops there,
having started the calls of the items before it and none after; the second loop
prints those items' answers, then raises the same error, as the original does."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


scores = {"tea": 1, "rice": 2}
for word in ["tea", "rice", "salt", "milk"]:
    if scores[word] > 5:
        continue
    print(word, ask(f"echo: {word}"))

# output

"""A skip's test raises on the third item (``KeyError``): the first loop stops there,
having started the calls of the items before it and none after; the second loop
prints those items' answers, then raises the same error, as the original does."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


scores = {"tea": 1, "rice": 2}


async def main() -> None:
    async with epic.scope() as tasks:
        ask_tasks = epic.pending()
        with ask_tasks.collecting():
            for word in ["tea", "rice", "salt", "milk"]:
                if scores[word] > 5:
                    ask_tasks.append((word, epic.NOT_STARTED))
                    continue
                ask_task = tasks.spawn(ask(f"echo: {word}"))
                ask_tasks.append((word, ask_task))
        for word, ask_task in ask_tasks:
            if scores[word] > 5:
                continue
            print(word, await ask_task)


epic.run(main())
