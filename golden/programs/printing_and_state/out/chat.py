from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
HISTORY: list[str] = []


async def logged_ask(question: str) -> str:
    print(f"asking: {question}")
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


async def remember(question: str) -> str:
    reply = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    answer = reply.choices[0].message.content
    HISTORY.append(answer)
    return answer
