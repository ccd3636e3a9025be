"""Dependency structure of ``examples/map_reduce_summary.py`` (map-reduce summarisation).

Every section summary needs nothing; the overall summary needs all of them (its prompt
joins them); the headline and the tweet each need only the overall summary.  The first
line printed needs nothing.
"""

from __future__ import annotations

from bench.dag import Dag
from bench.example_dags import constant

REPORT = constant("map_reduce_summary", "REPORT", str)


def build() -> Dag:
    dag = Dag()
    sections = [line for line in REPORT.strip().splitlines() if line]
    summaries = [
        dag.ask(f"Summarize in one sentence: {section}", label=f"summarize {number}")
        for number, section in enumerate(sections, start=1)
    ]
    overall = dag.ask(f"Summarize in one sentence: {' '.join(r.text for r in summaries)}",
                      after=summaries, label="overall")  # fmt: skip
    dag.ask(f"Write a headline for: {overall.text}", after=[overall], label="headline")
    dag.ask(f"Write a tweet about: {overall.text}", after=[overall], label="tweet")
    return dag
