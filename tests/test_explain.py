"""``epic explain``: each call's fate and the reason, from the real facts and plan."""

from __future__ import annotations

import textwrap

import pytest

from transpiler.cli import main
from transpiler.explain import CallReport, explain
from transpiler.pipeline import Analysed, analyse_and_plan, transpile

HEADER = """\
from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content

"""


def reports(body: str) -> dict[int, CallReport]:
    source = HEADER + textwrap.dedent(body)
    planned = analyse_and_plan(source, path="t.py")
    assert isinstance(planned, Analysed), planned
    return {r.line: r for r in explain(planned)}


def line_of(body: str, needle: str) -> int:
    source = HEADER + textwrap.dedent(body)
    return next(n for n, text in enumerate(source.splitlines(), 1) if needle in text)


def test_independent_calls_start_early() -> None:
    body = """\
    a = ask("one")
    b = ask("two")
    print(a, b)
    """
    found = reports(body)
    assert found[line_of(body, '"one"')].early
    assert "a_task" in found[line_of(body, '"one"')].how
    assert found[line_of(body, '"two"')].early


def test_a_chain_says_which_value_it_needs() -> None:
    body = """\
    a = ask("one")
    b = ask(f"more about {a}")
    print(b)
    """
    found = reports(body)
    second = found[line_of(body, "more about")]
    assert not second.early
    assert "`a`" in second.how


def test_a_loop_with_break_says_why_it_runs_in_order() -> None:
    body = """\
    for q in ["x", "y"]:
        answer = ask(q)
        if answer == "stop":
            break
        print(answer)
    """
    report = reports(body)[line_of(body, "answer = ask")]
    assert not report.early
    assert "break" in report.how


def loop_notes(body: str) -> list[str]:
    """The transpile notes about loops kept in order, as ``line: message``."""
    result = transpile(HEADER + textwrap.dedent(body), path="t.py")
    assert result.code is not None, result.diagnostics
    return [
        f"{d.line}: {d.message}"
        for d in result.diagnostics
        if d.code == "kept-in-order" and "runs iteration by iteration" in d.message
    ]


def test_a_loop_kept_in_order_gets_a_note_naming_the_statement() -> None:
    body = """\
    for q in ["x", "y"]:
        answer = ask(q)
        if answer == "stop":
            break
        print(answer)
    """
    (note,) = loop_notes(body)
    assert note.startswith(f"{line_of(body, 'for q')}: `for q in [\"x\", \"y\"]:`")
    assert "`break` can end the loop early" in note
    assert f"(line {line_of(body, 'break')}: `break`)" in note


def test_a_skip_the_first_loop_can_decide_keeps_no_loop_in_order() -> None:
    body = """\
    done = {"x"}
    for q in ["x", "y"]:
        if q in done:
            continue
        print(ask(q))
    """
    assert loop_notes(body) == []
    assert reports(body)[line_of(body, "print(ask")].early


def test_a_loop_whose_calls_chain_names_the_waiting_call() -> None:
    body = """\
    previous = ""
    for q in ["x", "y"]:
        previous = ask(q + previous)
        print(previous)
    """
    (note,) = loop_notes(body)
    assert f"(line {line_of(body, 'previous = ask')}: `previous = ask(q + previous)`)" in note


def test_split_loops_and_loops_without_calls_get_no_loop_note() -> None:
    body = """\
    for q in ["x", "y"]:
        print(ask(q))
    total = 0
    for n in [1, 2]:
        total += n
        if total > 1:
            break
    """
    assert loop_notes(body) == []


def test_a_split_loop_is_reported_with_its_line() -> None:
    body = """\
    results = []
    for q in ["x", "y"]:
        results.append(ask(q))
    print(results)
    """
    report = reports(body)[line_of(body, "results.append(ask")]
    assert report.early
    assert f"line {line_of(body, 'for q in')}" in report.how


def test_a_helper_that_prints_still_starts_early() -> None:
    body = """\
    def loud(q):
        print("asking", q)
        return ask(q)


    a = loud("one")
    b = loud("two")
    """
    assert reports(body)[line_of(body, 'loud("two")')].early


def test_a_helper_with_unknown_effects_is_kept_in_order() -> None:
    body = """\
    def logged(q):
        with open("log.txt", "a") as log:
            log.write(q)
        return ask(q)


    a = logged("one")
    b = logged("two")
    """
    report = reports(body)[line_of(body, 'logged("two")')]
    assert not report.early
    assert "logged(...) calls `open(...)`, whose effects epic does not know" in report.how


def test_cli_explain_prints_a_summary(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "s.py"  # type: ignore[operator]
    script.write_text(HEADER + 'a = ask("one")\nb = ask("two")\nprint(a, b)\n')
    assert main(["explain", str(script)]) == 0
    out = capsys.readouterr().out
    assert "3 external call sites: 2 start early, 1 is awaited in place" in out


def test_a_pipelined_loop_names_the_loop_that_feeds_it() -> None:
    body = """\
    ideas = []
    for topic in ["sea", "sky"]:
        ideas.append(ask(topic))
    for idea in ideas:
        print(ask(f"score {idea}"))
    """
    found = reports(body)
    score = found[line_of(body, "score")]
    assert score.early
    producer = line_of(body, "for topic")
    assert f"as soon as the loop at line {producer} appends it" in score.how
    assert "`ideas`" in score.how


def test_a_memo_loop_call_starts_early() -> None:
    body = """\
    cache = {}
    for word in ["a", "b", "a"]:
        if word not in cache:
            cache[word] = ask(word)
        print(cache[word])
    """
    found = reports(body)
    call = found[line_of(body, "ask(word)")]
    assert call.early
    assert "up front" in call.how


def test_calls_under_conditions_say_what_they_wait_for() -> None:
    body = """\
    for n in range(4):
        if n % 2 == 0:
            print(ask(f"even {n}"))
    for word in ["sea", "sky"]:
        reply = ask(word)
        if len(reply) > 2:
            print(ask(f"more on {reply}"))
    ok = any(ask(w) == "yes" for w in ["a", "b"])
    print(ok)
    """
    found = reports(body)
    even = found[line_of(body, "even")]
    assert even.early and "where its `if` condition holds" in even.how
    more = found[line_of(body, "more on")]
    assert not more.early and "`len(reply) > 2`" in more.how and "`reply`" in more.how
    short = found[line_of(body, "any(")]
    assert not short.early and "stops at the deciding element" in short.how


def test_a_bare_except_is_named_as_the_reason_not_printing() -> None:
    body = """\
    def careful(prompt):
        try:
            return ask(prompt)
        except:
            return "failed"

    a = careful("one")
    b = careful("two")
    print(a, b)
    """
    found = reports(body)
    first = found[line_of(body, 'careful("one")')]
    assert not first.early
    assert "cancelled" in first.how and "prints" not in first.how


def test_every_client_call_shape_is_listed() -> None:
    body = """\
    raw = client.chat.completions.with_raw_response.create(model="m", messages=[])
    fast = client.with_options(timeout=5).chat.completions.create(model="m", messages=[])
    print(raw.parse(), fast)
    """
    found = reports(body)
    assert line_of(body, "with_raw_response") in found
    assert line_of(body, "with_options") in found


def test_a_skip_left_to_the_second_loop_says_which_value_a_skipped_item_lacks() -> None:
    body = """\
    done = {"x"}
    for q in ["x", "y"]:
        if q in done:
            continue
        text = q.strip()
        if not text:
            continue
        print(ask(text))
    """
    (note,) = loop_notes(body)
    assert "a skipped item would have no `text` to hand to the second loop" in note
