# flags: run overlap=2
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "Should our team adopt a four-day work week?"
summary = ask(f"Summarize the debate: {question}")
argument_for = ask(f"Give the strongest argument for, given: {summary}")
argument_against = ask(f"Give the strongest argument against, given: {summary}")
verdict = ask(
    f"Weigh these arguments and decide.\nFor: {argument_for}\nAgainst: {argument_against}"
)
print(verdict)

# output

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "Should our team adopt a four-day work week?"


async def main() -> None:
    async with epic.scope() as tasks:
        summary = await ask(f"Summarize the debate: {question}")
        argument_for_task = tasks.spawn(
            ask(f"Give the strongest argument for, given: {summary}")
        )
        argument_against_task = tasks.spawn(
            ask(f"Give the strongest argument against, given: {summary}")
        )
        argument_for = await argument_for_task
        argument_against = await argument_against_task
        verdict = await ask(
            f"Weigh these arguments and decide.\nFor: {argument_for}\nAgainst: {argument_against}"
        )
        print(verdict)


epic.run(main())
