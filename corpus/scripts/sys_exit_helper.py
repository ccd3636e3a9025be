"""Models a config validator that exits with status 2 from a helper after some output.
Shapes: `def die(msg): print(msg, file=sys.stderr); sys.exit(2)`, output before the
exit, model calls before and after the failing check (the later ones never happen).
"""

import sys

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=6
    )
    return r.choices[0].message.content


def die(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


CONFIG = {"name": "billing", "replicas": 3, "region": "", "owner": "team-pay"}

print("validating", CONFIG["name"])
print("name ok:", ask(f"Is '{CONFIG['name']}' a good service name? Answer briefly."))
if CONFIG["replicas"] < 2:
    die("need at least two replicas")
print("replicas ok")
if not CONFIG["region"]:
    die("region is empty")
print("region hint:", ask("Suggest a cloud region for a European billing service"))
print("owner:", ask(f"echo: {CONFIG['owner']}"))
