"""Models a release-notes writer on the Responses API.
Shapes: `client.responses.create(model=..., instructions=..., input=...)`, `output_text`,
a list of inputs (message items), usage fields of a Responses reply.
"""

from openai import OpenAI

client = OpenAI()

CHANGES = [
    "fix: crash when the config file is empty",
    "feat: add --dry-run to the sync command",
    "perf: cache parsed templates",
]

notes = []
for change in CHANGES:
    resp = client.responses.create(
        model="gpt-4.1-mini",
        instructions="Rewrite commit messages as user-facing release notes.",
        input=change,
    )
    notes.append(resp.output_text)

headline = client.responses.create(
    model="gpt-4.1-mini",
    input=[
        {"role": "user", "content": "Write a headline for a release with these notes:"},
        {"role": "user", "content": "\n".join(notes)},
    ],
    max_output_tokens=8,
)
print("#", headline.output_text)
for note in notes:
    print("*", note)
print("status:", headline.status, "| output tokens:", headline.usage.output_tokens)
