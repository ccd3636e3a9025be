# From yizhongw/self-instruct (commit 0b26ccaa415992100fa32df62d41b994cf928e23), Apache-2.0.
# Original path: self_instruct/gpt3_api.py (make_requests only; the argparse batch script at the
# bottom is left out). The pre-1.0 openai.Completion is ported to the v1 client (a module-level
# client = openai.OpenAI(), model= instead of engine=, a list of prompts per request kept);
# openai.error.OpenAIError is openai.OpenAIError; "created_at" is a fixed string instead of
# datetime.now().
import json
import openai
import time

client = openai.OpenAI()


def make_requests(
        engine, prompts, max_tokens, temperature, top_p,
        frequency_penalty, presence_penalty, stop_sequences, logprobs, n, best_of, retries=3, api_key=None, organization=None
    ):
    response = None
    target_length = max_tokens
    if api_key is not None:
        openai.api_key = api_key
    if organization is not None:
        openai.organization = organization
    retry_cnt = 0
    backoff_time = 30
    while retry_cnt <= retries:
        try:
            response = client.completions.create(
                model=engine,
                prompt=prompts,
                max_tokens=target_length,
                temperature=temperature,
                top_p=top_p,
                frequency_penalty=frequency_penalty,
                presence_penalty=presence_penalty,
                stop=stop_sequences,
                logprobs=logprobs,
                n=n,
                best_of=best_of,
            ).model_dump()
            break
        except openai.OpenAIError as e:
            print(f"OpenAIError: {e}.")
            if "Please reduce your prompt" in str(e):
                target_length = int(target_length * 0.8)
                print(f"Reducing target length to {target_length}, retrying...")
            else:
                print(f"Retrying in {backoff_time} seconds...")
                time.sleep(backoff_time)
                backoff_time *= 1.5
            retry_cnt += 1

    if isinstance(prompts, list):
        results = []
        for j, prompt in enumerate(prompts):
            data = {
                "prompt": prompt,
                "response": {"choices": response["choices"][j * n: (j + 1) * n]} if response else None,
                "created_at": "2023-01-01 00:00:00",
            }
            results.append(data)
        return results
    else:
        data = {
            "prompt": prompts,
            "response": response,
            "created_at": "2023-01-01 00:00:00",
        }
        return [data]
