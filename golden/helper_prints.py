# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    print(f"> {prompt}")
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    answer = response.choices[0].message.content
    print(f"< {answer}")
    return answer


city = ask("echo: Lisbon")
dish = ask("echo: bacalhau")
print(f"In {city}, try {dish}.")

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    print(f"> {prompt}")
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    answer = response.choices[0].message.content
    print(f"< {answer}")
    return answer


async def main() -> None:
    async with epic.scope() as tasks:
        city_task = tasks.spawn(ask("echo: Lisbon"))
        dish_task = tasks.spawn(ask("echo: bacalhau"))
        city = await city_task
        dish = await dish_task
        print(f"In {city}, try {dish}.")


epic.run(main())
