"""Tree-of-Thoughts BFS with a value cache, in the style of the original ToT code."""

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
PROBLEM = "Use 2, 3, 5 and 12 once each with + - * / to make 24."
STEPS = 2
BREADTH = 3  # proposals per state
KEEP = 2  # states kept per level


def ask(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


def propose(state, k):
    return ask(f"{PROBLEM}\nSo far: {state}\nPropose idea #{k}:", max_tokens=8)


def value(state):
    reply = ask(f"{PROBLEM}\nState: {state}\nScore this state from 1 to 10.")
    first = reply.split()[0]
    return int(first) if first.isdigit() else 0


def main():
    value_cache = {}
    frontier = [""]
    for step in range(STEPS):
        candidates = []
        for state in frontier:
            for k in range(BREADTH):
                candidates.append(f"{state} | {propose(state, k)}".strip(" |"))
        scores = []
        for candidate in candidates:
            if candidate not in value_cache:  # a duplicate state is scored once
                value_cache[candidate] = value(candidate)
            scores.append(value_cache[candidate])
        ranked = sorted(zip(scores, candidates), reverse=True)
        frontier = [candidate for _, candidate in ranked[:KEEP]]
        print(f"step {step + 1}: best score {ranked[0][0]}: {frontier[0]}")
    print("Answer path:", frontier[0])
    print("States scored:", len(value_cache))


if __name__ == "__main__":
    main()
