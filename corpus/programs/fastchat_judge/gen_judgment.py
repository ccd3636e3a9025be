# From lm-sys/FastChat (commit 0e6d3e4beaab66f4d3f93db72541a4abab8af28d), Apache-2.0.
# Original path: fastchat/llm_judge/gen_judgment.py, moved to the program root (trimmed to the
# "single" mode without the reference-based math judges; the "Press Enter to confirm" input()
# is left out, tqdm is disabled, and the ThreadPoolExecutor branch for --parallel > 1 is kept
# with numpy's shuffle replaced by random.Random(0)).
import argparse
from concurrent.futures import ThreadPoolExecutor
import json
import random

from tqdm import tqdm

from fastchat.llm_judge.common import (
    load_questions,
    load_model_answers,
    load_judge_prompts,
    play_a_match_single,
    Judge,
    MatchSingle,
)


def make_match_single(
    questions,
    models,
    model_answers,
    judge,
    baseline_model=None,
    ref_answers=None,
    multi_turn=False,
):
    matches = []
    for q in questions:
        if multi_turn and len(q["turns"]) != 2:
            continue
        for i in range(len(models)):
            q_id = q["question_id"]
            m = models[i]
            a = model_answers[m][q_id]
            matches.append(MatchSingle(dict(q), m, a, judge, multi_turn=multi_turn))
    return matches


def make_judge_single(judge_model, judge_prompts):
    judges = {}
    judges["default"] = Judge(judge_model, judge_prompts["single-v1"])
    judges["default-mt"] = Judge(
        judge_model, judge_prompts["single-v1-multi-turn"], multi_turn=True
    )
    return judges


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench-name", type=str, default="mt_bench")
    parser.add_argument("--judge-file", type=str, default="data/judge_prompts.jsonl")
    parser.add_argument("--judge-model", type=str, default="gpt-4")
    parser.add_argument("--model-list", type=str, nargs="+", required=True)
    parser.add_argument("--parallel", type=int, default=1)
    args = parser.parse_args()

    question_file = f"data/{args.bench_name}/question.jsonl"
    answer_dir = f"data/{args.bench_name}/model_answer"

    questions = load_questions(question_file, None, None)
    model_answers = load_model_answers(answer_dir)
    judge_prompts = load_judge_prompts(args.judge_file)
    models = args.model_list

    judges = make_judge_single(args.judge_model, judge_prompts)
    play_a_match_func = play_a_match_single
    output_file = f"data/{args.bench_name}/model_judgment/{args.judge_model}_single.jsonl"
    make_match_func = make_match_single
    baseline_model = None

    # Make matches
    matches = []
    matches += make_match_func(
        questions, models, model_answers, judges["default"], baseline_model
    )
    matches += make_match_func(
        questions,
        models,
        model_answers,
        judges["default-mt"],
        baseline_model,
        multi_turn=True,
    )

    match_stat = {}
    match_stat["bench_name"] = args.bench_name
    match_stat["mode"] = "single"
    match_stat["judge"] = args.judge_model
    match_stat["model_list"] = models
    match_stat["total_num_questions"] = len(questions)
    match_stat["total_num_matches"] = len(matches)
    match_stat["output_path"] = output_file
    print("Stats:")
    print(json.dumps(match_stat, indent=4))

    # Play matches
    if args.parallel == 1:
        for match in tqdm(matches, disable=True):
            play_a_match_func(match, output_file=output_file)
    else:

        def play_a_match_wrapper(match):
            play_a_match_func(match, output_file=output_file)

        random.Random(0).shuffle(matches)
        with ThreadPoolExecutor(args.parallel) as executor:
            for match in tqdm(executor.map(play_a_match_wrapper, matches), disable=True):
                pass
