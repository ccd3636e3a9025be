"""Tree-of-Thoughts, two levels deep: propose, score, keep the best, expand again."""

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
PROBLEM = "Use the numbers 4, 9, 10 and 13 once each, with + - * /, to make 24."
BREADTH = 3  # candidate thoughts per node


def ask(prompt, max_tokens=None):
    """The model's reply, and how many completion tokens it cost."""
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip(), response.usage.completion_tokens


def describe(path):
    return " -> ".join(path) or "(nothing yet)"


def propose(path, k):
    """Candidate thought number k for the next step after `path`."""
    prompt = f"{PROBLEM}\nWork so far: {describe(path)}\nPropose next step, idea #{k}:"
    return ask(prompt, max_tokens=12)


def value(path, thought):
    """Ask the model how promising `thought` is; parse the leading integer 1..10."""
    prompt = (
        f"{PROBLEM}\nWork so far: {describe(path)}\nCandidate: {thought}\n"
        "Score this candidate from 1 to 10. Reply with the score first."
    )
    reply, tokens = ask(prompt)
    first = reply.split()[0] if reply else ""
    score = int(first) if first.isdigit() else 0  # unparseable reply: worst score
    return score, tokens


def best_child(path):
    """Expand one node: BREADTH proposals, each scored; return the best and the cost."""
    used = 0
    candidates = []
    for k in range(1, BREADTH + 1):
        thought, tokens = propose(path, k)
        used += tokens
        candidates.append(thought)

    best_score, best_thought = -1, None
    for thought in candidates:
        score, tokens = value(path, thought)
        used += tokens
        print(f"  [{score:2}] {thought}")
        if score > best_score:
            best_score, best_thought = score, thought
    return best_thought, best_score, used


def main():
    print("Problem:", PROBLEM)
    total_tokens = 0

    print("Level 1:")
    first, first_score, used = best_child([])
    total_tokens += used
    print(f"  kept: {first} (score {first_score})")

    print("Level 2:")
    second, second_score, used = best_child([first])
    total_tokens += used
    print(f"  kept: {second} (score {second_score})")

    print("Best path:")
    print(f"  1. {first}  [{first_score}/10]")
    print(f"  2. {second}  [{second_score}/10]")
    print("Completion tokens used:", total_tokens)


if __name__ == "__main__":
    main()
