# From togethercomputer/MoA (commit 1b5cab0f0905d9da821e37322ac6df96ba65e1a7), Apache-2.0.
# Original path: generate_for_alpaca_eval.py. Hugging Face `datasets` (not installed, and
# load_dataset downloads) is replaced by a list of dicts read from alpaca_eval_sample.json:
# remove_columns/add_column become dict comprehensions and eval_set.map(partial(process_fn,
# ...), batched=False, num_proc=num_proc) becomes [dict(item, **fn(item)) for item in eval_set]
# (what map does with num_proc=1, as the repository's run_eval_alpaca_eval.sh runs it);
# fire.Fire and loguru's logger (not installed) are replaced by a small Fire stand-in below and
# a stdlib logging logger.
import ast
import json
import logging
import sys
from functools import partial
from typing import List

logger = logging.getLogger("moa")  # loguru's default: every level, to stderr
logger.setLevel(logging.DEBUG)
_handler = logging.StreamHandler()
_handler.setFormatter(logging.Formatter("%(levelname)-8s | %(message)s"))
logger.addHandler(_handler)


def Fire(component):
    """Stand-in for fire.Fire on a function: --name=value or --name value flags (dashes
    become underscores), each value parsed as a Python literal when it is one."""
    kwargs = {}
    args = sys.argv[1:]
    while args:
        name, eq, value = args.pop(0)[2:].partition("=")
        if not eq:
            value = args.pop(0)
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            pass
        kwargs[name.replace("-", "_")] = value
    return component(**kwargs)

from utils import (
    generate_together,
    generate_openai,
    generate_with_references,
    DEBUG,
)


def process_fn(
    item,
    model,
    reference_models=[],
    temperature=0.7,
    max_tokens=2048,
    rounds=1,
):

    messages = [{"role": "user", "content": item["instruction"]}]

    references = item.get("references", [])

    if len(references) == 0 and len(reference_models) > 0:

        prev_references = []

        for i_round in range(rounds):

            if DEBUG:
                logger.info(
                    f"Round {i_round+1}/{rounds} to collecting reference responses."
                )

            references = []

            for reference_model in reference_models:

                reference = generate_with_references(
                    model=reference_model,
                    messages=messages,
                    references=prev_references,
                    temperature=temperature,
                    max_tokens=max_tokens,
                )

                if reference is not None:

                    references.append(reference)

            if i_round < rounds - 1:

                prev_references = references

                references = []

    output = generate_with_references(
        model=model,
        messages=messages,
        references=references,
    )

    return {"output": output, "generator": model + "-together"}


def main(
    model: str,
    output_path: str,
    reference_paths: str = None,
    reference_models: str = None,
    temperature: float = 0.7,
    max_tokens: int = 2048,
    rounds: int = 1,
    num_proc: int = 16,
):

    if reference_paths is None:
        reference_paths = []
    else:
        reference_paths = reference_paths.split(",")

    if reference_models is None:
        reference_models = []
    else:
        reference_models = reference_models.split(",")

    with open("alpaca_eval_sample.json") as f:
        eval_set = json.load(f)
    eval_set = [
        {k: v for k, v in item.items() if k not in ["output", "generator"]}
        for item in eval_set
    ]

    if len(reference_paths):

        logger.info(f"`reference_paths` provided: {reference_paths}")

        references = []
        for reference_path in reference_paths:
            with open(reference_path) as f:
                reference_responses = json.load(f)
                logger.info(
                    f"Reading reference outputs: {reference_path} ({len(reference_responses)})"
                )
                for i_reference_response, reference_response in enumerate(
                    reference_responses
                ):
                    if len(references) <= i_reference_response:
                        references.append([reference_response["output"]])
                    else:
                        references[i_reference_response].append(
                            reference_response["output"]
                        )

        eval_set = [
            dict(item, references=item_references)
            for item, item_references in zip(eval_set, references)
        ]

    elif len(reference_models):

        logger.info(
            f"`reference_models` provided: {reference_models}. Will generate reference responses on-the-fly."
        )

    logger.info(f"Start.")

    fn = partial(
        process_fn,
        model=model,
        reference_models=reference_models,
        temperature=temperature,
        max_tokens=max_tokens,
        rounds=rounds,
    )
    eval_set = [dict(item, **fn(item)) for item in eval_set]

    logger.info(f"Saving outputs to {output_path}.")

    try:
        eval_set = [
            {k: v for k, v in item.items() if k != "references"} for item in eval_set
        ]
    except Exception as e:
        pass

    with open(output_path, "w") as f:

        json.dump(list(eval_set), f, indent=2)


if __name__ == "__main__":

    Fire(main)
