from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(question):
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        answers = await tasks.gather(ask(f"echo: {q}") for q in ["left", "right"])
        print(answers)


epic.run(main())
