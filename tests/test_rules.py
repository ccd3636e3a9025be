"""Unit tests per plan rule, pyupgrade style: each rule's pure function is called on the
facts of a small snippet, with *fix* cases (the rule chooses something: exactly what)
and *noop* cases (the rule declines, each for a different documented requirement), the
reason as the test id.

The loop body rules are called the way :func:`~transpiler.plan.loops.plan_loop` calls
them: on the body view of one loop, with the choices of the rules before them in
``BODY_RULES``. The snippets declare their external function with the pragma
(``def ask(prompt):  # epic: external``), so what the rules see does not depend on the
catalogue of libraries; the call-level rules use the libraries themselves.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping

import libcst as cst
import pytest

from transpiler.analysis.externals import Declarations, ExternalCall
from transpiler.analysis.facts import Facts, analyse
from transpiler.plan.loops import (
    BODY_RULES,
    _Choices,
    _loop_body,
    _LoopBody,
    dispatch_statements,
    drop_idle_computations,
    plan_loop,
    split_inner_loops,
    start_calls_early,
    start_memo_calls,
)
from transpiler.plan.module import plan_module
from transpiler.plan.naming import Namer
from transpiler.plan.raising import (
    call_args_safe,
    cannot_raise,
    gather_safe,
    is_safe,
    safe_iterable,
)
from transpiler.plan.rewrites import (
    await_calls,
    gather_comprehensions,
    inner_scopes,
    memo_guards,
    needed_imports,
)
from transpiler.plan.schedule import extractable_calls, plan_block
from transpiler.plan.types import (
    AwaitedCall,
    BlockPlan,
    Dispatch,
    GatherKind,
    Imports,
    LoopPlan,
    LoopRefusal,
    Resolve,
    Retire,
    Run,
    Spawn,
    Spelling,
    StartedTask,
)
from transpiler.syntax import all_names

# -- helpers ---------------------------------------------------------------------------

#: The external call of the loop snippets: a blocking function declared by pragma.
ASK = """\
def ask(prompt):  # epic: external
    return prompt.upper()


"""

#: A script function that reads a module-level name when it runs (a late read).
ASK_WITH_MODEL = """\
model = "small"


def ask_with_model(prompt):
    return ask(f"{model}: {prompt}")


"""

#: A memo function over a module-level cache (``analysis/memo.py``).
VALUE = """\
value_cache = {}


def value(state):
    if state in value_cache:
        return value_cache[state]
    score = ask(f"Rate {state}")
    value_cache[state] = score
    return score


"""

_EMPTY = cst.Module(body=[])


def code(node: cst.CSTNode | None) -> str | None:
    """The source of ``node`` (None stays None)."""
    return None if node is None else _EMPTY.code_for_node(node)


def analysed(source: str, header: str = ASK) -> tuple[cst.Module, Facts]:
    """The module (the one the facts are keyed by) and its fact table."""
    module = cst.parse_module(header + textwrap.dedent(source))
    return analyse(module, Declarations())


def facts_of(source: str, header: str = ASK) -> Facts:
    return analysed(source, header)[1]


class _Loops(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found: list[cst.For] = []

    def visit_For(self, node: cst.For) -> None:
        self.found.append(node)


def find_loop(module: cst.Module) -> cst.For:
    """The first ``for`` loop of the module in source order (an outer loop, not the
    loops nested in it)."""
    finder = _Loops()
    module.visit(finder)
    return finder.found[0]


def fresh_namer(module: cst.Module) -> Namer:
    """The names of the module are taken, as in ``plan_module``."""
    return Namer(all_names(module))


#: The signature every entry of ``BODY_RULES`` has.
BodyRule = Callable[[_LoopBody, _Choices, Facts, Namer], _Choices | LoopRefusal]


class LoopCase:
    """The first (outermost) ``for`` loop of a snippet and its body view, and what
    ``plan_loop`` hands each body rule: the choices of the rules before it."""

    def __init__(self, source: str, header: str = ASK) -> None:
        self.module, self.facts = analysed(source, header)
        self.loop = find_loop(self.module)
        self.namer = fresh_namer(self.module)
        body = _loop_body(self.loop, self.facts, frozenset())
        assert isinstance(body, _LoopBody), body
        self.body = body

    def choices_before(self, rule: BodyRule) -> _Choices:
        """The choices of the rules that come before ``rule`` in ``BODY_RULES``."""
        choices = _Choices()
        for earlier in BODY_RULES[: BODY_RULES.index(rule)]:
            chosen = earlier(self.body, choices, self.facts, self.namer)
            assert isinstance(chosen, _Choices), chosen
            choices = chosen
        return choices

    def run(self, rule: BodyRule) -> _Choices | LoopRefusal:
        """``rule`` on this loop, after the rules before it."""
        return rule(self.body, self.choices_before(rule), self.facts, self.namer)

    def chosen(self, rule: BodyRule) -> _Choices:
        result = self.run(rule)
        assert isinstance(result, _Choices), result
        return result


def dispatched_code(choices: _Choices) -> dict[int, str | None]:
    """Body index -> the source of the task's call, or None for pure code run there."""
    return {
        index: None if task is None else code(task.call)
        for index, task in choices.dispatched.items()
    }


def op_names(plan: BlockPlan) -> list[str]:
    """``spawn 0``, ``resolve 0``, ``retire 0``, ``run 2``, ``dispatch 1``."""
    names: list[str] = []
    for op in plan.ops:
        if isinstance(op, (Spawn, Resolve, Retire)):
            names.append(f"{type(op).__name__.lower()} {op.task.index}")
        elif isinstance(op, (Run, Dispatch)):
            names.append(f"{type(op).__name__.lower()} {op.index}")
    return names


def call_named(facts: Facts, source: str) -> cst.Call:
    """The recognised call whose source is ``source``."""
    found = [call for call in facts.calls.targets if code(call) == source]
    assert len(found) == 1, (source, [code(c) for c in facts.calls.targets])
    return found[0]


def calls_by_code(calls: Mapping[cst.Call, object]) -> dict[str | None, object]:
    return {code(call): value for call, value in calls.items()}


def test_helper_hands_each_rule_the_choices_of_the_rules_before_it() -> None:
    case = LoopCase("""\
        for q in ["a", "b"]:
            answer = ask(q)
            print(answer)
        """)
    assert case.choices_before(dispatch_statements) == _Choices()
    assert dispatched_code(case.choices_before(start_calls_early)) == {0: "ask(q)"}


# -- dispatch_statements ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "dispatched", "pure_binds"),
    [
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                answer = ask(q)
                results.append(answer)
            """,
            {0: "ask(q)"},
            set(),
            id="independent-call-of-the-loop-variable",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                prompt = f"echo {q}"
                answer = ask(prompt)
                print(answer)
            """,
            {0: None, 1: "ask(prompt)"},
            {"prompt"},
            id="quick-pure-code-that-cannot-raise-and-the-call-that-reads-it",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                a = ask(q)
                b = ask(a)
                print(b)
            """,
            {0: "ask(q)", 1: "ask(a)"},
            set(),
            id="call-on-the-future-of-an-earlier-dispatched-call",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                votes = [ask(f"{q} {s}") for s in range(3)]
                print(votes)
            """,
            {0: '[ask(f"{q} {s}") for s in range(3)]'},
            set(),
            id="gathered-comprehension-whose-parts-cannot-raise",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                ask(q)
            """,
            {0: "ask(q)"},
            set(),
            id="bare-call-statement",
        ),
    ],
)
def test_dispatch_statements_fix(
    source: str, dispatched: dict[int, str | None], pure_binds: set[str]
) -> None:
    chosen = LoopCase(source).chosen(dispatch_statements)
    assert dispatched_code(chosen) == dispatched
    assert chosen.pure_binds == pure_binds
    assert chosen.dispatch_binds >= chosen.pure_binds


def test_dispatch_statements_evaluates_arguments_that_may_raise_in_the_task() -> None:
    chosen = LoopCase("""\
        for q in ["a", "b"]:
            a = ask(q[0])
            print(a)
        """).chosen(dispatch_statements)
    task = chosen.dispatched[0]
    assert task is not None and code(task.call) == "ask(q[0])"
    assert task.lazy and task.target == "a"


@pytest.mark.parametrize(
    ("source", "header", "declined"),
    [
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                results.append(ask(q))
            """,
            ASK,
            0,
            id="statement-mutates-a-list",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                print(q)
                n = len(q)
                a = ask(n)
                print(a)
            """,
            ASK,
            2,
            id="reads-a-value-only-the-second-loop-computes",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                print(q)
                first = q[0]
                print(first)
            """,
            ASK,
            1,
            id="pure-code-that-may-raise-after-ordered-code",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                answer = ask(q)
                answer = ask(answer)
            """,
            ASK,
            0,
            id="target-bound-again-elsewhere-in-the-body",
        ),
        pytest.param(
            """\
            previous = "none"
            for q in ["a", "b"]:
                print(previous)
                previous = ask(q)
            """,
            ASK,
            1,
            id="target-read-by-an-earlier-statement",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                q = ask("again")
                print(q)
            """,
            ASK,
            0,
            id="target-is-the-loop-variable",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                a = ask_with_model(q)
                model = a
            """,
            ASK + ASK_WITH_MODEL,
            0,
            id="callee-reads-a-global-the-body-changes",
        ),
        pytest.param(
            """\
            for state in ["a", "b"]:
                score = value(state)
                print(len(value_cache), score)
            """,
            ASK + VALUE,
            0,
            id="fills-a-memo-cache-the-loop-also-reads",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                notify(q)
            """,
            ASK + "def notify(message):  # epic: external ordered\n    pass\n\n\n",
            0,
            id="ordered-external-call-keeps-program-order",
        ),
    ],
)
def test_dispatch_statements_noop(source: str, header: str, declined: int) -> None:
    chosen = LoopCase(source, header).chosen(dispatch_statements)
    assert declined not in chosen.dispatched


def test_dispatch_statements_runs_a_prefix_that_may_raise_and_collects_its_error() -> None:
    chosen = LoopCase("""\
        for q in ["a", "b"]:
            n = len(q)
            if n > 3:
                continue
            a = ask(n)
            print(a)
        """).chosen(dispatch_statements)
    assert set(chosen.dispatched) == {0, 1, 2}
    assert chosen.skips == {1}
    assert chosen.raising == {0, 1} and chosen.collects


def test_dispatch_statements_decides_a_safe_skip_without_collecting() -> None:
    chosen = LoopCase("""\
        for q in ["a", "b"]:
            if q:
                continue
            print(ask(q))
        """).chosen(dispatch_statements)
    assert chosen.skips == {0} and not chosen.collects


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        pytest.param(
            """\
            seen = set()
            for q in ["a", "b"]:
                if q in seen:
                    continue
                seen.add(q)
                print(ask(q))
            """,
            "its test reads `seen`, which the loop changes",
            id="test-reads-what-the-body-changes",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                print(q)
                if q == "b":
                    continue
                print(ask(q))
            """,
            "it comes after code that runs in order",
            id="after-ordered-code",
        ),
    ],
)
def test_dispatch_statements_leaves_a_skip_it_cannot_decide_to_the_second_loop(
    source: str, reason: str
) -> None:
    chosen = LoopCase(source).chosen(dispatch_statements)
    skip = next(i for i, s in enumerate(LoopCase(source).body.statements) if isinstance(s, cst.If))
    assert chosen.cutoff == skip and skip not in chosen.dispatched
    assert reason in chosen.cutoff_why


def test_a_call_before_a_continue_starts_early_and_none_after_it() -> None:
    module, facts = analysed("""\
        for q in ["a", "b"]:
            answer = ask(q)
            if answer == "skip":
                continue
            print(ask(answer))
        """)
    plan = plan_loop(find_loop(module), facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan), plan
    assert [op.task.target for op in plan.dispatch.ops if isinstance(op, Spawn)] == ["answer"]
    assert plan.extracted == ()


def test_drop_idle_computations_takes_back_raising_code_no_call_needs() -> None:
    chosen = LoopCase("""\
        for q in ["a", "b"]:
            first = q[0]
            print(first, ask(q))
        """).chosen(drop_idle_computations)
    assert 0 not in chosen.dispatched and not chosen.collects


# -- start_memo_calls ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "header", "memo"),
    [
        pytest.param(
            """\
            cache = {}
            scores = []
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = ask(state)
                scores.append(cache[state])
            """,
            ASK,
            {0: ("ask(state)", "state", "cache")},
            id="cache-keyed-by-the-loop-variable",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                key = state
                if key not in cache:
                    cache[key] = ask(key)
                print(cache[key])
            """,
            ASK,
            {1: ("ask(key)", "key", "cache")},
            id="key-computed-by-pure-code-the-first-loop-runs",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = score(state)
                print(cache[state])
            """,
            ASK
            + "def score(state):\n    print('scoring', state)\n    return len(ask(state))\n\n\n",
            {0: ("score(state)", "state", "cache")},
            id="call-of-a-script-function-that-prints",
        ),
    ],
)
def test_start_memo_calls_fix(
    source: str, header: str, memo: dict[int, tuple[str, str, str]]
) -> None:
    case = LoopCase(source, header)
    before = case.choices_before(start_memo_calls)
    chosen = case.chosen(start_memo_calls)
    assert {
        index: (code(call), code(key), cache) for index, (call, key, cache) in chosen.memo.items()
    } == memo
    assert chosen.dispatched == before.dispatched  # the earlier choices are kept


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = ask(state)
                cache = {}
            """,
            id="cache-rebound-elsewhere-in-the-body",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = ask(state)
                cache.pop(state)
            """,
            id="cache-mutated-elsewhere-in-the-body",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                print(state)
                key = state.upper()
                if key not in cache:
                    cache[key] = ask(key)
                print(cache[key])
            """,
            id="key-computed-only-in-the-second-loop",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = ask(state[0])
                print(cache[state])
            """,
            id="shape-call-argument-may-raise",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = ask(state)
                else:
                    print("hit")
            """,
            id="shape-else-branch",
        ),
    ],
)
def test_start_memo_calls_noop(source: str) -> None:
    assert LoopCase(source).chosen(start_memo_calls).memo == {}


def test_start_memo_calls_noop_callee_reads_a_global_the_body_changes() -> None:
    chosen = LoopCase(
        """\
        cache = {}
        for state in ["a", "b", "c"]:
            if state not in cache:
                cache[state] = ask_with_model(state)
            model = "large"
        """,
        ASK + ASK_WITH_MODEL,
    ).chosen(start_memo_calls)
    assert chosen.memo == {}


# -- split_inner_loops -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "nested", "inner_pending"),
    [
        pytest.param(
            """\
            candidates = []
            for state in ["calm", "storm"]:
                print("expanding", state)
                for k in (1, 2, 3):
                    word = ask(f"{state}-{k}")
                    candidates.append((state, word))
                print("expanded", state)
            """,
            [1],
            ["word_tasks"],
            id="inner-loop-over-a-display-reading-the-outer-variable",
        ),
        pytest.param(
            """\
            PROPOSALS = 2
            for state in ["calm", "storm"]:
                for k in range(1, PROPOSALS + 1):
                    word = ask(f"{state}-{k}")
                    print(state, word)
            """,
            [0],
            ["word_tasks"],
            id="iterable-may-raise-but-nothing-before-it-is-left",
        ),
        pytest.param(
            """\
            for state in ["calm", "storm"]:
                for k in (1, 2):
                    word = ask(f"{state}-{k}")
                    print(word)
                for k in (3, 4):
                    word = ask(f"{state}-{k}")
                    print(word)
            """,
            [0, 1],
            ["word_tasks", "word_tasks2"],
            id="two-inner-loops-named-apart",
        ),
    ],
)
def test_split_inner_loops_fix(source: str, nested: list[int], inner_pending: list[str]) -> None:
    case = LoopCase(source)
    chosen = case.chosen(split_inner_loops)
    assert sorted(chosen.nested) == nested
    assert [chosen.nested[i].pending for i in nested] == inner_pending
    # The kept inner plans' names are taken (adopted from the trial fork).
    assert case.namer.fresh("word_tasks") == f"word_tasks{len(nested) + 1}"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            for state in ["calm", "storm"]:
                word = state
                for k in (1, 2):
                    word = ask(word)
                print(word)
            """,
            id="inner-loop-does-not-split-on-its-own",
        ),
        pytest.param(
            """\
            for state in ["calm", "storm"]:
                prefix = state.upper()
                for k in (1, 2):
                    word = ask(f"{prefix}-{k}")
                    print(word)
            """,
            id="inner-dispatch-reads-a-value-the-outer-body-computes",
        ),
        pytest.param(
            """\
            PROPOSALS = 2
            for state in ["calm", "storm"]:
                print(state)
                for k in range(1, PROPOSALS + 1):
                    word = ask(f"{state}-{k}")
                    print(state, word)
            """,
            id="iterable-may-raise-after-code-left-for-the-second-loop",
        ),
        pytest.param(
            """\
            for state in ["calm", "storm"]:
                n = 2
                for k in range(n + 1):
                    word = ask(f"{state}-{k}")
                    print(state, word)
            """,
            id="iterable-may-raise-and-reads-what-the-outer-body-changes",
        ),
    ],
)
def test_split_inner_loops_noop(source: str) -> None:
    case = LoopCase(source)
    assert case.chosen(split_inner_loops).nested == {}
    # The names tried for the declined inner loop were not taken.
    assert case.namer.fresh("word_tasks") == "word_tasks"


# -- start_calls_early -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "early", "conditions"),
    [
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                results.append(ask(q))
            """,
            {0: "ask(q)"},
            {},
            id="call-inside-an-append",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                if q:
                    results.append(ask(q))
            """,
            {0: "ask(q)"},
            {0: "q"},
            id="call-under-a-condition-on-the-loop-variable",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                a = ask(q)
                results.append(ask(a))
            """,
            {1: "ask(a)"},
            {},
            id="call-on-the-future-of-a-dispatched-call",
        ),
        pytest.param(
            """\
            previous = "none"
            for q in ["a", "b"]:
                print(previous)
                previous = ask(q)
            """,
            {1: "ask(q)"},
            {},
            id="call-of-a-statement-the-dispatch-rule-declined",
        ),
    ],
)
def test_start_calls_early_fix(
    source: str, early: dict[int, str], conditions: dict[int, str]
) -> None:
    chosen = LoopCase(source).chosen(start_calls_early)
    assert {index: code(call) for index, call in chosen.early.items()} == early
    assert {index: code(test) for index, test in chosen.conditions.items()} == conditions


@pytest.mark.parametrize(
    ("source", "header"),
    [
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                a = ask(q)
                if a:
                    results.append(ask(q))
            """,
            ASK,
            id="condition-reads-a-future",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                results.append(ask(q) if q else None)
            """,
            ASK,
            id="call-not-always-made-by-its-statement",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                print(ask(q), ask(q + "!"))
            """,
            ASK,
            id="more-than-one-awaited-call-in-the-statement",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                print(q)
                n = len(q)
                results.append(ask(n))
            """,
            ASK,
            id="call-reads-a-value-only-the-second-loop-computes",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                results.append(ask_with_model(q))
                model = q
            """,
            ASK + ASK_WITH_MODEL,
            id="callee-reads-a-global-the-body-changes",
        ),
    ],
)
def test_start_calls_early_noop(source: str, header: str) -> None:
    chosen = LoopCase(source, header).chosen(start_calls_early)
    assert chosen.early == {} and chosen.conditions == {}


def test_start_calls_early_skips_statements_earlier_rules_took() -> None:
    case = LoopCase("""\
        for q in ["a", "b"]:
            a = ask(q)
            print(a)
        """)
    chosen = case.chosen(start_calls_early)
    assert dispatched_code(chosen) == {0: "ask(q)"} and chosen.early == {}


def test_start_calls_early_refuses_a_loop_with_an_unknown_effect() -> None:
    refused = LoopCase("""\
        results = []
        for q in ["a", "b"]:
            results.append(ask(q))
            mystery(q)
        """).run(start_calls_early)
    assert isinstance(refused, LoopRefusal)
    assert refused.reason == "`mystery(...)` is a call epic does not know the effects of"


# -- plan_loop, end to end -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "pending", "carried", "extracted", "memo", "nested"),
    [
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                answer = ask(q)
                results.append(answer)
            """,
            "answer_tasks",
            ("answer_task",),
            0,
            0,
            (),
            id="dispatched-call-carries-its-future",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                print(q)
                answer = ask(q)
            """,
            "answer_tasks",
            ("q", "answer_task"),
            0,
            0,
            (),
            id="loop-variable-read-in-the-second-loop-is-carried",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                results.append(ask(q))
            """,
            "ask_tasks",
            ("ask_task",),
            1,
            0,
            (),
            id="call-inside-a-statement-is-extracted",
        ),
        pytest.param(
            """\
            results = []
            for q in ["a", "b"]:
                if q:
                    results.append(ask(q))
            """,
            "ask_tasks",
            ("q", "ask_task"),
            1,
            0,
            (),
            id="conditional-call-carries-its-condition-input",
        ),
        pytest.param(
            """\
            cache = {}
            for state in ["a", "b", "a"]:
                if state not in cache:
                    cache[state] = ask(state)
                print(cache[state])
            """,
            "pending",
            ("state",),
            0,
            1,
            (),
            id="memo-call",
        ),
        pytest.param(
            """\
            for state in ["calm", "storm"]:
                print("expanding", state)
                for k in (1, 2):
                    word = ask(f"{state}-{k}")
                    print(word)
            """,
            "word_tasks_by_state",
            ("state", "word_tasks"),
            0,
            0,
            (1,),
            id="inner-loop-split-along",
        ),
        pytest.param(
            """\
            answer_task = None
            for q in ["a", "b"]:
                answer = ask(q)
                print(answer)
            """,
            "answer_tasks",
            ("answer_task2",),
            0,
            0,
            (),
            id="fresh-names-avoid-the-scripts-own",
        ),
    ],
)
def test_plan_loop_fix(
    source: str,
    pending: str,
    carried: tuple[str, ...],
    extracted: int,
    memo: int,
    nested: tuple[int, ...],
) -> None:
    module, facts = analysed(source)
    plan = plan_loop(find_loop(module), facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan), plan
    assert plan.pending == pending
    assert plan.carried == carried
    assert len(plan.extracted) == extracted
    assert len(plan.memo) == memo
    assert tuple(index for index, _ in plan.nested) == nested


def test_plan_loop_dispatch_and_retire_operations() -> None:
    module, facts = analysed("""\
        for q in ["a", "b"]:
            prompt = f"echo {q}"
            answer = ask(prompt)
            print(answer)
        """)
    plan = plan_loop(find_loop(module), facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan)
    assert op_names(plan.dispatch) == ["run 0", "spawn 1"]
    assert op_names(plan.retire) == ["resolve 1", "run 2"]
    # Each spawned task records the loop names it reads (captured if it is deferred).
    assert plan.dispatch.rebound_later == {1: frozenset({"prompt"})}


def test_plan_loop_extracted_call_on_a_dispatched_future() -> None:
    module, facts = analysed("""\
        results = []
        for q in ["a", "b"]:
            a = ask(q)
            results.append(ask(a))
        """)
    plan = plan_loop(find_loop(module), facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan)
    (extracted,) = plan.extracted
    assert (extracted.index, extracted.future) == (1, "ask_task")
    assert (extracted.params, extracted.dep_futures) == (("a",), ("a_task",))
    assert extracted.condition is None and not extracted.lazy


def test_plan_loop_condition_that_may_raise_is_marked() -> None:
    module, facts = analysed("""\
        results = []
        for q in ["a", "b"]:
            if q[0] == "a":
                results.append(ask(q))
        """)
    plan = plan_loop(find_loop(module), facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan)
    (extracted,) = plan.extracted
    assert code(extracted.condition) == 'q[0] == "a"'
    assert extracted.condition_may_raise


@pytest.mark.parametrize(
    ("source", "header", "reason"),
    [
        pytest.param(
            """\
            for q in ["a", "b"]:
                print(ask(q))
            else:
                print("done")
            """,
            ASK,
            "the loop has an `else` clause",
            id="else-clause",
        ),
        pytest.param(
            """\
            async def consume(queries):
                async for q in queries:
                    print(ask(q))
            """,
            ASK,
            "it is an `async for`",
            id="async-for",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                answer = ask(q)
                if answer == "stop":
                    break
            """,
            ASK,
            "`break` can end the loop early",
            id="break",
        ),
        pytest.param(
            """\
            seen = set()
            for q in ["a", "b"]:
                if q in seen:
                    continue
                seen.add(q)
                print(ask(q))
            """,
            ASK,
            "comes after a `continue`, which may skip it",
            id="continue",
        ),
        pytest.param(
            """\
            def answers(queries):
                for q in queries:
                    yield ask(q)
            """,
            ASK,
            "`yield` hands each iteration",
            id="yield",
        ),
        pytest.param(
            """\
            box = {}
            for box["q"] in ["a", "b"]:
                print(ask(box["q"]))
            """,
            ASK,
            "the loop variable is not a plain name",
            id="non-name-target",
        ),
        pytest.param(
            """\
            for q in mystery():
                print(ask(q))
            """,
            ASK,
            "evaluating what it iterates over has effects",
            id="effects-in-iterable-unknown-call",
        ),
        pytest.param(
            """\
            for q in ask("list").split():
                print(ask(q))
            """,
            ASK,
            "evaluating what it iterates over has effects",
            id="effects-in-iterable-external-call",
        ),
        pytest.param(
            """\
            queries = ["a"]
            for q in queries:
                answer = ask(q)
                queries = [answer]
            """,
            ASK,
            "the body changes what it iterates over",
            id="body-rebinds-iterable",
        ),
        pytest.param(
            """\
            queries = ["a"]
            for q in queries:
                answer = ask(q)
                queries.append(answer)
            """,
            ASK,
            "the body changes what it iterates over",
            id="body-mutates-iterable",
        ),
        pytest.param(
            """\
            for q in ["a", "b"]:
                answer = ask(q)
                print(answer)
                open("log.txt", "a").write(answer)
            """,
            ASK,
            '`open("log.txt", "a").write(...)` is a call epic does not know the effects of',
            id="unknown-effect",
        ),
        pytest.param(
            """\
            previous = "x"
            for q in ["a", "b"]:
                previous = ask(previous + q)
            """,
            ASK,
            "cannot start before the previous iteration is done",
            id="nothing-to-start",
        ),
        pytest.param(
            """\
            stream = client.chat.completions.create(model="m", messages=[], stream=True)
            for chunk in stream:
                print(ask(chunk.choices[0].delta.content))
            """,
            ASK + "from openai import OpenAI\n\nclient = OpenAI()\n\n\n",
            "it consumes a streamed response as it arrives",
            id="streamed-response",
        ),
    ],
)
def test_plan_loop_refusal(source: str, header: str, reason: str) -> None:
    module, facts = analysed(source, header)
    refused = plan_loop(find_loop(module), facts, fresh_namer(module))
    assert isinstance(refused, LoopRefusal), refused
    assert reason in refused.reason


# -- call-level rules (rewrites.py) ----------------------------------------------------

SLEEP_AND_GET = """\
import time
import requests
import subprocess
import openai


def ask(prompt):
    return requests.get("http://localhost/ask", params={"q": prompt}).text


time.sleep(1)
page = requests.get("http://localhost/")
subprocess.run(["true"])
legacy = openai.ChatCompletion.create(model="m", messages=[])
print(page, legacy, ask("x"), len("abc"))
"""


@pytest.mark.parametrize(
    ("call", "spelling"),
    [
        pytest.param("time.sleep(1)", Spelling.ASYNCIO_SLEEP, id="time-sleep-is-asyncio-sleep"),
        pytest.param('requests.get("http://localhost/")', Spelling.TO_THREAD, id="requests-get"),
        pytest.param('subprocess.run(["true"])', Spelling.TO_THREAD, id="subprocess-run"),
        pytest.param(
            'openai.ChatCompletion.create(model="m", messages=[])',
            Spelling.ACREATE,
            id="pre-1-0-openai-is-acreate",
        ),
        pytest.param('ask("x")', Spelling.SAME, id="async-script-function-awaited-as-is"),
    ],
)
def test_await_calls_fix_spelling(call: str, spelling: Spelling) -> None:
    facts = facts_of(SLEEP_AND_GET, header="")
    calls = await_calls(facts, [], {})
    assert calls[call_named(facts, call)].spelling is spelling


CLIENT_CALLS = """\
from openai import OpenAI

client = OpenAI()
reply = client.chat.completions.create(model="m", messages=[])
vectors = client.embeddings.create(model="e", input="x")
print(reply, vectors)
"""


@pytest.mark.parametrize(
    ("call", "depth"),
    [
        pytest.param('client.chat.completions.create(model="m", messages=[])', 3, id="chat"),
        pytest.param('client.embeddings.create(model="e", input="x")', 2, id="embeddings"),
    ],
)
def test_await_calls_fix_openai_client_call_goes_through_its_async_twin(
    call: str, depth: int
) -> None:
    facts = facts_of(CLIENT_CALLS, header="")
    calls = await_calls(facts, [], {})
    assert calls[call_named(facts, call)] == AwaitedCall(Spelling.CLIENT_TWIN, client_depth=depth)


def test_await_calls_fix_pragma_external_runs_on_a_thread() -> None:
    facts = facts_of('print(ask("x"))\n')
    calls = await_calls(facts, [], {})
    assert calls_by_code(calls)['ask("x")'] == AwaitedCall(Spelling.TO_THREAD)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param('len("abc")', id="pure-builtin"),
        pytest.param('print(page, legacy, ask("x"), len("abc"))', id="print"),
    ],
)
def test_await_calls_noop_calls_that_are_not_awaited(call: str) -> None:
    facts = facts_of(SLEEP_AND_GET, header="")
    assert call_named(facts, call) not in await_calls(facts, [], {})


def test_await_calls_noop_sync_script_function() -> None:
    facts = facts_of(
        """\
        def shout(text):
            return text.upper()


        print(shout("x"))
        """,
        header="",
    )
    assert await_calls(facts, [], {}) == {}


def test_await_calls_fix_call_a_split_loop_starts() -> None:
    module, facts = analysed("""\
        results = []
        for q in ["a", "b"]:
            results.append(ask(q))
        """)
    loop = find_loop(module)
    plan = plan_loop(loop, facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan)
    calls = await_calls(facts, [], {loop: plan})
    assert calls[plan.extracted[0].call].started == StartedTask("ask_task")
    assert calls[plan.extracted[0].call].spelling is Spelling.TO_THREAD


def test_await_calls_fix_memo_call_a_split_loop_starts() -> None:
    module, facts = analysed("""\
        cache = {}
        for state in ["a", "b", "a"]:
            if state not in cache:
                cache[state] = ask(state)
            print(cache[state])
        """)
    loop = find_loop(module)
    plan = plan_loop(loop, facts, fresh_namer(module))
    assert isinstance(plan, LoopPlan)
    (memo,) = plan.memo
    started = await_calls(facts, [], {loop: plan})[memo.call].started
    assert started is not None and started.future == "cache_tasks"
    assert started.key is memo.key


def test_await_calls_fix_call_started_in_place_by_a_block() -> None:
    module, facts = analysed('print(ask("one"), ask("two"))\n')
    block = plan_block(module.body[1:], facts, fresh_namer(module))
    calls = await_calls(facts, [block], {})
    # The first call the statement awaits: nothing runs before it, no task.
    assert calls[call_named(facts, 'ask("one")')].started is None
    # Awaited after the first one is in: started before the statement, as a task.
    assert calls[call_named(facts, 'ask("two")')].started == StartedTask("ask_task2")


def test_await_calls_noop_loop_plans_not_given() -> None:
    facts = facts_of("""\
        results = []
        for q in ["a", "b"]:
            results.append(ask(q))
        """)
    assert all(rewrite.started is None for rewrite in await_calls(facts, [], {}).values())


GATHERS = """\
items = ["a", "b"]
as_list = [ask(s) for s in items]
as_set = {ask(s) for s in items}
as_dict = {s: ask(s) for s in items}
lengths = [len(ask(s)) for s in items]
checked = [ask(s) for s in items if mystery(s)]
"""


@pytest.mark.parametrize(
    ("comprehension", "kind"),
    [
        pytest.param("[ask(s) for s in items]", GatherKind.LIST, id="list"),
        pytest.param("{ask(s) for s in items}", GatherKind.SET, id="set"),
        pytest.param("{s: ask(s) for s in items}", GatherKind.DICT, id="dict"),
    ],
)
def test_gather_comprehensions_fix(comprehension: str, kind: GatherKind) -> None:
    facts = facts_of(GATHERS)
    kinds = {code(node): found for node, found in gather_comprehensions(facts).items()}
    assert kinds[comprehension] is kind


def test_gather_comprehensions_fix_generator_for_an_eager_consumer() -> None:
    facts = facts_of('print(max(ask(s) for s in "ab"))\n')
    kinds = {code(node): found for node, found in gather_comprehensions(facts).items()}
    assert kinds == {'ask(s) for s in "ab"': GatherKind.GENERATOR}


@pytest.mark.parametrize(
    "comprehension",
    [
        pytest.param("[len(ask(s)) for s in items]", id="element-is-not-the-call"),
        pytest.param("[ask(s) for s in items if mystery(s)]", id="unknown-call-in-a-condition"),
    ],
)
def test_gather_comprehensions_noop(comprehension: str) -> None:
    facts = facts_of(GATHERS)
    assert comprehension not in {code(node) for node in gather_comprehensions(facts)}


MEMO = ASK + VALUE + 'print(value("a"), value("b"))\n'


def test_memo_guards_fix_async_memo_function() -> None:
    facts = facts_of(MEMO, header="")
    (function,) = facts.memo_functions
    guards = memo_guards(facts, frozenset({function}))
    guard = guards[function]
    assert (guard.cache, guard.key) == ("value_cache", "state")
    assert guard.check is facts.memo_functions[function].check


@pytest.mark.parametrize(
    ("source", "async_too"),
    [
        pytest.param(MEMO, False, id="memo-function-that-is-not-async"),
        pytest.param(
            ASK + 'def value(state):\n    return ask(state)\n\n\nprint(value("a"))\n',
            True,
            id="async-function-without-the-memo-shape",
        ),
    ],
)
def test_memo_guards_noop(source: str, async_too: bool) -> None:
    facts = facts_of(source, header="")
    functions = frozenset(f for f in facts.calls.functions if facts.is_async_function(f))
    assert memo_guards(facts, functions if async_too else frozenset()) == {}


def _inner_scopes(source: str, header: str = ASK) -> dict[str | None, str]:
    module, facts = analysed(source, header)
    plan = plan_module(module, facts)
    scopes = inner_scopes(module, plan.blocks, plan.loops, plan.rewrites.gathers)
    return {code(block.body[0]): name for block, name in scopes.items()}


@pytest.mark.parametrize(
    ("source", "scopes"),
    [
        pytest.param(
            """\
            try:
                a = ask("one")
                b = ask("two")
                print(a, b)
            except ValueError:
                print("bad")
            """,
            {'a = ask("one")\n': "inner_tasks"},
            id="try-body-that-spawns-tasks",
        ),
        pytest.param(
            """\
            with open("log.txt") as log:
                votes = [ask(s) for s in ["x", "y"]]
            """,
            {'votes = [ask(s) for s in ["x", "y"]]\n': "inner_tasks"},
            id="with-body-that-gathers",
        ),
        pytest.param(
            """\
            inner_tasks = 0
            try:
                for q in ["a", "b"]:
                    print(ask(q))
            except ValueError:
                pass
            """,
            {'for q in ["a", "b"]:\n    print(ask(q))\n': "inner_tasks2"},
            id="try-body-that-splits-a-loop-named-apart-from-the-scripts-names",
        ),
    ],
)
def test_inner_scopes_fix(source: str, scopes: dict[str, str]) -> None:
    assert _inner_scopes(source) == scopes


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            try:
                n = len("abc")
                print(ask("one"))
            except ValueError:
                pass
            """,
            id="try-body-that-starts-no-task",
        ),
        pytest.param(
            """\
            try:
                def both():
                    a = ask("one")
                    b = ask("two")
                    return a + b
            finally:
                print("defined")
            print(both())
            """,
            id="tasks-of-a-nested-function-are-its-own",
        ),
    ],
)
def test_inner_scopes_noop(source: str) -> None:
    assert _inner_scopes(source) == {}


@pytest.mark.parametrize(
    ("source", "maybe_unused"),
    [
        pytest.param("import time\n\ntime.sleep(1)\n", {"time"}, id="import-time"),
        pytest.param("import time as t\n\nt.sleep(1)\n", {"t"}, id="import-time-as"),
        pytest.param("from time import sleep\n\nsleep(1)\n", {"sleep"}, id="from-time-import"),
    ],
)
def test_needed_imports_fix(source: str, maybe_unused: set[str]) -> None:
    facts = facts_of(source, header="")
    imports = needed_imports(await_calls(facts, [], {}), "epic", uses_epic=True)
    assert imports == Imports(asyncio=True, epic="epic", maybe_unused=frozenset(maybe_unused))


@pytest.mark.parametrize(
    ("uses_epic", "expected"),
    [
        pytest.param(True, Imports(False, "epic", frozenset()), id="no-sleep-no-asyncio-shim-used"),
        pytest.param(False, Imports(False, None, frozenset()), id="shim-not-used"),
    ],
)
def test_needed_imports_noop(uses_epic: bool, expected: Imports) -> None:
    facts = facts_of("import requests\n\nprint(requests.get('u'))\n", header="")
    assert needed_imports(await_calls(facts, [], {}), "epic", uses_epic) == expected


# -- plan_block (schedule.py) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "ops"),
    [
        pytest.param(
            """\
            a = ask("one")
            b = ask("two")
            print(a, b)
            """,
            ["spawn 0", "spawn 1", "resolve 0", "resolve 1", "run 2"],
            id="two-independent-calls-then-a-print",
        ),
        pytest.param(
            """\
            a = ask("one")
            b = ask(f"more about {a}")
            print(b)
            """,
            ["run 0", "run 1", "run 2"],
            id="argument-needs-the-previous-value-nothing-to-overlap",
        ),
        pytest.param(
            """\
            a = ask("one")
            print(a)
            b = ask("two")
            print(b)
            """,
            ["spawn 0", "spawn 2", "resolve 0", "run 1", "resolve 2", "run 3"],
            id="later-call-starts-before-the-earlier-print",
        ),
        pytest.param(
            """\
            a = ask("one")
            print("hello")
            b = ask(f"more about {a}")
            c = ask("three")
            print(b, c)
            """,
            [
                "spawn 0",
                "spawn 2",
                "spawn 3",
                "resolve 0",
                "run 1",
                "resolve 2",
                "resolve 3",
                "run 4",
            ],
            id="dependent-call-spawned-after-its-input",
        ),
        pytest.param(
            """\
            a = ask("one")
            mystery()
            b = ask("two")
            c = ask("three")
            print(a, b, c)
            """,
            ["run 0", "run 1", "spawn 2", "spawn 3", "resolve 2", "resolve 3", "run 4"],
            id="unknown-effect-is-a-barrier",
        ),
    ],
)
def test_plan_block(source: str, ops: list[str]) -> None:
    module, facts = analysed(source)
    plan = plan_block(module.body[1:], facts, fresh_namer(module))
    assert op_names(plan) == ops


def test_plan_block_dependent_task_records_its_input() -> None:
    module, facts = analysed("""\
        a = ask("one")
        print("hello")
        b = ask(f"more about {a}")
        c = ask("three")
        print(b, c)
        """)
    plan = plan_block(module.body[1:], facts, fresh_namer(module))
    spawns = {op.task.index: op.task for op in plan.ops if isinstance(op, Spawn)}
    assert spawns[2].deps == (0,)
    assert (spawns[0].future, spawns[2].future) == ("a_task", "b_task")


@pytest.mark.parametrize(
    ("statement", "calls", "lazy_ok"),
    [
        pytest.param('print(ask("a"), ask("b"))', ['ask("a")', 'ask("b")'], False, id="every-call"),
        pytest.param('x = ask("a") if flag else None', [], False, id="conditional-call"),
        pytest.param('print(ask("a"), mystery())', [], False, id="unknown-call-beside-it"),
        pytest.param("x = ask(word[0])", [], False, id="argument-may-raise"),
        pytest.param("x = ask(word[0])", ["ask(word[0])"], True, id="argument-may-raise-lazy-ok"),
    ],
)
def test_extractable_calls(statement: str, calls: list[str], lazy_ok: bool) -> None:
    module, facts = analysed(f"flag = True\nword = 'w'\n{statement}\n")
    line = module.body[-1]
    found = extractable_calls(line, facts.statement_facts(line), facts, lazy_ok=lazy_ok)
    assert [code(call) for call in found] == calls


# -- raising.py ------------------------------------------------------------------------


def expression(source: str) -> cst.BaseExpression:
    return cst.parse_expression(source)


@pytest.mark.parametrize(
    ("source", "safe"),
    [
        pytest.param("42", True, id="integer"),
        pytest.param("name", True, id="name"),
        pytest.param("'text' 'more'", True, id="concatenated-string"),
        pytest.param("f'{a} and {b}'", True, id="f-string-of-names"),
        pytest.param("[a, (b, 'c'), {d}]", True, id="displays-of-safe-values"),
        pytest.param("{'k': v}", True, id="dict-display"),
        pytest.param("f'{a:>10}'", False, id="f-string-format-spec"),
        pytest.param("f'{a!r}'", False, id="f-string-conversion"),
        pytest.param("[*rest]", False, id="starred-element"),
        pytest.param("{**other}", False, id="dict-unpacking"),
        pytest.param("a[0]", False, id="subscript"),
        pytest.param("a.b", False, id="attribute"),
        pytest.param("a + 1", False, id="binary-operation"),
        pytest.param("len(a)", False, id="call"),
    ],
)
def test_is_safe(source: str, safe: bool) -> None:
    assert is_safe(expression(source)) is safe


@pytest.mark.parametrize(
    ("source", "safe"),
    [
        pytest.param("x = 'a'", True, id="safe-assignment"),
        pytest.param("x = y = name", True, id="chained-assignment-to-names"),
        pytest.param("pass", True, id="pass"),
        pytest.param("print('a', x)", True, id="print-of-safe-values"),
        pytest.param("'docstring'", True, id="string-expression"),
        pytest.param("x = 1; pass", True, id="several-safe-small-statements"),
        pytest.param("x.attr = 1", False, id="attribute-target"),
        pytest.param("x += 1", False, id="augmented-assignment"),
        pytest.param("print(x[0])", False, id="print-of-a-subscript"),
        pytest.param("log('a')", False, id="call-other-than-print"),
        pytest.param("if x:\n    pass", False, id="compound-statement"),
    ],
)
def test_cannot_raise(source: str, safe: bool) -> None:
    assert cannot_raise(cst.parse_statement(source + "\n")) is safe


@pytest.mark.parametrize(
    ("source", "safe"),
    [
        pytest.param("f(a, 'b', key=c)", True, id="names-strings-keywords"),
        pytest.param("f()", True, id="no-arguments"),
        pytest.param("f(a[0])", False, id="subscript-argument"),
        pytest.param("f(g(a))", False, id="call-argument"),
        pytest.param(
            "f(*parts)",
            False,
            id="star-argument",
        ),
        pytest.param(
            "f(**options)",
            False,
            id="double-star-argument",
        ),
    ],
)
def test_call_args_safe(source: str, safe: bool) -> None:
    call = expression(source)
    assert isinstance(call, cst.Call)
    assert call_args_safe(call) is safe


@pytest.mark.parametrize(
    ("source", "safe"),
    [
        pytest.param("items", True, id="name"),
        pytest.param("['a', 'b']", True, id="display"),
        pytest.param("range(3)", True, id="range-of-safe-arguments"),
        pytest.param("range(n + 1)", False, id="range-of-computed-bound"),
        pytest.param("sorted(items)", False, id="other-call"),
        pytest.param("items.keys()", False, id="method-call"),
    ],
)
def test_safe_iterable(source: str, safe: bool) -> None:
    assert safe_iterable(expression(source)) is safe


@pytest.mark.parametrize(
    ("source", "safe"),
    [
        pytest.param("[ask(q) for q in qs]", True, id="call-of-the-variable"),
        pytest.param("(ask(q) for q in qs)", True, id="generator"),
        pytest.param("[ask(q) for q in qs if q]", True, id="safe-condition"),
        pytest.param("[ask(a, b) for a in xs for b in range(2)]", True, id="nested-for"),
        pytest.param("[ask(q[0]) for q in qs]", False, id="argument-may-raise"),
        pytest.param("[ask(q) for q in range(n + 1)]", False, id="iterable-may-raise"),
        pytest.param("[ask(q) for q in qs if q[0]]", False, id="condition-may-raise"),
        pytest.param("[ask(a) for a, b in pairs]", False, id="unpacking-target"),
        pytest.param("[q for q in qs]", False, id="element-is-not-a-call"),
        pytest.param(
            "[ask(b) for a in xs for b in a.split()]", False, id="inner-iterable-may-raise"
        ),
    ],
)
def test_gather_safe(source: str, safe: bool) -> None:
    comprehension = expression(source)
    assert isinstance(comprehension, (cst.ListComp, cst.GeneratorExp))
    assert gather_safe(comprehension) is safe


# -- Namer -----------------------------------------------------------------------------


def test_namer_fresh_skips_taken_names_and_takes_what_it_hands_out() -> None:
    names = Namer({"task", "task2"})
    assert names.fresh("task") == "task3"
    assert names.fresh("task") == "task4"
    assert names.fresh("other") == "other"
    assert names.fresh("other") == "other2"


def test_namer_fork_does_not_take_names_until_adopted() -> None:
    names = Namer({"a_task"})
    trial = names.fork()
    assert trial.fresh("a_task") == "a_task2"
    assert names.fresh("a_task") == "a_task2"  # the parent did not see the fork's
    dropped = names.fork()
    assert dropped.fresh("c_task") == "c_task"
    names.adopt(trial)
    assert names.fresh("a_task") == "a_task3"  # both a_task2: see the report
    assert names.fresh("c_task") == "c_task"  # the dropped fork's names stay free


def test_namer_fork_starts_from_the_names_taken_so_far() -> None:
    names = Namer()
    names.fresh("x")
    assert names.fork().fresh("x") == "x2"


# -- may-alias facts (analysis/names.py) -------------------------------------------------


def test_unshared_windows_end_where_the_container_escapes() -> None:
    import libcst as cst

    from transpiler.analysis.names import alias_graph

    module = cst.parse_module(
        "m = []\nm.append(1)\nk = m[0]\nif k:\n    m.append(2)\nf(m)\nm.append(3)\n"
    )
    graph = alias_graph(module, lambda call: False)
    body = module.body
    branch = body[3]
    assert isinstance(branch, cst.If) and isinstance(branch.body, cst.IndentedBlock)
    inside_if = branch.body.body[0]
    for statement in (body[1], body[2], body[3], inside_if):
        assert graph.unshared.get(statement) == frozenset({"m"})
    for statement in (body[0], body[4], body[5]):  # the binding, ``f(m)``, after it
        assert graph.unshared.get(statement, frozenset()) == frozenset()


def test_unshared_windows_look_at_each_statement_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many fresh containers in one long block: the cost grows with the statements, not
    with the statements times the containers (each statement's uses are found once)."""
    import libcst as cst

    from transpiler.analysis import names

    count = 0
    real = names._escaping

    def counting(node: cst.CSTNode) -> frozenset[str]:
        nonlocal count
        count += 1
        return real(node)

    monkeypatch.setattr(names, "_escaping", counting)
    source = "".join(f"x{i} = []\nx{i}.append({i})\n" for i in range(300))
    module = cst.parse_module(source)
    graph = names.alias_graph(module, lambda call: False)
    assert count == 600
    assert graph.unshared.get(module.body[-1]) == frozenset(f"x{i}" for i in range(300))


# -- urlopen: which requests only read (analysis/calls.py) -----------------------------


@pytest.mark.parametrize(
    ("setup", "target", "kind"),
    [
        pytest.param("", '"https://example.com/a"', "read", id="url"),
        pytest.param('url = "https://example.com/" + "a"\n', "url", "read", id="url-name"),
        pytest.param("", 'Request("https://example.com/a")', "read", id="request-without-data"),
        pytest.param(
            "", 'Request(f"{base}/chat/completions", data=b"{}")', "inference", id="model-endpoint"
        ),
        pytest.param("", 'Request("https://x/records", data=b"{}")', "ordered", id="post"),
        pytest.param("", 'Request("https://x/a", method="DELETE")', "ordered", id="another-method"),
        pytest.param('req = Request("https://x/r", data=b"1")\n', "req", "ordered", id="post-name"),
        pytest.param("def f(target):\n    return ", "target", "ordered", id="parameter"),
    ],
)
def test_urlopen_is_a_read_only_for_a_url_or_a_request_without_data(
    setup: str, target: str, kind: str
) -> None:
    source = (
        "from urllib.request import Request, urlopen\nbase = 'http://h'\n"
        f"{setup}urlopen({target})\n"
    )
    module, facts = analysed(source, "")
    (call,) = [c for c in facts.calls.targets if cst.Module([]).code_for_node(c.func) == "urlopen"]
    target_call = facts.calls.targets[call]
    assert isinstance(target_call, ExternalCall)
    found = "ordered" if target_call.ordered else "read" if target_call.reads_world else "inference"
    assert found == kind


# -- sinks: module-level lists functions only append to (analysis/counters.py) ---------


_SINK_HELPER = """
def carry_out(step):
    print("step", step)
    results.append(ask(step))
"""


@pytest.mark.parametrize(
    "use",
    [
        pytest.param("print(len(results), results)", id="builtins-that-read"),
        pytest.param('print(" | ".join(results))', id="join"),
        pytest.param("for r in results:\n    print(r)", id="loop-iterable"),
        pytest.param("print(results[0], results[1:])", id="subscript"),
        pytest.param('if "a" in results:\n    print("a")', id="comparison"),
        pytest.param('print(f"{results}")', id="f-string"),
        pytest.param("results.sort()", id="its-own-method"),
        pytest.param("for i, r in enumerate(results):\n    print(i, r)", id="enumerate"),
    ],
)
def test_find_counters_fix_sink(use: str) -> None:
    module, facts = analysed("results = []\n" + _SINK_HELPER + "carry_out('a')\n" + use + "\n")
    assert facts.counters.sinks == frozenset({"results"})
    assert [code(call) for call in facts.counters.appends] == ["results.append(ask(step))"]


@pytest.mark.parametrize(
    ("source", "why"),
    [
        pytest.param("results = []\n" + _SINK_HELPER + "alias = results\n", "aliased", id="alias"),
        pytest.param(
            "results = []\n" + _SINK_HELPER + "def show(xs):\n    print(xs)\nshow(results)\n",
            "handed to a function",
            id="passed",
        ),
        pytest.param(
            "results = []\n" + _SINK_HELPER + "def count():\n    return len(results)\n",
            "read in a function",
            id="read-in-function",
        ),
        pytest.param(
            "results = []\n" + _SINK_HELPER + "results = []\n", "bound twice", id="rebound"
        ),
        pytest.param(
            "results = seen = []\n" + _SINK_HELPER, "two names for one list", id="two-names"
        ),
        pytest.param(
            "results = []\ndef f(x):\n    results.extend(x)\n", "not an append", id="extend"
        ),
        pytest.param(
            "results = []\ndef f(x):\n    results.append(results)\n",
            "the item mentions the list",
            id="self-append",
        ),
        pytest.param(
            "results = []\n" + _SINK_HELPER + "g = lambda: results\n", "in a lambda", id="lambda"
        ),
    ],
)
def test_find_counters_noop_sink(source: str, why: str) -> None:
    _, facts = analysed(source)
    assert facts.counters.sinks == frozenset(), why
    assert not facts.counters.appends


def test_find_counters_sink_local_of_the_same_name_is_not_a_use() -> None:
    _, facts = analysed(
        "results = []\n" + _SINK_HELPER + "def f(results):\n    return len(results)\n"
    )
    assert facts.counters.sinks == frozenset({"results"})


# -- in-order blocks (plan/in_order.py) -------------------------------------------------


_STREAM_LOOP = """
import sys

results = []


def carry_out(line):
    print("step", line)
    results.append(ask(line))


buffer = ""
for piece in ["a\\nb", "\\nc\\n"]:
    buffer += piece
    while "\\n" in buffer:
        line, buffer = buffer.split("\\n", 1)
        {site}
{after}
print(results)
"""


def _in_order_blocks(source: str) -> list[tuple[int, int, str, list[str]]]:
    module, facts = analysed(source)
    plan = plan_module(module, facts)
    blocks = [*plan.blocks.values(), *([plan.main.block] if plan.main is not None else [])]
    return [
        (region.first, region.last, region.name, [code(c) or "" for c in region.calls])
        for block in blocks
        for region in block.in_order
    ]


@pytest.mark.parametrize(
    ("site", "after", "calls"),
    [
        pytest.param("carry_out(line)", "", ["carry_out(line)"], id="in-a-while-in-a-for"),
        pytest.param(
            "carry_out(line)",
            "if buffer:\n    carry_out(buffer)",
            ["carry_out(line)", "carry_out(buffer)"],
            id="and-the-rest-after-the-loop",
        ),
        pytest.param(
            "if line:\n            carry_out(line)", "", ["carry_out(line)"], id="under-an-if"
        ),
        pytest.param(
            "carry_out(line.upper())", "", ["carry_out(line.upper())"], id="argument-computed"
        ),
    ],
)
def test_plan_in_order_fix(site: str, after: str, calls: list[str]) -> None:
    (block,) = _in_order_blocks(_STREAM_LOOP.format(site=site, after=after))
    assert block[2] == "carry_out_calls"
    assert block[3] == calls


def test_plan_in_order_fix_the_loop_prints_in_order_with_the_calls() -> None:
    source = _STREAM_LOOP.format(site="carry_out(line)\n        print(line)", after="print()")
    module, facts = analysed(source)
    plan = plan_module(module, facts)
    assert plan.main is not None
    (region,) = plan.main.block.in_order
    # The ``print()`` after the loop is outside the block: no call follows it.
    assert [code(c) for c in region.prints] == ["print(line)"]


@pytest.mark.parametrize(
    ("site", "after"),
    [
        pytest.param(
            "carry_out(line)\n        print(line, file=sys.stderr)",
            "",
            id="the-loop-prints-elsewhere-between-the-calls",
        ),
        pytest.param(
            "carry_out(line)\n        print(len(results))", "", id="the-loop-reads-the-sink"
        ),
        pytest.param(
            "try:\n            carry_out(line)\n        except ValueError:\n            pass",
            "",
            id="a-try-around-the-call",
        ),
        pytest.param("x = carry_out(line)", "", id="its-value-is-used"),
        pytest.param("print(carry_out(line))", "", id="inside-a-larger-statement"),
        pytest.param("carry_out(line)\n        input()", "", id="an-unknown-call-in-the-loop"),
    ],
)
def test_plan_in_order_noop(site: str, after: str) -> None:
    assert _in_order_blocks(_STREAM_LOOP.format(site=site, after=after)) == []


def test_plan_in_order_noop_the_loop_changes_what_a_call_was_given() -> None:
    source = """
    def carry_out(parts):
        print("step", parts)
        return ask(str(parts))

    parts = []
    for piece in ["a", "b"]:
        parts.append(piece)
        carry_out(parts)
    """
    assert _in_order_blocks(source) == []


def test_plan_in_order_noop_the_loop_rebinds_a_global_the_callee_reads() -> None:
    source = """
    MODEL = "a"

    def carry_out(line):
        print(line)
        return ask(line + MODEL)

    for piece in ["a", "b"]:
        MODEL = piece
        carry_out(piece)
    """
    assert _in_order_blocks(source) == []
