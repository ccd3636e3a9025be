from chat import HISTORY, logged_ask, remember
import runtime_shim as epic


async def main() -> None:
    async with epic.scope() as tasks:
        answers = await tasks.gather(logged_ask(f"echo: fact {n}") for n in range(3))
        print(answers)
        first = await remember("echo: first note")
        print(len(HISTORY), first)
        second = await remember("echo: second note")
        print(len(HISTORY), HISTORY)


epic.run(main())
