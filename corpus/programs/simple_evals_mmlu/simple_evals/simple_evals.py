# From openai/simple-evals (commit ee3b0318d8d1d9d72755a4120879be65f7c07e9e), MIT.
# Original path: simple_evals.py. Only the MMLU eval and two chat-completion samplers are kept
# (with max_tokens=64, as the offline endpoint fills max_tokens words); results are written to
# ./results instead of /tmp, without the timestamp in the file names; the pandas summary table
# is printed as plain lines.
import argparse
import json
import os

from . import common
from .mmlu_eval import MMLUEval
from .sampler.chat_completion_sampler import (
    OPENAI_SYSTEM_MESSAGE_API,
    ChatCompletionSampler,
)


def main():
    parser = argparse.ArgumentParser(
        description="Run sampling and evaluations using different samplers and evaluations."
    )
    parser.add_argument("--list-models", action="store_true", help="List available models")
    parser.add_argument("--model", type=str, help="Select a model by name. Also accepts a comma-separated list of models.")
    parser.add_argument("--eval", type=str, help="Select an eval by name. Also accepts a comma-separated list of evals.")
    parser.add_argument("--debug", action="store_true", help="Run in debug mode")
    parser.add_argument("--examples", type=int, help="Number of examples to use (overrides default)")

    args = parser.parse_args()

    models = {
        "gpt-4o-mini": ChatCompletionSampler(
            model="gpt-4o-mini",
            max_tokens=64,
        ),
        "gpt-4o-mini_assistant": ChatCompletionSampler(
            model="gpt-4o-mini",
            system_message=OPENAI_SYSTEM_MESSAGE_API,
            max_tokens=64,
        ),
    }

    if args.list_models:
        print("Available models:")
        for model_name in models.keys():
            print(f" - {model_name}")
        return

    if args.model:
        models_chosen = args.model.split(",")
        for model_name in models_chosen:
            if model_name not in models:
                print(f"Error: Model '{model_name}' not found.")
                return
        models = {model_name: models[model_name] for model_name in models_chosen}

    print(f"Running with args {args}")

    def get_evals(eval_name, debug_mode):
        num_examples = (
            args.examples if args.examples is not None else (5 if debug_mode else None)
        )
        match eval_name:
            case "mmlu":
                return MMLUEval(num_examples=1 if debug_mode else num_examples)
            case _:
                raise Exception(f"Unrecognized eval type: {eval_name}")

    if args.eval:
        evals_list = args.eval.split(",")
        evals = {}
        for eval_name in evals_list:
            try:
                evals[eval_name] = get_evals(eval_name, args.debug)
            except Exception:
                print(f"Error: eval '{eval_name}' not found.")
                return
    else:
        evals = {eval_name: get_evals(eval_name, args.debug) for eval_name in ["mmlu"]}

    debug_suffix = "_DEBUG" if args.debug else ""
    mergekey2resultpath = {}
    print(f"Running the following evals: {list(evals.keys())}")
    print(f"Running evals for the following models: {list(models.keys())}")

    os.makedirs("results", exist_ok=True)
    for model_name, sampler in models.items():
        for eval_name, eval_obj in evals.items():
            result = eval_obj(sampler)
            # ^^^ how to use a sampler
            file_stem = f"{eval_name}_{model_name}"
            assert result.metrics is not None
            metrics = result.metrics | {"score": result.score}
            # Sort metrics by key
            metrics = dict(sorted(metrics.items()))
            print(metrics)
            result_filename = f"results/{file_stem}{debug_suffix}.json"
            with open(result_filename, "w") as f:
                f.write(json.dumps(metrics, indent=2))
            print(f"Writing results to {result_filename}")

            full_result_filename = f"results/{file_stem}{debug_suffix}_allresults.json"
            with open(full_result_filename, "w") as f:
                result_dict = {
                    "score": result.score,
                    "metrics": result.metrics,
                    "convos": result.convos,
                    "metadata": result.metadata,
                }
                f.write(json.dumps(result_dict, indent=2))
                print(f"Writing all results to {full_result_filename}")

            mergekey2resultpath[f"{file_stem}"] = result_filename
    merge_metrics = []
    for eval_model_name, result_filename in mergekey2resultpath.items():
        try:
            result = json.load(open(result_filename, "r+"))
        except Exception as e:
            print(e, result_filename)
            continue
        result = result.get("f1_score", result.get("score", None))
        eval_name = eval_model_name[: eval_model_name.find("_")]
        model_name = eval_model_name[eval_model_name.find("_") + 1 :]
        merge_metrics.append({"eval_name": eval_name, "model_name": model_name, "metric": result})
    print("\nAll results: ")
    for row in merge_metrics:
        print(f"| {row['eval_name']} | {row['model_name']} | {row['metric']} |")
    return merge_metrics


if __name__ == "__main__":
    main()
