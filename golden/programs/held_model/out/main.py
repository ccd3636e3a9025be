from agent import Agent, ask_all
from llm import LLM, Echo
import runtime_shim as epic


async def main() -> None:
    async with epic.scope() as tasks:
        alice = Agent(LLM("gpt-4o-mini"), "alice")
        bob = Agent(Echo("none"), "bob")
        ask_all_task = tasks.spawn(ask_all(alice, ["tides", "reefs", "kelp"]))
        ask_all_task2 = tasks.spawn(ask_all(bob, ["sand"]))
        print(await ask_all_task)
        print(await ask_all_task2)


epic.run(main())
