"""The report that map_reduce summarises (shared by the script versions and the DAG)."""

SECTIONS = [
    "Revenue grew nine percent over the quarter, driven by the new subscription tier "
    "and a strong holiday season in the northern markets.",
    "Operating costs rose four percent, mostly from cloud hosting and two new support "
    "offices; travel spending fell for the third quarter in a row.",
    "The mobile app reached two million monthly users; crash reports halved after the "
    "rewrite of the offline sync engine.",
    "Churn among small business customers increased slightly, which the sales team "
    "links to a competitor's aggressive discounting in the spring.",
    "Hiring slowed on purpose: twelve engineers joined against a plan of twenty, and "
    "the onboarding programme was shortened to three weeks.",
    "The security audit found no critical issues; two medium findings about password "
    "reset emails were fixed within a week.",
    "Partnership talks with two logistics firms advanced to pilots that start next "
    "quarter in the Nordic countries.",
    "The board approved a modest share buyback and asked for a plan to enter the "
    "Brazilian market within eighteen months.",
]
