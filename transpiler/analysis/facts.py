"""The fact table: everything analysis knows about one module, finished and frozen.

:func:`analyse` runs the analysis passes once, in this order (each reads only what the
passes before it produced):

1. calls        what every call resolves to: an external call, a script function, a
                known function with a known effect, or unknown (``calls.py``)
2. memo shapes  functions that keep results in a module-level dict (``memo.py``)
3. counters     module-level totals that functions only add to (``counters.py``)
4. summaries    per script function, to a fixpoint: async or not, its effect, the
                module-level names it reads and writes, the caches it fills
                (``effects.py``)
5. call facts   per recognised call: its effect, whether it is awaited, whether it may
                start early, whether it prints
6. gathers      comprehensions whose calls may all start at once, and ``any``/``all``
                over generators that await (``effects.py``). Steps 4 and 6 repeat
                until no more function is *kept sync*: a function becomes async only
                where every reference to it is a call the output can await (not one
                used as a value, decorated, a dunder, a method of a class library
                code may call or called through an object epic cannot resolve, nor
                one called from a lambda, a class body, a generator expression that
                is not gathered, or another function kept sync)
7. statements   the facts of every statement, ``else`` clause, condition, iterable and
                awaited call that code outside analysis can ask about: the statements
                of the module, of class bodies and of async functions (a sync function
                is never planned, so its body is not included)

The result is a :class:`Facts`; nothing computes further facts once it exists. Facts
are keyed by the *original* nodes (LibCST nodes compare by identity).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.calls import (
    CallFacts,
    Position,
    ProgramCall,
    UserCall,
    collect_call_facts,
)
from transpiler.analysis.counters import Counters, find_counters
from transpiler.analysis.effects import (
    EffectBuilder,
    FunctionSummary,
    Gatherable,
    StatementFacts,
)
from transpiler.analysis.externals import Declarations, Effect, ExternalCall
from transpiler.analysis.memo import MemoShape, find_memo_functions


@dataclass(frozen=True, slots=True)
class CallInfo:
    """What one recognised call does, seen from its call site."""

    effect: Effect
    # It becomes ``await ...`` in the output (an external call, or a call of a script
    # function that is async).
    awaited: bool
    # It may start before the code around it has run (an independent external call,
    # or an async function whose only ordered effect is printing).
    deferrable: bool
    # It sleeps when it runs (an awaited sleep, or a call of a function that sleeps).
    sleeps: bool = False


_UNKNOWN_CALL = CallInfo(Effect.UNKNOWN, awaited=False, deferrable=False)


class MissingFact(LookupError):
    """A question about a node the fact table does not cover: an internal error (the
    planner must only ask about the nodes :func:`analyse` lists)."""


@dataclass(frozen=True, slots=True)
class Facts:
    """The finished facts of one module (see the module docstring for their order)."""

    calls: CallFacts
    memo_functions: Mapping[cst.FunctionDef, MemoShape]
    counters: Counters
    summaries: Mapping[cst.FunctionDef, FunctionSummary]
    call_info: Mapping[cst.Call, CallInfo]
    gathered: frozenset[Gatherable]
    # ``any(<generator>)`` / ``all(...)`` whose generator awaits calls -> ``"any"``/``"all"``.
    short_circuits: Mapping[cst.Call, str]
    statements: Mapping[cst.CSTNode, StatementFacts]
    # Functions that make external calls but stay sync, and why (for the notes).
    kept_sync: Mapping[cst.FunctionDef, str]
    # Where every node is in the user's file, when the module is a rewrite of it.
    rewritten_from: Mapping[cst.CSTNode, Position] | None = None

    # -- lookups (no computation: every answer is in the tables above) ---------------
    def call_effect(self, call: cst.Call) -> Effect:
        return self.call_info.get(call, _UNKNOWN_CALL).effect

    def is_awaited(self, call: cst.Call) -> bool:
        """Whether the call becomes ``await ...`` in the output."""
        return self.call_info.get(call, _UNKNOWN_CALL).awaited

    def is_deferrable(self, call: cst.Call) -> bool:
        """Whether the call may start before the code around it has run."""
        return self.call_info.get(call, _UNKNOWN_CALL).deferrable

    def sleeps(self, call: cst.Call) -> bool:
        """Whether the call sleeps when it runs (itself, or a function it calls)."""
        return self.call_info.get(call, _UNKNOWN_CALL).sleeps

    def prints(self, call: cst.Call) -> bool:
        """Whether a deferrable call prints (its awaits must stay in program order)."""
        return self.call_effect(call) == Effect.OUTPUT

    def is_async_function(self, function: cst.FunctionDef) -> bool:
        summary = self.summaries.get(function)
        return summary is not None and summary.is_async

    def statement_facts(self, node: cst.CSTNode) -> StatementFacts:
        """The facts of a statement, ``else`` clause, condition, iterable or awaited
        call (the nodes step 7 covers)."""
        facts = self.statements.get(node)
        if facts is None:
            raise MissingFact(
                f"no facts for a {type(node).__name__} node: analysis covers statements, "
                "conditions, iterables and awaited calls outside sync functions"
            )
        return facts

    def effect_besides(self, node: cst.CSTNode, call: cst.CSTNode) -> Effect:
        """The joined effect of the calls in ``node`` other than ``call``."""
        return max(
            (self.call_effect(c) for c in self.statement_facts(node).calls if c is not call),
            default=Effect.PURE,
        )


def analyse(
    module: cst.Module,
    declarations: Declarations,
    positions: Mapping[cst.CSTNode, Position] | None = None,
) -> tuple[cst.Module, Facts]:
    """The fact table of ``module``; returns the module the facts are keyed by.
    ``positions``: where its nodes are in the user's file, when ``module`` is a rewrite
    of it (``desugar.py``); by default, where they are in ``module``."""
    # No defensive deep copy: nothing edits this tree in place (and copying a deep
    # tree recurses past Python's stack limit).
    wrapper = cst.MetadataWrapper(module, unsafe_skip_copy=True)
    calls = collect_call_facts(wrapper, declarations, positions)  # 1
    keyed = wrapper.module
    memo = find_memo_functions(keyed, list(calls.functions))  # 2
    counters = find_counters(keyed)  # 3
    builder = EffectBuilder(calls, memo, counters, keyed)  # 4 and 6, in rounds
    call_info = {  # 5
        call: CallInfo(
            builder.call_effect(call),
            builder.is_awaited(call),
            builder.is_deferrable(call),
            builder.sleeps(call),
        )
        for call in calls.targets
    }
    domain = _Domain(builder)  # 7
    keyed.visit(domain)
    facts = Facts(
        calls=calls,
        memo_functions=dict(builder.memo_functions),
        counters=counters,
        summaries=dict(builder.summaries),
        call_info=call_info,
        gathered=builder.gathered,
        short_circuits=dict(builder.short_circuits),
        statements=domain.statements,
        kept_sync=_reported_kept_sync(builder),
        rewritten_from=positions,
    )
    return keyed, facts


def _reported_kept_sync(builder: EffectBuilder) -> dict[cst.FunctionDef, str]:
    """The functions kept sync that make external calls (directly, or through other
    functions kept sync): the ones a note should explain."""
    reported: dict[cst.FunctionDef, str] = {}
    changed = True
    while changed:
        changed = False
        for function, why in builder.kept_sync.items():
            if function in reported or function in builder.calls.declared_external:
                continue
            for call in builder.statement_facts(function.body).calls:
                target = builder.calls.targets.get(call)
                if isinstance(target, ExternalCall | ProgramCall) or (
                    isinstance(target, UserCall)
                    and (builder.is_async_function(target.function) or target.function in reported)
                ):
                    reported[function] = why
                    changed = True
                    break
    return reported


class _Domain(cst.CSTVisitor):
    """Step 7: the statement facts of every node the planner, ``explain`` and the notes
    can ask about."""

    def __init__(self, builder: EffectBuilder) -> None:
        self.builder = builder
        self.statements: dict[cst.CSTNode, StatementFacts] = {}
        self._scopes: list[cst.CSTNode] = []  # the module, then the functions entered
        # Whether each scope entered is planned: the module and async functions. A sync
        # function's body is never planned (a declared external one is opaque: it runs
        # whole, on a thread), but an async function may be defined in one (a
        # decorator's wrapper).
        self._planned: list[bool] = []

    def _record(self, node: cst.CSTNode) -> None:
        self.statements[node] = self.builder.statement_facts(node, self._scopes[-1])

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self._scopes and self._scopes[-1] is original_node:
            self._scopes.pop()
            self._planned.pop()

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Module):
            self._scopes.append(node)
            self._planned.append(True)
        planned = self._planned[-1]
        if planned and isinstance(node, (cst.BaseStatement, cst.Else)):
            self._record(node)
        if isinstance(node, cst.FunctionDef):
            asynchronous = self.builder.is_async_function(node)
            self._scopes.append(node)
            self._planned.append(asynchronous)
            return asynchronous or any(isinstance(inner, cst.FunctionDef) for inner in _body(node))
        if not planned:
            return True
        if isinstance(node, (cst.If, cst.While)):
            self._record(node.test)
        elif isinstance(node, cst.For):
            self._record(node.iter)
        elif isinstance(node, cst.Call) and self.builder.is_awaited(node):
            self._record(node)
        return True


def _body(function: cst.FunctionDef) -> Sequence[cst.BaseStatement]:
    body = function.body
    return body.body if isinstance(body, cst.IndentedBlock) else ()
