"""Models a multi-agent debate: each persona answers, then everyone rebuts.
Shapes: an `Agent` class with `say(topic)`, methods called from comprehension variables
(`[a.say(x) for a in agents]`), a dict comprehension, a final judge call.
"""

from openai import OpenAI

client = OpenAI()


class Agent:
    def __init__(self, name, persona):
        self.name = name
        self.persona = persona

    def say(self, prompt):
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[
                {"role": "system", "content": f"You are {self.name}, {self.persona}."},
                {"role": "user", "content": prompt},
            ],
            max_tokens=14,
        )
        return r.choices[0].message.content


agents = [
    Agent("Optimist", "who sees the bright side"),
    Agent("Skeptic", "who asks for evidence"),
    Agent("Economist", "who thinks in costs and incentives"),
]
topic = "Should cities ban cars from their centres?"

openings = [a.say(topic) for a in agents]
for agent, text in zip(agents, openings):
    print(f"{agent.name}: {text}")

transcript = " ".join(openings)
rebuttals = {a.name: a.say(f"Rebut the others briefly: {transcript}") for a in agents}
for name, text in rebuttals.items():
    print(f"{name} (rebuttal): {text}")

verdict = client.chat.completions.create(
    model="gpt-4o",
    messages=[{"role": "user", "content": "Judge this debate in one line: " + " ".join(rebuttals.values())}],
)
print("Judge:", verdict.choices[0].message.content)
