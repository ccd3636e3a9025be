# A stand-in, written for this corpus, for prompt_lib/backends/openai_api.py of the separate
# prompt-lib package (reasoning-machines/prompt-lib, which self-refine installs and whose
# licence could not be checked), keeping the interface src/acronym uses: the static
# OpenaiAPIWrapper.call / get_first_response, dispatching chat engines to the chat API and the
# others to the completions API, with the retry-with-backoff decorator shape of the original.
# It uses a module-level v1 client (openai.OpenAI()) and returns the response as a dict.
import random
import time
from typing import Any, Dict

import openai

client = openai.OpenAI()


def retry_with_exponential_backoff(func, initial_delay: float = 1, max_retries: int = 10,
                                   errors: tuple = (openai.RateLimitError,)):
    """Retry a function with exponential backoff."""

    def wrapper(*args, **kwargs):
        num_retries = 0
        delay = initial_delay
        while True:
            try:
                return func(*args, **kwargs)
            except errors:
                num_retries += 1
                if num_retries > max_retries:
                    raise Exception(f"Maximum number of retries ({max_retries}) exceeded.")
                delay *= 2 * (1 + random.random())
                time.sleep(delay)

    return wrapper


class ChatGPTAPIWrapper:
    @staticmethod
    @retry_with_exponential_backoff
    def call(prompt: str, max_tokens: int, engine: str, stop_token: str, temperature: float,
             num_completions: int = 1) -> dict:
        messages = [
            {"role": "system", "content": "You are ChatGPT, a large language model trained by OpenAI."},
            {"role": "user", "content": prompt},
        ]
        response = client.chat.completions.create(
            model=engine,
            messages=messages,
            temperature=temperature,
            max_tokens=max_tokens,
            stop=[stop_token] if stop_token else None,
            n=num_completions,
        )
        return response.model_dump()

    @staticmethod
    def get_first_response(response) -> Dict[str, Any]:
        return response["choices"][0]["message"]["content"]


class CompletionAPIWrapper:
    @staticmethod
    @retry_with_exponential_backoff
    def call(prompt: str, max_tokens: int, engine: str, stop_token: str, temperature: float,
             num_completions: int = 1) -> dict:
        response = client.completions.create(
            model=engine,
            prompt=prompt,
            temperature=temperature,
            max_tokens=max_tokens,
            stop=[stop_token],
            n=num_completions,
        )
        return response.model_dump()

    @staticmethod
    def get_first_response(response) -> Dict[str, Any]:
        return response["choices"][0]["text"]


class OpenaiAPIWrapper:
    chat_engines = ["gpt-3.5-turbo", "gpt-4"]

    @staticmethod
    def get_api_wrapper(engine: str):
        if any(k in engine for k in OpenaiAPIWrapper.chat_engines):
            return ChatGPTAPIWrapper
        return CompletionAPIWrapper

    @staticmethod
    def call(prompt: str, max_tokens: int, engine: str, stop_token: str, temperature: float,
             num_completions: int = 1, **kwargs) -> dict:
        api_wrapper = OpenaiAPIWrapper.get_api_wrapper(engine)
        return api_wrapper.call(prompt=prompt, max_tokens=max_tokens, engine=engine,
                                stop_token=stop_token, temperature=temperature,
                                num_completions=num_completions, **kwargs)

    @staticmethod
    def get_first_response(response) -> Dict[str, Any]:
        api_wrapper = OpenaiAPIWrapper.get_api_wrapper(response["model"])
        return api_wrapper.get_first_response(response)
