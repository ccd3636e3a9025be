import helper
from helper import ask, shout

topics = ["tides", "reefs", "kelp"]
summaries = [ask(f"echo: summary of {t}") for t in topics]
for topic, summary in zip(topics, summaries):
    print(topic, "->", shout(summary))

titles = []
for topic in topics:
    titles.append(helper.ask(f"echo: title for {topic}"))
print(" | ".join(titles))
