import argparse

from app import translate
from app.llm import make_client
import runtime_shim as epic


async def main() -> None:
    async with epic.scope() as tasks:
        parser = argparse.ArgumentParser(description="Translate a few phrases.")
        parser.add_argument("--languages", default="French,German")
        args = parser.parse_args()
        client = make_client()
        phrases = ["good morning", "thank you"]
        results_tasks = []
        for language in args.languages.split(","):
            results_task = tasks.gather(translate(client, p, language) for p in phrases)
            results_tasks.append((language, results_task))
        for language, results_task in results_tasks:
            results = await results_task
            print(language, results)


if __name__ == "__main__":
    epic.run(main())
