from chat import HISTORY, logged_ask, remember

answers = [logged_ask(f"echo: fact {n}") for n in range(3)]
print(answers)
first = remember("echo: first note")
print(len(HISTORY), first)
second = remember("echo: second note")
print(len(HISTORY), HISTORY)
