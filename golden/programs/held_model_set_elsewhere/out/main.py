from agent import Agent, ask_all
from llm import LLM, Echo

alice = Agent(LLM("gpt-4o-mini"), "alice")
bob = Agent(Echo("none"), "bob")
print(ask_all(alice, ["tides", "reefs", "kelp"]))
bob.llm = alice  # any object: `self.llm` may not be an `LLM`
print(ask_all(bob, ["sand"]))
