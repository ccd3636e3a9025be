# flags: run overlap=1
import collections

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "Rate the clarity of this sentence: 'The meeting is moved to Friday.'"
votes = [ask(f"{question} (sample {i})").split()[0] for i in range(3)]
winner, count = collections.Counter(votes).most_common(1)[0]
print(votes)
print(f"majority: {winner} ({count} of {len(votes)})")

# output

import collections

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


question = "Rate the clarity of this sentence: 'The meeting is moved to Friday.'"


async def main() -> None:
    votes = [(await ask(f"{question} (sample {i})")).split()[0] for i in range(3)]
    winner, count = collections.Counter(votes).most_common(1)[0]
    print(votes)
    print(f"majority: {winner} ({count} of {len(votes)})")


epic.run(main())
