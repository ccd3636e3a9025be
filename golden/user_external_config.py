# flags: run overlap=3 external=tools.search
from openai import OpenAI

from tools import search

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "How tall is the Eiffel Tower compared to the Statue of Liberty?"
eiffel = search("Eiffel Tower height")
liberty = search("Statue of Liberty height")
background = ask(f"Give background for: {question}")
answer = ask(f"{question}\nFacts: {eiffel}; {liberty}\nBackground: {background}")
print(answer)

# output

from openai import OpenAI

from tools import search
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "How tall is the Eiffel Tower compared to the Statue of Liberty?"


async def main() -> None:
    async with epic.scope() as tasks:
        eiffel_task = tasks.spawn(epic.to_thread(search, "Eiffel Tower height"))
        liberty_task = tasks.spawn(epic.to_thread(search, "Statue of Liberty height"))
        background_task = tasks.spawn(ask(f"Give background for: {question}"))
        eiffel = await eiffel_task
        liberty = await liberty_task
        background = await background_task
        answer = await ask(
            f"{question}\nFacts: {eiffel}; {liberty}\nBackground: {background}"
        )
        print(answer)


epic.run(main())
