"""Models a report builder that captures printed output and swaps `sys.stdout`.
Shapes: `contextlib.redirect_stdout(io.StringIO())` around helpers that call the model
and print, `sys.stdout = open("log.txt", "w")` then restored, the captured text printed
later and written to a file.
"""

import contextlib
import io
import sys

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=7
    )
    return r.choices[0].message.content


def section(title):
    print(f"## {title}")
    print(ask(f"Two points about {title}"))


buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    section("performance")
    section("security")
print("captured", len(buffer.getvalue().splitlines()), "lines")

saved = sys.stdout
sys.stdout = open("log.txt", "w")
print("log start")
section("reliability")
print("log end")
sys.stdout.close()
sys.stdout = saved

print(buffer.getvalue(), end="")
print("log has", len(open("log.txt").read().splitlines()), "lines")
