# flags: run overlap=1
"""``redirect_stdout`` around a body that waits for a request: while the request is in
flight, other tasks would run and print, and their text would land in the buffer. epic
keeps the file as it is and says why."""

import contextlib
import io

from openai import OpenAI

client = OpenAI()

for word in ["tides", "reefs"]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        reply = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": f"echo: {word}"}]
        )
        print(reply.choices[0].message.content)
    print(word, buffer.getvalue().strip())

# diagnostics
# redirect_stdout_kept.py:14:10: warning: `redirect_stdout` would bypass the output epic holds back to keep it in order: the file is kept sequential  [unsupported-construct]
#         with contextlib.redirect_stdout(buffer):
#              ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
