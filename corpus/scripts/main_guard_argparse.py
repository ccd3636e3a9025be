"""Models a command-line summariser with argparse and a `main()` entry point.
Shapes: `if __name__ == "__main__": sys.exit(main())`, argparse with defaults (no
arguments given), helpers called from `main`, a return code from `main`.
"""

import argparse
import sys

from openai import OpenAI


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Summarise a few sample texts.")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument("--words", type=int, default=6)
    parser.add_argument("texts", nargs="*", default=["The cat sat on the mat.", "Rain is forecast for Friday."])
    return parser.parse_args(argv)


def summarise(client, model, text, words):
    r = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": f"Summarise in {words} words: {text}"}],
        max_tokens=words,
    )
    return r.choices[0].message.content


def main():
    args = parse_args()
    client = OpenAI()
    print(f"model={args.model} words={args.words}")
    summaries = [summarise(client, args.model, t, args.words) for t in args.texts]
    for text, summary in zip(args.texts, summaries):
        print(f"- {text}\n  => {summary}")
    return 0 if all(summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
