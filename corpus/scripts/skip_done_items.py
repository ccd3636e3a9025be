"""Models a resumable batch summariser that skips items already done, blank or muted.
Shapes: a `for item in items:` loop whose body starts with skips (`if item["id"] in done:
continue`, `text = item["text"].strip()` / `if not text: continue`, a skip on a dict
lookup `CHANNELS[item["channel"]]` that every item's channel satisfies), then one request
per remaining item, results appended to a list and printed after the loop.
"""

from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"

# channel -> whether its messages are summarised at all
CHANNELS = {"email": True, "chat": True, "phone": True, "spam": False}

items = [
    {"id": "m1", "channel": "email", "text": "  Order 1182 arrived damaged, want a refund  "},
    {"id": "m2", "channel": "chat", "text": "Where is my parcel?"},
    {"id": "m3", "channel": "email", "text": "   "},
    {"id": "m4", "channel": "spam", "text": "You won a cruise!!!"},
    {"id": "m5", "channel": "phone", "text": "Caller asked to change the delivery address"},
    {"id": "m6", "channel": "chat", "text": "Thanks, all sorted now"},
    {"id": "m7", "channel": "email", "text": ""},
    {"id": "m8", "channel": "phone", "text": "Complaint about the courier being rude"},
]

# ids finished by an earlier run of the job
done = {"m2", "m6"}


def summarise(text):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "Summarise support messages in five words."},
            {"role": "user", "content": f"echo: summary of <{text}>"},
        ],
        max_tokens=16,
    )
    return response.choices[0].message.content.strip()


results = []
for item in items:
    if item["id"] in done:
        continue
    text = item["text"].strip()
    if not text:
        continue
    if not CHANNELS[item["channel"]]:
        continue
    summary = summarise(text)
    results.append({"id": item["id"], "channel": item["channel"], "summary": summary})

for r in results:
    print(f'{r["id"]} [{r["channel"]}] {r["summary"]}')
print("skipped:", sorted(set(i["id"] for i in items) - {r["id"] for r in results}))
print("summarised:", len(results), "of", len(items))
