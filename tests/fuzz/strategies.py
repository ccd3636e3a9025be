"""Hypothesis strategies that draw whole sequential programs, as source text.

A program declares its external functions itself, with the pragma, and each one goes
through the ``_world`` object the harness injects into the program's globals::

    def ext_a(x):  # epic: external
        return _world.call("a", x, fails=(3, "p1"), exc=ValueError)

``_world.call`` returns an ``int`` derived from ``(name, x)``, ``_world.text`` a ``str``;
both raise ``exc(f"boom {name} {x}")`` when ``x`` is one of ``fails`` (the arguments this
program designates as failing). Everything else is ordinary Python over ints, strings,
lists and dicts: assignments (and list aliases), string and arithmetic work, prints,
``if``/``elif``, ``for`` with accumulators (``append``, ``+=``, ``d[k] = v``) and the
loop shape epic splits with twists (the loop variable rebound, output, ``break``,
``continue``, ``raise``, skips first in the body with or without a branch, pure code
before them that may raise, a per-item ``try`` whose handler continues, an opaque call
in a loop marked ``# epic: independent``, the loop variable read after the loop, an
inline retry loop around each item's call, a function applying the function it is
given),
``while`` with ``break``, list/dict comprehensions (pairs ``(x, f(x))`` too), ``list(map(f, xs))``,
``sorted(xs, key=f)``, ``max``/``min(xs, key=f)``, ``any``/
``all``, helper functions that call externals (and mutate a list argument, a global
list, or read or rebind a global ``G``; some under a ``tenacity``/``backoff`` retry
decorator or one written by hand with ``functools.wraps``, plain or made by a factory),
bounded recursion, memo caches, ``try``/
``except``/``else``/``finally``, and, in a few programs, variable names the generated
code also uses (``tasks``, ``epic``, ``<name>_task``...). Programs always terminate:
loops are bounded (``for`` over ranges and list slices, ``while`` with a counter that
nothing else rebinds), recursion has a bounded argument. The exceptions are the ones
the world raises, plus an occasional ``ZeroDivisionError`` or explicit ``raise``.

The generator is written so that hypothesis shrinks towards small programs: every
choice lists its simplest option first, and statement lists shrink towards empty.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

INT = "int"
STR = "str"
LIST = "list"  # list of ints
DICT = "dict"  # dict int -> int

INT_POOL = tuple(range(8))
STR_POOL = ("p0", "p1", "p2", "p3")
EXCEPTIONS = ("ValueError", "KeyError", "RuntimeError")
#: Names a user script may well use that the generated code also uses.
HOSTILE_NAMES = ("tasks", "result", "epic", "asyncio", "x_task", "value", "main", "e")
VARIABLE_PREFIXES = ("n", "s", "l", "d", "acc", "tot")

MAX_DEPTH = 2  # nesting of compound statements
MAX_EXPR = 2  # nesting of expressions


@dataclass(frozen=True)
class External:
    func: str  # the function the program defines, e.g. ``ext_a``
    key: str  # the name the world sees, e.g. ``a``
    returns: str  # INT or STR
    fails: tuple[int | str, ...]
    exc: str

    def definition(self) -> str:
        method = "call" if self.returns == INT else "text"
        fails = "(" + "".join(f"{v!r}, " for v in self.fails) + ")"
        return (
            f"def {self.func}(x):  # epic: external\n"
            f"    return _world.{method}({self.key!r}, x, fails={fails}, exc={self.exc})\n"
        )


@dataclass(frozen=True)
class Callee:
    """A script function that main code may call: name, argument type, result type."""

    name: str
    param: str
    returns: str


@dataclass(frozen=True)
class Program:
    source: str
    externals: tuple[External, ...]
    shapes: tuple[str, ...] = ()  # the issue-11 shapes it contains (SHAPES)
    # A program of two modules (a third of them): ``source`` is the main script, which
    # imports the externals, globals and functions from these modules (name, text).
    modules: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:  # hypothesis prints the falsifying example with repr()
        modules = "".join(f"module {name}: <<<\n{text}>>>\n" for name, text in self.modules)
        return f"Program({modules}source=<<<\n{self.source}>>>)"


#: The module a split program's definitions go to.
LIBRARY = "fuzzlib"


#: Decorators written by hand, as people write retries (``helper`` applies them).
WRAPPERS = """import functools


def retried(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as e:
            print("retry", fn.__name__, type(e).__name__)
            return fn(*args, **kwargs)

    return wrapper


def attempts(times=2):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except Exception:
                    if attempt == times - 1:
                        raise
            return None

        return wrapper

    return decorate
"""


def split_program(
    sections: list[str], main_sections: list[str], *, star: bool = False
) -> tuple[str, str]:
    """A program's definitions as a module of their own, and the main script that
    imports every name they bind (by name, or ``from fuzzlib import *``): the same
    program in two files, for whole-program mode."""
    library = "\n\n".join(sections)
    names = sorted(
        {
            target.id
            for node in ast.parse(library).body
            for target in (
                node.targets
                if isinstance(node, ast.Assign)
                else (
                    [ast.Name(node.name)]
                    if isinstance(node, ast.FunctionDef | ast.ClassDef)
                    else []
                )
            )
            if isinstance(target, ast.Name)
        }
    )
    header = "import backoff\nimport tenacity\n"
    if star:
        header += f"from {LIBRARY} import *\n"
    elif names:
        header += f"from {LIBRARY} import {', '.join(names)}\n"
    return library, "\n\n".join([header, *main_sections])


@dataclass
class Scope:
    """What the code at one point may use."""

    names: dict[str, str] = field(default_factory=dict)  # variable -> type
    in_loop: bool = False
    in_function: bool = False  # ``return`` allowed
    returns: str = INT  # the function's result type

    def child(self, **changes: Any) -> Scope:
        scope = Scope(dict(self.names), self.in_loop, self.in_function, self.returns)
        for key, value in changes.items():
            setattr(scope, key, value)
        return scope

    def of(self, kind: str) -> list[str]:
        return sorted(n for n, t in self.names.items() if t == kind)


def indent(lines: list[str], by: int = 1) -> list[str]:
    return ["    " * by + line for line in lines]


class Generator:
    """One program being drawn; ``draw`` is hypothesis' ``draw`` of a composite."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        self.draw = draw
        self.counter = 0
        self.externals: list[External] = []
        self.callees: list[Callee] = []  # helpers, memos, recursions (callable from main)
        self.globals_: dict[str, str] = {}  # module-level containers helpers may touch
        self.hostile = False
        self.used_hostile: set[str] = set()
        self.variables: list[str] = []
        self.labels = 0
        self.protected: set[str] = set()  # names never rebound (while-loop counters)

    # ------------------------------------------------------------------ basics

    def fresh(self, prefix: str) -> str:
        """A new name; in a "hostile" program, variables sometimes get names that the
        generated code also uses (``tasks``, ``epic``, ``<name>_task``...)."""
        self.counter += 1
        if self.hostile and prefix in VARIABLE_PREFIXES and self.draw(st.integers(0, 3)) == 0:
            name = self.choose(list(HOSTILE_NAMES))
            if name == "x_task":  # the task name epic gives an earlier variable
                earlier = [n for n in self.variables if not n.endswith("_task")]
                name = f"{earlier[-1]}_task" if earlier else f"n{self.counter}_task"
            if name not in self.used_hostile:
                self.used_hostile.add(name)
                self.variables.append(name)
                return name
        name = f"{prefix}{self.counter}"
        self.variables.append(name)
        return name

    def choose(self, options: list[str]) -> str:
        chosen: str = self.draw(st.sampled_from(options))
        return chosen

    def weighted(self, options: list[tuple[str, int]]) -> str:
        """One of ``options`` (name, weight); shrinks towards the first one."""
        chosen: str = self.draw(
            st.sampled_from([name for name, weight in options for _ in range(weight)])
        )
        return chosen

    def small(self, low: int = 0, high: int = 3) -> int:
        value: int = self.draw(st.integers(low, high))
        return value

    def external(self, returns: str | None = None) -> External:
        pool = [e for e in self.externals if returns is None or e.returns == returns]
        chosen: External = self.draw(st.sampled_from(pool))
        return chosen

    # ------------------------------------------------------------- expressions

    def expr(self, kind: str, scope: Scope, depth: int = MAX_EXPR) -> str:
        if kind == INT:
            return self.int_expr(scope, depth)
        if kind == STR:
            return self.str_expr(scope, depth)
        if kind == LIST:
            names = scope.of(LIST)
            if names and self.draw(st.booleans()):
                return self.choose(names)
            return (
                "["
                + ", ".join(self.int_expr(scope, depth - 1) for _ in range(self.small(0, 2)))
                + "]"
            )
        raise AssertionError(kind)

    def arg(self, scope: Scope, depth: int) -> str:
        """An argument to an external call: a small int, a prompt string, or now and
        then a list (mutable: the call must see it as the sequential program would)."""
        kinds = [INT, STR, INT, STR] + ([LIST] if scope.of(LIST) else [])
        return self.expr(self.choose(kinds), scope, depth)

    def call_of(self, callee: Callee, scope: Scope, depth: int) -> str:
        if callee.name.startswith("rec"):
            return f"{callee.name}({self.int_expr(scope, depth)} % 4)"
        if callee.name.startswith("memo"):
            return f"{callee.name}({self.int_expr(scope, depth)} % 3)"
        return f"{callee.name}({self.expr(callee.param, scope, depth)})"

    def int_expr(self, scope: Scope, depth: int = MAX_EXPR) -> str:
        options = [("literal", 2)]
        if scope.of(INT):
            options.append(("name", 3))
        if depth > 0:
            options += [("external", 5), ("arith", 2), ("len", 1)]
            if scope.of(LIST):
                options.append(("list", 1))
            if scope.of(DICT):
                options.append(("dict", 1))
            if any(c.returns == INT for c in self.callees):
                options.append(("callee", 3))
            # (``divide`` and a dict ``lookup`` may raise: as call arguments they must
            # raise where the call stood, not where it was started)
            options += [("conditional", 1), ("mod", 1), ("divide", 1)]
            if scope.of(DICT):
                options.append(("lookup", 1))
        what = self.weighted(options)
        d = depth - 1
        if what == "literal":
            return str(self.draw(st.sampled_from(INT_POOL)))
        if what == "name":
            return self.choose(scope.of(INT))
        if what == "external":
            ext = self.external(INT)
            return f"{ext.func}({self.arg(scope, d)})"
        if what == "arith":
            left, right = self.int_expr(scope, d), self.int_expr(scope, d)
            op = self.choose(["+", "-", "*"])
            return f"({left} {op} {right})"
        if what == "mod":
            return f"({self.int_expr(scope, d)} % {self.small(2, 8)})"
        if what == "divide":
            return f"(60 // ({self.int_expr(scope, d)} % 3))"
        if what == "lookup":
            return f"{self.choose(scope.of(DICT))}[{self.int_expr(scope, d)} % 4]"
        if what == "len":
            return f"len({self.str_expr(scope, d)})"
        if what == "list":
            name = self.choose(scope.of(LIST))
            return self.choose([f"len({name})", f"sum({name})", f"max({name}, default=0)"])
        if what == "dict":
            name = self.choose(scope.of(DICT))
            return self.choose(
                [
                    f"len({name})",
                    f"sum({name}.values())",
                    f"{name}.get({self.int_expr(scope, d)}, 0)",
                ]
            )
        if what == "callee":
            callee = self.draw(st.sampled_from([c for c in self.callees if c.returns == INT]))
            return self.call_of(callee, scope, d)
        if what == "conditional":
            return f"({self.int_expr(scope, d)} if {self.cond(scope, d)} else {self.int_expr(scope, d)})"
        raise AssertionError(what)

    def str_expr(self, scope: Scope, depth: int = MAX_EXPR) -> str:
        options = [("literal", 2)]
        if scope.of(STR):
            options.append(("name", 3))
        if depth > 0:
            options += [("fstring", 2), ("external", 4), ("method", 1)]
            if any(c.returns == STR for c in self.callees):
                options.append(("callee", 2))
        what = self.weighted(options)
        d = depth - 1
        if what == "literal":
            return repr(self.draw(st.sampled_from(STR_POOL)))
        if what == "name":
            return self.choose(scope.of(STR))
        if what == "fstring":
            return f'f"p{{{self.int_expr(scope, d)}}}"'
        if what == "external":
            if any(e.returns == STR for e in self.externals):
                ext = self.external(STR)
                return f"{ext.func}({self.arg(scope, d)})"
            return f"str({self.external(INT).func}({self.arg(scope, d)}))"
        if what == "method":
            inner = self.str_expr(scope, d)
            return self.choose(
                [
                    f"{inner}.upper()",
                    f"({inner} + '!')",
                    f"{inner}[:3]",
                    f"str({self.int_expr(scope, d)})",
                ]
            )
        if what == "callee":
            callee = self.draw(st.sampled_from([c for c in self.callees if c.returns == STR]))
            return self.call_of(callee, scope, d)
        raise AssertionError(what)

    def cond(self, scope: Scope, depth: int = MAX_EXPR) -> str:
        what = self.choose(["even", "greater", "contains", "startswith", "any"])
        if what == "any" and depth > 0:
            var = self.fresh("a")
            inner = scope.child()
            inner.names[var] = INT
            test = f"{self.int_expr(inner, depth - 1)} > {self.small(20, 80)}"
            body = f"{test} for {var} in range({self.small(0, 3)})"
            function = self.choose(["any", "all"])
            return f"{function}([{body}])" if self.draw(st.booleans()) else f"{function}({body})"
        if what in ("even", "any"):
            return f"{self.int_expr(scope, depth)} % 2 == 0"
        if what == "greater":
            return f"{self.int_expr(scope, depth)} > {self.small(0, 60)}"
        if what == "contains":
            return f"'{self.small(0, 9)}' in {self.str_expr(scope, depth)}"
        return f"{self.str_expr(scope, depth)}.startswith('{self.choose(['p', 'a', 'b'])}')"

    # -------------------------------------------------------------- statements

    def block(self, scope: Scope, depth: int, low: int = 1, high: int = 4) -> list[str]:
        """A statement list; new names stay in ``scope`` (the caller passes a copy)."""
        lines: list[str] = []
        for _ in range(self.draw(st.integers(low, high))):
            lines += self.statement(scope, depth)
        return lines or ["pass"]

    def statement(self, scope: Scope, depth: int) -> list[str]:
        options = [("assign", 8), ("print", 3), ("call", 1)]
        if scope.of(INT):
            options.append(("augment", 1))
        if scope.of(LIST):
            options.append(("append", 1))
        if "trace" in self.globals_:
            options.append(("trace", 1))
        if scope.of(DICT):
            options.append(("setitem", 1))
        if depth > 0:
            options += [
                ("if", 2),
                ("for", 2),
                ("fanout", 3),
                ("while", 1),
                ("comprehension", 2),
                ("try", 2),
            ]
        if scope.in_loop:
            options += [("break", 1), ("continue", 1)]
        if scope.in_function:
            options.append(("return", 1))
        options += [("divide", 1), ("dict", 1), ("generator", 1)]
        if "G" in self.globals_ and not scope.in_function:
            options.append(("setglobal", 1))
        what = self.weighted(options)
        lines: list[str] = getattr(self, f"stmt_{what}")(scope, depth)
        return lines

    def bind(self, scope: Scope, kind: str) -> str:
        """A name to assign a value of ``kind`` to: new, or rebinding one of that type."""
        existing = [n for n in scope.of(kind) if n not in self.protected]
        if existing and self.draw(st.integers(0, 3)) == 0:
            return self.choose(existing)
        name = self.fresh({INT: "n", STR: "s", LIST: "l", DICT: "d"}[kind])
        scope.names[name] = kind
        return name

    def stmt_assign(self, scope: Scope, depth: int) -> list[str]:
        kind = self.choose([INT, STR, INT, STR, LIST])  # a list value may be an alias
        value = self.expr(kind, scope)
        return [f"{self.bind(scope, kind)} = {value}"]

    def stmt_print(self, scope: Scope, depth: int) -> list[str]:
        parts = [self.expr(self.choose([INT, STR, LIST]), scope) for _ in range(self.small(1, 2))]
        self.labels += 1
        return [f'print("out{self.labels}", {", ".join(parts)})']

    def stmt_call(self, scope: Scope, depth: int) -> list[str]:
        """A bare call whose result is dropped."""
        if self.callees and self.draw(st.booleans()):
            callee = self.draw(st.sampled_from(self.callees))
            return [self.call_of(callee, scope, 1)]
        return [f"{self.external().func}({self.arg(scope, 1)})"]

    def stmt_augment(self, scope: Scope, depth: int) -> list[str]:
        names = [n for n in scope.of(INT) if n not in self.protected]
        if not names:
            return self.stmt_print(scope, depth)
        return [f"{self.choose(names)} += {self.int_expr(scope)}"]

    def stmt_append(self, scope: Scope, depth: int) -> list[str]:
        return [f"{self.choose(scope.of(LIST))}.append({self.int_expr(scope)})"]

    def stmt_setglobal(self, scope: Scope, depth: int) -> list[str]:
        """Rebind the module-level ``G`` that some helpers read when they run."""
        return [f"G = {self.int_expr(scope)}"]

    def stmt_trace(self, scope: Scope, depth: int) -> list[str]:
        return [f"trace.append({self.int_expr(scope)})"]

    def stmt_setitem(self, scope: Scope, depth: int) -> list[str]:
        return [
            f"{self.choose(scope.of(DICT))}[{self.int_expr(scope, 1)}] = {self.int_expr(scope)}"
        ]

    def stmt_fanout(self, scope: Scope, depth: int) -> list[str]:
        """The loop shape epic splits (a dispatch loop, then a retire loop), with twists:
        quick code before the call, the loop variable rebound, output, early exits,
        accumulators read by the call, results stored in several ways."""
        var = self.fresh("i")
        store = self.choose(
            [
                "append",
                "nested append",
                "setitem",
                "augment",
                "nested setitem",
                "guarded append",
                "tried append",
                "text",
            ]
        )
        target = self.fresh(
            "d"
            if "setitem" in store
            else "acc" if "append" in store else "txt" if store == "text" else "tot"
        )
        kind = (
            DICT
            if "setitem" in store
            else LIST if "append" in store else STR if store == "text" else INT
        )
        start = {DICT: "{}", LIST: "[]", STR: '""'}.get(kind, "0")
        lines = [f"{target} = {start}"]
        iterable = self.choose(["range", "list", "strings", "range2", "called"])
        if iterable == "called" and any(e.returns == STR for e in self.externals):
            # the loop's head makes a request (lifted before the loop, started early)
            ext = self.external(STR)
            head = f"{ext.func}({self.arg(scope, 1)}).split()[:3]"
            if self.draw(st.booleans()):
                head = f"list({head})"
            lines.append(f"for {var} in {head}:")
            iterable = "strings"
        elif iterable == "list" and scope.of(LIST):
            # a slice: the body may grow the list (directly, through an alias or a
            # helper), which must not make the loop endless
            lines.append(f"for {var} in {self.choose(scope.of(LIST))}[:4]:")
        elif iterable == "strings":
            lines.append(f"for {var} in {list(STR_POOL[: self.small(1, 4)])!r}:")
        elif iterable == "range2":
            lines.append(f"for {var} in range({self.small(0, 2)}, {self.small(2, 5)}):")
        else:
            lines.append(f"for {var} in range({self.small(0, 4)}):")
        body_scope = scope.child(in_loop=True)
        body_scope.names[var] = STR if iterable == "strings" else INT
        body_scope.names[target] = kind
        body: list[str] = []
        argument = var
        prefix = self.choose(
            [
                "none",
                "quick",
                "rebind",
                "outer",
                "carried",
                "statements",
                "skip",
                "computed skip",
                "opaque",
            ]
        )
        if prefix == "quick":
            name = self.fresh("q")
            body.append(f'{name} = f"q{{{var}}}"')
            body_scope.names[name] = STR
            argument = name
        elif prefix == "rebind":
            body.append(f"{var} = {var} * 2" if iterable != "strings" else f"{var} = {var} + '!'")
        elif prefix == "outer" and scope.of(INT):
            argument = f"{var} + {self.choose(scope.of(INT))}" if iterable != "strings" else var
        elif prefix == "carried":
            body.append(
                f"{var} = {var} + len({target})"
                if iterable != "strings"
                else f"{var} = {var} * len({target})"
            )
        elif prefix == "statements":
            body += self.block(body_scope, depth - 1, 1, 2)
        elif prefix == "opaque":
            # something epic cannot see before the call: the call stays in order even
            # in a loop marked independent
            body.append(f'OPAQUE[0]("before", {var})')
        elif prefix in ("skip", "computed skip"):
            # ``if test: continue`` first in the body: decided ahead of the item's calls
            # when the test reads only the item and invariants (a lookup or a division
            # that may raise included), in order when it reads what the body changes
            subject = var if iterable != "strings" else f"len({var})"
            if prefix == "computed skip":
                name = self.fresh("k")
                body.append(f"{name} = 12 // ({subject} - 1)")
                body_scope.names[name] = INT
                subject = name
            test = self.choose(
                [
                    f"{subject} % 2 == 1",
                    f"{subject} > {self.choose(scope.of(INT) or ['2'])}",
                    f"{{0: 1, 1: 3, 2: 5}}[{subject}] > 2",
                    f"{subject} in {{1, 3}}",
                    f"len({target}) > 1" if kind in (LIST, DICT, STR) else f"{target} > 40",
                ]
            )
            body.append(f"if {test}:")
            if self.draw(st.booleans()):
                body.append(f'    print("skip", {var})')  # the branch runs in order too
            body.append("    continue")
        ext = self.external()
        call = f"{ext.func}({argument})"
        value = call if ext.returns == INT else f"len({call})"
        result = self.fresh("r")
        if store == "guarded append":
            # a call under ``if`` (the condition on the loop variable, an invariant, or a
            # lookup that may raise), the other branch without a call
            subject = var if iterable != "strings" else f"len({var})"
            test = self.choose(
                [
                    f"{subject} % 2 == 0",
                    f"{subject} > {self.choose(scope.of(INT) or ['1'])}",
                    f"{{0: 1, 1: 3, 2: 5}}[{subject}] > 2",
                ]
            )
            body += [f"if {test}:", f"    {target}.append({value})"]
            if self.draw(st.booleans()):
                body += ["else:", f"    {target}.append(-1)"]
        elif store == "tried append":
            # a per-item ``try`` around the call (its own failure, or a later
            # statement's, caught), the handler maybe recording the item
            form = self.choose(
                [
                    f"{target}.append({value})",
                    f'print("got", {value}, {var})',
                    f"{result} = {value}",
                ]
            )
            caught = self.choose([*EXCEPTIONS, "(ValueError, KeyError)", "ZeroDivisionError"])
            body += ["try:", f"    {form}"]
            if form.startswith(result):
                body_scope.names[result] = INT
                body.append(f"    {target}.append(60 // ({result} % 4))")
            body += [
                f"except {caught} as e:",
                '    print("caught", type(e).__name__, e)',
            ]
            ending = self.choose(["none", "record", "continue"])
            if ending == "record":
                body.append(f"    {target}.append(-1)")
            elif ending == "continue":
                # the handler moves on to the next item: the rest of the body is skipped
                body.append("    continue")
                body.append(f'print("after try", {var})')
        elif store.startswith("nested"):
            body.append(
                f"{target}.append({value})" if kind == LIST else f"{target}[{var}] = {value}"
            )
        else:
            body.append(f"{result} = {value}")
            body_scope.names[result] = INT
            if self.draw(st.integers(0, 2)) == 0:
                body += self.chain(body_scope, result)
            suffix = self.choose(
                ["none", "print", "statements", "break", "continue", "raise", "opaque"]
            )
            if suffix == "print":
                body.append(f'print("got", {var}, {result})')
            elif suffix == "opaque":
                # something epic cannot see after the call (``# epic: independent``
                # lets the call start early anyway)
                body.append(f'OPAQUE[0]("after", {var}, {result})')
            elif suffix == "statements":
                body += self.block(body_scope, depth - 1, 1, 2)
            elif suffix == "break":
                body += [f"if {result} > {self.small(20, 80)}:", "    break"]
            elif suffix == "continue":
                body += [f"if {result} % 3 == 0:", "    continue"]
            elif suffix == "raise":
                body += [f"if {result} > 90:", f'    raise ValueError(f"too big {{{result}}}")']
            if kind == STR:
                # text accumulated piece by piece, lines completed at any piece
                separator = self.choose(["\\n", " ", "", "\\r", "\\r\\n", "\\n\\n"])
                body.append(f'{target} += f"t{{{result}}}{separator}"')
            else:
                body.append(
                    f"{target}.append({result})"
                    if kind == LIST
                    else f"{target}[{var}] = {result}" if kind == DICT else f"{target} += {result}"
                )
        if any("OPAQUE[0]" in line for line in body) and self.draw(st.integers(0, 3)) > 0:
            lines[-1] += "  # epic: independent"
        lines += indent(body)
        if kind == LIST and self.draw(st.integers(0, 2)) == 0:
            lines += self.consumer(scope, depth, target)
        if kind == STR and self.draw(st.booleans()):
            # the lines of the text, the shape epic pipelines into the first loop
            split = self.choose(["splitlines()", 'split("\\n")', "splitlines(keepends=True)"])
            shape = self.choose(["loop", "comprehension", "stage"])
            if shape == "loop":
                lines += self.consumer(scope, depth, f"{target}.{split}", element=STR)
            elif shape == "stage":
                # a pure comprehension over the lines (that may fail on some line), then
                # a loop over its value: epic computes it line by line as they arrive
                var, collected = self.fresh("c"), self.fresh("l")
                element = self.choose(
                    [f"{var}.strip()", f'{var}.split("t", 1)[1]', f"{var}[1:] + {var}[0]"]
                )
                condition = self.choose(["", f" if {var}", f" if len({var}) > 2"])
                lines.append(f"{collected} = [{element} for {var} in {target}.{split}{condition}]")
                if self.draw(st.booleans()):
                    lines.append(f'print("claims", len({collected}))')
                lines += self.consumer(scope, depth, collected, element=STR)
            else:  # a list comprehension over the lines
                var, collected, ext = self.fresh("c"), self.fresh("acc"), self.external()
                lines.append(f"{collected} = [{ext.func}({var}) for {var} in {target}.{split}]")
                lines.append(f'print("lines", {collected})')
        scope.names[target] = kind
        if self.draw(st.booleans()):
            lines.append(f'print("{target}", {target})')
        if self.draw(st.integers(0, 3)) == 0:
            # the loop variable after the loop: the last item's (skipped or not), or
            # unbound when there was none
            lines += ["try:", f'    print("last", {var})', "except NameError:", '    print("none")']
        return lines

    def chain(self, scope: Scope, result: str) -> list[str]:
        """Pure code computed from a call's result (one name, or several unpacked, maybe
        failing to unpack or to divide), then a second call that needs it: the shape
        epic computes in a task as soon as the result is in."""
        shape = self.choose(["single", "may raise", "divmod", "digits", "unused"])
        first, second = self.fresh("m"), self.fresh("m")
        if shape == "single":
            lines, names = [f"{first} = {result} * 3 - 1"], [(first, INT)]
        elif shape == "may raise":
            lines, names = [f"{first} = 100 // ({result} % 4)"], [(first, INT)]
        elif shape == "divmod":
            lines = [f"{first}, {second} = divmod({result}, 7)"]
            names = [(first, INT), (second, INT)]
        else:  # two characters, or an unpacking error with Python's message
            lines = [f"{first}, {second} = str({result})[-2:]"]
            names = [(first, STR), (second, STR)]
        for name, kind in names:
            scope.names[name] = kind
        if shape == "unused":
            return lines  # nothing needs it early: it stays in the second loop
        ext = self.external()
        argument = self.choose([name for name, _ in names])
        value = f"{ext.func}({argument})"
        value = value if ext.returns == INT else f"len({value})"
        follow = self.fresh("r")
        scope.names[follow] = INT
        lines.append(f"{follow} = {value}")
        if self.draw(st.booleans()):
            lines.append(f'print("chain", {", ".join(n for n, _ in names)}, {follow})')
        return lines

    def consumer(self, scope: Scope, depth: int, items: str, element: str = INT) -> list[str]:
        """A second loop over the list a fan-out loop just filled, or over the lines of
        the text it accumulated (the shapes epic pipelines), maybe after other
        statements; nothing but the loops sees the list."""
        lines = self.block(scope.child(), depth - 1, 0, 1)
        var = self.fresh("c")
        body_scope = scope.child(in_loop=True)
        body_scope.names[var] = element
        ext = self.external()
        argument = var
        if self.draw(st.booleans()) and scope.of(INT):
            argument = (
                f"{var} + {self.choose(scope.of(INT))}"
                if element == INT
                else f"len({var}) + {self.choose(scope.of(INT))}"
            )
        call = f"{ext.func}({argument})"
        result = self.fresh("r")
        body = [f"{result} = {call if ext.returns == INT else f'len({call})'}"]
        body_scope.names[result] = INT
        suffix = self.choose(["print", "statements", "collect", "raise"])
        if suffix == "collect":
            collected = self.fresh("acc")
            lines.append(f"{collected} = []")
            body.append(
                f"{collected}.append({result} + {var if element == INT else f'len({var})'})"
            )
            scope.names[collected] = LIST
        elif suffix == "statements":
            body += self.block(body_scope, depth - 1, 1, 2)
        elif suffix == "raise":
            body += [f"if {result} > 90:", f'    raise ValueError(f"too big {{{result}}}")']
        if suffix != "collect" or self.draw(st.booleans()):
            body.append(f'print("scored", {var}, {result})')
        return lines + [f"for {var} in {items}:"] + indent(body)

    def stmt_divide(self, scope: Scope, depth: int) -> list[str]:
        """Pure arithmetic that (now and then) may raise ZeroDivisionError."""
        offset = 0 if self.draw(st.integers(0, 3)) == 3 else 1
        value = f"60 // ({self.int_expr(scope)} % {self.small(2, 5)} + {offset})"
        return [f"{self.bind(scope, INT)} = {value}"]

    def stmt_dict(self, scope: Scope, depth: int) -> list[str]:
        name = self.fresh("d")
        key = self.fresh("k")
        inner = scope.child()
        inner.names[key] = INT
        value = self.int_expr(inner, 1)
        line = f"{name} = {{{key}: {value} for {key} in range({self.small(0, 3)})}}"
        scope.names[name] = DICT
        return [line]

    def stmt_generator(self, scope: Scope, depth: int) -> list[str]:
        """``sum(f(i) for i in ...)``: a generator expression (may keep the file sequential)."""
        var = self.fresh("g")
        inner = scope.child()
        inner.names[var] = INT
        value = self.int_expr(inner, 1)
        # A generator expression with an external call keeps the whole file sequential:
        # mostly use a list comprehension inside sum() instead.
        body = f"{value} for {var} in range({self.small(0, 3)})"
        total = f"sum({body})" if self.draw(st.integers(0, 3)) == 3 else f"sum([{body}])"
        return [f"{self.bind(scope, INT)} = {total}"]

    def stmt_if(self, scope: Scope, depth: int) -> list[str]:
        lines = [f"if {self.cond(scope)}:"] + indent(self.block(scope.child(), depth - 1))
        if self.draw(st.booleans()):
            if self.draw(st.booleans()):
                lines += [f"elif {self.cond(scope)}:"] + indent(
                    self.block(scope.child(), depth - 1)
                )
            lines += ["else:"] + indent(self.block(scope.child(), depth - 1))
        return lines

    def stmt_for(self, scope: Scope, depth: int) -> list[str]:
        lines: list[str] = []
        accumulators: list[tuple[str, str]] = []
        for kind in (LIST, INT):
            if self.draw(st.booleans()):
                name = self.fresh("acc" if kind == LIST else "tot")
                lines.append(f"{name} = {'[]' if kind == LIST else '0'}")
                accumulators.append((name, kind))
        var = self.fresh("i")
        body_scope = scope.child(in_loop=True)
        for name, kind in accumulators:
            body_scope.names[name] = kind
        if scope.of(LIST) and self.draw(st.booleans()):
            # a slice: the body may grow the list (directly, through an alias or a
            # helper), which must not make the loop endless
            lines.append(f"for {var} in {self.choose(scope.of(LIST))}[:4]:")
        else:
            lines.append(f"for {var} in range({self.small(0, 4)}):")
        body_scope.names[var] = INT
        body = self.block(body_scope, depth - 1, 0, 3)
        for name, kind in accumulators:
            if kind == LIST:
                body.append(f"{name}.append({self.int_expr(body_scope)})")
            else:
                body.append(f"{name} += {self.int_expr(body_scope)}")
        lines += indent(body)
        if self.draw(st.integers(0, 3)) == 0:
            lines += ["else:"] + indent(self.block(scope.child(), depth - 1, 1, 1))
        for name, kind in accumulators:
            scope.names[name] = kind
        return lines

    def stmt_while(self, scope: Scope, depth: int) -> list[str]:
        counter = self.fresh("k")
        self.protected.add(counter)  # rebinding it could make the loop endless
        body_scope = scope.child(in_loop=True)
        body_scope.names[counter] = INT
        bound = self.small(1, 4)
        if self.draw(st.booleans()):
            # the bound is checked first, so that a ``continue`` cannot loop forever
            body = [f"{counter} += 1", f"if {counter} > {bound}:", "    break"]
            body += self.block(body_scope, depth - 1, 0, 3)
            body += [f"if {self.cond(body_scope)}:", "    break"]
            lines = [f"{counter} = 0", "while True:"] + indent(body)
        else:
            # the counter goes up first, so that a ``continue`` cannot loop forever
            body = [f"{counter} += 1"] + self.block(body_scope, depth - 1, 0, 3)
            body += [f"if {self.cond(body_scope)}:", "    break"]
            lines = [f"{counter} = 0", f"while {counter} < {bound}:"] + indent(body)
        scope.names[counter] = INT
        return lines

    def stmt_comprehension(self, scope: Scope, depth: int) -> list[str]:
        var = self.fresh("j")
        inner = scope.child()
        inner.names[var] = INT
        source = (
            self.choose(scope.of(LIST)) + "[:4]"
            if scope.of(LIST) and self.draw(st.booleans())
            else f"range({self.small(0, 4)})"
        )
        value = self.int_expr(inner)
        condition = f" if {self.cond(inner, 1)}" if self.draw(st.booleans()) else ""
        if self.draw(st.integers(0, 3)) == 0:
            # pairs ``(x, f(x))``: gathered with ``epic.keyed`` when ``f`` is a call
            pairs = self.fresh("pairs")
            key = self.choose([var, f"{var} * 2", f"{{0: 1, 1: 2}}[{var}]"])
            return [
                f"{pairs} = [({key}, {value}) for {var} in {source}{condition}]",
                f'print("pairs", {pairs})',
            ]
        int_callees = [c for c in self.callees if c.param == INT and c.returns == INT]
        if int_callees and not condition and self.draw(st.integers(0, 3)) == 0:
            # ``list(map(f, xs))`` of a script function: a generator expression to epic
            callee = self.draw(st.sampled_from(int_callees))
            form = self.choose(["map", "sorted", "sorted-reverse", "max", "min"])
            if form == "map":
                return [f"{self.bind(scope, LIST)} = list(map({callee.name}, {source}))"]
            if form.startswith("sorted"):
                # ``sorted(xs, key=f)``: one call per element, in order, then a stable sort
                reverse = ", reverse=True" if form == "sorted-reverse" else ""
                return [f"{self.bind(scope, LIST)} = sorted({source}, key={callee.name}{reverse})"]
            # ``max(xs, key=f)`` / ``min``: the first of the best keys (an empty ``xs`` raises)
            return [f"{self.bind(scope, INT)} = {form}({source}, key={callee.name})"]
        return [f"{self.bind(scope, LIST)} = [{value} for {var} in {source}{condition}]"]

    def stmt_try(self, scope: Scope, depth: int) -> list[str]:
        lines = ["try:"] + indent(self.block(scope.child(), depth - 1))
        error = self.fresh("e")
        caught = self.choose(
            ["ValueError", "Exception", "(KeyError, RuntimeError)", "ZeroDivisionError", "KeyError"]
        )
        handler = [f'print("caught", type({error}).__name__, {error})']
        handler += self.block(scope.child(), depth - 1, 0, 2)
        lines += [f"except {caught} as {error}:"] + indent(handler)
        if self.draw(st.integers(0, 3)) == 0:
            lines += ["else:"] + indent(self.block(scope.child(), depth - 1, 1, 2))
        if self.draw(st.integers(0, 2)) == 0:
            lines += ["finally:"] + indent(self.block(scope.child(), depth - 1, 1, 2))
        return lines

    def stmt_break(self, scope: Scope, depth: int) -> list[str]:
        return [f"if {self.cond(scope, 1)}:", "    break"]

    def stmt_continue(self, scope: Scope, depth: int) -> list[str]:
        return [f"if {self.cond(scope, 1)}:", "    continue"]

    def stmt_return(self, scope: Scope, depth: int) -> list[str]:
        return [f"if {self.cond(scope, 1)}:", f"    return {self.expr(scope.returns, scope, 1)}"]

    # --------------------------------------------------------------- functions

    def helper(self) -> list[str]:
        """A function that calls externals (and earlier helpers) and returns a value."""
        name = self.fresh("h")
        param = self.choose([INT, STR])
        returns = self.choose([INT, STR])
        scope = Scope({"p": param}, in_function=True, returns=returns)
        body = self.block(scope, 1, 0, 3)
        if self.draw(st.integers(0, 3)) == 0:
            body.insert(0, f'print("enter {name}", p)')
        body.append(f"return {self.expr(returns, scope)}")
        self.callees.append(Callee(name, param, returns))
        decorator = self.weighted(
            [("none", 6), ("tenacity", 1), ("backoff", 1), ("retried", 1), ("attempts", 1)]
        )
        header = []
        if decorator == "tenacity":
            # a retry decorator that awaits a coroutine function: a failing external
            # fails again on the second attempt, and the error is raised as it is
            header = ["@tenacity.retry(stop=tenacity.stop_after_attempt(2), reraise=True)"]
        elif decorator == "backoff":
            header = ["@backoff.on_exception(backoff.constant, Exception, max_tries=2, interval=0)"]
        elif decorator == "retried":
            # hand-written with ``functools.wraps``: prints the failure, tries again
            header = ["@retried"]
        elif decorator == "attempts":
            # made by a factory: a retry loop that raises the last error
            header = [f"@attempts(times={self.draw(st.integers(1, 3))})"]
        return [*header, f"def {name}(p):"] + indent(body)

    def memo(self) -> list[str]:
        name = self.fresh("memo")
        cache = self.fresh("cache")
        ext = self.external(INT)
        value = f"{ext.func}(k)" if self.draw(st.booleans()) else f'{ext.func}(f"p{{k}}")'
        lines = [
            f"{cache} = {{}}",
            "",
            "",
            f"def {name}(k):",
            f"    if k in {cache}:",
            f"        return {cache}[k]",
            f"    v = {value}",
            f"    {cache}[k] = v",
            "    return v",
        ]
        self.callees.append(Callee(name, INT, INT))
        return lines

    def recursion(self) -> list[str]:
        name = self.fresh("rec")
        ext = self.external(INT)
        base = self.external(INT)
        if self.draw(st.booleans()):
            step = f"{name}(n - 1) + {ext.func}(n)"
        else:  # tree recursion: the same call is made more than once
            step = f"{name}(n - 1) + {name}(n - 2)"
        lines = [
            f"def {name}(n):",
            "    if n <= 1:",
            f"        return {base.func}(n)",
            f"    return {step}",
        ]
        self.callees.append(Callee(name, INT, INT))
        return lines

    def mutator(self) -> list[str]:
        """A helper that mutates the list it is given (the caller's object)."""
        name = self.fresh("m")
        ext = self.external(INT)
        lines = [
            f"def {name}(p):",
            f"    v = {ext.func}(len(p))",
            "    p.append(v)",
            "    return v",
        ]
        self.callees.append(Callee(name, LIST, INT))
        return lines

    def reader(self) -> list[str]:
        """A helper whose call depends on the module-level ``G`` when it runs."""
        name = self.fresh("g")
        ext = self.external(INT)
        lines = [f"def {name}(p):", f"    return {ext.func}(p + G)"]
        self.callees.append(Callee(name, INT, INT))
        return lines

    def setter(self) -> list[str]:
        """A helper that rebinds the module-level ``G``."""
        name = self.fresh("set")
        ext = self.external(INT)
        lines = [
            f"def {name}(p):",
            "    global G",
            f"    G = {ext.func}(p) % 5",
            "    return G",
        ]
        self.callees.append(Callee(name, INT, INT))
        return lines

    def accountant(self) -> list[str]:
        """A helper that adds to the module-level counter ``TOTAL`` (token accounting);
        float amounts too, whose sum depends on the order of the additions."""
        name = self.fresh("cnt")
        ext = self.external(INT)
        amount = self.choose(["v", "v / 3", "1"])
        lines = [f"def {name}(p):", "    global TOTAL", f"    v = {ext.func}(p)"]
        if self.draw(st.booleans()):
            lines.append(f'    print("{name}", p)')
        lines += [f"    TOTAL += {amount}", "    return v"]
        self.callees.append(Callee(name, INT, INT))
        return lines

    def tracer(self) -> list[str]:
        """A helper that mutates a module-level list (an effect on a global)."""
        name = self.fresh("t")
        ext = self.external(INT)
        lines = [
            f"def {name}(p):",
            f"    v = {ext.func}(p)",
            "    trace.append(v)",
            "    return v",
        ]
        self.callees.append(Callee(name, INT, INT))
        return lines

    # ------------------------------------------------------------------ shapes
    # Issue 11: shapes a machine must find. Each ``shape_<name>`` returns the
    # module-level sections it needs and the lines it adds to the main code (which may
    # be the body of ``def main()``); its names are fresh, so it fits anywhere.

    def int_arg(self, scope: Scope) -> str:
        """A small int argument: a literal, or a name of the main code."""
        names = [n for n in scope.of(INT) if n not in self.protected]
        if names and self.draw(st.booleans()):
            return self.choose(names)
        return str(self.draw(st.sampled_from(INT_POOL)))

    def reading_call(self, subject: str) -> str:
        """An external call whose argument is (derived from) the object ``subject``."""
        ext = self.external(INT)
        argument = self.choose([subject, f"len({subject})", f"str({subject})"])
        return f"{ext.func}({argument})"

    def shape_nested_alias(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A dict of lists, an alias of one of its lists mutated (``h = state["k"];
        h.append(x)``), a call that reads the dict; or the call first, then the
        mutation while it may be in flight."""
        state, alias, result = self.fresh("state"), self.fresh("h"), self.fresh("r")
        ext = self.external(INT)
        lines = [f'{state} = {{"k": [{self.small(0, 5)}], "m": []}}', f'{alias} = {state}["k"]']
        mutation = self.choose(
            [
                f"{alias}.append({ext.func}({self.int_arg(scope)}))",
                f"{alias}.append({self.int_arg(scope)})",
                f"{alias} += [{self.small(0, 9)}]",
                f'{state}["m"].append({alias}[0])',
                f'{alias}.extend({state}["k"])',
            ]
        )
        subject = self.choose([state, f'{state}["k"]', f'{state}["m"]'])
        lines += self.mutate_and_read(scope, mutation, subject, result)
        lines.append(f'print("state", {result}, {state})')
        return [], lines

    def mutate_and_read(self, scope: Scope, mutation: str, subject: str, result: str) -> list[str]:
        """``mutation``, then a call reading ``subject`` into ``result``; or the call
        first, then the mutation (the call must see the object as it was)."""
        scope.names[result] = INT
        read = f"{result} = {self.reading_call(subject)}"
        return [mutation, read] if self.draw(st.booleans()) else [read, mutation]

    def shape_held(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A list held by another object (``box = {"k": inner}``, ``box.append(inner)``,
        ``box["k"] = inner``, or a call's result), the list changed in place, and a
        call that reads the holder; or the call first, then the change."""
        inner, box, result = self.fresh("inner"), self.fresh("box"), self.fresh("r")
        ext = self.external(INT)
        lines = [f"{inner} = [{self.small(0, 5)}]"]
        lines += self.choose(
            [
                f'{box} = {{"k": {inner}}}',
                f"{box} = [{inner}, {self.small(0, 3)}]",
                f'{box} = {{}}\n{box}["k"] = {inner}',
                f"{box} = []\n{box}.append({inner})",
                f"{box} = list(({inner}, {inner}))",
                f"{box} = {inner} or [1]",
            ]
        ).split("\n")
        mutation = self.choose(
            [
                f"{inner}.append({ext.func}({self.int_arg(scope)}))",
                f"{inner}.append({self.int_arg(scope)})",
                f"{inner}[0] = {self.small(0, 9)}",
                f"{inner}.extend([{self.small(0, 9)}])",
                f"{inner}.clear()",
            ]
        )
        lines += self.mutate_and_read(scope, mutation, box, result)
        lines.append(f'print("held", {result}, {box})')
        return [], lines

    def shape_rounds(self, scope: Scope) -> tuple[list[str], list[str]]:
        """Rounds of pairwise merges (``nxt = []``; a loop appends calls over ``cur``;
        ``cur = nxt``): the new list is reachable only through ``nxt`` during the loop,
        unless the round first lets it escape (``mirror = nxt``, ``keep = [nxt]``,
        ``cur.append(nxt)``...) to something the loop's calls read."""
        cur, nxt, j = self.fresh("cur"), self.fresh("nxt"), self.fresh("j")
        ext = self.external(INT)
        values = ", ".join(str(self.small(0, 9)) for _ in range(self.small(2, 5)))
        escape = self.choose(["", "", "mirror", "keep", "count"])
        mirror = self.fresh("mirror")
        lines = [f"{cur} = [{values}]", f"while len({cur}) > 1:", f"    {nxt} = []"]
        seen = f"len({cur})"
        if escape == "mirror":
            lines.append(f"    {mirror} = {nxt}")
            seen = f"len({mirror})"
        elif escape == "keep":
            lines.append(f"    {mirror} = [{nxt}]")
            seen = f"len({mirror}[0])"
        elif escape == "count":
            lines.append(f"    {mirror} = {{'n': {nxt}}}")
            seen = f"len({mirror}['n'])"
        lines += [
            f"    for {j} in range(0, len({cur}) - 1, 2):",
            f"        {nxt}.append({ext.func}({cur}[{j}] + {cur}[{j} + 1] + {seen}))",
        ]
        if self.draw(st.booleans()):
            lines.append(f'        print("merge", {j}, {seen})')
        lines += [f"    {cur} = {nxt}", f'    print("round", {cur})']
        return [], lines

    def shape_sink(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A loop that writes each call's result to a buffer (``buf.write``, a csv
        writer's ``writerow``, ``json.dump(..., buf)``, ``print(..., file=buf)``),
        maybe reading what the buffer holds so far, in a call or a print."""
        buf, i, w = self.fresh("buf"), self.fresh("i"), self.fresh("w")
        ext = self.external(INT)
        lines = [f"{buf} = io.StringIO()"]
        write = self.choose(["write", "writerow", "dump", "print"])
        if write == "writerow":
            lines.append(f"{w} = csv.writer({buf})")
        lines.append(f"for {i} in range({self.small(1, 3)}):")
        value = f"{ext.func}({i} + {self.int_arg(scope)})"
        lines.append(
            "    "
            + {
                "write": f"{buf}.write(str({value}) + ',')",
                "writerow": f"{w}.writerow([{i}, {value}])",
                "dump": f'json.dump({{"v": {value}}}, {buf})',
                "print": f"print({value}, file={buf})",
            }[write]
        )
        read = self.choose(["", "print", "call"])
        if read == "print":
            lines.append(f'    print("so far", len({buf}.getvalue()))')
        elif read == "call":
            lines.append(f'    print("sent", {self.external(INT).func}(len({buf}.getvalue())))')
        lines.append(f'print("buf", repr({buf}.getvalue()))')
        return ["import csv\nimport io\nimport json\n"], lines

    def shape_line_dispatch(self, scope: Scope) -> tuple[list[str], list[str]]:
        """Text that arrives piece by piece (a loop that carries a buffer from one
        iteration to the next, so it runs iteration by iteration, as a stream's loop
        does), each complete line handed to a helper that prints, calls an external,
        may fail on some line, and appends to a module-level list (or adds to a counter
        read later); the rest of the buffer after the loop, the list read after it.
        Sometimes the loop itself prints, or reads the list, or a ``try`` catches the
        helper's error: then the calls stay where they are."""
        name, sink = self.fresh("carry"), self.fresh("SINK")
        buf, piece, line = self.fresh("buf"), self.fresh("piece"), self.fresh("line")
        ext = self.external(INT)
        fails = self.choose(["never", "unpack", "divide"])
        body = [f"def {name}(p):"]
        if fails == "unpack":
            body.append('    head, tail = p.split(":", 1)')  # a line without ':' fails
        else:
            body.append("    head, tail = p, p")
        body.append('    print("step", head)')
        body.append(f"    v = {ext.func}(len(tail) + {self.int_arg(Scope())})")
        if fails == "divide":
            body.append("    v = 100 // (v % 4)")
        body += [f"    {sink}.append(v)", '    print("done", head, v)']
        sections = [f"{sink} = []\n", "\n".join(body) + "\n"]
        pieces = [
            self.choose(["a:1", "b:", "c:22", "no colon", "d:3\\ne", ":4", "\\n", "f:5\\ng:6"])
            + self.choose(["\\n", "", "\\n", " "])
            for _ in range(self.small(1, 4))
        ]
        split = self.choose(['split("\\n", 1)', 'partition("\\n")'])
        lines = [
            f'{buf} = ""',
            f"for {piece} in {pieces!r}:".replace("\\\\", "\\"),
            f"    {buf} += {piece}",
            f'    while "\\n" in {buf}:',
        ]
        if split.startswith("split"):
            lines.append(f"        {line}, {buf} = {buf}.{split}")
        else:
            lines.append(f"        {line}, _, {buf} = {buf}.{split}")
        guard = self.weighted([("none", 5), ("print", 1), ("read", 1), ("try", 1)])
        if guard == "try":
            lines += [
                "        try:",
                f"            {name}({line})",
                "        except (ValueError, ZeroDivisionError) as e:",
                '            print("skipped", type(e).__name__)',
            ]
        else:
            lines.append(f"        {name}({line})")
        if guard == "print":
            lines.append(f'    print("piece", repr({piece}))')
        elif guard == "read":
            lines.append(f'        print("so far", len({sink}))')
        if self.draw(st.booleans()):
            lines += [f"if {buf}.strip():", f"    {name}({buf})"]
        lines.append(f'print("{sink}", {sink})')
        return sections, lines

    def shape_stream(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A real streamed reply (the openai client against the offline endpoint the
        harness starts), consumed in one of the ways epic handles: each complete line
        handed to a helper while the stream goes on, the text accumulated and its lines
        handed on after it (a loop or a comprehension), the stream bound and iterated
        (maybe printed token by token), joined, or collected with ``list``. The helper
        prints, calls an external, appends to a module-level list and may fail on a line
        (a line without ``:``); an independent external call may come first."""
        name, sink = self.fresh("on_line"), self.fresh("LINES")
        chunk, piece, line = self.fresh("chunk"), self.fresh("piece"), self.fresh("line")
        text, stream = self.fresh("text"), self.fresh("stream")
        ext = self.external(INT)
        fails = self.draw(st.booleans())
        body = [f"def {name}(p):"]
        body.append('    head, tail = p.split(":", 1)' if fails else "    head, tail = p, p")
        body += [
            '    print("line", head)',
            f"    v = {ext.func}(len(tail) + {self.int_arg(Scope())})",
            f"    {sink}.append(v)",
        ]
        sections = [
            "from openai import OpenAI\n",
            f"{stream}_client = OpenAI()\n{sink} = []\n",
            "\n".join(body) + "\n",
        ]
        content = "\\n".join(
            self.choose(["a:1", "b:22", "c:", "no colon", "d:333", "e:4 4"])
            for _ in range(self.small(1, 4))
        )
        request = (
            f'{stream}_client.chat.completions.create(model="gpt-4o-mini", '
            f'messages=[{{"role": "user", "content": "echo: {content}"}}], stream=True)'
        )
        delta = f'(({chunk}.choices[0].delta.content or "") if {chunk}.choices else "")'
        lines: list[str] = []
        if self.draw(st.booleans()):
            lines.append(f'print("first", {ext.func}({self.int_arg(scope)}))')
        how = self.choose(["dispatch", "accumulate", "comprehension", "bound", "joined", "listed"])
        shown = self.draw(st.booleans())
        if how == "dispatch":
            lines += [f'{text} = ""', f"for {chunk} in {request}:", f"    {piece} = {delta}"]
            if shown:
                lines.append(f'    print({piece}, end="", flush=True)')
            lines += [
                f"    {text} += {piece}",
                f'    while "\\n" in {text}:',
                f'        {line}, {text} = {text}.split("\\n", 1)',
                f"        {name}({line})",
                f"if {text}:",
                f"    {name}({text})",
            ]
        elif how in ("accumulate", "comprehension"):
            lines += [f'{text} = ""', f"for {chunk} in {request}:", f"    {piece} = {delta}"]
            if shown:
                lines.append(f'    print({piece}, end="", flush=True)')
            lines.append(f"    {text} += {piece}")
            if how == "accumulate":
                lines += [f"for {line} in {text}.splitlines():", f"    {name}({line})"]
            else:
                lines.append(f'print([{ext.func}(len({line})) for {line} in {text}.split("\\n")])')
        elif how == "bound":
            lines += [f"{stream} = {request}", f"for {chunk} in {stream}:"]
            lines.append(f'    print({delta}, end="")' if shown else f"    {sink}.append({delta})")
        elif how == "joined":
            lines.append(f'{text} = "".join({delta} for {chunk} in {request})')
            lines += [f'for {line} in {text}.split("\\n"):', f"    {name}({line})"]
        else:
            lines.append(f"print(len(list({request})) > 0)")
        lines += ["print()", f'print("{sink}", {sink})']
        return sections, lines

    def shape_files(self, scope: Scope) -> tuple[list[str], list[str]]:
        """Files in a fresh directory: a loop that skips items whose file exists
        (``os.path.exists``, a world read) and maybe writes the files it checks (names
        that collide), then lists the directory."""
        folder, i, path, out = self.fresh("dir"), self.fresh("i"), self.fresh("p"), self.fresh("fh")
        ext = self.external(INT)
        lines = [f"{folder} = tempfile.mkdtemp()"]
        if self.draw(st.booleans()):
            lines.append(f'open(os.path.join({folder}, "f1.txt"), "w").close()')
        lines += [
            f"for {i} in range({self.small(1, 4)}):",
            f'    {path} = os.path.join({folder}, f"f{{{i} % {self.small(1, 3)}}}.txt")',
            f"    if os.path.exists({path}):",
            "        continue",
        ]
        value = f"{ext.func}({i} + {self.int_arg(scope)})"
        if self.draw(st.booleans()):
            lines += [
                f'    with open({path}, "w") as {out}:',
                f"        {out}.write(str({value}))",
            ]
        else:
            lines.append(f'    print("value", {i}, {value})')
        lines.append(f'print("files", sorted(os.listdir({folder})))')
        return ["import os\nimport tempfile\n"], lines

    def shape_progress(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A loop over a progress bar that draws on stdout (``tqdm(..., file=
        sys.stdout)``, every update shown), so its text interleaves with the body's
        prints; maybe a skip (the loop then stays in order) or a failing call."""
        i, acc = self.fresh("i"), self.fresh("acc")
        ext = self.external(INT)
        options = 'bar_format="[{n}/{total}]", mininterval=0, file=sys.stdout'
        lines = [
            f"{acc} = []",
            f"for {i} in tqdm(range({self.small(0, 4)}), {options}):",
        ]
        if self.draw(st.integers(0, 2)) == 0:
            lines += [f"    if {i} == 1:", "        continue"]
        value = f"{ext.func}({i} + {self.int_arg(scope)})"
        form = self.choose(["append", "print"])
        lines.append(
            f"    {acc}.append({value})" if form == "append" else f'    print("p", {value})'
        )
        lines.append(f'print("acc", {acc})')
        return ["import sys\n\nfrom tqdm import tqdm\n"], lines

    def shape_retry_loop(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A retry loop around each item's call, inline in a loop body: ``for attempt
        in range(n): try: ...; break`` ending in an ``else`` that raises or binds a
        fallback (or in nothing: the result may then be the last item's), or re-raising
        on one attempt (``if attempt == n - 1: raise``, the bound a literal or a module
        constant), or ``while True`` with a counter set before it; prints in the
        handler; the result read in the body and maybe after the loop."""
        i, acc, r = self.fresh("i"), self.fresh("acc"), self.fresh("r")
        ext = self.external(INT)
        arg = self.int_arg(scope)
        lines = [f"{acc} = []", f"for {i} in range({self.small(1, 4)}):"]
        form = self.choose(["for-raise", "for-fallback", "for-open", "while-counter", "reraise"])
        definitions: list[str] = []
        if form == "reraise":
            # Re-raised on attempt ``last`` of ``range(n)``: on the final one, the loop
            # cannot run out; on an earlier one, it can (and keeps the previous result).
            attempt, n = self.fresh("attempt"), self.small(1, 3)
            bound = str(n)
            if self.draw(st.booleans()):
                bound = self.fresh("ATTEMPTS")
                definitions.append(f"{bound} = {n}\n")
            last = self.choose([f"{bound} - 1", str(self.small(0, n - 1))])
            lines = (
                [f"{r} = 0"]
                + lines
                + [
                    f"    for {attempt} in range({bound}):",
                    "        try:",
                    f"            {r} = {ext.func}({i} + {attempt} + {arg})",
                    "            break",
                    "        except Exception:",
                    f"            if {attempt} == {last}:",
                    "                raise",
                    f'            print("retry", {i}, {attempt})',
                ]
            )
        elif form == "while-counter":
            tries = self.fresh("tries")
            lines += [
                f"    {tries} = 0",
                "    while True:",
                "        try:",
                f"            {r} = {ext.func}({i} + {tries} + {arg})",
                "            break",
                "        except Exception as e:",
                f"            {tries} += 1",
                f'            print("retry", {i}, type(e).__name__)',
                f"            if {tries} > 1:",
                "                raise",
            ]
        else:
            attempt = self.fresh("attempt")
            lines += [
                f"    for {attempt} in range({self.small(1, 3)}):",
                "        try:",
                f"            {r} = {ext.func}({i} + {attempt} + {arg})",
                "            break",
                "        except Exception:",
                f'            print("retry", {i}, {attempt})',
            ]
            if form == "for-raise":
                lines += ["    else:", f'        raise RuntimeError(f"gave up on {{{i}}}")']
            elif form == "for-fallback":
                lines += ["    else:", f"        {r} = -1"]
            else:
                lines = [f"{r} = 0"] + lines  # a failed item keeps the previous result
        lines.append(
            f"    {acc}.append({r})" if self.draw(st.booleans()) else f'    print("r", {r})'
        )
        lines.append(f'print("acc", {acc})')
        if self.draw(st.booleans()):
            lines.append(
                f'print("last", {r})' if form != "while-counter" else f'print("acc", {acc})'
            )
        return definitions, lines

    def shape_applier(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A function that applies the function it is given (``apply(xs, f=fetch)``):
        by default, passed by name, or given a plain function in another call (then
        nothing is awaited through it); applied in a loop or a comprehension."""
        fetch, plain, apply = self.fresh("fetch"), self.fresh("plain"), self.fresh("apply")
        ext = self.external(INT)
        form = self.choose(["loop", "comprehension"])
        body = (
            ["    out = []", "    for x in xs:", "        out.append(f(x))", "    return out"]
            if form == "loop"
            else ["    return [f(x) for x in xs]"]
        )
        definitions = [
            f"def {fetch}(x):",
            f"    return {ext.func}(x + {self.small(0, 3)})",
            "",
            "",
            f"def {plain}(x):",
            "    return x * 2",
            "",
            "",
            f"def {apply}(xs, f={fetch}):",
            *body,
        ]
        uses = [f'print("applied", {apply}(range({self.small(0, 3)})))']
        extra = self.choose(["none", "named", "plain"])
        if extra == "named":
            uses.append(f'print("named", {apply}([{self.small(0, 4)}], f={fetch}))')
        elif extra == "plain":
            uses.append(f'print("plain", {apply}([{self.small(0, 4)}], {plain}))')
        return ["\n".join(definitions) + "\n"], uses

    def shape_redirect(self, scope: Scope) -> tuple[list[str], list[str]]:
        """Text captured with ``contextlib.redirect_stdout``: in a helper with a buffer
        of its own (each item's report), into one buffer the loop shares (reports in
        item order), or around a body that makes the request (the file then stays as
        it is); maybe reading the shared buffer after the loop, or a print beside."""
        report, buf, i = self.fresh("report"), self.fresh("buf"), self.fresh("i")
        got = self.fresh("got")
        ext = self.external(INT)
        value = f"{ext.func}({i} + {self.int_arg(scope)})"
        form = self.choose(["helper", "shared", "awaits"])
        imports = "import io\nfrom contextlib import redirect_stdout\n"
        if form == "helper":
            definitions = [
                f"def {report}(x):",
                "    out = io.StringIO()",
                "    with redirect_stdout(out):",
                '        print("report", x)',
                "    return out.getvalue()",
            ]
            lines = [f"for {i} in range({self.small(1, 4)}):"]
            if self.draw(st.booleans()):
                lines.append(f'    print("item", {i})')
            lines.append(f'    print({report}({value}), end="")')
            return [imports, "\n".join(definitions) + "\n"], lines
        lines = [f"{buf} = io.StringIO()", f"for {i} in range({self.small(1, 4)}):"]
        if form == "shared":
            lines += [f"    {got} = {value}", f"    with redirect_stdout({buf}):"]
            lines.append(f'        print("got", {got})')
        else:
            lines.append(f"    with redirect_stdout({buf}):")
            lines.append(f'        print("got", {value})')
        if self.draw(st.booleans()):
            lines.append(f'    print("so far", len({buf}.getvalue()))')
        lines.append(f'print("buf", repr({buf}.getvalue()))')
        return [imports], lines

    def shape_loop_mutation(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A loop whose variable is an element the body mutates (``item["v"] = ...``),
        then a call that reads the container."""
        items, item, result = self.fresh("items"), self.fresh("item"), self.fresh("r")
        ext = self.external(INT)
        elements = ", ".join(f'{{"v": {v}}}' for v in range(self.small(1, 3)))
        body = self.choose(
            [
                f'{item}["v"] = {ext.func}({item}["v"])',
                f'{item}["v"] += {self.small(1, 3)}',
                f'{item}["v"] = {ext.func}({item})',
                f'{item}["w"] = {ext.func}({item}["v"] + {self.int_arg(scope)})',
            ]
        )
        lines = [f"{items} = [{elements}]", f"for {item} in {items}:", f"    {body}"]
        if self.draw(st.booleans()):
            lines.append(f'    print("item", {item})')
        subject = self.choose([items, f'[o["v"] for o in {items}]'])
        lines += [f"{result} = {self.external(INT).func}({subject})", f'print("items", {result})']
        scope.names[result] = INT
        return [], lines

    def shape_unknown_function(self, scope: Scope) -> tuple[list[str], list[str]]:
        """An object passed to a function epic cannot analyse (a library function, an
        unbound method, a hook looked up in a dict) that mutates it, around a call that
        reads the object."""
        box, result = self.fresh("box"), self.fresh("r")
        hooks = self.fresh("HOOKS")
        sections = [
            "import bisect\nimport heapq\nimport operator\n",
            f'{hooks} = {{"push": lambda o: o.append(7), "pop": lambda o: o.pop()}}\n',
        ]
        unknown = self.choose(
            [
                f"list.append({box}, {self.int_arg(scope)})",
                f"operator.iadd({box}, [{self.small(0, 9)}])",
                f'getattr({box}, "append")({self.small(0, 9)})',
                f'{hooks}["push"]({box})',
                f'{hooks}["pop"]({box})',
                f"bisect.insort({box}, {self.small(0, 9)})",
                f"heapq.heappush({box}, {self.small(0, 9)})",
                f"{box}.__setitem__(0, {self.small(0, 9)})",
            ]
        )
        lines = [f"{box} = [{self.small(0, 5)}, {self.small(5, 9)}]"]
        call = f"{result} = {self.reading_call(box)}"
        lines += [unknown, call] if self.draw(st.booleans()) else [call, unknown]
        lines.append(f'print("box", {result}, {box})')
        scope.names[result] = INT
        return sections, lines

    def shape_loop_global(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A helper reading a module-level name that a module-level loop rebinds (its
        loop variable), called in the loop (and maybe after it)."""
        name, helper, results = self.fresh("LG"), self.fresh("hg"), self.fresh("RES")
        ext = self.external(INT)
        read = self.choose([f"p + {name}", f"{name}", f'f"g{{{name}}}"'])
        if read.startswith("f") and ext.returns == INT:
            read = f"p * {name}"
        loop = self.choose(
            [f"range({self.small(1, 4)})", f"[{self.small(0, 3)}, {self.small(4, 7)}]"]
        )
        section = [
            f"{name} = 0",
            "",
            "",
            f"def {helper}(p):",
            f"    return {ext.func}({read})",
            "",
            "",
            f"{results} = []",
            f"for {name} in {loop}:",
        ]
        if self.draw(st.booleans()):
            section.append(f'    print("lg", {name}, {helper}({self.small(0, 3)}))')
        else:
            section.append(f"    {results}.append({helper}({name}))")
        section.append(f'print("after", {name}, {results}, {helper}(1))')
        return ["\n".join(section) + "\n"], []

    def shape_closure(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A nested function closing over the enclosing loop's variable, called in the
        loop, and maybe kept and called after it (late binding: the last value)."""
        var, inner, kept = self.fresh("c"), self.fresh("inner"), self.fresh("fs")
        ext = self.external(INT)
        argument = self.choose([f"{var} * 2", f"{var}", f"{var} + {self.int_arg(scope)}"])
        lines = [
            f"{kept} = []",
            f"for {var} in range({self.small(1, 3)}):",
            f"    def {inner}():",
            f"        return {ext.func}({argument})",
            f'    print("cl", {var}, {inner}())',
            f"    {kept}.append({inner})",
        ]
        if self.draw(st.booleans()):
            lines.append(f'print("late", [f() for f in {kept}])')
        return [], lines

    def shape_methods(self, scope: Scope) -> tuple[list[str], list[str]]:
        """Methods that make an external call, called through a container of
        instances: ``for t in objs: t.m()``, ``[o.m(x) for o in objs]``, ``objs[0].m()``."""
        cls, objs = self.fresh("Tool"), self.fresh("objs")
        ext = self.external(INT)
        method = [
            "    def m(self, x=0):",
            f"        v = {ext.func}(self.k + x)",
        ]
        if self.draw(st.booleans()):
            method.append("        self.seen.append(v)")
        if self.draw(st.integers(0, 2)) == 0:
            method.append('        print("m", self.k, x, v)')
        method.append("        return v")
        section = [
            f"class {cls}:",
            "    log = []",
            "",
            "    def __init__(self, k):",
            "        self.k = k",
            "        self.seen = []",
            "",
            *method,
            "",
            "    @staticmethod",
            "    def s(x):",
            f"        return {self.external(INT).func}(x + 1)",
            "",
            "    @classmethod",
            "    def c(cls, x):",
            "        cls.log.append(x)",
            "        return cls.s(x) + len(cls.log)",
            "",
            "    def twice(self):",
            "        return self.m() + self.m(1)",
        ]
        sub = self.fresh("Sub")
        if self.draw(st.booleans()):  # a subclass overrides ``m``: ``self.m()`` may run it
            override = self.choose([f"{self.external(INT).func}(x + 7)", "x + 100"])
            section += ["", "", f"class {sub}({cls}):", "    def m(self, x=0):"]
            section.append(f"        return {override}")
        else:
            section += ["", "", f"class {sub}({cls}):", "    pass"]
        lines = [f"{objs} = [{', '.join(f'{cls}({k})' for k in range(self.small(1, 3)))}]"]
        forms = self.draw(
            st.lists(
                st.sampled_from(
                    ["for", "comprehension", "index", "static", "class", "value", "instance", "sub"]
                ),
                min_size=1,
            )
        )
        for form in forms:
            t = self.fresh("t")
            if form == "for":
                lines += [f"for {t} in {objs}:", f'    print("t", {t}.m())']
            elif form == "comprehension":
                lines.append(f'print("ms", [{t}.m({self.int_arg(scope)}) for {t} in {objs}])')
            elif form == "index":
                lines.append(f'print("first", {objs}[0].m())')
            elif form == "static":
                lines.append(f'print("s", {cls}.s({self.int_arg(scope)}))')
            elif form == "class":
                lines.append(f'print("c", {cls}.c({self.int_arg(scope)}), {cls}.log)')
            elif form == "sub":
                lines.append(f'print("sub", {sub}(3).twice(), {objs}[0].twice())')
            elif form == "instance":  # a static method through an instance
                lines.append(f'print("is", {objs}[0].s({self.int_arg(scope)}))')
            else:  # a static method as a value: it must stay a plain function
                lines.append(f'print("sorted", sorted([2, 1], key={cls}.s))')
        lines.append(f'print("seen", [o.seen for o in {objs}])')
        return ["\n".join(section) + "\n"], lines

    def shape_hierarchy(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A class hierarchy whose method calls dispatch at run time: ``self.ask(x)``
        in the base class, a parameter annotated with the base class (``m: Base``),
        methods inherited from a base (``Loud(3).ask(...)``), ``super().run(x)``, and a
        base method that is abstract (``raise NotImplementedError``), computes, or
        makes a request of its own while a subclass overrides it with a plain one."""
        base, remote, local, loud = (self.fresh(n) for n in ("Base", "Remote", "Local", "Loud"))
        use = self.fresh("use")
        ext, other = self.external(INT), self.external(INT)
        kind = self.choose(["abstract", "plain", "request"])
        base_ask = {
            "abstract": "        raise NotImplementedError",
            "plain": "        return x + self.k",
            "request": f"        return {other.func}(x + self.k)",
        }[kind]
        local_ask = self.choose(["x * 2", "x - self.k"])
        if kind != "abstract" and self.draw(st.booleans()):
            local_ask = "super().ask(x) + 1"
        section = [
            f"class {base}:",
            "    def __init__(self, k):",
            "        self.k = k",
            "",
            "    def ask(self, x):",
            base_ask,
            "",
            "    def run(self, x):",
            "        return self.ask(x) + 1",
            "",
            "    @classmethod",
            "    def build(cls, k):",
            "        return cls(k + 1)",
            "",
            "",
            f"class {remote}({base}):",
            "    def ask(self, x):",
            f"        return {ext.func}(x + self.k)",
            "",
            "",
            f"class {local}({base}):",
            "    def ask(self, x):",
            f"        return {local_ask}",
            "",
            "",
            f"class {loud}({remote}):",
            "    def run(self, x):",
            '        print("loud", x)',
            "        return super().run(x)",
            "",
            "",
            f"def {use}(m: {base}, x):",
            "    return m.ask(x)",
        ]
        # An object holding one (``self.model = model``), and a function every call of
        # which passes an instance (``relay(agent, x)``, unannotated).
        agent, relay = self.fresh("Agent"), self.fresh("relay")
        annotation = self.choose([f": {base}", ""])
        section += [
            "",
            "",
            f"class {agent}:",
            f"    def __init__(self, model{annotation}, tag):",
            "        self.model = model",
            "        self.tag = tag",
            "",
            "    def answer(self, x):",
            "        return self.model.ask(x) + self.tag",
            "",
            "",
            f"def {relay}(agent, x):",
            "    return agent.answer(x)",
            "",
            "",
            # The module's own calls of both (when the definitions are a module of
            # their own, the script's calls may pass other objects: ``foreign``).
            f"def {relay}_here(x):",
            f"    return {relay}({agent}({remote}(1), 0), x)",
        ]
        # A factory: every ``return`` an instance of a subclass of the base (or it
        # raises, for a large number).
        make = self.fresh("make")
        section += [
            "",
            "",
            f"def {make}(i):",
            "    if i > 5:",
            '        raise ValueError(f"no model {i}")',
            "    if i % 2:",
            f"        return {remote}(i)",
            f"    return {local}(i)",
        ]
        objs = self.fresh("objs")
        made = [f"{remote}(1)", f"{local}(2)", f"{loud}(3)"]
        if kind != "abstract":
            made.append(f"{base}(4)")
        order = self.draw(st.permutations(made))
        lines = [f"{objs} = [{', '.join(order)}]"]
        forms = self.draw(
            st.lists(
                st.sampled_from(
                    [
                        "use",
                        "run",
                        "inherited",
                        "abstract",
                        "held",
                        "relay",
                        "factory",
                        "index",
                        "slice",
                        "filtered",
                        "pairs",
                        "built",
                    ]
                ),
                min_size=1,
            )
        )
        if self.draw(st.integers(0, 4)) == 0:
            forms.append("changed")  # (its method calls may then run anything)
        if self.draw(st.integers(0, 2)) == 0:
            forms.append("foreign")
        if self.draw(st.integers(0, 3)) == 0:
            # Set from outside: ``self.model`` may be any object (here an agent).
            lines.append(f"{agent}({remote}(1), 0).model = {agent}({local}(2), 1)")
        for form in forms:
            o = self.fresh("o")
            if form == "use":
                lines += [
                    f"for {o} in {objs}:",
                    f'    print("use", {use}({o}, {self.int_arg(scope)}))',
                ]
            elif form == "run":
                lines.append(f'print("run", [{o}.run({self.int_arg(scope)}) for {o} in {objs}])')
            elif form == "inherited":
                lines.append(f'print("inherited", {loud}(5).ask({self.int_arg(scope)}))')
            elif form == "held":
                lines.append(
                    f'print("held", [{agent}({o}, {self.small(0, 3)}).answer(1) for {o} in {objs}])'
                )
            elif form == "factory":
                m = self.fresh("m")
                lines += [
                    f"{m} = {make}({self.small(0, 3)})",
                    f'print("made", {m}.run(1), {make}({self.small(0, 7)}).ask(2))',
                ]
            elif form == "index":
                # (out of range for a large index: the IndexError comes in its place)
                at = self.small(-2, 4)
                lines.append(f'print("index", {objs}[{at}].run({self.int_arg(scope)}))')
            elif form == "slice":
                lines += [
                    f"for {o} in {objs}[{self.small(0, 2)}:]:",
                    f'    print("slice", {o}.ask({self.int_arg(scope)}))',
                ]
            elif form == "filtered":
                kept = self.fresh("kept")
                lines += [
                    f"{kept} = [{o} for {o} in {objs} if {o}.k > {self.small(0, 3)}]",
                    f'print("filtered", len({kept}), [{o}.run(1) for {o} in sorted({kept}, key=lambda q: -q.k)])',
                ]
            elif form == "pairs":
                i = self.fresh("i")
                lines += [
                    f"for {i}, {o} in enumerate({objs}):",
                    f'    print("pair", {i}, {o}.ask({i}))',
                ]
            elif form == "built":
                built = self.fresh("built")
                cls = self.choose([remote, local, loud])
                lines += [
                    f"{built} = [{cls}.build(k) for k in range({self.small(1, 3)})]",
                    f'print("built", [{o}.run(2) for {o} in {built}], {built}[0].ask(1))',
                ]
            elif form == "changed":
                # Appended to, or an element replaced: its elements may be anything.
                changed = self.fresh("changed")
                change = self.choose(
                    [f"{changed}.append({local}(7))", f"{changed}[0] = {remote}(8)"]
                )
                lines += [
                    f"{changed} = [{remote}(1), {local}(2)]",
                    change,
                    f'print("changed", [{o}.run(3) for {o} in {changed}], {changed}[-1].ask(1))',
                ]
            elif form == "foreign":
                # An object of a class the definitions never see, with plain methods.
                foreign = self.fresh("Foreign")
                lines += [
                    f"class {foreign}:",
                    "    def ask(self, x):",
                    "        return x + 100",
                    "",
                    "    def answer(self, x):",
                    "        return x - 100",
                    "",
                    f'print("foreign", {relay}({agent}({foreign}(), 1), 2), {relay}({foreign}(), 3))',
                    f'print("here", {relay}_here({self.int_arg(scope)}))',
                ]
            elif form == "relay":
                made_agent = f"{agent}({self.choose(made)}, {self.small(0, 3)})"
                lines.append(f'print("relay", {relay}({made_agent}, {self.int_arg(scope)}))')
            elif kind == "abstract":
                lines += [
                    "try:",
                    f'    print("base", {use}({base}(6), 1))',
                    "except NotImplementedError:",
                    '    print("abstract")',
                ]
        return ["\n".join(section) + "\n"], lines

    def shape_exit(self, scope: Scope) -> tuple[list[str], list[str]]:
        """A helper that prints, then raises a BaseException (``sys.exit(n)``,
        ``raise SystemExit(n)``, ``raise KeyboardInterrupt``), between calls."""
        helper = self.fresh("quit")
        stop = self.choose(
            [
                "sys.exit(p % 3)",
                "raise SystemExit(p)",
                "raise KeyboardInterrupt",
                'sys.exit(f"bye {p}")',
                "sys.exit()",
                'raise KeyboardInterrupt(f"ki {p}")',
            ]
        )
        section = f'import sys\n\n\ndef {helper}(p):\n    print("quit", p)\n    {stop}\n'
        ext = self.external(INT)
        value = self.fresh("v")
        lines = [f'print("pre", {ext.func}({self.int_arg(scope)}))']
        lines.append(f"{value} = {self.external(INT).func}({self.int_arg(scope)})")
        where = self.choose(["plain", "guarded", "loop", "try"])
        if where == "plain":
            lines.append(f"{helper}({value})")
        elif where == "guarded":
            lines += [f"if {value} > {self.small(20, 80)}:", f"    {helper}({value})"]
        elif where == "loop":
            i = self.fresh("i")
            lines += [
                f"for {i} in range({self.small(1, 4)}):",
                f"    {value} = {ext.func}({i})",
                f"    if {value} > {self.small(20, 80)}:",
                f"        {helper}({value})",
                f'    print("kept", {i}, {value})',
            ]
        else:
            e = self.fresh("e")
            lines += [
                "try:",
                f"    {helper}({value})",
                f"except Exception as {e}:",
                f'    print("caught", type({e}).__name__, {e})',
                "finally:",
                f'    print("finally", {self.external(INT).func}(1))',
            ]
        lines.append(f'print("post", {self.external(INT).func}({self.int_arg(scope)}))')
        scope.names[value] = INT
        return [section], lines

    def shape_shared_world(self, scope: Scope) -> tuple[list[str], list[str]]:
        """Externals that share state: ``put`` (declared ordered) writes the world's
        store, ``get`` (declared external: independent) reads it; order matters."""
        put, get = self.fresh("put"), self.fresh("get")
        sections = [
            f"def {put}(k, v):  # epic: external ordered\n"
            f"    return _world.put({put!r}, k, v)\n",
            f"def {get}(k):  # epic: external\n    return _world.get({get!r}, k)\n",
        ]
        lines: list[str] = []
        values = [str(self.small(0, 9))]
        for _ in range(self.small(2, 5)):
            key = self.choose(['"x"', '"y"'])
            what = self.choose(["put", "get", "print", "chain", "loop"])
            if what == "put":
                lines.append(f"{put}({key}, {self.choose(values)})")
            elif what == "get":
                name = self.fresh("w")
                lines.append(f"{name} = {get}({key})")
                values.append(name)
                scope.names[name] = INT
            elif what == "print":
                lines.append(f'print("get", {get}({key}))')
            elif what == "chain":
                other = self.choose(['"x"', '"y"'])
                lines.append(f"{put}({key}, {get}({other}) + 1)")
            else:
                i = self.fresh("i")
                lines += [f"for {i} in range({self.small(1, 3)}):", f"    {put}({key}, {i})"]
                if self.draw(st.booleans()):
                    lines.append(f'    print("in", {i}, {get}({key}))')
        lines.append(f'print("end", {get}("x"), {get}("y"))')
        return sections, lines


#: The issue-11 shapes, by name (``Generator.shape_<name>``).
SHAPES = (
    "nested_alias",
    "held",
    "rounds",
    "sink",
    "loop_mutation",
    "unknown_function",
    "loop_global",
    "closure",
    "methods",
    "exit",
    "shared_world",
    "files",
    "progress",
    "retry_loop",
    "applier",
    "redirect",
    "hierarchy",
    "line_dispatch",
    "stream",
)


def top_level_boundaries(lines: list[str]) -> list[int]:
    """Indices in ``lines`` where a new top-level statement may be inserted."""
    continuation = ("else", "elif", "except", "finally")
    return [
        i
        for i in range(len(lines) + 1)
        if i == len(lines)
        or (not lines[i].startswith(" ") and not lines[i].startswith(continuation))
    ]


@st.composite
def programs(
    draw: Callable[[st.SearchStrategy[Any]], Any], shapes: tuple[str, ...] | None = None
) -> Program:
    """A whole program: externals, then functions, then the main code. Two thirds of
    the programs also contain one or two of the :data:`SHAPES` (``shapes``: exactly those)."""
    gen = Generator(draw)
    gen.hostile = draw(st.integers(0, 7)) == 0
    for index in range(draw(st.integers(1, 3))):
        key = "abc"[index]
        returns = INT if index == 0 else draw(st.sampled_from([INT, STR]))
        fails = tuple(draw(st.lists(st.sampled_from(INT_POOL + STR_POOL), max_size=2, unique=True)))
        exc = draw(st.sampled_from(EXCEPTIONS))
        gen.externals.append(External(f"ext_{key}", key, returns, fails, exc))

    # ``OPAQUE[0](...)``: a call epic cannot see into (it is ``print``), for loops the
    # user marks ``# epic: independent``.
    sections = ["import backoff\nimport tenacity\n\nOPAQUE = [print]\n", WRAPPERS] + [
        e.definition() for e in gen.externals
    ]
    if draw(st.integers(0, 3)) == 0:
        gen.globals_["trace"] = LIST
        sections.append("trace = []\n")
    if draw(st.integers(0, 3)) == 0:
        gen.globals_["G"] = INT
        sections.append("G = 1\n")
    counting = draw(st.integers(0, 3)) == 0
    if counting:
        sections.append("TOTAL = 0\n")
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "helper",
                    "memo",
                    "recursion",
                    "tracer",
                    "mutator",
                    "reader",
                    "setter",
                    "accountant",
                ]
            )
        )
        if kind == "accountant" and not counting:
            kind = "helper"
        if kind == "tracer" and "trace" not in gen.globals_:
            kind = "helper"
        if kind in ("reader", "setter") and "G" not in gen.globals_:
            kind = "memo"
        sections.append("\n".join(getattr(gen, kind)()) + "\n")

    split = draw(st.integers(0, 2)) == 0  # two modules: definitions, then the script
    star = split and draw(st.booleans())
    wrapped = draw(st.integers(0, 3)) == 0  # main code inside ``def main()``
    scope = Scope(in_function=wrapped, returns=INT)
    body = gen.block(scope, MAX_DEPTH, 1, 8)
    if shapes is None:
        chosen: list[str] = (
            draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=2, unique=True))
            if draw(st.integers(0, 2)) > 0
            else []
        )
    else:
        chosen = list(shapes)
    for shape in chosen:
        # (a scope of its own: the main code's names may be bound after the insertion
        # point, or only in some branch)
        extra, lines = getattr(gen, f"shape_{shape}")(Scope(in_function=wrapped))
        sections += extra
        at = draw(st.sampled_from(top_level_boundaries(body)))
        body[at:at] = lines
    if "trace" in gen.globals_:
        body.append('print("trace", trace)')
    if counting:
        body.append('print("TOTAL", TOTAL)')
    definitions = len(sections)
    if wrapped:
        sections.append("\n".join(["def main():"] + indent(body)) + "\n")
        guard = draw(st.booleans())
        call = ['if __name__ == "__main__":', "    main()"] if guard else ["main()"]
        sections.append("\n".join(call) + "\n")
    else:
        sections.append("\n".join(body) + "\n")
    if split:
        library, main = split_program(sections[:definitions], sections[definitions:], star=star)
        return Program(main, tuple(gen.externals), tuple(chosen), ((LIBRARY, library),))
    return Program(
        source="\n\n".join(sections), externals=tuple(gen.externals), shapes=tuple(chosen)
    )


def schedules(count: int) -> st.SearchStrategy[list[int]]:
    """Seeds of the latency schedules a program's transpiled version is run under."""
    return st.lists(st.integers(0, 2**32 - 1), min_size=count, max_size=count)
