"""Models a headline checker that tunes the client per call with `with_options`.
Shapes: `client.with_options(timeout=30).chat.completions.create(...)`,
`client.with_options(max_retries=0)` bound to a name, a dict of results, sorted output.
"""

from openai import OpenAI

client = OpenAI()
strict = client.with_options(max_retries=0)

HEADLINES = [
    "Local cat elected mayor",
    "Scientists discover water is wet",
    "Stock market does something",
]

ratings = {}
for headline in HEADLINES:
    response = client.with_options(timeout=30).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Rate how clickbaity this is, 1-10: {headline}"}],
    )
    ratings[headline] = int(response.choices[0].message.content.split()[0])

fix = strict.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Rewrite the most boring headline: " + min(ratings, key=ratings.get)}],
    max_tokens=8,
)

for headline, score in sorted(ratings.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{score:>2}  {headline}")
print("Rewrite:", fix.choices[0].message.content)
