import agents


class Canned:
    def complete(self, prompt):
        return "canned " + prompt


print(agents.ask_all(["tides", "reefs"]))
print(agents.Agent(Canned()).answer("kelp"))
print(agents.run(Canned(), "currents"))
