# flags: run overlap=2
import subprocess
import sys

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


version = subprocess.run(
    [sys.executable, "-c", "import sys; print(sys.version_info[0])"],
    capture_output=True,
    text=True,
    check=True,
)
review = ask("Review this function: def add(a, b): return a + b")
tests = ask("Write a unit test for: def add(a, b): return a + b")
print("Python major version:", version.stdout.strip())
print(review)
print(tests)

# output

import subprocess
import sys

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        review_task = tasks.spawn(
            ask("Review this function: def add(a, b): return a + b")
        )
        tests_task = tasks.spawn(
            ask("Write a unit test for: def add(a, b): return a + b")
        )

        version = await epic.to_thread(
            subprocess.run,
            [sys.executable, "-c", "import sys; print(sys.version_info[0])"],
            capture_output=True,
            text=True,
            check=True,
        )
        review = await review_task
        tests = await tests_task
        print("Python major version:", version.stdout.strip())
        print(review)
        print(tests)


epic.run(main())
