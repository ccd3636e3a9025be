import settings
from llm import ask
from settings import CONFIG

first = [ask(q) for q in ["a", "b"]]
CONFIG["model"] = "gpt-4o"
second = [ask(q) for q in ["c", "d"]]
settings.CONFIG["prefix"] = "echo: again "
third = ask("e")
print(first, second, third)
