"""Effect facts: per function (a summary, to a fixpoint) and per statement.

A function defined in the script is *async* when it makes an external call, directly
or through another script function; its *effect* is the join of the effects in its
body. A statement's facts are its names (including the globals its callees read), the
join of its calls' effects, and the calls that will be awaited.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from dataclasses import dataclass, replace

import libcst as cst

from transpiler.analysis.calls import (
    CallFacts,
    KnownCall,
    ProgramCall,
    UserCall,
    WrappedCall,
    receiver_param,
)
from transpiler.analysis.counters import Counters
from transpiler.analysis.externals import AsyncForm, Effect, ExternalCall
from transpiler.analysis.memo import MemoShape
from transpiler.analysis.names import (
    AliasGraph,
    NameUse,
    alias_graph,
    names_of,
    param_names,
)
from transpiler.analysis.wrappers import catches_cancellation

BUILTIN_NAMES = frozenset(dir(builtins))
#: Builtins whose result shares no object with their arguments.
_FRESH_BUILTINS = frozenset(
    {"len", "str", "int", "float", "bool", "repr", "round", "abs", "hash", "open"}
)


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    """What a call of a script function does, seen from the call site."""

    is_async: bool
    effect: Effect
    # Module-level names the function (or its callees) reads or rebinds when it runs.
    global_reads: frozenset[str]
    global_writes: frozenset[str]
    # Its only ordered effects are text written to stdout: a call of it may start
    # early, with that text held back and replayed in program order.
    prints_only: bool = True
    # Module-level memo caches it fills (itself or through its callees; see
    # :mod:`transpiler.analysis.memo`): calls that only fill a cache may run at the
    # same time, but any other use of the cache is ordered against them.
    commuting: frozenset[str] = frozenset()
    # Why its calls stay in program order when that is not printing (for the notes
    # and ``epic explain``): it runs code when cancelled, it is kept sync, ...
    ordered_because: str | None = None
    # It sleeps (itself or through its callees) with an awaited sleep: in a loop whose
    # iterations overlap, the sleep no longer spaces out the loop's requests.
    sleeps: bool = False


@dataclass(frozen=True, slots=True)
class StatementFacts:
    """The calculus' view of one statement (a compound statement counts as one)."""

    names: NameUse
    effect: Effect
    # Calls that become ``await`` in the output, in source order.
    awaited_calls: tuple[cst.Call, ...]
    # Names the statement's callees read when they run (not when they are called).
    late_reads: frozenset[str]
    # Contains a ``return``/``break``/``continue``/``raise``/``yield`` (control leaves).
    transfers_control: bool
    # Memo caches its callees fill (not in ``names``): see FunctionSummary.commuting.
    commuting: frozenset[str] = frozenset()
    # Every call in it (not in nested function or class bodies), in source order.
    calls: tuple[cst.Call, ...] = ()

    @property
    def awaits(self) -> bool:
        return bool(self.awaited_calls)


class _CallsInside(cst.CSTVisitor):
    """Calls in a piece of code, not descending into nested function or class bodies."""

    def __init__(self) -> None:
        self.calls: list[cst.Call] = []
        self.transfers_control = False
        self.global_decls: set[str] = set()
        # Code that runs when a task running this code is cancelled: ``finally``
        # blocks, and ``try`` statements with a handler that catches the cancellation
        # (bare ``except:``, ``BaseException``, ``CancelledError``).
        self.finally_blocks: list[cst.Finally] = []
        self.catch_all_tries: list[cst.Try] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_Finally(self, node: cst.Finally) -> None:
        self.finally_blocks.append(node)

    def visit_Try(self, node: cst.Try) -> None:
        if any(catches_cancellation(handler.type) for handler in node.handlers):
            self.catch_all_tries.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for decorator in node.decorators:
            decorator.visit(self)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Global(self, node: cst.Global) -> None:
        self.global_decls.update(n.name.value for n in node.names)

    def _transfer(self) -> None:
        self.transfers_control = True

    def visit_Return(self, node: cst.Return) -> None:
        self._transfer()

    def visit_Raise(self, node: cst.Raise) -> None:
        self._transfer()

    def visit_Break(self, node: cst.Break) -> None:
        self._transfer()

    def visit_Continue(self, node: cst.Continue) -> None:
        self._transfer()

    def visit_Yield(self, node: cst.Yield) -> None:
        self._transfer()


# Comprehensions whose calls may all start at once (see _GatheredFinder).
Gatherable = cst.ListComp | cst.GeneratorExp | cst.SetComp | cst.DictComp


# Consumers of a generator expression that read all of it (no short-circuit: ``any``,
# ``all`` and ``next`` stop early, so their elements must not all be started).
EAGER_CONSUMERS = frozenset({"sum", "max", "min", "sorted", "list", "tuple", "set"})


def keyed_pair(element: cst.BaseExpression) -> cst.Call | None:
    """The call of a ``(key, call(...))`` element of a list comprehension: gathered as
    ``epic.keyed(key, call(...))``, which evaluates the key first and makes the same
    pair."""
    if not isinstance(element, cst.Tuple) or len(element.elements) != 2:
        return None
    key, value = element.elements
    if not isinstance(key, cst.Element) or not isinstance(value, cst.Element):
        return None  # ``*rest``
    return value.value if isinstance(value.value, cst.Call) else None


def gathered_call(node: Gatherable) -> cst.BaseExpression:
    """What a gathered comprehension starts for each element: its element, a dict
    comprehension's value, or the call of a ``(key, call(...))`` pair."""
    if isinstance(node, cst.DictComp):
        return node.value
    pair = keyed_pair(node.elt) if isinstance(node, cst.ListComp) else None
    return pair if pair is not None else node.elt


class _GatheredFinder(cst.CSTVisitor):
    """Comprehensions ``[f(x) for x in xs if c]`` whose element is one independent
    external call (or a pair ``(x, f(x))``) and whose other parts are pure: every
    element can start at once, as ``tasks.gather(f(x) for x in xs if c)``, and be
    collected in order."""

    def __init__(self, analysis: EffectBuilder) -> None:
        self.analysis = analysis
        self.found: list[Gatherable] = []
        self._eager_generators: set[cst.GeneratorExp] = set()

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        consumer = (isinstance(func, cst.Name) and func.value in EAGER_CONSUMERS) or (
            isinstance(func, cst.Attribute) and func.attr.value == "join"
        )
        positional = [a for a in node.args if a.keyword is None]
        if consumer and len(positional) == 1 and isinstance(positional[0].value, cst.GeneratorExp):
            self._eager_generators.add(positional[0].value)

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._check(node)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._check(node)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._check(node)  # the value is the call; the key is evaluated first, in order

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        if node in self._eager_generators:
            self._check(node)

    def _check(self, node: Gatherable) -> None:
        element = gathered_call(node)
        if not isinstance(element, cst.Call) or not self.analysis.is_awaited(element):
            return
        if not self.analysis.is_deferrable(element):
            return  # its effects must stay in order
        for call in _calls_inside(node).calls:
            if call is element:
                continue
            if self.analysis.is_awaited(call) or self.analysis.call_effect(call) != Effect.PURE:
                return
        # A memo cache the element fills must not be read by the rest (a condition
        # would see the cache after later elements were computed).
        if self.analysis.statement_facts(element).commuting & names_of(node).reads:
            return
        self.found.append(node)


class _ShortCircuitFinder(cst.CSTVisitor):
    """``any(<generator>)`` and ``all(<generator>)`` (the builtins) whose generator
    expression awaits a call."""

    def __init__(self, analysis: EffectBuilder) -> None:
        self.analysis = analysis
        self.found: list[tuple[cst.Call, str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Name) and func.value in ("any", "all")):
            return
        if not isinstance(self.analysis.calls.targets.get(node), KnownCall):
            return  # a function of the script's own with that name
        if len(node.args) != 1 or node.args[0].keyword is not None or node.args[0].star:
            return
        generator = node.args[0].value
        if not isinstance(generator, cst.GeneratorExp) or generator in self.analysis.gathered:
            return
        if any(self.analysis.is_awaited(c) for c in _calls_inside(generator).calls):
            self.found.append((node, func.value))


#: The state outside the program (a server's records, files, a remote API's objects),
#: as a variable: an ordered external call writes it, one that may read it reads it,
#: so the ordinary dependencies keep a GET that lists records after the POST that
#: creates one. Model inference and sleeps neither read nor change it. Not an
#: identifier: it never reaches the generated code (see ``plan/``).
WORLD = "<world>"


def _world_reads(target: object) -> frozenset[str]:
    """What a call reads when it runs beyond its arguments: the world, and for a
    function of another module the importer's names of that module's objects."""
    if isinstance(target, ProgramCall):
        program = target.function
        world = program.reads_world or program.effect == Effect.UNKNOWN
        return program.late_reads | ({WORLD} if world else frozenset())
    if isinstance(target, (ExternalCall, KnownCall)) and target.reads_world:
        return frozenset({WORLD})
    if isinstance(target, ExternalCall) and target.ordered:
        return frozenset({WORLD})
    return frozenset()


def _world_writes(target: object) -> frozenset[str]:
    if (isinstance(target, ExternalCall) and target.ordered) or (
        isinstance(target, KnownCall) and target.writes_world
    ):
        return frozenset({WORLD})
    if isinstance(target, ProgramCall) and target.function.effect == Effect.UNKNOWN:
        return frozenset({WORLD})
    return frozenset()


def _initially_kept_sync(calls: CallFacts) -> dict[cst.FunctionDef, str]:
    """Functions whose async form some reference could not await, and why: a function
    becomes ``async def`` only where every reference to it is a call the output
    awaits (the others are found by the rounds of :class:`EffectBuilder`)."""
    kept: dict[cst.FunctionDef, str] = {}

    def keep(function: cst.FunctionDef, why: str) -> None:
        kept.setdefault(function, why)

    for function in calls.functions:
        if function.decorators and function not in calls.binding_decorated:
            bounded = [d for d in function.decorators if d in calls.bounded_caches]
            first = (bounded or function.decorators)[0]
            decorator = cst.Module([]).code_for_node(first.decorator)
            keep(
                function,
                (
                    f"its cache (`@{decorator}`) is bounded or typed: what it evicts depends "
                    "on the order of the calls, which calls started early would change"
                    if bounded
                    else f"it is decorated (`@{decorator}`), and the decorator expects a plain "
                    "function"
                ),
            )
    if calls.dynamic_lookups:
        # ``globals()[name](...)`` calls whatever function the name says, unawaited.
        lookup = calls.dynamic_lookups[0]
        position = calls.position(lookup)
        what = cst.Module([]).code_for_node(lookup.func)
        for function, owner in calls.functions.items():
            if owner is None:
                keep(
                    function,
                    f"the module reaches its functions by computed names (`{what}(...)`, "
                    f"line {position.line}), where nothing would await them",
                )
    for name, function in calls.function_references:
        position = calls.position(name)
        keep(function, f"it is used as a value, not called (line {position.line})")
    for attribute, function in calls.method_references:
        position = calls.position(attribute)
        keep(function, f"it is used as a value, not called (line {position.line})")
    for function, owner in calls.functions.items():
        method_name = function.name.value
        if function.asynchronous is not None:
            keep(function, "it is already an `async def`")
        elif _is_generator(function):
            keep(function, "it is a generator function")
        elif owner is not None and method_name.startswith("__") and method_name.endswith("__"):
            keep(function, f"Python calls `{method_name}` itself, and never awaits it")
        elif owner is not None and owner in calls.library_classes:
            keep(
                function,
                f"its class derives from `{calls.library_classes[owner]}`, whose code may call it",
            )
        elif owner is not None and method_name in calls.unresolved_methods:
            position = calls.position(calls.unresolved_methods[method_name])
            keep(
                function,
                f"`.{method_name}` is used on an object epic cannot tell the class of (line "
                f"{position.line}), which a sync call would not await",
            )
    return kept


def _is_generator(function: cst.FunctionDef) -> bool:
    class _Yield(cst.CSTVisitor):
        found = False

        def visit_Yield(self, node: cst.Yield) -> None:
            self.found = True

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    finder = _Yield()
    function.visit(finder)
    return finder.found


def _functions_run(target: object) -> tuple[cst.FunctionDef, ...]:
    """The script functions a call target runs."""
    if isinstance(target, UserCall):
        return (target.function,)
    if isinstance(target, WrappedCall):
        return target.functions
    return ()


def _calls_inside(node: cst.CSTNode) -> _CallsInside:
    visitor = _CallsInside()
    node.visit(visitor)
    return visitor


class EffectBuilder:
    """Computes function summaries (once, to a fixpoint), then statement facts.

    Used only while :func:`transpiler.analysis.facts.analyse` builds the fact table:
    nothing outside analysis sees it (the planner reads the finished
    :class:`~transpiler.analysis.facts.Facts`)."""

    def __init__(
        self,
        calls: CallFacts,
        memo: Mapping[cst.FunctionDef, MemoShape] | None = None,
        counters: Counters | None = None,
        module: cst.Module | None = None,
    ) -> None:
        self.calls = calls
        # Global counters: functions add to them in program order (see counters.py).
        self.counters = counters if counters is not None else Counters(frozenset(), {})
        # Functions with the memo shape; those whose effects also qualify are in
        # ``memo_functions`` once the summaries are computed.
        self._memo_shapes = dict(memo or {})
        self.memo_functions: dict[cst.FunctionDef, MemoShape] = {}
        self._memo_rejected: set[cst.FunctionDef] = set()
        self.summaries: dict[cst.FunctionDef, FunctionSummary] = {}
        self._statement_cache: dict[tuple[cst.CSTNode, cst.CSTNode | None], StatementFacts] = {}
        self._alias_cache: dict[cst.CSTNode, AliasGraph] = {}
        self.gathered: frozenset[Gatherable] = frozenset()
        # ``any(f(x) for x in xs)`` / ``all(...)`` whose elements await calls: consumed
        # element by element (short-circuit: no call beyond the deciding element), as
        # ``await epic.any(...)``. The call -> ``"any"`` or ``"all"``.
        self.short_circuits: dict[cst.Call, str] = {}
        # Functions that stay sync although they make external calls, and why: some
        # reference to them is not a call the output can await (see _initially_kept_sync).
        self.kept_sync: dict[cst.FunctionDef, str] = _initially_kept_sync(calls)
        # Functions made async although they await nothing: a method call that may run
        # them awaits another function it may run (see _dispatch_consistent).
        self.forced_async: set[cst.FunctionDef] = set()
        # Generator expressions whose elements may be awaited (consumed whole, or by
        # any/all); the others keep their calls sync.
        self._async_generators: set[cst.GeneratorExp] = set(calls.consumed_generators)
        # Builtin names the module rebinds (``id = ...``): a function reading one reads
        # the module's variable, not the builtin.
        module_names = names_of(module).binds if module is not None else frozenset()
        self._builtins = BUILTIN_NAMES - module_names
        while True:  # each round keeps more sync (a finite set): terminates
            self._compute_summaries()
            if module is not None:
                self.find_gathered(module)
            if not self._keep_more_sync():
                break

    def find_gathered(self, module: cst.Module) -> None:
        """Record the comprehensions whose calls can all run at once (see
        :class:`_GatheredFinder`), and the ``any``/``all`` generator expressions that
        await calls. Needs the summaries, so it runs after them."""
        finder = _GatheredFinder(self)
        module.visit(finder)
        self.gathered = frozenset(finder.found)
        short = _ShortCircuitFinder(self)
        module.visit(short)
        self.short_circuits = dict(short.found)

    def sync_reason(self, call: cst.Call) -> str | None:
        """Why ``call`` cannot be awaited where it is (None: it can be)."""
        context = self.calls.contexts.get(call)
        if context is None:
            return None
        if context.sync is not None:
            return context.sync
        if context.function is not None and context.function in self.kept_sync:
            return f"in `{context.function.name.value}`, which is kept sync"
        if any(g not in self._async_generators for g in context.generators):
            return "in a generator expression"
        return None

    def _keep_more_sync(self) -> bool:
        """One round: generator expressions that await but are neither gathered nor
        read by ``any``/``all`` keep their calls sync; async functions called where
        nothing can await them are kept sync. Whether anything changed."""
        changed = False
        consumed = {call.args[0].value for call in self.short_circuits}
        for generator in list(self._async_generators):
            if generator in self.gathered or generator in consumed:
                continue
            if any(self.is_awaited(c) for c in _calls_inside(generator).calls):
                self._async_generators.discard(generator)
                changed = True
        for call, target in self.calls.targets.items():
            if not isinstance(target, UserCall) or target.function in self.kept_sync:
                continue
            if not self.is_async_function(target.function):
                continue
            reason = self.sync_reason(call)
            if reason is not None:
                position = self.calls.position(call)
                self.kept_sync[target.function] = (
                    f"it is called {reason} (line {position.line}), where nothing can await it"
                )
                changed = True
        changed = self._keep_wrappers_consistent() or changed
        for function in self.calls.functions:
            if function in self.kept_sync or not self.is_async_function(function):
                continue
            cached = [d for d in function.decorators if d in self.calls.cache_decorators]
            summary = self.summaries.get(function)
            if cached and (summary is None or summary.effect > Effect.EXTERNAL):
                # Which call of a cached function runs its body (the miss) depends on
                # the order the calls start in: only unobservable bodies may move.
                self.kept_sync[function] = (
                    "it is cached and its body has ordered effects (output, ...): a call "
                    "started early could be the one that runs them"
                )
                changed = True
        return changed

    def _keep_wrappers_consistent(self) -> bool:
        """A hand-written decorator's wrapper is async only if every function it
        decorates is (one wrapper serves them all), and a function is async only if
        its wrappers are. Whether anything changed."""
        changed = False
        for wrapper, functions in self.calls.wrappers.items():
            if wrapper in self.kept_sync:
                continue
            plain = [f for f in functions if not self.is_async_function(f)]
            if plain and any(self.is_async_function(f) for f in functions):
                name = plain[0].name.value
                why = self.kept_sync.get(plain[0], "it makes no call epic awaits")
                self.kept_sync[wrapper] = (
                    f"`@{self.calls.wrapper_names[wrapper]}` also decorates `{name}`, which "
                    f"stays a plain function ({why})"
                )
                changed = True
            elif plain and self.is_async_function(wrapper):
                # It awaits something of its own (a sleep) but wraps plain functions.
                self.kept_sync[wrapper] = "the functions it wraps stay plain functions"
                changed = True
        for call, dispatched in self.calls.targets.items():
            if isinstance(dispatched, WrappedCall) and dispatched.wrapper is None:
                changed = self._dispatch_consistent(call, dispatched.functions) or changed
        for table in self.calls.dispatch.values():
            # Another module may call them through a parameter annotated with the
            # class (whole programs): where nothing keeps one plain, all are async.
            for methods in table.values():
                if any(self.is_async_function(f) for f in methods):
                    plain = [
                        f
                        for f in methods
                        if not self.is_async_function(f)
                        and f not in self.kept_sync
                        and f not in self.forced_async
                    ]
                    self.forced_async.update(plain)
                    changed = changed or bool(plain)
        for call, label in self.calls.passed_functions.items():
            # ``run(records, transform=enrich)``: ``run`` awaits ``transform(...)`` only
            # when every function it may be is async and the call can be awaited.
            target = self.calls.targets.get(call)
            if not isinstance(target, WrappedCall):
                continue
            made = [f for f in target.functions if self.is_async_function(f)]
            plain = [f for f in target.functions if not self.is_async_function(f)]
            reason = self.sync_reason(call)
            if made and (plain or reason is not None):
                why = (
                    f"it is passed to {label} with `{plain[0].name.value}`, which stays a "
                    "plain function"
                    if plain
                    else f"it is passed to {label}, which calls it {reason}, where nothing "
                    "can await it"
                )
                for function in made:
                    self.kept_sync.setdefault(function, why)
                changed = True
        for function, wrappers in self.calls.wrapped_by.items():
            if function in self.kept_sync or not self.is_async_function(function):
                continue
            kept = [w for w in wrappers if w in self.kept_sync]
            if kept:
                name = self.calls.wrapper_names[kept[0]]
                self.kept_sync[function] = (
                    f"its decorator `@{name}` wraps it in `{kept[0].name.value}`, which stays "
                    f"a plain function ({self.kept_sync[kept[0]]})"
                )
                changed = True
        return changed

    def _dispatch_consistent(self, call: cst.Call, methods: tuple[cst.FunctionDef, ...]) -> bool:
        """``self.ask()`` may run any of ``methods`` (a class's and its subclasses'):
        it awaits them all or none. One made async makes the others async too (a plain
        body runs the same as a coroutine's, when awaited at once); one that must stay
        a plain function, or a call where nothing can await, keeps them all plain.
        Whether anything changed."""
        made = [f for f in methods if self.is_async_function(f)]
        if not made:
            return False
        plain = next((f for f in methods if f in self.kept_sync), None)
        reason = self.sync_reason(call)
        if plain is not None or reason is not None:
            line = self.calls.position(call).line
            name = methods[0].name.value
            if plain is not None:
                owner = self.calls.functions.get(plain)
                qualified = f"{owner.name.value}.{name}" if owner is not None else name
                why = (
                    f"the call of `.{name}` on line {line} may run `{qualified}` instead, "
                    f"which stays a plain function ({self.kept_sync[plain]})"
                )
            else:
                why = (
                    f"the call of `.{name}` that may run it is {reason} (line {line}), "
                    "where nothing can await it"
                )
            for function in made:
                self.kept_sync.setdefault(function, why)
            return True
        plain_ones = [
            f for f in methods if not self.is_async_function(f) and f not in self.forced_async
        ]
        self.forced_async.update(plain_ones)
        return bool(plain_ones)

    # -- calls ---------------------------------------------------------------------
    def call_effect(self, call: cst.Call) -> Effect:
        target = self.calls.targets.get(call)
        if isinstance(target, ExternalCall):
            return Effect.OUTPUT if target.ordered else Effect.EXTERNAL
        if isinstance(target, UserCall):
            summary = self.summaries.get(target.function)
            return summary.effect if summary is not None else Effect.UNKNOWN
        if isinstance(target, WrappedCall):
            summaries = self._callees(target)
            if summaries is None:
                return Effect.UNKNOWN
            return max((s.effect for s in summaries), default=Effect.PURE)
        if isinstance(target, KnownCall | ProgramCall):
            return target.effect if isinstance(target, KnownCall) else target.function.effect
        return Effect.UNKNOWN

    def is_awaited(self, call: cst.Call) -> bool:
        """Whether the call becomes ``await ...`` in the output."""
        target = self.calls.targets.get(call)
        if target is None or isinstance(target, KnownCall) or self.sync_reason(call) is not None:
            return False
        if isinstance(target, ExternalCall):
            return True
        if isinstance(target, ProgramCall):
            return target.function.is_async
        if isinstance(target, UserCall):
            summary = self.summaries.get(target.function)
            return summary is not None and summary.is_async
        if isinstance(target, WrappedCall):
            # The wrapper awaits what it wraps when everything it wraps is async.
            return all(self.is_async_function(f) for f in target.functions)
        return False

    def _callees(self, target: object) -> list[FunctionSummary] | None:
        """The summaries of the script functions a call runs (the callee, or the
        functions a wrapper's or a parameter's call may run); None when one of them has
        none (declared external)."""
        functions = _functions_run(target)
        summaries = [self.summaries[f] for f in functions if f in self.summaries]
        return summaries if len(summaries) == len(functions) else None

    def is_async_function(self, function: cst.FunctionDef) -> bool:
        summary = self.summaries.get(function)
        return summary is not None and summary.is_async

    # -- function summaries --------------------------------------------------------
    def _compute_summaries(self) -> None:
        self.summaries = {}
        self._memo_rejected = set()
        self._statement_cache = {}
        functions = [f for f in self.calls.functions if f not in self.calls.declared_external]
        for function in functions:
            self.summaries[function] = FunctionSummary(False, Effect.PURE, frozenset(), frozenset())
        bodies = {f: _calls_inside(f.body) for f in functions}
        local_names = {f: self._locals_of(f, bodies[f].global_decls) for f in functions}
        changed = True
        while changed:  # monotone over a finite lattice: terminates
            changed = False
            for function in functions:
                summary = self._summarise(function, bodies[function], local_names[function])
                if summary != self.summaries[function]:
                    self.summaries[function] = summary
                    changed = True
        self.memo_functions = {
            f: shape
            for f, shape in self._memo_shapes.items()
            if f in self.summaries and shape.cache in self.summaries[f].commuting
        }

    def _locals_of(self, function: cst.FunctionDef, global_decls: set[str]) -> frozenset[str]:
        use = names_of(function.body)
        return (use.binds | frozenset(param_names(function.params))) - global_decls

    def _summarise(
        self, function: cst.FunctionDef, body: _CallsInside, local: frozenset[str]
    ) -> FunctionSummary:
        is_async = function not in self.kept_sync and (
            function in self.forced_async or any(self.is_awaited(call) for call in body.calls)
        )
        effect = max((self.call_effect(call) for call in body.calls), default=Effect.PURE)
        if function in self.kept_sync and effect >= Effect.EXTERNAL:
            # Its calls block where it runs: ordered, as a call epic does not start early.
            effect = max(effect, Effect.OUTPUT)
        use = names_of(function.body)
        # A change through a local that may alias a parameter or a global changes the
        # caller's object (``history = state["history"]; history.append(x)``).
        use = self._with_aliases(use, function)
        # Additions to global counters are held back and made in program order, like
        # printed text: an ordered effect that does not keep the call in place.
        counted = frozenset(body.global_decls & self.counters.names)
        # So are appends to global sinks (the function only appends to them).
        counted |= (use.mutates & self.counters.sinks) - local
        if counted:
            effect = max(effect, Effect.OUTPUT)
            use = replace(
                use,
                reads=use.reads - counted,
                binds=use.binds - counted,
                mutates=use.mutates - counted,
                deep=use.deep - counted,
            )
        own_cache = self._own_memo_cache(function)
        if own_cache is not None:
            # Its own checks and stores of the cache commute with other such calls.
            use = NameUse(
                reads=use.reads - {own_cache},
                binds=use.binds,
                mutates=use.mutates - {own_cache},
            )
        free_reads = (use.reads - local) - self._builtins
        global_writes = frozenset(body.global_decls & use.binds)
        # Changing an object the function did not create (a parameter's or a global's)
        # is visible to the caller in ways the call site cannot see: ordered, opaque.
        created = local - frozenset(param_names(function.params))
        if function in self.calls.constructors:
            created |= {receiver_param(function) or ""}  # ``self`` is the new object
        if (use.mutates - created) or global_writes:
            effect = Effect.UNKNOWN
        reads = set(free_reads)
        writes = set(global_writes)
        commuting = {own_cache} if own_cache is not None else set()
        commuting |= counted
        for call in body.calls:
            target = self.calls.targets.get(call)
            for callee in self._callees(target) or ():
                reads |= callee.global_reads
                writes |= callee.global_writes
                commuting |= callee.commuting
            reads |= _world_reads(target)
            writes |= _world_writes(target)
        # A cache the function also uses in other ways is not commuting for its callers:
        # their calls of it are ordered (it reads and writes the cache).
        plain = commuting & (reads | writes | use.mutates)
        if plain:
            commuting -= plain
            reads |= plain
            writes |= plain
        prints_only = effect <= Effect.OUTPUT and all(
            self._prints_only(call)
            for call in body.calls
            if self.call_effect(call) == Effect.OUTPUT
        )
        because = self._ordered_because(function, body)
        if not self._cancel_safe(body):
            # Started early and then cancelled (an earlier statement raised), it would
            # still run code the sequential program never ran: it stays in order.
            effect = max(effect, Effect.OUTPUT)
            prints_only = False
            because = (
                "runs code when it is cancelled (a `finally` that awaits, or a handler "
                "that catches the cancellation, such as a bare `except:`)"
            )
        sleeps = is_async and any(self.sleeps(call) for call in body.calls)
        for wrapper in self.calls.wrapped_by.get(function, ()):
            # A call of the function runs its wrappers' code around its body.
            around = self.summaries.get(wrapper)
            if around is None:
                effect = Effect.UNKNOWN
                continue
            effect = max(effect, around.effect)
            reads |= around.global_reads
            writes |= around.global_writes
            commuting |= around.commuting
            prints_only = prints_only and around.prints_only
            sleeps = sleeps or around.sleeps
        return FunctionSummary(
            is_async,
            effect,
            frozenset(reads),
            frozenset(writes),
            prints_only,
            frozenset(commuting),
            because,
            sleeps=sleeps,
        )

    def sleeps(self, call: cst.Call) -> bool:
        """Whether the call is an awaited sleep or a call of a function that sleeps."""
        target = self.calls.targets.get(call)
        if isinstance(target, ExternalCall):
            return target.form is AsyncForm.SLEEP and self.is_awaited(call)
        if isinstance(target, UserCall | WrappedCall):
            return any(summary.sleeps for summary in self._callees(target) or ())
        if isinstance(target, ProgramCall):
            return target.function.sleeps and self.is_awaited(call)
        return False

    def _ordered_because(self, function: cst.FunctionDef, body: _CallsInside) -> str | None:
        """The reason its calls are ordered when it is not (only) printing."""
        if function in self.kept_sync:
            return f"stays a plain function ({self.kept_sync[function]})"
        for call in body.calls:
            target = self.calls.targets.get(call)
            if isinstance(target, ExternalCall) and target.ordered:
                return f"makes an ordered external call (`{target.label}`)"
            if isinstance(target, ProgramCall) and target.function.ordered_because:
                return f"calls `{target.label}`, which {target.function.ordered_because}"
            if isinstance(target, UserCall):
                callee = self.summaries.get(target.function)
                if callee is not None and callee.ordered_because is not None:
                    return f"calls `{target.function.name.value}`, which {callee.ordered_because}"
        for wrapper in self.calls.wrapped_by.get(function, ()):
            around = self.summaries.get(wrapper)
            if around is not None and around.ordered_because is not None:
                name = self.calls.wrapper_names[wrapper]
                return f"is wrapped by `@{name}`, whose `{wrapper.name.value}` {around.ordered_because}"
        return None

    def _cancel_safe(self, body: _CallsInside) -> bool:
        """Whether cancelling a task that runs this code (at one of its awaits) only
        stops it: no ``finally`` that awaits a call, no handler that catches the
        cancellation around an await (it would carry on, or run its handler)."""
        for block in body.finally_blocks:
            if any(self.is_awaited(call) for call in _calls_inside(block).calls):
                return False
        for statement in body.catch_all_tries:
            if any(self.is_awaited(call) for call in _calls_inside(statement.body).calls):
                return False
        return True

    def _own_memo_cache(self, function: cst.FunctionDef) -> str | None:
        """The cache of a memo function whose effects allow its calls to overlap: the
        code before the check is pure and awaits nothing (every call reaches the check
        as soon as it starts), and after the check nothing is ordered (no output, no
        opaque effect) and nothing calls back into a function that uses the cache
        (the runtime's per-key wait would never end)."""
        shape = self._memo_shapes.get(function)
        if shape is None or function in self._memo_rejected:
            return None
        cache = self._memo_cache_if_qualified(shape)
        if cache is None:
            # Once out, out for good: keeps the summary fixpoint monotone.
            self._memo_rejected.add(function)
        return cache

    def _memo_cache_if_qualified(self, shape: MemoShape) -> str | None:
        for statement in shape.prefix:
            if any(
                self.call_effect(call) != Effect.PURE or self.is_awaited(call)
                for call in _calls_inside(statement).calls
            ):
                return None
        for statement in shape.rest:
            for call in _calls_inside(statement).calls:
                if self.call_effect(call) > Effect.EXTERNAL:
                    return None
                target = self.calls.targets.get(call)
                if isinstance(target, UserCall):
                    callee = self.summaries.get(target.function)
                    if callee is None or shape.cache in (
                        callee.global_reads | callee.global_writes | callee.commuting
                    ):
                        return None
        return shape.cache

    def _prints_only(self, call: cst.Call) -> bool:
        target = self.calls.targets.get(call)
        if isinstance(target, KnownCall):
            return target.stdout_only
        if isinstance(target, UserCall | WrappedCall):
            summaries = self._callees(target)
            return summaries is not None and all(s.prints_only for s in summaries)
        if isinstance(target, ProgramCall):
            return target.function.effect <= Effect.OUTPUT
        return False

    def is_deferrable(self, call: cst.Call) -> bool:
        """Whether the call may start before the code around it has run: an
        independent external call, or an async function whose only ordered effect is
        printing (the runtime holds the text back and replays it in order)."""
        effect = self.call_effect(call)
        if effect == Effect.EXTERNAL:
            return True
        return (
            effect == Effect.OUTPUT
            and self.is_awaited(call)
            and isinstance(self.calls.targets.get(call), UserCall | ProgramCall | WrappedCall)
            and self._prints_only(call)
        )

    def effect_besides(self, node: cst.CSTNode, call: cst.CSTNode) -> Effect:
        """The joined effect of the calls in ``node`` other than ``call``."""
        return max(
            (self.call_effect(c) for c in _calls_inside(node).calls if c is not call),
            default=Effect.PURE,
        )

    def prints(self, call: cst.Call) -> bool:
        """Whether a deferrable call prints (its awaits must stay in program order)."""
        return self.call_effect(call) == Effect.OUTPUT

    # -- statements ----------------------------------------------------------------
    def _fresh_call(self, call: cst.Call) -> bool:
        """A call whose result shares no object with its arguments: an external call's
        response, a number or string made from them."""
        if isinstance(self.calls.targets.get(call), ExternalCall):
            return True
        func = call.func
        if isinstance(func, cst.Name):
            return func.value in _FRESH_BUILTINS
        return (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "json"
            and func.attr.value in ("loads", "dumps")
        )

    def aliases(self, scope: cst.CSTNode) -> AliasGraph:
        """The may-alias graph of a scope (the module or a function)."""
        graph = self._alias_cache.get(scope)
        if graph is None:
            graph = alias_graph(
                scope,
                self._fresh_call,
                lambda call: call in self.calls.module_functions,
                lambda call: call in self.calls.sink_writes,
            )
            self._alias_cache[scope] = graph
        return graph

    def _with_aliases(
        self, use: NameUse, scope: cst.CSTNode, at: cst.CSTNode | None = None
    ) -> NameUse:
        """``use`` (of the statement ``at``) where a change to an object is a change
        to every name that may share it (``history = state["history"];
        history.append(x)`` changes state)."""
        if not use.mutates and not use.augmented:
            return use
        changed = self.aliases(scope).changed_by(use.mutates, use.deep, use.augmented, at)
        return NameUse(use.reads, use.binds, changed, use.deep, use.augmented)

    def statement_facts(
        self, statement: cst.CSTNode, scope: cst.CSTNode | None = None
    ) -> StatementFacts:
        """The facts of a statement; ``scope`` (the module or function it is in) makes
        a mutation through one name a write of every name that may alias it."""
        cached = self._statement_cache.get((statement, scope))
        if cached is not None:
            return cached
        inside = _calls_inside(statement)
        use = names_of(statement)
        if scope is not None:
            use = self._with_aliases(use, scope, statement)
        effect = max((self.call_effect(call) for call in inside.calls), default=Effect.PURE)
        if isinstance(statement, cst.SimpleStatementLine) and any(
            isinstance(s, cst.Raise) for s in statement.body
        ):
            effect = max(effect, Effect.OUTPUT)  # an exception is an ordered effect
        late_reads: set[str] = set()
        late_writes: set[str] = set()
        commuting: set[str] = set()
        for call in inside.calls:
            target = self.calls.targets.get(call)
            for callee in self._callees(target) or ():
                late_reads |= callee.global_reads
                late_writes |= callee.global_writes
                commuting |= callee.commuting
            late_reads |= _world_reads(target)
            late_writes |= _world_writes(target)
        names = NameUse(
            reads=use.reads | frozenset(late_reads),
            binds=use.binds | frozenset(late_writes),
            mutates=use.mutates,
        )
        facts = StatementFacts(
            names=names,
            effect=effect,
            awaited_calls=tuple(c for c in inside.calls if self.is_awaited(c)),
            late_reads=frozenset(late_reads),
            transfers_control=inside.transfers_control,
            commuting=frozenset(commuting),
            calls=tuple(inside.calls),
        )
        self._statement_cache[(statement, scope)] = facts
        return facts
