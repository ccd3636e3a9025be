# flags: run overlap=2 latency=0.1
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


for drink in ["tea", "coffee", "STOP", "juice"]:
    pros = ask(f"echo: the upside of {drink}")
    cons = ask(f"echo: the downside of {drink}")
    if drink == "STOP":
        break
    print(pros, "/", cons)
print("last drink considered:", drink)

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


async def main() -> None:
    async with epic.scope() as tasks:
        for drink in ["tea", "coffee", "STOP", "juice"]:
            pros_task = tasks.spawn(ask(f"echo: the upside of {drink}"))
            cons_task = tasks.spawn(ask(f"echo: the downside of {drink}"))
            pros = await pros_task
            cons = await cons_task
            if drink == "STOP":
                break
            print(pros, "/", cons)
        print("last drink considered:", drink)


epic.run(main())

# diagnostics
# loop_body_parallel.py:14:1: note: `for drink in ["tea", "coffee", "STOP", "juice"]:` runs iteration by iteration: `break` can end the loop early, so a later iteration's calls may not be due (line 18: `break`)  [kept-in-order]
#     for drink in ["tea", "coffee", "STOP", "juice"]:
#     ^
