"""Models a localisation script whose helper reads a module-level setting that a
module-level loop rebinds.
Shapes: `LANG` rebound by `for LANG in ...` at module level and read inside `localise()`,
a global `TONE` reassigned between calls, output grouped per language.
"""

from openai import OpenAI

client = OpenAI()
TONE = "friendly"
STRINGS = ["Welcome back!", "Your order has shipped.", "Password changed."]


def localise(text):
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"Translate into {LANG} with a {TONE} tone."},
            {"role": "user", "content": text},
        ],
        max_tokens=6,
    )
    return r.choices[0].message.content


for LANG in ["Spanish", "Italian"]:
    print(f"--- {LANG} ({TONE})")
    for s in STRINGS:
        print(f"{s} => {localise(s)}")
    TONE = "formal"

LANG = "Dutch"
print(f"--- {LANG} ({TONE})")
print(localise(STRINGS[0]))
