"""Models a release script whose subprocesses write straight to the inherited stdout.
Shapes: `print(..., flush=True)` then `subprocess.run([...])` without capture (the child
writes to the same stdout), a slow child (the test suite) and quick ones (build, tag),
model calls in between, `subprocess.call` return codes.
"""

import subprocess
import sys

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=8
    )
    return r.choices[0].message.content


print("step 1: running checks", flush=True)
CHECKS = "import time; time.sleep(1.0); print('  checks: 12 passed')"  # the test suite takes a while
subprocess.run([sys.executable, "-c", CHECKS], check=True)
print("step 2: changelog", flush=True)
print("  " + ask("Write a changelog line for a bugfix release"), flush=True)
print("step 3: building", flush=True)
code = subprocess.call([sys.executable, "-c", "print('  built dist/pkg-1.0.tar.gz')"])
print(f"  build exit code {code}", flush=True)
print("step 4: announcement", flush=True)
print("  " + ask("Write a one-line release announcement"), flush=True)
subprocess.run([sys.executable, "-c", "import sys; sys.stdout.write('  tagged v1.0\\n')"])
print("done", flush=True)
