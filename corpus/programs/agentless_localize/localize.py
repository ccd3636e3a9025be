# From OpenAutoCoder/Agentless (commit 5ce5888b9f149beaace393957a55ea8ee46c9f71), MIT.
# Modelled on agentless/fl/localize.py: argparse, a per-instance logger writing to a log file,
# the sequential `num_threads == 1` loop over the benchmark instances, one JSONL line per
# instance. The SWE-bench dataset and repository structures are replaced by four embedded
# instances (two of which ask the endpoint to echo file names).
import argparse
import json
import logging
import os

from agentless.fl.FL import LLMFL

STRUCTURE = {"proj": {"proj": {"core.py": {}, "utils.py": {}, "io": {"reader.py": {}, "writer.py": {}}}, "setup.py": {}}}

swe_bench_data = [
    {"instance_id": "proj__proj-101", "problem_statement": "Reader crashes on empty files. echo: proj/io/reader.py\nproj/utils.py"},
    {"instance_id": "proj__proj-102", "problem_statement": "Writer leaves the file handle open after an error."},
    {"instance_id": "proj__proj-103", "problem_statement": "core.merge drops duplicate keys silently. echo: proj/core.py"},
    {"instance_id": "proj__proj-104", "problem_statement": "setup.py declares the wrong minimum Python version."},
]


def setup_logger(log_file):
    logger = logging.getLogger(log_file)
    for handler in logger.handlers[:]:
        logger.removeHandler(handler)
    logger.setLevel(logging.INFO)
    fh = logging.FileHandler(log_file)
    fh.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger.addHandler(fh)
    return logger


def localize_instance(bug, args, existing_instance_ids):
    instance_id = bug["instance_id"]
    log_file = os.path.join(args.output_folder, "localization_logs", f"{instance_id}.log")
    logger = setup_logger(log_file)
    logger.info(f"Processing bug {instance_id}")

    if instance_id in existing_instance_ids:
        print(f"Skipping existing instance_id: {instance_id}")
        return

    fl = LLMFL(
        instance_id,
        STRUCTURE,
        bug["problem_statement"],
        args.model,
        args.backend,
        logger,
    )
    found_files, additional_artifact_loc_file, file_traj = fl.localize(mock=args.mock)
    print(instance_id, found_files)

    with open(args.output_file, "a") as f:
        f.write(
            json.dumps(
                {
                    "instance_id": instance_id,
                    "found_files": found_files,
                    "additional_artifact_loc_file": additional_artifact_loc_file,
                    "file_traj": file_traj,
                }
            )
            + "\n"
        )


def localize(args):
    existing_instance_ids = set()
    if os.path.exists(args.output_file):
        with open(args.output_file) as f:
            existing_instance_ids = {json.loads(line)["instance_id"] for line in f}

    if args.num_threads == 1:
        for bug in swe_bench_data:
            localize_instance(bug, args, existing_instance_ids)
    else:
        raise NotImplementedError("only the sequential path is kept")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--output_folder", type=str, default="results/file_level")
    parser.add_argument("--output_file", type=str, default="loc_outputs.jsonl")
    parser.add_argument("--model", type=str, default="gpt-4o-2024-05-13")
    parser.add_argument("--backend", type=str, default="openai", choices=["openai"])
    parser.add_argument("--num_threads", type=int, default=1)
    parser.add_argument("--mock", action="store_true")
    args = parser.parse_args()

    args.output_file = os.path.join(args.output_folder, args.output_file)
    os.makedirs(os.path.join(args.output_folder, "localization_logs"), exist_ok=True)
    localize(args)
    with open(args.output_file) as f:
        print("instances localized:", len(f.readlines()))


if __name__ == "__main__":
    main()
