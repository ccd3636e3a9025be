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

from openai import AsyncOpenAI
import runtime_shim as epic

client = AsyncOpenAI(http_client=epic.http_client())


async def ask(prompt):
    response = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def main() -> None:
    async with epic.scope() as tasks:
        version_task = tasks.spawn_after(
            lambda: epic.to_thread(
                subprocess.run,
                [sys.executable, "-c", "import sys; print(sys.version_info[0])"],
                capture_output=True,
                text=True,
                check=True,
            )
        )
        review_task = tasks.spawn(
            ask("Review this function: def add(a, b): return a + b")
        )
        tests_task = tasks.spawn(
            ask("Write a unit test for: def add(a, b): return a + b")
        )
        version = await version_task
        review = await review_task
        tests = await tests_task
        print("Python major version:", version.stdout.strip())
        print(review)
        print(tests)


epic.run(main())
