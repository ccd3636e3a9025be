"""Models a migration planner that aborts with `raise SystemExit("message")`.
Shapes: `raise SystemExit(msg)` at module level (message on stderr, exit 1), partial
output before it, a loop of calls that stops at the first rejected step.
"""

from openai import OpenAI

client = OpenAI()

STEPS = ["add column email_verified", "backfill email_verified", "DROP TABLE users", "add index"]

approved = []
for step in STEPS:
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Rate the risk of this migration step 1-10: {step}"}],
    )
    risk = int(r.choices[0].message.content.split()[0])
    print(f"{step}: risk {risk}")
    if "DROP" in step:
        raise SystemExit(f"refusing destructive step: {step!r} (approved so far: {len(approved)})")
    approved.append(step)

print("all steps approved")
