# From noahshinn/reflexion (commit 218cf0ef1df84b05ce379dd4a8e47f17766733a0), MIT.
# Original path: programming_runs/utils.py (make_printv, write_jsonl, enumerate_resume;
# jsonlines replaced by json lines written and read by hand; the gzip readers left out).
import os
import json

from typing import List


def make_printv(verbose: bool):
    def print_v(*args, **kwargs):
        if verbose:
            kwargs["flush"] = True
            print(*args, **kwargs)
        else:
            pass
    return print_v


def write_jsonl(path: str, data: List[dict], append: bool = False):
    with open(path, mode='a' if append else 'w') as writer:
        for item in data:
            writer.write(json.dumps(item) + "\n")


# generator that returns the item and the index in the dataset.
# if the results_path exists, it will skip all items that have been processed
# before.
def enumerate_resume(dataset, results_path):
    if not os.path.exists(results_path):
        for i, item in enumerate(dataset):
            yield i, item
    else:
        count = 0
        with open(results_path) as reader:
            for line in reader:
                count += 1

        for i, item in enumerate(dataset):
            # skip items that have been processed before
            if i < count:
                continue
            yield i, item
