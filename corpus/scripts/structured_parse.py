"""Models an invoice extractor that asks for structured output parsed into pydantic models.
Shapes: `client.chat.completions.parse(response_format=Model)`, `message.parsed`,
pydantic `BaseModel` with a nested list, the offline endpoint answering `echo:` with JSON.
"""

import json

from openai import OpenAI
from pydantic import BaseModel


class Line(BaseModel):
    item: str
    qty: int
    price: float


class Invoice(BaseModel):
    customer: str
    lines: list[Line]


client = OpenAI()

RAW = {
    "INV-1": {"customer": "Ada", "lines": [{"item": "tea", "qty": 2, "price": 3.5}]},
    "INV-2": {"customer": "Bob", "lines": [{"item": "cake", "qty": 1, "price": 4.25}, {"item": "milk", "qty": 3, "price": 0.9}]},
}

invoices = {}
for number, data in RAW.items():
    # The offline endpoint answers "echo: X" with exactly X: here, the JSON the model would extract.
    completion = client.chat.completions.parse(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Extract the invoice."},
            {"role": "user", "content": "echo: " + json.dumps(data)},
        ],
        response_format=Invoice,
    )
    invoices[number] = completion.choices[0].message.parsed

for number, invoice in invoices.items():
    total = sum(line.qty * line.price for line in invoice.lines)
    print(f"{number} {invoice.customer}: {len(invoice.lines)} line(s), total {total:.2f}")
print(max(invoices.values(), key=lambda inv: len(inv.lines)).model_dump_json())
