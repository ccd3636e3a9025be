"""Models a code-review bot whose helpers take the client as their first argument.
Shapes: `def ask(client, q)`, the client created inside `main()` and passed down,
`if __name__ == "__main__": main()`, a list of snippets reviewed in a loop.
"""

from openai import OpenAI

SNIPPETS = {
    "parse_int": "def parse_int(s):\n    return int(s)",
    "read_all": "def read_all(p):\n    return open(p).read()",
    "mean": "def mean(xs):\n    return sum(xs) / len(xs)",
}


def ask(client, question, system="You are a strict Python reviewer."):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": system},
            {"role": "user", "content": question},
        ],
    )
    return completion.choices[0].message.content


def review(client, name, code):
    verdict = ask(client, f"Rate this function from 1 to 10:\n{code}")
    advice = ask(client, f"List the problems of this function:\n{code}")
    return {"name": name, "score": int(verdict.split()[0]), "advice": advice}


def main():
    client = OpenAI()
    reviews = []
    for name, code in SNIPPETS.items():
        reviews.append(review(client, name, code))
    reviews.sort(key=lambda r: r["score"])
    for r in reviews:
        print(f"{r['name']}: {r['score']}/10")
        for line in r["advice"].splitlines():
            print("   ", line)
    worst = reviews[0]["name"]
    print("Rewrite first:", worst)
    print(ask(client, f"echo: ticket opened for {worst}"))


if __name__ == "__main__":
    main()
