"""Models a polite batch job that sleeps between requests to stay under a rate limit.
Shapes: `time.sleep(...)` between calls in a loop, a requests-per-window counter,
`time.monotonic()` used only to pace (never printed), results printed in order.
"""

import time

from openai import OpenAI

client = OpenAI()
WINDOW = 3  # requests per pause

REGIONS = ["north", "south", "east", "west", "centre", "coast"]

sent = 0
forecasts = []
for region in REGIONS:
    if sent and sent % WINDOW == 0:
        print(f"pausing after {sent} requests")
        time.sleep(0.2)
    started = time.monotonic()
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Tomorrow's weather in the {region}, in six words"}],
        max_tokens=6,
    )
    sent += 1
    forecasts.append((region, r.choices[0].message.content))
    time.sleep(max(0.0, 0.05 - (time.monotonic() - started)))

for region, text in forecasts:
    print(f"{region:>7}: {text}")
print("requests sent:", sent)
