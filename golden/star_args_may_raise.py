# flags: run overlap=0
from openai import OpenAI

client = OpenAI()


def ask(prompt, model="gpt-4o-mini"):
    response = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


parts = None
print("hello")
answer = ask(*parts)
print(answer)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt, model="gpt-4o-mini"):
    response = await epic.async_client(client).chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


parts = None


async def main() -> None:
    print("hello")
    answer = await ask(*parts)
    print(answer)


epic.run(main())
