# From noahshinn/reflexion (commit 218cf0ef1df84b05ce379dd4a8e47f17766733a0), MIT.
# Original path: programming_runs/generators/py_generate.py (PyGenerator.func_impl only), with
# generic_generate_func_impl and its print helpers from generators/generator_utils.py (the
# chat "simple" strategy only) and parse_code_block from generators/parse.py moved in.
from .model import ModelBase, Message

from typing import Optional, List, Union, Callable
import re

PY_SIMPLE_CHAT_INSTRUCTION = "You are an AI that only responds with python code, NOT ENGLISH. You will be given a function signature and its docstring by the user. Write your full implementation (restate the function signature)."
USE_PYTHON_CODEBLOCK_INSTRUCTION = "Use a Python code block to write your response. For example:\n```python\nprint('Hello world!')\n```"


def parse_code_block(string: str, lang: str) -> Optional[str]:
    code_pattern = fr"```{lang}\n(.*?)\n```"
    match = re.search(code_pattern, string, re.DOTALL)

    if match:
        return match.group(1)

    generic_code_pattern = r"```\n(.*?)\n```"
    match = re.search(generic_code_pattern, string, re.DOTALL)

    if match:
        return match.group(1)

    return string


def print_messages(system_message_text: str, user_message_text: str) -> None:
    print(f"""----------------------- SYSTEM MESSAGE -----------------------)
{system_message_text}
----------------------------------------------
----------------------- USER MESSAGE -----------------------
{user_message_text}
----------------------------------------------
""", flush=True)


def print_generated_func_body(func_body_str: str) -> None:
    print(f"""--------------------- GENERATED FUNC BODY ---------------------
{func_body_str}
------------------------------------------""")


def generic_generate_func_impl(
    func_sig: str,
    model: ModelBase,
    strategy: str,
    num_comps,
    temperature,
    simple_chat_instruction: str,
    code_block_instruction: str,
    parse_code_block: Callable[[str], str],
) -> Union[str, List[str]]:
    if strategy != "simple":
        raise ValueError(
            f"Invalid strategy: given `{strategy}` but expected `simple`")

    system_prompt = f"{simple_chat_instruction}\n{code_block_instruction}"
    print_messages(system_prompt, func_sig)
    messages = [
        Message(
            role="system",
            content=f"{simple_chat_instruction}\n{code_block_instruction}",
        ),
        Message(
            role="user",
            content=func_sig,
        ),
    ]
    func_bodies = model.generate_chat(messages=messages, num_comps=num_comps, temperature=temperature)

    if num_comps == 1:
        assert isinstance(func_bodies, str)
        func_body_str = parse_code_block(func_bodies)
        print_generated_func_body(func_body_str)
        return func_body_str

    else:
        func_bodies = [parse_code_block(func_body) for func_body in func_bodies]
        print_generated_func_body("\n\n".join(func_bodies))
        return func_bodies


class PyGenerator:
    def func_impl(
        self,
        func_sig: str,
        model: ModelBase,
        strategy: str,
        num_comps: int = 1,
        temperature: float = 0.0,
    ) -> Union[str, List[str]]:
        return generic_generate_func_impl(
            func_sig=func_sig,
            model=model,
            strategy=strategy,
            num_comps=num_comps,
            temperature=temperature,
            simple_chat_instruction=PY_SIMPLE_CHAT_INSTRUCTION,
            code_block_instruction=USE_PYTHON_CODEBLOCK_INSTRUCTION,
            parse_code_block=lambda x: parse_code_block(x, "python"),
        )
