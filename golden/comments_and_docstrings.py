# flags: run overlap=2
"""Draft release notes from two sources.

Usage: python release_notes.py
"""

from openai import OpenAI

# One client for the whole script; it reads OPENAI_API_KEY from the environment.
client = OpenAI()


def ask(prompt):
    """Send one user message and return the reply text."""
    # gpt-4o-mini is cheap enough for drafts
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],  # no system prompt
    )
    return response.choices[0].message.content  # the first choice only


# Two drafts that do not depend on each other.
features = ask("Summarize the new features in version 2.0.")  # from the changelog
fixes = ask("Summarize the bug fixes in version 2.0.")  # from the issue tracker

# Print them in the order readers expect.
print("## Features")
print(features)
print("## Fixes")
print(fixes)

# output

"""Draft release notes from two sources.

Usage: python release_notes.py
"""

from openai import OpenAI
import runtime_shim as epic

# One client for the whole script; it reads OPENAI_API_KEY from the environment.
client = OpenAI()


async def ask(prompt):
    """Send one user message and return the reply text."""
    # gpt-4o-mini is cheap enough for drafts
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],  # no system prompt
    )
    return response.choices[0].message.content  # the first choice only


async def main() -> None:
    async with epic.scope() as tasks:
        # Two drafts that do not depend on each other.
        features_task = tasks.spawn(ask("Summarize the new features in version 2.0."))
        fixes_task = tasks.spawn(ask("Summarize the bug fixes in version 2.0."))

        # Print them in the order readers expect.
        features = await features_task
        fixes = await fixes_task
        print("## Features")
        print(features)
        print("## Fixes")
        print(fixes)


epic.run(main())
