# flags: run overlap=3
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


print("== Morning briefing ==")
weather = ask("echo: Sunny, 21 degrees.")
print("Weather:", weather)
news = ask("echo: Markets are calm.")
print("News:", news)
print("--")
quote = ask("echo: Well begun is half done.")
print("Quote of the day:", quote)
print("== end ==")

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
        weather_task = tasks.spawn(ask("echo: Sunny, 21 degrees."))
        news_task = tasks.spawn(ask("echo: Markets are calm."))
        quote_task = tasks.spawn(ask("echo: Well begun is half done."))

        print("== Morning briefing ==")
        weather = await weather_task
        print("Weather:", weather)
        news = await news_task
        print("News:", news)
        print("--")
        quote = await quote_task
        print("Quote of the day:", quote)
        print("== end ==")


epic.run(main())
