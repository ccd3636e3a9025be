# From openai/swarm (commit 6af0b4caf37dca4526dfd98e9fbd8ce36e7eeb22), MIT.
# Original path: examples/airline/evals/function_evals.py (imports flattened to the program
# directory; n lowered from 5 to 2 to keep the run short).
import json

from agents import *
from eval_utils import run_function_evals

triage_test_cases = "eval_cases/triage_cases.json"
flight_modification_cases = "eval_cases/flight_modification_cases.json"

n = 2

if __name__ == "__main__":
    # Run triage_agent evals
    with open(triage_test_cases, "r") as file:
        triage_test_cases = json.load(file)
    run_function_evals(
        triage_agent,
        triage_test_cases,
        n,
        eval_path="eval_results/triage_evals.json",
    )

    # Run flight modification evals
    with open(flight_modification_cases, "r") as file:
        flight_modification_cases = json.load(file)
    run_function_evals(
        flight_modification,
        flight_modification_cases,
        n,
        eval_path="eval_results/flight_modification_evals.json",
    )
