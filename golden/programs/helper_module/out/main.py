import helper
from helper import ask, shout
import runtime_shim as epic

topics = ["tides", "reefs", "kelp"]


async def main() -> None:
    async with epic.scope() as tasks:
        summaries = await tasks.gather(ask(f"echo: summary of {t}") for t in topics)
        for topic, summary in zip(topics, summaries):
            print(topic, "->", shout(summary))

        titles = []
        ask_tasks = []
        for topic in topics:
            ask_task = tasks.spawn(helper.ask(f"echo: title for {topic}"))
            ask_tasks.append(ask_task)
        for ask_task in ask_tasks:
            titles.append(await ask_task)
        print(" | ".join(titles))


epic.run(main())
