"""Claim verification fed by a stream: an answer is streamed to the user token by token,
each of its lines is a claim, and every claim is then checked by the model; a claim
the model doubts gets a search and a second opinion."""

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
TOPIC = "lighthouses on the Atlantic coast"


def ask(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


def verify(claim):
    """(verdict, confidence 1..10) for one claim."""
    first = int(ask(f"Rate from 1 to 10 how likely this claim is true: {claim}").split()[0])
    if first >= 6:
        return "supported", first
    evidence = ask(f"You are a search engine. Give the top result snippet for: {claim}", 16)
    second = int(
        ask(f"Given this evidence: {evidence}\nRate from 1 to 10 how likely this claim is true: {claim}")
        .split()[0]
    )
    return ("supported" if second >= 6 else "refuted"), second


stream = client.chat.completions.create(
    model=MODEL,
    messages=[{"role": "user", "content": f"List some facts about {TOPIC}, one per line."}],
    stream=True,
)
answer = ""
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        piece = chunk.choices[0].delta.content
        print(piece, end="", flush=True)
        answer += piece
print()

claims = [line.split(". ", 1)[1] for line in answer.splitlines() if ". " in line]
verdicts = []
for claim in claims:
    verdicts.append(verify(claim))

for number, (verdict, confidence) in enumerate(verdicts, start=1):
    print(f"Claim {number}: {verdict} ({confidence}/10)")
supported = sum(1 for verdict, _ in verdicts if verdict == "supported")
print(f"{supported} of {len(claims)} claims supported")
