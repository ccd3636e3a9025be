"""Tree-of-Thoughts, breadth-first, on a word puzzle: at every level each kept state
gets a few one-word proposals, every proposal is scored by the model (a value cache
keyed by prompt: a word proposed twice is scored once), and the best
states are kept for the next level."""

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"
PUZZLE = "Pick three words, one per clue, that tell a tiny story about the sea."
CLUES = ["a calm morning", "something that shines", "a long journey"]
PROPOSALS = 3  # candidate words per state
BEAM = 2  # states kept per level

value_cache = {}


def ask(prompt, max_tokens=None):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
    )
    return response.choices[0].message.content.strip()


def propose(state, clue, k):
    """Proposal number k: one word for `clue`, continuing the words in `state`."""
    so_far = " ".join(state) or "(nothing yet)"
    prompt = f"{PUZZLE}\nWords so far: {so_far}\nClue: {clue}\nPropose one word, idea #{k}:"
    return ask(prompt, max_tokens=1).strip(".").lower()


def value(word):
    """How well `word` fits the story, 1..10, asked once per distinct prompt."""
    prompt = f"Rate how well the word '{word}' fits a tiny story about the sea, from 1 to 10, number first."
    if prompt in value_cache:
        return value_cache[prompt]
    reply = ask(prompt)
    first = reply.split()[0]
    score = int(first) if first.isdigit() else 0
    value_cache[prompt] = score
    return score


def main():
    frontier = [[]]
    for level, clue in enumerate(CLUES, start=1):
        candidates = []
        for state in frontier:
            for k in range(1, PROPOSALS + 1):
                word = propose(state, clue, k)
                candidates.append(state + [word])

        scored = []
        for candidate in candidates:
            score = value(candidate[-1])
            scored.append((score, candidate))
            print(f"level {level} [{score:2}] {' '.join(candidate)}")

        scored.sort(key=lambda pair: pair[0], reverse=True)
        frontier = [candidate for _, candidate in scored[:BEAM]]
        print(f"level {level} keeps: {' | '.join(' '.join(s) for s in frontier)}")

    best = frontier[0]
    story = ask(f"Write one sentence of a story that uses the words: {', '.join(best)}")
    print("Best:", " ".join(best))
    print("Story:", story)
    print("Value prompts asked:", len(value_cache))


if __name__ == "__main__":
    main()
