# flags: run overlap=6
"""Breadth-first expansion: for every state, a few proposals. The inner loop's calls
need only the outer loop's variable, so every proposal of every state starts up front;
the results are still collected (and the lines printed) state by state, proposal by
proposal."""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


frontier = ["calm", "storm"]
candidates = []
for state in frontier:
    print("expanding", state)
    for k in (1, 2, 3):
        word = ask(f"echo: {state}-{k}")
        candidates.append((state, word))
    print("expanded", state)
print(candidates)


# A bound that is computed (it could raise) runs ahead only when it reads nothing the
# outer loop changes and nothing before the inner loop is left for the second loop.
PROPOSALS = 2
for state in frontier:
    for k in range(1, PROPOSALS + 1):
        word = ask(f"echo: again {state}-{k}")
        print(state, word)

# output

"""Breadth-first expansion: for every state, a few proposals. The inner loop's calls
need only the outer loop's variable, so every proposal of every state starts up front;
the results are still collected (and the lines printed) state by state, proposal by
proposal."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


frontier = ["calm", "storm"]


async def main() -> None:
    async with epic.scope() as tasks:
        candidates = []
        word_tasks_by_state = []
        for state in frontier:
            word_tasks = []
            for k in (1, 2, 3):
                word_task = tasks.spawn(ask(f"echo: {state}-{k}"))
                word_tasks.append(word_task)
            word_tasks_by_state.append((state, word_tasks))
        for state, word_tasks in word_tasks_by_state:
            print("expanding", state)
            for word_task in word_tasks:
                word = await word_task
                candidates.append((state, word))
            print("expanded", state)
        print(candidates)

        # A bound that is computed (it could raise) runs ahead only when it reads nothing the
        # outer loop changes and nothing before the inner loop is left for the second loop.
        PROPOSALS = 2
        word_tasks2_by_state = []
        for state in frontier:
            word_tasks2 = []
            for k in range(1, PROPOSALS + 1):
                word_task2 = tasks.spawn(ask(f"echo: again {state}-{k}"))
                word_tasks2.append(word_task2)
            word_tasks2_by_state.append((state, word_tasks2))
        for state, word_tasks2 in word_tasks2_by_state:
            for word_task2 in word_tasks2:
                word = await word_task2
                print(state, word)


epic.run(main())
