import argparse

from app import translate
from app.llm import make_client


def main() -> None:
    parser = argparse.ArgumentParser(description="Translate a few phrases.")
    parser.add_argument("--languages", default="French,German")
    args = parser.parse_args()
    client = make_client()
    phrases = ["good morning", "thank you"]
    for language in args.languages.split(","):
        results = [translate(client, p, language) for p in phrases]
        print(language, results)


if __name__ == "__main__":
    main()
