"""Models a batch translator that retries each row's request inline, as batch scripts
usually do. Shapes: a csv reader over an embedded table, `for row in rows:` with
`while True: try: ... break except openai.BadRequestError as e: ... time.sleep(...)`
around the call, a retry counter set before it and checked in the handler, the
translation written with `csv.writer` after the loop, a summary of retries at the end.
"""

import csv
import io
import time

import openai
from openai import OpenAI

client = OpenAI(max_retries=0)

TABLE = """id,text
1,Good morning
2,[fail-once:400] Where is the station?
3,Thank you very much
4,[fail-once:400] The bill, please
"""

rows = list(csv.DictReader(io.StringIO(TABLE)))
out = io.StringIO()
writer = csv.writer(out)
writer.writerow(["id", "french"])
retried = []
for row in rows:
    attempts = 0
    while True:
        try:
            response = client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[
                    {"role": "system", "content": "Translate to French."},
                    {"role": "user", "content": row["text"]},
                ],
                max_tokens=12,
            )
            break
        except openai.BadRequestError as e:
            attempts += 1
            print(f"row {row['id']}: attempt {attempts} failed ({e.status_code})")
            if attempts >= 3:
                raise
            time.sleep(0.05)
    if attempts:
        retried.append(row["id"])
    writer.writerow([row["id"], response.choices[0].message.content])

print(out.getvalue().strip())
print("retried rows:", ", ".join(retried) or "none")
