# flags: run overlap=1
"""Hand-written decorators that keep their functions sync. ``@timed`` also decorates
a plain function: one wrapper serves both, so it cannot become async for one of them.
``@guarded(errors=BaseException)`` would catch the cancellation of a task started
early and retry it, so its function stays in place. ``log_calls`` is also called as a
function: what it returns is used where nothing awaits it."""

import functools
import time

from openai import OpenAI

client = OpenAI()


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        assert time.perf_counter() >= start
        return result

    return wrapper


def guarded(errors=Exception):
    def decorate(fn):
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except errors:
                return fn(*args, **kwargs)

        return wrapper

    return decorate


def log_calls(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__)
        return fn(*args, **kwargs)

    return wrapper


@timed
def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


@timed
def shout(text):
    return text.upper()


@guarded(errors=BaseException)
def tell(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def note(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


logged = log_calls(note)
print(shout(ask("echo: tides")), ask("echo: reefs"))
print(tell("echo: kelp"), tell("echo: gulls"))
print(logged("echo: foam"), logged("echo: spray"))

# diagnostics
# wraps_decorator_kept.py:48:1: note: `ask` stays a plain function, its calls in place: its decorator `@timed` wraps it in `wrapper`, which stays a plain function (`@timed` also decorates `shout`, which stays a plain function (it makes no call epic awaits))  [kept-sync]
#     def ask(prompt):
#     ^
# wraps_decorator_kept.py:62:1: note: `tell` stays a plain function, its calls in place: it is decorated (`@guarded(errors=BaseException)`), and the decorator expects a plain function  [kept-sync]
#     def tell(prompt):
#     ^
# wraps_decorator_kept.py:70:1: note: `note` stays a plain function, its calls in place: it is used as a value, not called (line 78)  [kept-sync]
#     def note(prompt):
#     ^
