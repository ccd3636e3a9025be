import settings
from llm import ask
from settings import CONFIG
import runtime_shim as epic


async def main() -> None:
    first = [await ask(q) for q in ["a", "b"]]
    CONFIG["model"] = "gpt-4o"
    second = [await ask(q) for q in ["c", "d"]]
    settings.CONFIG["prefix"] = "echo: again "
    third = await ask("e")
    print(first, second, third)


epic.run(main())
