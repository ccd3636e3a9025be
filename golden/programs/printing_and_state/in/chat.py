from openai import OpenAI

client = OpenAI()
HISTORY: list[str] = []


def logged_ask(question: str) -> str:
    print(f"asking: {question}")
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


def remember(question: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    answer = reply.choices[0].message.content
    HISTORY.append(answer)
    return answer
