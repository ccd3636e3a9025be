# From openai/simple-evals (commit ee3b0318d8d1d9d72755a4120879be65f7c07e9e), MIT.
# Original path: mmlu_eval.py. The CSV download (pandas.read_csv of a URL) is replaced by five
# embedded rows; the HTML report rendering (jinja2) is left out.
"""
Measuring Massive Multitask Language Understanding
Dan Hendrycks, Collin Burns, Steven Basart, Andy Zou, Mantas Mazeika, Dawn Song, Jacob Steinhardt
https://arxiv.org/abs/2009.03300
"""

import random
import re

from . import common
from .common import (
    MULTILINGUAL_ANSWER_PATTERN_TEMPLATE,
    MULTILINGUAL_ANSWER_REGEXES,
    format_multichoice_question,
    normalize_extracted_answer,
    normalize_response,
)
from .types import Eval, EvalResult, SamplerBase, SingleEvalResult

subject2category = {
    "astronomy": "stem",
    "college_biology": "stem",
    "high_school_geography": "social_sciences",
    "philosophy": "humanities",
    "nutrition": "other",
}

EMBEDDED_ROWS = [
    {"Question": "Which planet is closest to the Sun?", "A": "Venus", "B": "Mercury", "C": "Mars", "D": "Earth", "Answer": "B", "Subject": "astronomy"},
    {"Question": "What organelle produces most ATP? echo: The mitochondria make ATP.\nAnswer: C", "A": "Nucleus", "B": "Ribosome", "C": "Mitochondrion", "D": "Golgi body", "Answer": "C", "Subject": "college_biology"},
    {"Question": "Which river flows through Cairo?", "A": "Niger", "B": "Congo", "C": "Zambezi", "D": "Nile", "Answer": "D", "Subject": "high_school_geography"},
    {"Question": "Who wrote the Critique of Pure Reason? echo: Kant wrote it.\nAnswer: B", "A": "Hume", "B": "Kant", "C": "Hegel", "D": "Locke", "Answer": "A", "Subject": "philosophy"},
    {"Question": "Which vitamin is made in skin exposed to sunlight?", "A": "Vitamin D", "B": "Vitamin C", "C": "Vitamin K", "D": "Vitamin B12", "Answer": "A", "Subject": "nutrition"},
]


class MMLUEval(Eval):
    def __init__(self, num_examples: int | None = None, language: str = "EN-US"):
        examples = [dict(row) for row in EMBEDDED_ROWS]
        if num_examples:
            examples = random.Random(0).sample(examples, num_examples)
        self.examples = examples

    def __call__(self, sampler: SamplerBase) -> EvalResult:
        def fn(row: dict):
            prompt_messages = [
                sampler._pack_message(
                    content=format_multichoice_question(row), role="user"
                )
            ]
            sampler_response = sampler(prompt_messages)
            response_text = sampler_response.response_text
            actual_queried_prompt_messages = sampler_response.actual_queried_message_list
            response_text = normalize_response(response_text)
            extracted_answer = None
            for answer_regex in MULTILINGUAL_ANSWER_REGEXES:
                regex = MULTILINGUAL_ANSWER_PATTERN_TEMPLATE.format(answer_regex)
                match = re.search(regex, response_text)
                if match:
                    extracted_answer = normalize_extracted_answer(match.group(1))
                    break
            score = 1.0 if extracted_answer == row["Answer"] else 0.0
            html = None
            convo = actual_queried_prompt_messages + [dict(content=response_text, role="assistant")]
            category = subject2category.get(row["Subject"], "other")
            return SingleEvalResult(
                html=html, score=score, metrics={category: score}, convo=convo
            )

        results = common.map_with_progress(fn, self.examples)
        return common.aggregate_results(results)
