"""Models retrieval-augmented generation: embed documents, retrieve by cosine, answer.
Shapes: `client.embeddings.create` for a batch of documents and for each query,
cosine similarity in pure Python, top-k retrieval, a chat call with the retrieved context.
"""

import math

from openai import OpenAI

client = OpenAI()
EMBED = "text-embedding-3-small"

DOCS = [
    "Our office is open Monday to Friday, 9am to 5pm.",
    "Refunds are processed within 14 days of the return.",
    "The API rate limit is 60 requests per minute.",
    "Support can be reached at the help centre chat.",
    "Shipping to Europe takes three to five working days.",
]
QUERIES = ["How long do refunds take?", "When can I visit the office?", "How fast is shipping?"]


def embed(texts):
    r = client.embeddings.create(model=EMBED, input=texts)
    return [d.embedding for d in r.data]


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


doc_vectors = embed(DOCS)
print(f"indexed {len(doc_vectors)} documents ({len(doc_vectors[0])} dims)")

for query in QUERIES:
    q = embed([query])[0]
    ranked = sorted(range(len(DOCS)), key=lambda i: -cosine(q, doc_vectors[i]))
    context = "\n".join(DOCS[i] for i in ranked[:2])
    answer = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Answer from the context only."},
            {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {query}"},
        ],
        max_tokens=12,
    )
    print(f"Q: {query}")
    print(f"   top doc: #{ranked[0]} (score {cosine(q, doc_vectors[ranked[0]]):.3f})")
    print(f"   A: {answer.choices[0].message.content}")
