# flags: run overlap=1
from openai import OpenAI

client = OpenAI()


class Ticket:
    def __init__(self, text):
        self.text = text

    def triage(self):
        response = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Triage: " + self.text}],
        )
        return response.choices[0].message.content


tickets = [Ticket("login fails"), Ticket("slow page"), Ticket("typo on home page")]
for t in tickets:
    print(t.text, "->", t.triage())
print("first again:", tickets[0].triage())

# diagnostics
# method_through_loop_variable.py:10:5: note: `triage` stays a plain function, its calls in place: `.triage` is used on an object epic cannot tell the class of (line 20), which a sync call would not await  [kept-sync]
#         def triage(self):
#         ^
