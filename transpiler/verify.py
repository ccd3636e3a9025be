"""Safety net: everything the output made async is awaited, spawned or gathered.

In the spirit of black's equivalence check, this runs after the output is emitted. It
reads the output (and the input, to tell what the transpiler made async from what the
user had written async already) and reports every place where something async is used
as if it were sync, or something sync is handed an awaitable. Each such place is wrong
at run time: a coroutine that never runs (``x = ask(q)``), a coroutine where a value
was meant (``json.dumps(ask(q))``), a plain ``for`` over an async stream, a callback
whose coroutine nobody awaits (``sorted(words, key=ask)``, ``Thread(target=ask)``).

What is async (in the output):

* **functions**: every ``async def``. One that was a plain ``def`` in the input
  (matched by qualified name: ``Class.method``, ``outer.<locals>.inner``) or is new
  (the generated ``main``) is *made async*: every reference to it is checked. For one
  that was ``async def`` in the input already, calls are checked but bare references
  are the user's business (a handler given to a framework that awaits it). Names are
  resolved with LibCST's scopes, so a local or a parameter named like an async
  function elsewhere is not that function; a name some binding of which is not an
  ``async def`` is not known, and not checked. An async generator (an ``async def``
  that yields) is iterated with ``async for``, never awaited.
* **methods**: attribute resolution is undecidable in general, so a method *name* is
  async when a class of the output defines it ``async def``. Every ``x.name(...)``
  (and ``getattr(x, "name")(...)``) must then be awaited, spawned or gathered, except
  on receivers that cannot be the file's objects: a module, a literal, a name bound
  only to literals, a builtin, the task scope, a client, a stream. When classes
  disagree (one ``async def name``, another plain ``def name``), only ``self.name``
  in a method of a class that resolves ``name`` to an ``async def`` (itself or through
  an in-file base) is checked.
* **async clients**: ``AsyncOpenAI(...)``/``AsyncAzureOpenAI(...)``, the async twin
  ``epic.async_client(client)``, ``client.with_options(...)``, and what holds one: a
  name, an attribute (``self.client = AsyncOpenAI()``, unless that attribute name is
  also assigned something else), a function's return value, a parameter that some
  call of the in-file function passes one. Every call through a client
  (``client.chat.completions.create(...)``, ``...with_raw_response.create(...)``,
  ``client.models.list()``, ``client.close()``) returns an awaitable and must be
  awaited, spawned or gathered (a ``...list(...)`` may also be iterated with ``async
  for``: an async paginator); ``...with_streaming_response...`` and ``.stream(...)``
  are async context managers, and so is a client (``async with``). Attribute reads
  (``client.api_key``) are fine; handing a client to code that is not the file's (nor
  ``print`` and the like) is reported.
* **streams**: the value of an awaited client call with ``stream=True``, also through
  a spawned task (``stream = await stream_task``) or a function that returns one. A
  stream may be iterated with ``async for``, used in ``async with``, aliased, have its
  attributes read, or be handed to an in-file function (whose parameter is then a
  stream); its method calls (``await stream.close()``) are awaitables. A plain ``for``,
  a sync comprehension, ``list(stream)``, ``*stream``, ``x in stream`` are reported.
* **the shim and asyncio**: ``epic.to_thread/any/all/keyed`` and ``asyncio.sleep``
  are coroutine functions; ``epic.scope()`` and ``epic.single_flight(...)`` are async
  context managers.

Where an awaitable may go (the shim's signatures decide): the operand of ``await``
(through the branches of ``... if ... else ...``); ``tasks.spawn(coro)``; the
dependencies of ``tasks.spawn_after(fn, *deps)`` and, as its ``fn``, an async function
or a lambda that returns the call; the elements of an iterable (a comprehension or a
list) given to ``tasks.gather(...)``, ``asyncio.wait``/``as_completed``, or unpacked
into ``asyncio.gather(*...)``; ``epic.keyed(key, value)``; ``epic.run(main())``,
``asyncio.run``/``create_task``/``ensure_future``/``gather``/``wait_for``/``shield``,
``loop.run_until_complete``. Not ``epic.to_thread(f, ...)``: it calls a plain ``f`` on
a thread, so ``f`` must not be async and its arguments must not be coroutines. Not
``epic.any``/``epic.all``: they consume an async generator of *values*, whose elements
must be awaited inside it. Anywhere else (an argument of other code, ``return``, an
assignment, a statement of its own, a lambda given to other code, an f-string, a
condition) is a violation. Bare references to a function made async are fine only
as ``spawn_after``'s function, in a decorator, as the receiver of an attribute read
(``ask.__name__``) or given to ``print`` and the like.

Not covered (flow-insensitive, one file): a coroutine or a task stored in a variable
or a container and awaited later (``c = ask(q)`` is reported even when ``await c``
follows: generated code never does that), objects reached through containers or
unknown calls (``handlers[k](x)``), other modules' async functions, tasks used
without being awaited.

An output identical to its input made nothing async: it is not checked. The output
must parse (the pipeline checks that it compiles first). A pure function of the two
texts; it costs about a third of a transpile, mostly LibCST's scope analysis.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import libcst as cst
from libcst.metadata import Access, Assignment, ImportAssignment, PositionProvider, ScopeProvider

from transpiler.analysis.calls import star_qualified

VIOLATION_CODE = "unawaited-async"
_N = TypeVar("_N", bound=cst.CSTNode)


@dataclass(frozen=True, slots=True)
class Violation:
    """One use of something async as if it were sync, at a position of the output.

    ``line`` and ``column`` are 1-based; ``message`` names the offending reference and
    says what it should have been.
    """

    line: int
    column: int
    message: str

    def render(self, path: str = "<output>") -> str:
        """``path:line:col: error: message  [unawaited-async]``."""
        return f"{path}:{self.line}:{self.column}: error: {self.message}  [{VIOLATION_CODE}]"


def verify_async_uses(original: cst.Module | str, output: str) -> tuple[Violation, ...]:
    """Every use in ``output`` of something async (see the module docstring) that is
    not awaited, spawned or gathered, and every awaitable handed to sync code, sorted
    by position. ``original`` is the input the output was transpiled from (its text or
    its parsed module). Raises :class:`libcst.ParserSyntaxError` when ``output`` does
    not parse."""
    source = original.code if isinstance(original, cst.Module) else original
    if output == source:
        return ()
    before = original if isinstance(original, cst.Module) else cst.parse_module(original)
    return _Verifier(cst.parse_module(output), _async_by_qualname(before)).violations()


def imported_uses(
    code: str,
    imported: frozenset[str],
    methods: frozenset[str] = frozenset(),
    star: Mapping[str, str] | None = None,
) -> tuple[frozenset[str], frozenset[str]]:
    """Whole-program mode: of ``imported`` (the qualified names, as this module spells
    them, of functions another module of the program made async) and ``methods`` (the
    names of methods the program's classes made async), the ones ``code`` refers to,
    and those of them some reference to which is not awaited, spawned or gathered
    (``x = helper.ask(q)``, ``map(ask, qs)``, ``bot.reply`` as a value): the module
    that made them async cannot be. A method name is checked on every receiver but a
    literal, a client or a stream (an object may come from anywhere). ``star``: the
    names star imports of the program's modules bind, and what they name."""
    if not imported and not methods:
        return frozenset(), frozenset()
    verifier = _Verifier(cst.parse_module(code), {})
    used: set[str] = set()
    misused: set[str] = set()
    star = star or {}

    def imported_name(name: cst.BaseExpression) -> bool:
        if verifier._is_import(name):
            return True
        access = verifier.accesses.get(name)
        unbound = access is not None and not access.referents
        return unbound and isinstance(name, cst.Name) and name.value in star

    def qualified(node: cst.BaseExpression) -> set[str]:
        names = verifier._qualnames(node)
        if not names and (spelled := star_qualified(node, star)) is not None:
            names = {spelled}
        return names

    references: list[cst.BaseExpression] = [
        access.node
        for access in verifier.accesses.values()
        if isinstance(access.node, cst.Name) and imported_name(access.node)
    ]
    for attribute in verifier.facts.attributes:
        root: cst.BaseExpression = attribute.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if imported_name(root):
            references.append(attribute)  # ``helper.ask``, ``pkg.helper.ask``
    for node in references:
        names = qualified(node) & imported
        if not names:
            continue
        used |= names
        before = len(verifier.found)
        verifier._check_callable_use(node, f"`{sorted(names)[0]}` is async", True, False)
        if len(verifier.found) > before:
            misused |= names
    for attribute in verifier.facts.attributes:
        name = attribute.attr.value
        if name not in methods or verifier._is_store(attribute):
            continue
        receiver = attribute.value
        if isinstance(receiver, _LITERALS) or verifier.kind(receiver) is not None:
            continue
        used.add(name)
        before = len(verifier.found)
        verifier._check_callable_use(attribute, f"`{name}` is an async method", True, False)
        if len(verifier.found) > before:
            misused.add(name)
    return frozenset(used), frozenset(misused)


# ----------------------------------------------------------- the shim's signatures


class _Consumer(enum.Enum):
    """How a callee treats the awaitables it is given."""

    SPAWN = "spawn"  # tasks.spawn(coro)
    SPAWN_AFTER = "spawn_after"  # tasks.spawn_after(fn, *awaitables): fn may be async
    ITERABLE = "iterable"  # tasks.gather(iterable of awaitables)
    AWAITABLES = "awaitables"  # every argument may be an awaitable (epic.run, keyed)
    TO_THREAD = "to_thread"  # epic.to_thread(plain function, *plain arguments)
    VALUES = "values"  # epic.any / epic.all: an async generator of values
    PLAIN = "plain"  # anything else: sync code


_SHIM = "runtime_shim"
#: Callees that take awaitables (or must not be given one), by qualified name.
_CONSUMERS = {
    f"{_SHIM}.run": _Consumer.AWAITABLES,
    f"{_SHIM}.keyed": _Consumer.AWAITABLES,
    f"{_SHIM}.replayed": _Consumer.AWAITABLES,
    f"{_SHIM}.to_thread": _Consumer.TO_THREAD,
    f"{_SHIM}.any": _Consumer.VALUES,
    f"{_SHIM}.all": _Consumer.VALUES,
    "asyncio.run": _Consumer.AWAITABLES,
    "asyncio.create_task": _Consumer.AWAITABLES,
    "asyncio.ensure_future": _Consumer.AWAITABLES,
    "asyncio.gather": _Consumer.AWAITABLES,
    "asyncio.wait_for": _Consumer.AWAITABLES,
    "asyncio.shield": _Consumer.AWAITABLES,
    "asyncio.run_coroutine_threadsafe": _Consumer.AWAITABLES,
    "asyncio.to_thread": _Consumer.TO_THREAD,
    "asyncio.wait": _Consumer.ITERABLE,
    "asyncio.as_completed": _Consumer.ITERABLE,
}
#: Methods of a task scope (a name bound by ``async with epic.scope() as tasks``).
_SCOPE_METHODS = {
    "spawn": _Consumer.SPAWN,
    "spawn_after": _Consumer.SPAWN_AFTER,
    "gather": _Consumer.ITERABLE,
}
#: Methods that take a coroutine whatever their receiver (event loops, task groups).
_AWAITABLE_METHODS = frozenset({"run_until_complete", "create_task"})
#: Coroutine functions of the shim and of asyncio that generated code calls.
_COROUTINE_FUNCTIONS = frozenset(
    {
        f"{_SHIM}.to_thread",
        f"{_SHIM}.any",
        f"{_SHIM}.all",
        f"{_SHIM}.keyed",
        f"{_SHIM}.replayed",
        "asyncio.sleep",
    }
)
_ASYNC_CONTEXT_MANAGERS = frozenset(
    {f"{_SHIM}.scope", f"{_SHIM}.in_order", f"{_SHIM}.single_flight"}
)
#: Context managers whose ``as`` name starts tasks: ``tasks.spawn(coro)``.
_TASK_STARTERS = frozenset({f"{_SHIM}.scope", f"{_SHIM}.in_order"})
_CLIENT_CLASSES = frozenset({"AsyncOpenAI", "AsyncAzureOpenAI"})
#: ``epic.async_client(client)``: the async twin of a sync client (an async one as is).
_CLIENT_FACTORY = f"{_SHIM}.async_client"
#: Client methods that return a client (synchronously), not an awaitable.
_CLIENT_COPIES = frozenset({"with_options", "copy"})
#: Builtins that only look at an object: handing them a client or a stream is harmless.
_INSPECTORS = frozenset({"print", "repr", "id", "type", "isinstance", "hasattr", "callable"})
#: Receivers that cannot be an object of the file: ``"".join``, ``[].append``.
_LITERALS = (
    cst.SimpleString,
    cst.ConcatenatedString,
    cst.FormattedString,
    cst.Integer,
    cst.Float,
    cst.Imaginary,
    cst.List,
    cst.Tuple,
    cst.Set,
    cst.Dict,
    cst.ListComp,
    cst.SetComp,
    cst.DictComp,
    cst.GeneratorExp,
)


class _Kind(enum.Enum):
    """What an expression evaluates to, where that matters here."""

    CLIENT = "an async client"
    STREAM = "an async stream"
    # An awaitable (a coroutine, a task) whose value is a client or a stream.
    AWAIT_CLIENT = "an awaitable of an async client"
    AWAIT_STREAM = "an awaitable of an async stream"


_AWAITED = {_Kind.AWAIT_CLIENT: _Kind.CLIENT, _Kind.AWAIT_STREAM: _Kind.STREAM}
_AWAITABLE_OF = {value: awaitable for awaitable, value in _AWAITED.items()}


# ---------------------------------------------------------------------- the facts


@dataclass(frozen=True, slots=True)
class _Definition:
    """A ``def`` of the output."""

    node: cst.FunctionDef
    qualname: str  # as ``__qualname__`` spells it: ``C.m``, ``f.<locals>.g``
    method: bool  # directly in a class body
    made_async: bool  # async here, and a plain def in the input (or not in it)
    generator: bool  # its own body yields


class _Qualnames(cst.CSTVisitor):
    """Every function with its qualified name and whether it is a method."""

    def __init__(self) -> None:
        self.functions: list[tuple[str, cst.FunctionDef, bool]] = []
        self._stack: list[tuple[str, bool]] = []  # (qualname prefix, is a class)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        prefix = self._stack[-1][0] if self._stack else ""
        self._stack.append((f"{prefix}{node.name.value}.", True))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        prefix, in_class = self._stack[-1] if self._stack else ("", False)
        qualname = f"{prefix}{node.name.value}"
        self.functions.append((qualname, node, in_class))
        self._stack.append((f"{qualname}.<locals>.", False))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._stack.pop()


class _Definitions(_Qualnames):
    """:class:`_Qualnames` that skips expressions (definitions are statements)."""

    def on_visit(self, node: cst.CSTNode) -> bool:
        return super().on_visit(node) and not isinstance(node, cst.BaseExpression)


def _async_by_qualname(module: cst.Module) -> dict[str, bool]:
    """Qualified name -> whether the input defines it ``async def`` (any definition)."""
    collector = _Definitions()
    module.visit(collector)
    kinds: dict[str, bool] = {}
    for qualname, node, _ in collector.functions:
        kinds[qualname] = kinds.get(qualname, False) or node.asynchronous is not None
    return kinds


class _Facts(_Qualnames):
    """One pass over the output: each node's parent, and the nodes the checks read."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.generators: set[cst.FunctionDef] = set()
        self.classes: list[cst.ClassDef] = []
        # (targets, value) of ``=``, annotated ``=`` and ``:=``.
        self.assignments: list[tuple[Sequence[cst.BaseExpression], cst.BaseExpression]] = []
        self.withs: list[cst.With] = []
        self.returns: list[tuple[cst.FunctionDef, cst.BaseExpression]] = []
        self.calls: list[cst.Call] = []
        self.attributes: list[cst.Attribute] = []
        self.expressions: list[cst.BaseExpression] = []
        self._ancestors: list[cst.CSTNode] = []
        self._functions: list[cst.FunctionDef | cst.Lambda] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._ancestors:
            self.parents[node] = self._ancestors[-1]
        self._ancestors.append(node)
        if isinstance(node, cst.Name | cst.Attribute | cst.Call | cst.Await):
            self.expressions.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self._ancestors.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        super().visit_ClassDef(node)
        self.classes.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        super().visit_FunctionDef(node)
        self._functions.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        super().leave_FunctionDef(original_node)
        self._functions.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._functions.append(node)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._functions.pop()

    def visit_Yield(self, node: cst.Yield) -> None:
        if self._functions and isinstance(self._functions[-1], cst.FunctionDef):
            self.generators.add(self._functions[-1])

    def visit_Return(self, node: cst.Return) -> None:
        if self._functions and isinstance(self._functions[-1], cst.FunctionDef) and node.value:
            self.returns.append((self._functions[-1], node.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        self.assignments.append(([t.target for t in node.targets], node.value))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self.assignments.append(([node.target], node.value))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.assignments.append(([node.target], node.value))

    def visit_With(self, node: cst.With) -> None:
        self.withs.append(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes.append(node)


# ------------------------------------------------------------------------ helpers


def _dotted(expr: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a name or an attribute chain of names, else None."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        inner = _dotted(expr.value)
        return None if inner is None else f"{inner}.{expr.attr.value}"
    return None


def _shown(expr: cst.BaseExpression) -> str:
    """How a message names an expression: ``json.dumps``, ``self.c``, ``f(...)``."""
    dotted = _dotted(expr)
    if dotted is not None:
        return dotted
    if isinstance(expr, cst.Call):
        return f"{_shown(expr.func)}(...)"
    if isinstance(expr, cst.Attribute):
        return f"{_shown(expr.value)}.{expr.attr.value}"
    code = cst.Module([]).code_for_node(expr)
    return code if len(code) <= 40 else code[:37] + "..."


def _positional_index(call: cst.Call, arg: cst.Arg) -> int | None:
    """The position of a plain positional argument; None for keywords and stars."""
    if arg.keyword is not None or arg.star:
        return None
    index = 0
    for other in call.args:
        if other is arg:
            return index
        if other.keyword is None and not other.star:
            index += 1
    return None


def _streams(call: cst.Call) -> bool:
    """``stream=True`` among the arguments."""
    return any(
        arg.keyword is not None
        and arg.keyword.value == "stream"
        and isinstance(arg.value, cst.Name)
        and arg.value.value == "True"
        for arg in call.args
    )


def _own_methods(cls: cst.ClassDef, name: str) -> list[cst.FunctionDef]:
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
    return [s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == name]


# ----------------------------------------------------------------------- verifier


class _Verifier:
    """Facts about the output (scopes, what is async, what holds a client or a
    stream), then one check per kind of async thing."""

    def __init__(self, module: cst.Module, before: dict[str, bool]) -> None:
        self.wrapper = cst.MetadataWrapper(module, unsafe_skip_copy=True)
        self.scopes = self.wrapper.resolve(ScopeProvider)
        self.accesses: dict[cst.CSTNode, Access] = {}
        for scope in {s for s in self.scopes.values() if s is not None}:
            for access in scope.accesses:
                self.accesses[access.node] = access
        facts = _Facts()
        self.wrapper.module.visit(facts)
        self.facts = facts
        self.found: list[tuple[cst.CSTNode, str]] = []

        self.definitions = {
            node: _Definition(
                node,
                qualname,
                method,
                made_async=node.asynchronous is not None and not before.get(qualname, False),
                generator=node in facts.generators,
            )
            for qualname, node, method in facts.functions
        }
        self.methods: dict[str, list[_Definition]] = {}
        for definition in self.definitions.values():
            if definition.method:
                self.methods.setdefault(definition.node.name.value, []).append(definition)
        self.classes: dict[str, list[cst.ClassDef]] = {}
        for cls in facts.classes:
            self.classes.setdefault(cls.name.value, []).append(cls)
        self.task_scopes = self._task_scope_bindings()

        self.binding_kinds: dict[cst.CSTNode, _Kind] = {}
        self.client_attributes: set[str] = set()
        self.returned_kinds: dict[cst.FunctionDef, _Kind] = {}
        self._kinds: dict[cst.CSTNode, _Kind | None] = {}
        self._infer_kinds()

    # -- facts: names ------------------------------------------------------------------
    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.facts.parents.get(node)

    def _referents(self, name: cst.CSTNode) -> list[cst.CSTNode]:
        """The nodes an access may refer to (a def, a target ``Name``, a ``Param``, an
        import); empty when it is no access or names a builtin."""
        access = self.accesses.get(name)
        if access is None or not all(isinstance(a, Assignment) for a in access.referents):
            return []
        return [a.node for a in access.referents if isinstance(a, Assignment)]

    def _is_import(self, name: cst.CSTNode) -> bool:
        access = self.accesses.get(name)
        referents = access.referents if access is not None else ()
        return bool(referents) and all(isinstance(a, ImportAssignment) for a in referents)

    def _qualnames(self, node: cst.CSTNode) -> set[str]:
        """What QualifiedNameProvider would say (its mapping holds lazy values)."""
        scope = self.scopes.get(node)
        return set() if scope is None else {q.name for q in scope.get_qualified_names_for(node)}

    def _task_scope_bindings(self) -> set[cst.CSTNode]:
        """The names bound by ``async with epic.scope() as tasks`` (or ``epic.in_order()``,
        whose only method is ``spawn``)."""
        bound: set[cst.CSTNode] = set()
        for statement in self.facts.withs:
            for item in statement.items:
                if (
                    isinstance(item.item, cst.Call)
                    and item.asname is not None
                    and isinstance(item.asname.name, cst.Name)
                    and self._qualnames(item.item.func) & _TASK_STARTERS
                ):
                    bound.add(item.asname.name)
        return bound

    def _is_task_scope(self, expr: cst.BaseExpression) -> bool:
        nodes = self._referents(expr)
        return bool(nodes) and all(n in self.task_scopes for n in nodes)

    def _callees(self, call: cst.Call) -> Iterator[tuple[cst.FunctionDef, bool]]:
        """The in-file functions a call may run, each with whether it binds ``self``."""
        func = call.func
        if isinstance(func, cst.Name):
            for node in self._referents(func):
                if isinstance(node, cst.FunctionDef):
                    yield node, False
                elif isinstance(node, cst.ClassDef):
                    for method in _own_methods(node, "__init__"):
                        yield method, True
        elif isinstance(func, cst.Attribute):
            for definition in self.methods.get(func.attr.value, ()):
                yield definition.node, True

    # -- facts: what holds a client or a stream ------------------------------------------
    def _infer_kinds(self) -> None:
        """Bindings, attributes and returns that hold clients or streams, to a fixpoint:
        an alias of a client is a client, and so is a parameter a call passes one."""
        while True:
            before = (len(self.binding_kinds), len(self.client_attributes))
            before_returns = len(self.returned_kinds)
            self._kinds.clear()
            self._infer_once()
            after = (len(self.binding_kinds), len(self.client_attributes))
            if before == after and before_returns == len(self.returned_kinds):
                break  # facts only grow: no growth is the fixpoint
        # An attribute name also assigned something else (``self.client = httpx.Client()``
        # in another class) is not known to hold a client.
        self.client_attributes -= {
            target.attr.value
            for targets, value in self.facts.assignments
            for target in targets
            if isinstance(target, cst.Attribute) and self.kind(value) is not _Kind.CLIENT
        }
        self._kinds.clear()

    def _infer_once(self) -> None:
        for targets, value in self.facts.assignments:
            kind = self.kind(value)
            if kind is None:
                continue
            for target in targets:
                if isinstance(target, cst.Name):
                    self.binding_kinds.setdefault(target, kind)
                elif isinstance(target, cst.Attribute) and kind is _Kind.CLIENT:
                    self.client_attributes.add(target.attr.value)
        for statement in self.facts.withs:
            for item in statement.items:
                kind = self.kind(item.item)
                alias = item.asname.name if item.asname is not None else None
                if kind in (_Kind.CLIENT, _Kind.STREAM) and isinstance(alias, cst.Name):
                    # Clients and streams enter as themselves.
                    self.binding_kinds.setdefault(alias, kind)
        for function, value in self.facts.returns:
            kind = self.kind(value)
            if kind is not None:
                self.returned_kinds.setdefault(function, kind)
        for call in self.facts.calls:
            for param, arg in self._bound_params(call):
                kind = self.kind(arg)
                if kind in (_Kind.CLIENT, _Kind.STREAM):
                    self.binding_kinds.setdefault(param, kind)

    def _bound_params(self, call: cst.Call) -> Iterator[tuple[cst.Param, cst.BaseExpression]]:
        """(parameter, argument) for each argument of a call of an in-file function."""
        for function, binds_self in self._callees(call):
            params = function.params
            positional = [*params.posonly_params, *params.params][1 if binds_self else 0 :]
            by_name = {p.name.value: p for p in [*positional, *params.kwonly_params]}
            index = 0
            for arg in call.args:
                if arg.star:
                    break  # where the rest go is not known
                if arg.keyword is None:
                    if index < len(positional):
                        yield positional[index], arg.value
                    index += 1
                elif arg.keyword.value in by_name:
                    yield by_name[arg.keyword.value], arg.value

    def kind(self, expr: cst.CSTNode) -> _Kind | None:
        """Whether ``expr`` is a client, a stream, or an awaitable of one."""
        if expr not in self._kinds:
            self._kinds[expr] = None  # a cycle (``c = c``) holds nothing
            self._kinds[expr] = self._kind(expr)
        return self._kinds[expr]

    def _kind(self, expr: cst.CSTNode) -> _Kind | None:
        if isinstance(expr, cst.Name):
            kinds = {self.binding_kinds.get(n) for n in self._referents(expr)}
            # Every binding must agree: a name reused for other things is not known.
            return kinds.pop() if len(kinds) == 1 else None
        if isinstance(expr, cst.Attribute):
            known = expr.attr.value in self.client_attributes
            return _Kind.CLIENT if known and self.kind(expr.value) is None else None
        if isinstance(expr, cst.Await):
            inner = self.kind(expr.expression)
            return _AWAITED.get(inner) if inner is not None else None
        if isinstance(expr, cst.Call):
            return self._call_kind(expr)
        return None

    def _call_kind(self, call: cst.Call) -> _Kind | None:
        func = call.func
        if self._makes_client(func):
            return _Kind.CLIENT
        if isinstance(func, cst.Attribute):
            root, _ = self._client_chain(func)
            if root is not None:
                if func.attr.value in _CLIENT_COPIES:
                    return _Kind.CLIENT
                return _Kind.AWAIT_STREAM if _streams(call) else None
            if self._consumer(call) in (_Consumer.SPAWN, _Consumer.SPAWN_AFTER) and call.args:
                # A task started on a stream request is an awaitable of that stream.
                first = call.args[0].value
                if isinstance(first, cst.Lambda):
                    first = first.body
                return _Kind.AWAIT_STREAM if self.kind(first) is _Kind.AWAIT_STREAM else None
            return None
        for function, _ in self._callees(call):
            returned = self.returned_kinds.get(function)
            if returned is not None:
                return returned if function.asynchronous is None else _AWAITABLE_OF.get(returned)
        return None

    def _makes_client(self, func: cst.BaseExpression) -> bool:
        last = func.attr.value if isinstance(func, cst.Attribute) else _dotted(func)
        if last in _CLIENT_CLASSES:
            return True
        qualnames = self._qualnames(func)
        return _CLIENT_FACTORY in qualnames or any(
            q.rsplit(".", 1)[-1] in _CLIENT_CLASSES for q in qualnames
        )

    def _client_chain(self, attribute: cst.Attribute) -> tuple[cst.BaseExpression | None, str]:
        """For ``client.a.b`` where ``client`` is an async client: (``client``,
        ``"client.a.b"``); else (None, "")."""
        path: list[str] = []
        node: cst.BaseExpression = attribute
        while isinstance(node, cst.Attribute):
            path.append(node.attr.value)
            node = node.value
            if self.kind(node) is _Kind.CLIENT:
                return node, ".".join([_shown(node), *reversed(path)])
        return None, ""

    # -- where an awaitable goes -------------------------------------------------------
    def _consumer(self, call: cst.Call) -> _Consumer:
        func = call.func
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in _SCOPE_METHODS and self._is_task_scope(func.value):
                return _SCOPE_METHODS[method]
            if method in _AWAITABLE_METHODS:
                return _Consumer.AWAITABLES
        if isinstance(func, cst.Name | cst.Attribute):
            for qualname in self._qualnames(func):
                if qualname in _CONSUMERS:
                    return _CONSUMERS[qualname]
        return _Consumer.PLAIN

    def _through_conditionals(
        self, node: cst.BaseExpression
    ) -> tuple[cst.BaseExpression, cst.CSTNode | None]:
        """``await (ask(a) if c else ask(b))`` awaits both branches."""
        parent = self.parent(node)
        while isinstance(parent, cst.IfExp) and node is not parent.test:
            node = parent
            parent = self.parent(parent)
        return node, parent

    def _awaitable_misuse(
        self, awaitable: cst.BaseExpression, *, generator: bool = False
    ) -> str | None:
        """None when ``awaitable`` (a coroutine call, a request) is awaited, spawned or
        gathered (an async generator call: iterated with ``async for``); else where it
        goes instead, for the message."""
        node, parent = self._through_conditionals(awaitable)
        if isinstance(parent, cst.Await):
            return "it is awaited, but an async generator is not awaitable" if generator else None
        if isinstance(parent, cst.For | cst.CompFor) and parent.iter is node:
            if generator and parent.asynchronous is not None:
                return None
            return f"it is iterated with {'async for' if parent.asynchronous else 'for'}"
        if isinstance(parent, cst.Arg):
            return self._argument_misuse(parent, generator)
        if generator:
            return "it is not iterated with async for"
        if isinstance(parent, cst.Element | cst.GeneratorExp | cst.ListComp | cst.SetComp):
            return self._element_misuse(node, parent)
        if isinstance(parent, cst.Lambda):
            return self._lambda_misuse(parent)
        if isinstance(parent, cst.Return):
            return "it is returned without await"
        if isinstance(parent, cst.Assign | cst.AnnAssign | cst.AugAssign | cst.NamedExpr):
            return "it is assigned without await"
        if isinstance(parent, cst.Expr):
            return "it is a statement of its own: the call never runs"
        if isinstance(parent, cst.WithItem):
            return "it is used as a context manager"
        return "its value is used as it is"

    def _argument_misuse(self, arg: cst.Arg, generator: bool) -> str | None:
        call = self.parent(arg)
        assert isinstance(call, cst.Call)
        consumer = self._consumer(call)
        callee = _shown(call.func)
        if generator:
            return None if consumer is _Consumer.VALUES else f"it is passed to `{callee}`"
        index = _positional_index(call, arg)
        if consumer in (_Consumer.SPAWN, _Consumer.AWAITABLES) and not arg.star:
            return None
        if consumer is _Consumer.SPAWN_AFTER:
            if index != 0:
                return None  # a dependency: any awaitable
            return f"it is passed to `{callee}`, which takes a function: pass a lambda"
        if consumer is _Consumer.TO_THREAD:
            return f"it is passed to `{callee}`, which runs plain code on a thread"
        if consumer is _Consumer.VALUES:
            return f"it is passed to `{callee}`, which takes an async generator of values"
        if consumer is _Consumer.ITERABLE:
            return f"it is passed to `{callee}`, which takes an iterable of awaitables"
        keyword = f" as `{arg.keyword.value}=`" if arg.keyword is not None else ""
        return f"it is passed to `{callee}`{keyword}, which does not await it"

    def _element_misuse(
        self,
        node: cst.BaseExpression,
        parent: cst.Element | cst.GeneratorExp | cst.ListComp | cst.SetComp,
    ) -> str | None:
        container: cst.CSTNode = parent
        if isinstance(parent, cst.Element):
            container = self.parent(parent) or parent
        elif parent.elt is not node:
            return "its value is used as it is"  # the iterable of a comprehension
        arg = self.parent(container)
        if not isinstance(arg, cst.Arg):
            return "it is an element of a collection that is not gathered"
        call = self.parent(arg)
        assert isinstance(call, cst.Call)
        consumer = self._consumer(call)
        if consumer is _Consumer.ITERABLE and not arg.star:
            return None
        if consumer is _Consumer.AWAITABLES and arg.star == "*":
            return None  # asyncio.gather(*[ask(q) for q in qs])
        if consumer is _Consumer.VALUES:
            return (
                f"it is an element given to `{_shown(call.func)}`, which takes values: "
                "await it inside the generator"
            )
        return f"it is an element of a collection passed to `{_shown(call.func)}`"

    def _lambda_misuse(self, function: cst.Lambda) -> str | None:
        arg = self.parent(function)
        if not isinstance(arg, cst.Arg):
            return "it is returned by a lambda"
        call = self.parent(arg)
        assert isinstance(call, cst.Call)
        if self._consumer(call) is _Consumer.SPAWN_AFTER and _positional_index(call, arg) == 0:
            return None  # spawn_after awaits what its function returns
        return (
            f"it is returned by a lambda passed to `{_shown(call.func)}`, which does not await it"
        )

    def _value_misuse(self, node: cst.BaseExpression) -> str | None:
        """None when a bare reference to an async function goes where that is fine (a
        read of an attribute of it, a decorator, ``spawn_after``'s function); else
        where it goes instead."""
        parent = self.parent(node)
        if isinstance(parent, cst.Attribute) and parent.value is node:
            return None  # ``ask.__name__``
        if self._is_store(node) or self._in_decorator(node):
            return None
        if isinstance(parent, cst.Return) and self._returned_wrapper(parent):
            return None
        if isinstance(parent, cst.Param) and parent.default is node:
            owner = self.parent(self.parent(parent) or parent)
            if isinstance(owner, cst.FunctionDef) and self._awaits_parameter(
                owner, parent.name.value
            ):
                return None  # ``def run(xs, transform=enrich)`` awaits ``transform(x)``
        if isinstance(parent, cst.Arg):
            call = self.parent(parent)
            assert isinstance(call, cst.Call)
            receiver = self._receiving_parameter(call, parent)
            if receiver is not None and self._awaits_parameter(*receiver):
                return None  # ``run(xs, transform=enrich)``, as above
            consumer = self._consumer(call)
            callee = _shown(call.func)
            if consumer is _Consumer.SPAWN_AFTER and _positional_index(call, parent) == 0:
                return None
            if _dotted(call.func) in _INSPECTORS and not self._referents(call.func):
                return None  # ``print(ask)`` prints the function, as the input did
            if consumer is _Consumer.TO_THREAD:
                return f"it is passed to `{callee}`, which calls it on a thread without awaiting"
            if consumer in (_Consumer.SPAWN, _Consumer.AWAITABLES, _Consumer.ITERABLE):
                return f"it is passed to `{callee}`, which takes a coroutine: call it"
            keyword = f" as `{parent.keyword.value}=`" if parent.keyword is not None else ""
            return f"it is passed to `{callee}`{keyword}, which would call it without awaiting"
        if isinstance(parent, cst.Await):
            return "the function itself is awaited, not a call of it"
        return "it is used as a value, and nothing awaits its calls"

    def _awaits_parameter(self, function: cst.FunctionDef, name: str) -> bool:
        """Whether an ``async def`` does nothing with its parameter ``name`` but call it
        where the call is awaited, spawned or gathered (or read its ``__name__``)."""
        if function.asynchronous is None:
            return False
        params = [*function.params.posonly_params, *function.params.params]
        params += function.params.kwonly_params
        param = next((p for p in params if p.name.value == name), None)
        if param is None:
            return False
        uses = [a.node for a in self.accesses.values() if param in self._referents(a.node)]
        if not uses:
            return False
        for use in uses:
            parent = self.parent(use)
            if isinstance(parent, cst.Call) and parent.func is use:
                if self._awaitable_misuse(parent, generator=False) is not None:
                    return False
            elif not (
                isinstance(parent, cst.Attribute)
                and parent.value is use
                and parent.attr.value.startswith("__")
            ):
                return False
        return True

    def _receiving_parameter(
        self, call: cst.Call, arg: cst.Arg
    ) -> tuple[cst.FunctionDef, str] | None:
        """The function of the module ``call`` calls (by a name every binding of which
        is that ``def``) and the parameter ``arg`` binds."""
        if not isinstance(call.func, cst.Name) or any(a.star for a in call.args):
            return None
        referents = self._referents(call.func)
        if len(referents) != 1 or not isinstance(referents[0], cst.FunctionDef):
            return None
        function = referents[0]
        if arg.keyword is not None:
            return function, arg.keyword.value
        positional = [*function.params.posonly_params, *function.params.params]
        index = [a for a in call.args if a.keyword is None].index(arg)
        return (function, positional[index].name.value) if index < len(positional) else None

    def _returned_wrapper(self, statement: cst.Return) -> bool:
        """``return wrapper`` ending a decorator ``def retry(fn): def wrapper(...): ...``
        that only ever decorates async functions (directly, or made by a factory
        ``def retry(times): def decorate(fn): ...; return decorate`` only ever called
        on decorator lines of async functions)."""
        decorator = self._returning(statement)
        return (
            decorator is not None
            and isinstance(statement.value, cst.Name)
            and any(
                isinstance(inner, cst.FunctionDef) and inner.name.value == statement.value.value
                for inner in decorator.body.body
            )
            and self._decorates_async_only(decorator, made=False)
        )

    def _returning(self, statement: cst.Return) -> cst.FunctionDef | None:
        """The function whose last statement is ``statement`` (directly in its body)."""
        line = self.parent(statement)
        block = self.parent(line) if line is not None else None
        function = self.parent(block) if block is not None else None
        if not (isinstance(function, cst.FunctionDef) and isinstance(block, cst.IndentedBlock)):
            return None
        return function if block.body and block.body[-1] is line else None

    def _decorates_async_only(self, function: cst.FunctionDef, *, made: bool) -> bool:
        """Every reference to ``function`` is a decorator line of an ``async def``
        (``@function``; ``@function(...)`` when ``made``, the function being a
        factory), or, for a decorator, the ``return`` ending a factory of that kind."""
        uses = [n for n, a in self.accesses.items() if function in self._referents(n)]
        if not uses:
            return False
        for use in uses:
            parent = self.parent(use)
            if made and isinstance(parent, cst.Call) and parent.func is use:
                parent = self.parent(parent)
            if isinstance(parent, cst.Decorator):
                decorated = self.parent(parent)
                if not (isinstance(decorated, cst.FunctionDef) and decorated.asynchronous):
                    return False
            elif isinstance(parent, cst.Return) and not made:
                factory = self._returning(parent)
                if factory is None or not self._decorates_async_only(factory, made=True):
                    return False
            else:
                return False
        return True

    def _in_decorator(self, node: cst.CSTNode) -> bool:
        current: cst.CSTNode | None = node
        while current is not None and not isinstance(current, cst.BaseStatement):
            if isinstance(current, cst.Decorator):
                return True
            current = self.parent(current)
        return False

    def _is_store(self, node: cst.CSTNode) -> bool:
        parent = self.parent(node)
        return isinstance(parent, cst.AssignTarget | cst.Del) or (
            isinstance(parent, cst.AnnAssign | cst.AugAssign) and parent.target is node
        )

    # -- the checks ----------------------------------------------------------------------
    def violations(self) -> tuple[Violation, ...]:
        for access in self.accesses.values():
            self._check_function_reference(access)
        for attribute in self.facts.attributes:
            self._check_method_reference(attribute, attribute.attr.value, attribute.value)
        for call in self.facts.calls:
            self._check_getattr(call)
            self._check_shim_call(call)
        for node in self.facts.expressions:
            kind = self.kind(node)
            if kind is _Kind.CLIENT:
                self._check_client(node)
            elif kind is _Kind.STREAM:
                self._check_stream(node)
        for statement in self.facts.withs:
            self._check_with(statement)
        if not self.found:
            return ()
        # Positions cost as much as the rest of the check: computed only to report.
        positions = self.wrapper.resolve(PositionProvider)
        found = set()
        for reported, message in self.found:
            start = positions[reported].start
            found.add(Violation(start.line, start.column + 1, message))
        return tuple(sorted(found, key=lambda v: (v.line, v.column, v.message)))

    def report(self, node: cst.CSTNode, message: str) -> None:
        self.found.append((node, message))

    def _check_function_reference(self, access: Access) -> None:
        """A name that refers to an ``async def`` (every binding it may see is one)."""
        name = access.node
        if not isinstance(name, cst.Name):
            return
        referents = self._referents(name)
        definitions = [self.definitions.get(n) for n in referents if isinstance(n, cst.FunctionDef)]
        if not referents or len(definitions) != len(referents):
            return
        if any(d is None or d.method or d.node.asynchronous is None for d in definitions):
            return
        definition = definitions[0]
        assert definition is not None
        kind = "generator function" if definition.generator else "function"
        what = f"`{name.value}` is an async {kind}"
        self._check_callable_use(name, what, definition.made_async, definition.generator)

    def _check_callable_use(
        self, node: cst.BaseExpression, what: str, made_async: bool, generator: bool
    ) -> None:
        parent = self.parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            misuse = self._awaitable_misuse(parent, generator=generator)
            if misuse is None:
                return
            if generator:
                self.report(
                    parent,
                    f"{what} here but this call is not iterated with `async for` ({misuse})",
                )
            else:
                self.report(
                    parent,
                    f"{what} here but this call is not awaited, spawned or gathered "
                    f"({misuse}): await it",
                )
        elif made_async:  # what was async already: its bare references are the user's
            misuse = self._value_misuse(node)
            if misuse is not None:
                self.report(
                    node,
                    f"{what} here but this reference is not awaited, spawned or gathered "
                    f"({misuse})",
                )

    def _check_method_reference(
        self, node: cst.BaseExpression, name: str, receiver: cst.BaseExpression
    ) -> None:
        """``receiver.name`` (or ``getattr(receiver, "name")``) where ``name`` is an
        async method of some class of the output."""
        definitions = [d for d in self.methods.get(name, ()) if not d.generator]
        if not any(d.node.asynchronous is not None for d in definitions):
            return
        if self._is_store(node) or not self._may_be_our_object(receiver):
            return
        disagree = any(d.node.asynchronous is None for d in definitions)
        if disagree and not self._self_resolves_async(receiver, name):
            return  # classes disagree: only ``self.name`` in a class that resolves it
        made = any(d.made_async for d in definitions)
        self._check_callable_use(node, f"`{name}` is an async method", made, False)

    def _check_getattr(self, call: cst.Call) -> None:
        """``getattr(obj, "triage")`` is ``obj.triage``."""
        if (
            isinstance(call.func, cst.Name)
            and call.func.value == "getattr"
            and not self._referents(call.func)
            and len(call.args) == 2
            and isinstance(call.args[1].value, cst.SimpleString)
        ):
            name = call.args[1].value.evaluated_value
            if isinstance(name, str):
                self._check_method_reference(call, name, call.args[0].value)

    def _may_be_our_object(self, receiver: cst.BaseExpression) -> bool:
        """Whether ``receiver.name`` may be a method of the file's classes: not when the
        receiver is a module, a literal, a name bound only to literals, a builtin, the
        task scope, a client or a stream."""
        if isinstance(receiver, _LITERALS):
            return False
        root = receiver
        while isinstance(root, cst.Attribute):
            if self.kind(root) is not None:
                return False
            root = root.value
        if self.kind(root) is not None:
            return False
        if not isinstance(root, cst.Name):
            return True
        referents = self._referents(root)
        if not referents or self._is_import(root):
            return False
        if root is receiver:
            if self._is_task_scope(root):
                return False
            values = [self._assigned_value(n) for n in referents]
            if all(isinstance(v, _LITERALS) for v in values):
                return False
        return True

    def _assigned_value(self, target: cst.CSTNode) -> cst.CSTNode | None:
        """The value of ``target = value``, else None."""
        assign_target = self.parent(target)
        statement = self.parent(assign_target) if assign_target is not None else None
        if isinstance(assign_target, cst.AssignTarget) and isinstance(statement, cst.Assign):
            return statement.value
        return None

    def _self_resolves_async(self, receiver: cst.BaseExpression, name: str) -> bool:
        """``self.name`` in a method of a class that defines ``name`` as ``async def``
        (itself or through an in-file base)."""
        referents = self._referents(receiver) if isinstance(receiver, cst.Name) else []
        if len(referents) != 1 or not isinstance(referents[0], cst.Param):
            return False
        function = self._enclosing(referents[0], cst.FunctionDef)
        definition = self.definitions.get(function) if function is not None else None
        if function is None or definition is None or not definition.method:
            return False
        positional = [*function.params.posonly_params, *function.params.params]
        cls = self._enclosing(function, cst.ClassDef)
        if not positional or positional[0] is not referents[0] or cls is None:
            return False
        method = self._resolve_method(cls, name, set())
        return method is not None and method.asynchronous is not None

    def _enclosing(self, node: cst.CSTNode, kind: type[_N]) -> _N | None:
        """The nearest ancestor of ``node`` of type ``kind``."""
        current = self.parent(node)
        while current is not None:
            if isinstance(current, kind):
                return current
            current = self.parent(current)
        return None

    def _resolve_method(
        self, cls: cst.ClassDef, name: str, seen: set[str]
    ) -> cst.FunctionDef | None:
        own = _own_methods(cls, name)
        if own:
            return own[-1]
        seen.add(cls.name.value)
        for base in cls.bases:
            for base_class in self.classes.get(_dotted(base.value) or "", ()):
                if base_class.name.value not in seen:
                    method = self._resolve_method(base_class, name, seen)
                    if method is not None:
                        return method
        return None

    def _check_client(self, node: cst.BaseExpression) -> None:
        """A use of an async client: a request through it must be awaited (a client
        handed to code that is not the file's is reported too)."""
        parent = self.parent(node)
        if isinstance(parent, cst.Attribute) and parent.value is node:
            top: cst.Attribute = parent
            up = self.parent(top)
            while isinstance(up, cst.Attribute) and up.value is top:
                top, up = up, self.parent(up)
            if isinstance(up, cst.Call) and up.func is top:
                self._check_request(up, top)
            return  # else an attribute read: ``client.api_key``
        if isinstance(parent, cst.Arg):
            call = self.parent(parent)
            assert isinstance(call, cst.Call)
            in_file = any(True for _ in self._callees(call))
            if in_file or _dotted(call.func) in _INSPECTORS or self._makes_client(call.func):
                return  # the file's own code, a look at it, ``epic.async_client(client)``
            if self._consumer(call) is _Consumer.PLAIN:
                self.report(
                    node,
                    f"`{_shown(node)}` is an async client but it is handed to "
                    f"`{_shown(call.func)}`, which is not known to take one",
                )

    def _check_request(self, call: cst.Call, func: cst.Attribute) -> None:
        """``client.chat.completions.create(...)`` and friends: awaitables."""
        root, path = self._client_chain(func)
        assert root is not None
        client = _shown(root)
        method = func.attr.value
        if method in _CLIENT_COPIES:
            return  # a client: its own uses are checked
        if "with_streaming_response" in path.split(".") or method == "stream":
            item = self.parent(call)
            statement = self.parent(item) if isinstance(item, cst.WithItem) else None
            if not (isinstance(statement, cst.With) and statement.asynchronous is not None):
                self.report(
                    call,
                    f"`{path}(...)` on the async client `{client}` is an async context "
                    "manager but it is not used in `async with`",
                )
            return
        node, parent = self._through_conditionals(call)
        iterated = isinstance(parent, cst.For | cst.CompFor) and parent.iter is node
        if method == "list" and iterated:
            assert isinstance(parent, cst.For | cst.CompFor)
            if parent.asynchronous is not None:
                return  # an async paginator: ``async for model in client.models.list()``
            fix = f"write `async for ... in {path}(...)`"
        else:
            fix = f"write `await {path}(...)`"
        misuse = self._awaitable_misuse(call)
        if misuse is not None:
            self.report(
                call,
                f"`{path}(...)` is a request of the async client `{client}` but it is not "
                f"awaited, spawned or gathered ({misuse}): {fix}",
            )

    def _check_stream(self, node: cst.BaseExpression) -> None:
        """A use of an async stream: ``async for``, ``async with``, an alias, an in-file
        function that takes it, an attribute read, an awaited method call."""
        parent = self.parent(node)
        what = f"`{_shown(node)}` is an async stream (`stream=True` on an async client)"
        if isinstance(parent, cst.For | cst.CompFor) and parent.iter is node:
            if parent.asynchronous is None:
                self.report(node, f"{what} but it is iterated with a plain `for`: use `async for`")
        elif isinstance(parent, cst.Attribute) and parent.value is node:
            call = self.parent(parent)
            if isinstance(call, cst.Call) and call.func is parent:
                misuse = None if parent.attr.value == "__aiter__" else self._awaitable_misuse(call)
                if misuse is not None:
                    self.report(
                        call,
                        f"`{parent.attr.value}` is a method of {_Kind.STREAM.value} but this "
                        f"call is not awaited ({misuse}): await it",
                    )
        elif isinstance(parent, cst.Arg):
            call = self.parent(parent)
            assert isinstance(call, cst.Call)
            in_file = any(True for _ in self._callees(call))
            if not in_file and _dotted(call.func) not in _INSPECTORS:
                self.report(
                    node,
                    f"{what} but it is handed to `{_shown(call.func)}`, which would use it "
                    "synchronously: iterate it with `async for`",
                )
        elif isinstance(parent, cst.Await):
            self.report(node, f"{what} but it is awaited: it is not awaitable, iterate it")
        elif isinstance(parent, cst.WithItem):
            statement = self.parent(parent)
            if isinstance(statement, cst.With) and statement.asynchronous is None:
                self.report(node, f"{what} but it is used in a plain `with`: use `async with`")
        elif isinstance(parent, cst.StarredElement) or (
            isinstance(parent, cst.ComparisonTarget)
            and isinstance(parent.operator, cst.In | cst.NotIn)
        ):
            self.report(node, f"{what} but it is iterated synchronously: use `async for`")

    def _check_shim_call(self, call: cst.Call) -> None:
        """``epic.to_thread(...)``, ``asyncio.sleep(...)`` are coroutines; ``epic.scope()``
        and ``epic.single_flight(...)`` async context managers."""
        if not isinstance(call.func, cst.Name | cst.Attribute):
            return
        qualnames = self._qualnames(call.func)
        if qualnames & _COROUTINE_FUNCTIONS:
            misuse = self._awaitable_misuse(call)
            if misuse is not None:
                self.report(
                    call,
                    f"`{_shown(call.func)}` is a coroutine function but this call is not "
                    f"awaited, spawned or gathered ({misuse}): await it",
                )
        elif qualnames & _ASYNC_CONTEXT_MANAGERS:
            item = self.parent(call)
            statement = self.parent(item) if isinstance(item, cst.WithItem) else None
            if not (isinstance(statement, cst.With) and statement.asynchronous is not None):
                self.report(
                    call,
                    f"`{_shown(call.func)}(...)` is an async context manager but it is not "
                    "used in `async with`",
                )

    def _check_with(self, statement: cst.With) -> None:
        """``with AsyncOpenAI() as c``: an async client is an async context manager."""
        if statement.asynchronous is not None:
            return
        for item in statement.items:
            if self.kind(item.item) is _Kind.CLIENT:
                self.report(
                    item.item,
                    f"`{_shown(item.item)}` is an async client but it is used in a plain "
                    "`with`: use `async with`",
                )
