"""Models a long batch job that the user stops with Ctrl-C, keeping partial results.
Shapes: `try: for ...: ... except KeyboardInterrupt:` around a loop of calls, the
interrupt raised by a SIGINT the script sends itself half-way (as a user's Ctrl-C),
partial results saved to a file, a clean exit code 130.
"""

import json
import os
import signal
import sys

from openai import OpenAI

client = OpenAI()
ITEMS = ["apples", "pears", "plums", "figs", "kiwis", "limes"]

done = {}
try:
    for i, item in enumerate(ITEMS):
        if i == 3:
            os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C here
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Name a recipe with {item}"}],
            max_tokens=4,
        )
        done[item] = r.choices[0].message.content
        print(f"{item}: {done[item]}")
except KeyboardInterrupt:
    print(f"interrupted after {len(done)} of {len(ITEMS)} items", file=sys.stderr)
    with open("partial.json", "w") as f:
        json.dump(done, f, indent=1)
    sys.exit(130)
print("finished all items")
