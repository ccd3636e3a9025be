# flags: run overlap=1
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

from openai import AsyncOpenAI
import runtime_shim as epic

client = AsyncOpenAI(http_client=epic.http_client())


async def ask(prompt):
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    print(f"> {prompt}")
    answer = response.choices[0].message.content
    print(f"< {answer}")
    return answer


async def main() -> None:
    global city, dish
    city = await ask("echo: Lisbon")
    dish = await ask("echo: bacalhau")
    print(f"In {city}, try {dish}.")


epic.run(main())
