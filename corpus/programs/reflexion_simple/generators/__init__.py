# From noahshinn/reflexion (commit 218cf0ef1df84b05ce379dd4a8e47f17766733a0), MIT.
# Original paths: programming_runs/generators/__init__.py and generators/factory.py (the
# factories are defined here instead of re-exported; only the Python generator and the OpenAI
# chat models are kept).
from .py_generate import PyGenerator
from .model import ModelBase, GPT4, GPT35


def generator_factory(lang: str):
    if lang == "py" or lang == "python":
        return PyGenerator()
    else:
        raise ValueError(f"Invalid language for generator: {lang}")


def model_factory(model_name: str) -> ModelBase:
    if model_name == "gpt-4":
        return GPT4()
    elif model_name == "gpt-3.5-turbo":
        return GPT35()
    else:
        raise ValueError(f"Invalid model name: {model_name}")
