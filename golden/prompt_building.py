# flags: run overlap=2
import json

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


ingredients = ask("echo: tomato, basil, mozzarella")
items = [item.strip() for item in ingredients.split(",")]
prompt = "Write a recipe using: " + json.dumps(sorted(items))
prompt += "\nKeep it under 100 words."
recipe = ask(prompt)
wine = ask("Suggest a wine for an Italian dinner.")
print(recipe)
print(wine)

# output

import json

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
        ingredients_task = tasks.spawn(ask("echo: tomato, basil, mozzarella"))
        wine_task = tasks.spawn(ask("Suggest a wine for an Italian dinner."))
        ingredients = await ingredients_task
        items = [item.strip() for item in ingredients.split(",")]
        prompt = "Write a recipe using: " + json.dumps(sorted(items))
        prompt += "\nKeep it under 100 words."
        recipe = await ask(prompt)
        wine = await wine_task
        print(recipe)
        print(wine)


epic.run(main())
