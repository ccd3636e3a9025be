from helper import ask

questions = ["echo: one", "echo: two"]
for answer in map(ask, questions):
    print(answer)
