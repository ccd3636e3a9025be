"""Models a product-description writer that builds its client in a factory function.
Shapes: `def make_client(): return OpenAI(...)`, `client = make_client()` at module level,
a helper returning a tuple, unpacking in a loop, string formatting of a report.
"""

import os

from openai import OpenAI


def make_client():
    return OpenAI(
        base_url=os.environ.get("OPENAI_BASE_URL"),
        api_key=os.environ.get("OPENAI_API_KEY", "missing"),
        max_retries=1,
    )


client = make_client()

PRODUCTS = [
    ("kettle", "1.7 l, stainless steel, auto shut-off"),
    ("backpack", "28 l, waterproof, laptop sleeve"),
    ("desk lamp", "LED, dimmable, USB-C"),
]


def describe(name, specs):
    title = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"A catchy product title for a {name}: {specs}"}],
        max_tokens=5,
    )
    body = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Two sentences selling a {name} ({specs})."}],
    )
    return title.choices[0].message.content, body.choices[0].message.content


catalogue = []
for name, specs in PRODUCTS:
    title, body = describe(name, specs)
    catalogue.append((name, title, body))

for name, title, body in catalogue:
    print(f"{name.upper()}: {title}")
    print(f"    {body}")
print("words:", sum(len(b.split()) for _, _, b in catalogue))
