"""Models a lint-and-explain tool: subprocesses write and then read the same temp file.
Shapes: `subprocess.run([sys.executable, "-c", ...])` writing a file, a second
`subprocess.run(..., capture_output=True)` reading it back, `subprocess.check_output`,
the model explaining the result, a temp dir created and removed by the script.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from openai import OpenAI

client = OpenAI()
workdir = tempfile.mkdtemp(prefix="lint-")
report = os.path.join(workdir, "report.txt")

WRITER = (  # the "linter": slow, then writes its report
    "import sys, time\n"
    "time.sleep(1.0)\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    f.write('E501 line too long\\nW291 trailing whitespace\\nF401 unused import\\n')\n"
)
subprocess.run([sys.executable, "-c", WRITER, report], check=True)

read = subprocess.run(
    [sys.executable, "-c", "import sys; print(open(sys.argv[1]).read(), end='')", report],
    capture_output=True,
    text=True,
    check=True,
)
codes = [line.split()[0] for line in read.stdout.splitlines()]
print("codes:", codes)

explanations = {}
for code in codes:
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Explain the linter code {code} in one line."}],
        max_tokens=9,
    )
    explanations[code] = r.choices[0].message.content

subprocess.run([sys.executable, "-c", "import sys; open(sys.argv[1], 'a').write('E999 syntax\\n')", report], check=True)
count = subprocess.check_output(
    [sys.executable, "-c", "import sys; print(len(open(sys.argv[1]).readlines()))", report], text=True
)
for code, text in explanations.items():
    print(f"{code}: {text}")
print("lines in report now:", count.strip())
shutil.rmtree(workdir)
print("cleaned:", not os.path.exists(workdir))
