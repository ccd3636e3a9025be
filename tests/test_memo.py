"""Memo functions (``analysis/memo.py``): which calls of a function that fills a
module-level cache may overlap, and which stay in program order."""

from __future__ import annotations

import pytest

from transpiler import transpile

HEAD = """import time

cache = {}


def ask(prompt):
    time.sleep(0.01)
    return prompt.upper()


"""

MEMO = """def value(word):
    key = word.strip()
    if key in cache:
        return cache[key]
    reply = ask(key)
    cache[key] = reply
    return reply


"""

CALLS = 'a = value("x")\nb = value("y")\nc = value("x")\nprint(a, b, c, len(cache))\n'


def transpiled(source: str) -> str:
    result = transpile(source, path="memo.py")
    assert result.code is not None and not result.has_errors
    compile(result.code, "memo.py", "exec")
    return result.code


def test_a_memo_function_overlaps_and_reads_of_the_cache_wait() -> None:
    code = transpiled(HEAD + MEMO + CALLS)
    assert "async with epic.single_flight(cache, key):" in code
    assert code.count("tasks.spawn(value(") == 3
    # len(cache) is read after every call that fills the cache is awaited
    assert code.index("c = await c_task") < code.index("len(cache)")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("    reply = ask(key)\n", "    reply = ask(key)\n    print('asked', key)\n"), "prints"),
        (("    reply = ask(key)\n", "    reply = ask(word)\n"), "reads a parameter"),
        (("    key = word.strip()\n", "    key = ask(word)\n"), "awaits before the check"),
        ((CALLS, CALLS + "print(cache)\n"), "order of the cache visible"),
        ((CALLS, CALLS + "for k in cache:\n    print(k)\n"), "cache iterated"),
        ((CALLS, "cache = {'x': 'X'}\n" + CALLS), "cache rebound"),
        (
            ("    cache[key] = reply\n", "    cache[key] = reply\n    cache['last'] = reply\n"),
            "other key",
        ),
        (("    reply = ask(key)\n", "    reply = ask(key) + str(value(key + '!'))\n"), "reentrant"),
    ],
)
def test_memo_functions_that_must_stay_in_order(change: tuple[str, str], why: str) -> None:
    source = HEAD + MEMO + CALLS
    assert change[0] in source
    code = transpiled(source.replace(change[0], change[1]))
    assert "single_flight" not in code, why
    assert "tasks.spawn(value(" not in code, why


def test_a_cache_read_inside_the_loop_keeps_its_fills_in_order() -> None:
    loop = 'for w in ["x", "y", "x"]:\n    v = value(w)\n    print(v, len(cache))\n'
    code = transpiled(HEAD + MEMO + loop)
    assert "tasks.spawn(value(" not in code  # each iteration sees the cache as it was


def test_a_condition_reading_the_cache_keeps_a_comprehension_in_order() -> None:
    comp = 'words = ["x", "y", "x"]\nvs = [value(w) for w in words if w not in cache]\nprint(vs)\n'
    code = transpiled(HEAD + MEMO + comp)
    assert "gather" not in code
