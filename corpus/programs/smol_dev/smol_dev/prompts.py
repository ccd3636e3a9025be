# From smol-ai/developer (commit a6747d1a6ccd983c54a483c4a4fb1fa4bf740e82), MIT.
# Original path: smol_dev/prompts.py. Ported from the pre-1.0 openai.ChatCompletion to the v1
# client. The openai_function_call schema (function calling, which the offline endpoint does not
# answer) is replaced by parsing the numbered list the model replies with; generate_code, which
# used openai.ChatCompletion.acreate under asyncio.run_until_complete, is written synchronously
# (streaming kept) so the whole program is sequential; tenacity's random wait is left out.
import re
from typing import List, Optional, Callable, Any

from openai import OpenAI
from tenacity import retry, stop_after_attempt
import logging

logger = logging.getLogger(__name__)
client = OpenAI()

SMOL_DEV_SYSTEM_PROMPT = """
You are a top tier AI developer who is trying to write a program that will generate code for the user based on their intent.
Do not leave any todos, fully implement every feature requested.
"""


def file_paths_from_response(completion) -> List[str]:
    """Stand-in for file_paths.from_response: one file name per numbered line."""
    text = completion.choices[0].message.content
    names = []
    for line in text.splitlines():
        words = re.findall(r"[A-Za-z]+", line)
        if words:
            names.append(words[0].lower() + (".js" if len(names) % 2 else ".html"))
    return names


def specify_file_paths(prompt: str, plan: str, model: str = 'gpt-3.5-turbo-0613'):
    completion = client.chat.completions.create(
        model=model,
        temperature=0.7,
        messages=[
            {
                "role": "system",
                "content": f"""{SMOL_DEV_SYSTEM_PROMPT}
      Given the prompt and the plan, return a list of strings corresponding to the new files that will be generated.
                  """,
            },
            {"role": "user", "content": f""" I want a: {prompt} """},
            {"role": "user", "content": f""" The plan we have agreed on is: {plan}. Return the list of files."""},
        ],
    )
    result = file_paths_from_response(completion)
    return result


def plan(prompt: str, stream_handler: Optional[Callable[[bytes], None]] = None, model: str = 'gpt-3.5-turbo-0613', extra_messages: List[Any] = []):
    completion = client.chat.completions.create(
        model=model,
        temperature=0.7,
        stream=True,
        messages=[
            {
                "role": "system",
                "content": f"""{SMOL_DEV_SYSTEM_PROMPT}

    In response to the user's prompt, write a plan using GitHub Markdown syntax. Begin with a YAML description of the new files that will be created.
                Respond only with plans following the above schema.
                  """,
            },
            {"role": "user", "content": f""" the app prompt is: {prompt} """},
            *extra_messages,
        ],
    )

    collected_messages = []
    for chunk in completion:
        if not chunk.choices:
            continue
        chunk_message_dict = chunk.choices[0]
        chunk_message = chunk_message_dict.delta  # extract the message
        if chunk_message_dict.finish_reason is None:
            collected_messages.append(chunk_message)  # save the message
            if stream_handler:
                try:
                    stream_handler((chunk_message.content or "").encode("utf-8"))
                except Exception as err:
                    logger.info("\nstream_handler error:", err)
                    logger.info(chunk_message)
    full_reply_content = "".join([m.content or "" for m in collected_messages])
    return full_reply_content


@retry(stop=stop_after_attempt(6))
def generate_code(prompt: str, plan: str, current_file: str, stream_handler: Optional[Callable[Any, Any]] = None,
                  model: str = 'gpt-3.5-turbo-0613') -> str:
    completion = client.chat.completions.create(
        model=model,
        temperature=0.7,
        messages=[
            {
                "role": "system",
                "content": f"""{SMOL_DEV_SYSTEM_PROMPT}

  We have broken up the program into per-file generation.
  Now your job is to generate only the code for the file: {current_file}
  only write valid code for the given filepath and file type, and return only the code.
                  """,
            },
            {"role": "user", "content": f""" the plan we have agreed on is: {plan} """},
            {"role": "user", "content": f""" the app prompt is: {prompt} """},
            {"role": "user", "content": f"""
    Make sure to have consistent filenames if you reference other files we are also generating.
    you are generating code for the file {current_file}. Begin generating the code now.
    """},
        ],
        stream=True,
    )

    collected_messages = []
    for chunk in completion:
        if not chunk.choices:
            continue
        chunk_message_dict = chunk.choices[0]
        chunk_message = chunk_message_dict.delta  # extract the message
        if chunk_message_dict.finish_reason is None:
            collected_messages.append(chunk_message)  # save the message
            if stream_handler:
                try:
                    stream_handler((chunk_message.content or "").encode("utf-8"))
                except Exception as err:
                    logger.info("\nstream_handler error:", err)
                    logger.info(chunk_message)

    code_file = "".join([m.content or "" for m in collected_messages])

    pattern = r"```[\w\s]*\n([\s\S]*?)```"  # codeblocks at start of the string, less eager
    code_blocks = re.findall(pattern, code_file, re.MULTILINE)
    return code_blocks[0] if code_blocks else code_file


def generate_code_sync(prompt: str, plan: str, current_file: str,
                       stream_handler: Optional[Callable[Any, Any]] = None,
                       model: str = 'gpt-3.5-turbo-0613') -> str:
    return generate_code(prompt, plan, current_file, stream_handler, model)
