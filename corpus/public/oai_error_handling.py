# Modelled on openai/openai-python, examples/error_handling.py
# (commit ab534e55069d8ecc267e9ac03868f03adbc11bf4, Apache-2.0 licence).
# Rewritten, not copied: one function per error class, each printing a header, making a
# request in `try` and reporting `status_code`, `body["message"]` and the error type. The
# offline endpoint accepts any key and any model, so the failures are injected with its
# `[fail:N]` prompt markers instead of a bad key, a missing model or a bad temperature.
"""Models the SDK's error-handling tour: trigger and catch each kind of API error.
Shapes: `except openai.AuthenticationError / NotFoundError / BadRequestError`, an outer
`except openai.OpenAIError`, `e.status_code`, `e.body`, a `__main__` block calling each.
"""

import openai
from openai import OpenAI


def report(e):
    print(f"Status code: {e.status_code}")
    if isinstance(e.body, dict) and "message" in e.body:
        print(f"Error message: {e.body['message']}")


def trigger_authentication_error():
    print("\n--- Triggering AuthenticationError ---")
    try:
        client = OpenAI(api_key="invalid-key-for-testing", max_retries=0)
        client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "[fail:401] hello"}]
        )
    except openai.AuthenticationError as e:
        print("Caught an AuthenticationError")
        report(e)
    except Exception as e:
        print(f"An unexpected error occurred: {e}")


def trigger_not_found_error():
    print("\n--- Triggering NotFoundError ---")
    try:
        client = OpenAI(max_retries=0)
        client.chat.completions.create(
            model="this-model-does-not-exist",
            messages=[{"role": "user", "content": "[fail:404] hello"}],
        )
    except openai.NotFoundError as e:
        print("Caught a NotFoundError")
        report(e)
    except openai.OpenAIError as e:
        print(f"Skipping: an OpenAI API error occurred: {e}")


def trigger_bad_request_error():
    print("\n--- Triggering BadRequestError ---")
    try:
        client = OpenAI(max_retries=0)
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "[fail:400] Hello!"}],
            temperature=1.5,
        )
    except openai.BadRequestError as e:
        print("Caught a BadRequestError")
        report(e)
    except openai.OpenAIError as e:
        print(f"Skipping: an OpenAI API error occurred: {e}")


if __name__ == "__main__":
    print("Running OpenAI error handling examples...")
    trigger_authentication_error()
    trigger_not_found_error()
    trigger_bad_request_error()
    print("\n--- All examples finished ---")
