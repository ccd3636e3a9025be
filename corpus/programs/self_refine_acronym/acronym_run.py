# From madaan/self-refine (commit 9a206d41e5d2d0c241bb441f41eeadb945afaa55), Apache-2.0.
# Original path: src/acronym/run.py, moved to the program root (it ran as python -m
# src.acronym.run). The task_iterate step is left out (max_attempts is 1 here, so only the
# initial acronym and its feedback are requested); pandas read_csv/apply/to_json are replaced
# by a loop over the TSV rows and JSON lines.
import json
import re


from src.acronym.task_init import AcronymGenTaskInit
from src.acronym.feedback import AcronymGenFeedback
from src.utils import retry_parse_fail_prone_cmd

CODEX = "code-davinci-002"
GPT3 = "text-davinci-003"
CHAT_GPT = "gpt-3.5-turbo"
GPT4 = "gpt-4"


ENGINE = CHAT_GPT

@retry_parse_fail_prone_cmd
def iterative_acronym(title: str, max_attempts: int) -> str:
    
    # initialize all the required components
    
    # generation of the first acronym
    task_init = AcronymGenTaskInit(engine=ENGINE, prompt_examples="data/prompt/acronym/init.jsonl")
    
    # getting feedback
    task_feedback = AcronymGenFeedback(engine=ENGINE, prompt_examples="data/prompt/acronym/feedback.jsonl")

    
    
    # Initialize the task

    n_attempts = 0
    
    print(f"{n_attempts} INIT> {title}")
    acronyms_to_scores = dict()
    
    all_acronyms_to_scores = dict()
    best_score_so_far = 0
    while n_attempts < max_attempts:

        if n_attempts == 0:
            acronym = task_init(title=title)

        
        scores = task_feedback(title=title, acronym=acronym)
        # extract expression "Total score: 22/25" from scores
        total_score = re.search(r"Total score: (\d+)/(\d+)", scores).group(0)
        total_score = int(total_score.split(":")[1].strip().split("/")[0])
        
        all_acronyms_to_scores[acronym] = {
            "scores": scores,
            "total_score": total_score,
            "title": title,
        }
        print(f"{n_attempts} GEN> {acronym} TITLE> {title}")

        print(f"{n_attempts} SCORES> {scores}")
        if total_score >= 0:  # only iterate over things that are improving
            best_score_so_far = total_score
            
            acronyms_to_scores[acronym] = (title, scores)
            
            
        else:
            print(f"Score of {acronym} is {total_score}, which is less than the current best of {best_score_so_far}")

        n_attempts += 1

    return all_acronyms_to_scores


def run_over_titles(titles_file: str, max_attempts: int, outfile: str):
    
    def _parse_results(title: str) -> str:
        try:
            results = iterative_acronym(title=title, max_attempts=max_attempts)
            if results is None:
                return "FAILED"
            res = []
            for acronym, scores in results.items():
                res.append(f"{acronym} [score: {scores['total_score']}] \n {scores['scores']}")
            return "\n ------ \n ".join(res)
        except Exception as e:
            return "FAILED"


    with open(titles_file) as f:
        data = [{"title": line.rstrip("\n").split("\t")[0]} for line in f.readlines()[1:]]
    for row in data:
        row['generated_acronym'] = _parse_results(row['title'])

    with open(outfile, "w") as f:
        for row in data:
            f.write(json.dumps(row) + "\n")

if __name__ == "__main__":
    import sys
    title = sys.argv[1]  # Light Amplification by Stimulated Emission of Radiation
    if len(sys.argv) > 2:
        run_over_titles(titles_file=sys.argv[1], max_attempts=int(sys.argv[2]), outfile=sys.argv[3])
    else:
        max_attempts = 5
        all_acronyms_to_scores = iterative_acronym(
            title=title,
            max_attempts=max_attempts,
        )
        
        res = []
        for acronym, scores in all_acronyms_to_scores.items():
            res.append(f"{acronym} [score: {scores['total_score']}] \n {scores['scores']}")
        print("\n ------ \n ".join(res))

