# flags: run overlap=2
import math

from openai import OpenAI

client = OpenAI()


def embed(text):
    response = client.embeddings.create(model="text-embedding-3-small", input=text)
    return response.data[0].embedding


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


query = embed("How do I reset my password?")
document = embed("To reset your password, open Settings and choose Security.")
print(f"similarity: {cosine(query, document):.4f}")

# output

import math

from openai import OpenAI
import runtime_shim as epic

client = OpenAI()


async def embed(text):
    response = await epic.async_client(client).embeddings.create(
        model="text-embedding-3-small", input=text
    )
    return response.data[0].embedding


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


async def main() -> None:
    async with epic.scope() as tasks:
        query_task = tasks.spawn(embed("How do I reset my password?"))
        document_task = tasks.spawn(
            embed("To reset your password, open Settings and choose Security.")
        )
        query = await query_task
        document = await document_task
        print(f"similarity: {cosine(query, document):.4f}")


epic.run(main())
