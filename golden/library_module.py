"""Helpers other modules import."""
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def _private_helper(text):
    return text.strip()

# diagnostics
# library_module.py:7:1: error: this module only defines functions, and transpiling it would make `ask` async: the modules that import it call them synchronously and would break  [importable-module]
#     def ask(prompt):
#     ^
# note: transpile the whole program (`epic transpile DIR -o OUT`, or every file of it at once), so its importers await them; or declare these functions external in [tool.epic]
