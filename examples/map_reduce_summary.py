"""Map-reduce summarisation: summarise each section, then summarise the summaries."""

from openai import OpenAI

client = OpenAI()  # reads OPENAI_BASE_URL / OPENAI_API_KEY from the environment
MODEL = "gpt-4o-mini"

REPORT = """
Q3 revenue grew 12% on strong subscription sales in Europe and Asia.
Operating costs rose 4%, mostly from new hires in the support team.
The mobile app reached two million monthly users after the summer launch.
Churn fell to 2.1% after the pricing change in July.
Two data-centre outages in August cost about six hours of downtime in total.
The board approved a share buy-back of up to 50 million.
"""


def ask(prompt):
    response = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def summarize(text):
    return ask(f"Summarize in one sentence: {text}")


def main():
    sections = [line for line in REPORT.strip().splitlines() if line]
    print(f"Summarizing {len(sections)} sections...")

    # Map: one summary per section.
    summaries = []
    for number, section in enumerate(sections, start=1):
        summary = summarize(section)
        summaries.append(summary)
        print(f"  {number}. {summary}")

    # Reduce: one summary of all the summaries.
    overall = summarize(" ".join(summaries))
    print("Overall:", overall)

    # A headline and a tweet from the overall summary (independent of each other).
    headline = ask(f"Write a headline for: {overall}")
    tweet = ask(f"Write a tweet about: {overall}")
    print("Headline:", headline)
    print("Tweet:", tweet)


if __name__ == "__main__":
    main()
