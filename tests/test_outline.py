"""Inline retry loops as functions of their own (``analysis/outline.py``, rule 15 in
docs/semantics.md): which ones are rewritten, and which stay inline because the
function would not be the same program. The goldens ``retry_loop_inline*`` run both."""

from __future__ import annotations

import textwrap

import pytest

from transpiler.pipeline import transpile

HEADER = """\
import time

import openai
from openai import OpenAI

client = OpenAI()


def ask(q):
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])


"""

WHILE_TRUE = """\
for item in ["a", "b"]:
    while True:
        try:
            response = ask(item)
            break
        except openai.APIError:
            time.sleep(1)
    print(response.choices[0].message.content)
"""


def code_of(body: str) -> str:
    result = transpile(HEADER + textwrap.dedent(body), path="case.py")
    assert result.code is not None, [d.render() for d in result.diagnostics]
    return result.code


@pytest.mark.parametrize(
    "body, call",
    [
        (WHILE_TRUE, "get_response(item)"),
        (  # an ``else`` that raises: every way out but an exception binds ``text``
            """\
            for item in ["a", "b"]:
                for attempt in range(3):
                    try:
                        text = ask(item).choices[0].message.content
                        break
                    except openai.APIError:
                        time.sleep(1)
                else:
                    raise RuntimeError(item)
                print(text)
            """,
            "get_text(item)",
        ),
        (  # a counter set right before it moves into the function
            """\
            for item in ["a", "b"]:
                tries = 0
                while tries < 3:
                    try:
                        text = ask(item).choices[0].message.content
                        break
                    except openai.APIError:
                        tries += 1
                else:
                    text = "gave up"
                print(item, tries, text)
            """,
            "text, tries = await get_text_task",
        ),
        (  # re-raised on the last attempt: running out of attempts cannot happen
            """\
            for item in ["a", "b"]:
                for attempt in range(3):
                    try:
                        text = ask(item).choices[0].message.content
                        break
                    except openai.APIError:
                        if attempt == 2:
                            raise
                        time.sleep(2**attempt)
                print(text)
            """,
            "get_text(item)",
        ),
        (  # the bound as a module constant, the test written another way
            """\
            MAX_RETRIES = 4
            for item in ["a", "b"]:
                for attempt in range(1, MAX_RETRIES + 1):
                    try:
                        text = ask(item).choices[0].message.content
                    except openai.APIError as error:
                        if attempt < MAX_RETRIES:
                            print("retrying", error)
                            continue
                        else:
                            raise
                    break
                print(text)
            """,
            "get_text(item)",
        ),
    ],
)
def test_retry_loops_become_functions_started_per_item(body: str, call: str) -> None:
    code = code_of(body)
    assert call in code
    assert "tasks.spawn(get_" in code  # every item's retry loop starts at once


@pytest.mark.parametrize(
    "body",
    [
        # No ``else``: three failures leave the previous item's ``text`` for the print.
        """\
        text = ""
        for item in ["a", "b"]:
            for attempt in range(3):
                try:
                    text = ask(item).choices[0].message.content
                    break
                except openai.APIError:
                    time.sleep(1)
            print(text)
        """,
        # The last attempt does not raise (``attempt == 1`` is the second of three).
        """\
        text = ""
        for item in ["a", "b"]:
            for attempt in range(3):
                try:
                    text = ask(item).choices[0].message.content
                    break
                except openai.APIError:
                    if attempt == 1:
                        raise
            print(text)
        """,
        # The bound is not known: ``range(RETRIES)`` may be empty.
        """\
        text = ""
        RETRIES = int("3")
        for item in ["a", "b"]:
            for attempt in range(RETRIES):
                try:
                    text = ask(item).choices[0].message.content
                    break
                except openai.APIError:
                    if attempt == RETRIES - 1:
                        raise
            print(text)
        """,
        # A constant that a function sets is no constant.
        """\
        text = ""
        RETRIES = 3


        def fewer():
            global RETRIES
            RETRIES = 1


        for item in ["a", "b"]:
            for attempt in range(RETRIES):
                try:
                    text = ask(item).choices[0].message.content
                    break
                except openai.APIError:
                    if attempt == RETRIES - 1:
                        raise
            print(text)
        """,
        # The counter is changed in the loop: the test no longer sees the last value.
        """\
        text = ""
        for item in ["a", "b"]:
            for attempt in range(3):
                try:
                    text = ask(item).choices[0].message.content
                    break
                except openai.APIError:
                    attempt += 1
                    if attempt == 2:
                        raise
            print(text)
        """,
        # The last attempt may ``continue`` past the test.
        """\
        text = ""
        for item in ["a", "b"]:
            for attempt in range(3):
                try:
                    text = ask(item).choices[0].message.content
                except openai.APIError:
                    continue
                if attempt == 2:
                    raise RuntimeError
                break
            print(text)
        """,
        # A counter across items: each item's loop reads what the previous one left.
        """\
        failures = 0
        for item in ["a", "b"]:
            while True:
                try:
                    response = ask(item)
                    break
                except openai.APIError:
                    failures += 1
            print(response, failures)
        """,
        # Inside a ``try``: an exception would leave half-set names to the handler.
        "try:\n" + textwrap.indent(WHILE_TRUE, "    ") + "except RuntimeError:\n    pass\n",
        # A function reads the name while the loop runs.
        """\
        def show():
            print("last:", response)


        for item in ["a", "b"]:
            while True:
                try:
                    response = ask(item)
                    show()
                    break
                except openai.APIError:
                    time.sleep(1)
            print(response)
        """,
        # A ``break`` of the outer loop.
        """\
        for item in ["a", "b"]:
            for attempt in range(2):
                try:
                    response = ask(item)
                except openai.APIError:
                    break
            else:
                print(response)
                continue
            print("gave up")
        """,
    ],
)
def test_retry_loops_that_would_change_behaviour_stay_inline(body: str) -> None:
    assert "def get_" not in code_of(body)


def test_a_scope_that_reads_its_names_by_computed_name_keeps_retry_loops_inline() -> None:
    body = (
        "def main():\n" + textwrap.indent(WHILE_TRUE, "    ") + "    print(locals())\n\n\nmain()\n"
    )
    assert "def get_" not in code_of(body)


def test_the_outer_loop_note_says_why_its_retry_loop_stays_in_place() -> None:
    body = """\
    text = ""
    for item in ["a", "b"]:
        for attempt in range(3):
            try:
                text = ask(item).choices[0].message.content
                break
            except openai.APIError:
                time.sleep(1)
        print(text)
    """
    result = transpile(HEADER + textwrap.dedent(body), path="case.py")
    notes = [d.message for d in result.diagnostics if d.code == "kept-in-order"]
    assert any(
        "its retry loop cannot become a function of its own: it can end without setting `text`"
        in note
        for note in notes
    ), notes


def test_notes_about_a_retry_loop_made_a_function_point_at_the_users_code() -> None:
    result = transpile(HEADER + WHILE_TRUE, path="case.py")
    lines = (HEADER + WHILE_TRUE).splitlines()
    notes = [d for d in result.diagnostics if d.line > 1]
    assert notes
    for note in notes:  # every note is positioned on a line of the input that says it
        assert note.source_line == lines[note.line - 1]
        assert "while True" in note.source_line or "response" in note.source_line, note.render()
