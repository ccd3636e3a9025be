# flags: run overlap=0
"""Found by the fuzzer: two calls of a memo function with the same key. The later one
may overlap the earlier one, but must not start first: the call that computes a key
has to be the first in program order, as sequentially. Started first, the later call
made the request, failed, and the earlier call (reached by the program) asked again,
a request the original never sends."""

from openai import OpenAI

client = OpenAI()
WORDS = ["sea"]
cache = {}


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def rate(word):
    if word in cache:
        return cache[word]
    value = len(ask(f"[fail:400] rate {word}"))
    cache[word] = value
    return value


rated = []
rated.append(rate(WORDS[0]))
again = rate("s" + "ea")
print(rated, again)

# output

"""Found by the fuzzer: two calls of a memo function with the same key. The later one
may overlap the earlier one, but must not start first: the call that computes a key
has to be the first in program order, as sequentially. Started first, the later call
made the request, failed, and the earlier call (reached by the program) asked again,
a request the original never sends."""

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()
WORDS = ["sea"]
cache = {}


async def ask(prompt):
    response = await epic.async_client(client).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


async def rate(word):
    async with epic.single_flight(cache, word):
        if word in cache:
            return cache[word]
        value = len(await ask(f"[fail:400] rate {word}"))
        cache[word] = value
        return value


async def main() -> None:
    rated = []
    rated.append(await rate(WORDS[0]))
    again = await rate("s" + "ea")
    print(rated, again)


epic.run(main())
