# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def extract_keywords(text):
    reply = ask(f"List three keywords for this text, comma separated: {text}")
    return [word.strip() for word in reply.split(",")]


text = "Solar panels on every school roof could cut energy bills by a third."
keywords = extract_keywords(text)
sentiment = ask(f"Is this text positive or negative? {text}")
tweet = ask(f"Write a tweet using the keywords {', '.join(keywords)}")
print(sentiment)
print(tweet)

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


async def extract_keywords(text):
    reply = await ask(f"List three keywords for this text, comma separated: {text}")
    return [word.strip() for word in reply.split(",")]


text = "Solar panels on every school roof could cut energy bills by a third."


async def main() -> None:
    async with epic.scope() as tasks:
        keywords_task = tasks.spawn(extract_keywords(text))
        sentiment_task = tasks.spawn(ask(f"Is this text positive or negative? {text}"))
        tweet_task = tasks.spawn_after(
            lambda keywords: ask(
                f"Write a tweet using the keywords {', '.join(keywords)}"
            ),
            keywords_task,
        )
        keywords = await keywords_task
        sentiment = await sentiment_task
        tweet = await tweet_task
        print(sentiment)
        print(tweet)


epic.run(main())
