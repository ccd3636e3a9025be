# From princeton-nlp/tree-of-thought-llm (commit ab400345c5ea39d28ea6d7d3be0e417b11113c87), MIT.
# Original paths: src/tot/tasks/game24.py and src/tot/tasks/base.py (Task, inlined). The
# puzzles come from an embedded list instead of data/24/24.csv (pandas); sympy.simplify is
# replaced by a restricted eval of the arithmetic expression.
import re
from tot.prompts.game24 import *

PUZZLES = ["1 1 4 6", "2 3 5 12", "4 4 6 8", "1 2 4 7"]


class Task:
    def __init__(self):
        pass


def get_current_numbers(y: str) -> str:
    last_line = y.strip().split("\n")[-1]
    return last_line.split("left: ")[-1].split(")")[0]


class Game24Task(Task):
    """Input (x): a string of 4 numbers; Output (y): a trajectory of 3 steps to reach 24."""

    def __init__(self, file="24.csv"):
        super().__init__()
        self.data = list(PUZZLES)
        self.value_cache = {}
        self.steps = 4
        self.stops = ["\n"] * 4

    def __len__(self) -> int:
        return len(self.data)

    def get_input(self, idx: int) -> str:
        return self.data[idx]

    def test_output(self, idx: int, output: str):
        expression = output.strip().split("\n")[-1].lower().replace("answer: ", "").split("=")[0]
        numbers = re.findall(r"\d+", expression)
        problem_numbers = re.findall(r"\d+", self.data[idx])
        if sorted(numbers) != sorted(problem_numbers):
            return {"r": 0}
        try:
            if not re.fullmatch(r"[\d\s+\-*/().]+", expression):
                return {"r": 0}
            return {"r": int(abs(eval(expression) - 24) < 1e-6)}
        except Exception as e:
            return {"r": 0}

    @staticmethod
    def standard_prompt_wrap(x: str, y: str = "") -> str:
        return standard_prompt.format(input=x) + y

    @staticmethod
    def cot_prompt_wrap(x: str, y: str = "") -> str:
        return cot_prompt.format(input=x) + y

    @staticmethod
    def propose_prompt_wrap(x: str, y: str = "") -> str:
        current_numbers = get_current_numbers(y if y else x)
        if current_numbers == "24":
            prompt = cot_prompt.format(input=x) + "Steps:" + y
        else:
            prompt = propose_prompt.format(input=current_numbers)
        return prompt

    @staticmethod
    def value_prompt_wrap(x: str, y: str) -> str:
        last_line = y.strip().split("\n")[-1]
        if "left: " not in last_line:  # last step
            ans = last_line.lower().replace("answer: ", "")
            return value_last_step_prompt.format(input=x, answer=ans)
        current_numbers = get_current_numbers(y)
        return value_prompt.format(input=current_numbers)

    @staticmethod
    def value_outputs_unwrap(x: str, y: str, value_outputs: list) -> float:
        if len(y.strip().split("\n")) == 4 and "answer" not in y.lower():
            return 0
        value_names = [_.split("\n")[-1] for _ in value_outputs]
        value_map = {"impossible": 0.001, "likely": 1, "sure": 20}  # TODO: ad hoc
        value = sum(value * value_names.count(name) for name, value in value_map.items())
        return value
