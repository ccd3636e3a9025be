# flags: run overlap=3
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


translations = {}
translations["fr"] = ask("Translate 'good morning' into French.")
translations["de"] = ask("Translate 'good morning' into German.")
translations["es"] = ask("Translate 'good morning' into Spanish.")
for language, text in sorted(translations.items()):
    print(language, text)

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
        translations = {}
        fr_task = tasks.spawn(ask("Translate 'good morning' into French."))
        de_task = tasks.spawn(ask("Translate 'good morning' into German."))
        es_task = tasks.spawn(ask("Translate 'good morning' into Spanish."))
        translations["fr"] = await fr_task
        translations["de"] = await de_task
        translations["es"] = await es_task
        for language, text in sorted(translations.items()):
            print(language, text)


epic.run(main())
