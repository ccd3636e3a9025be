"""Call facts: what every call in the module resolves to.

One LibCST pass over the module (with scope and qualified-name metadata) records, for
each ``Call`` node, whether it is a recognised external call, a call of a function
defined in the script, a known function with a known effect, or unknown. It also records
the ``OpenAI(...)`` constructor calls that become ``AsyncOpenAI(...)``, functions declared
external by pragma or configuration, and references to functions that are not calls.
"""

from __future__ import annotations

import ast
import builtins
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

import libcst as cst
from libcst.metadata import (
    Assignment,
    PositionProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from transpiler.analysis.externals import (
    OPENAI_CLIENT_CONSTRUCTORS,
    OPENAI_METHOD_PATHS,
    OPENAI_ORDERED_PATHS,
    PROGRESS_BARS,
    PURE_METHODS,
    READ_FUNCTIONS,
    READ_METHODS,
    READ_ONLY_METHODS,
    SINK_CONSTRUCTORS,
    SINK_READS,
    SINK_WRITES,
    WRITING_KEYWORDS,
    AsyncForm,
    Declarations,
    Effect,
    ExternalCall,
    ProgramFunction,
    classify_qualified,
    is_model_endpoint,
    qualified_effect,
)
from transpiler.analysis.names import MUTATING_METHODS, names_of
from transpiler.analysis.wrappers import (
    FUNCTION_ATTRIBUTES,
    FactoryShape,
    ParameterUses,
    WrapperShape,
    all_params,
    catches_cancellation,
    factory_shape,
    positional_params,
    wrapper_shape,
)

PRAGMA = re.compile(r"#\s*epic:\s*external(?P<ordered>\s+ordered)?\b")
#: ``for row in rows:  # epic: independent``: the user says the loop's iterations do not
#: affect each other through what epic cannot see.
INDEPENDENT_PRAGMA = re.compile(r"#\s*epic:\s*independent\b")


# Statements a note may point to (what keeps a loop in order, say).
_NOTED = (
    cst.SimpleStatementLine,
    cst.If,
    cst.Try,
    cst.With,
    cst.Break,
    cst.Continue,
    cst.Return,
    cst.Yield,
)


@dataclass(frozen=True, slots=True)
class UserCall:
    """A call of a function defined in the script."""

    function: cst.FunctionDef


@dataclass(frozen=True, slots=True)
class KnownCall:
    """A call whose effect is known and which stays synchronous."""

    effect: Effect
    # Output that only writes text to stdout (``print`` without ``file=``): the
    # runtime can hold it back and replay it in program order.
    stdout_only: bool = False
    # It may change state outside the program (a file's contents): calls that may
    # read that state stay after it.
    writes_world: bool = False
    # It reads state outside the program (``os.path.exists``): it stays after calls
    # that may change it.
    reads_world: bool = False


@dataclass(frozen=True, slots=True)
class ProgramCall:
    """A call of a function another module of the program made async (whole-program
    mode): awaited as it is, with the effect that module's analysis found."""

    label: str
    function: ProgramFunction


@dataclass(frozen=True, slots=True)
class WrappedCall:
    """A call that runs one of several script functions, awaited when they are all
    async: ``fn(*args, **kwargs)`` inside the wrapper of a decorator written in the
    script (see ``wrappers.py``), which runs the body of one of the functions the
    decorator decorates; a parameter's call of the functions passed there
    (``wrapper``: the function whose parameter it is); or a method call dispatched at
    run time over a class hierarchy (``self.ask()`` that may run a subclass's
    ``ask``; ``wrapper`` None)."""

    wrapper: cst.FunctionDef | None
    functions: tuple[cst.FunctionDef, ...]


CallTarget = ExternalCall | UserCall | KnownCall | ProgramCall | WrappedCall


@dataclass(frozen=True, slots=True)
class CallContext:
    """Where a call is evaluated, as far as awaiting it goes."""

    # The innermost ``def`` around it (None: module level).
    function: cst.FunctionDef | None
    # Why the call cannot be awaited where it is, if so: in a lambda, a class body, or a
    # decorator, default or annotation (evaluated where the ``def`` runs).
    sync: str | None
    # Generator expressions around it, inside ``function``: only one its consumer
    # reads whole or ``any``/``all`` reads can hold an awaited call.
    generators: tuple[cst.GeneratorExp, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class CallFacts:
    """Everything the call pass learned, finished."""

    targets: Mapping[cst.Call, CallTarget]
    client_constructors: Mapping[cst.Call, str]
    declared_external: Mapping[cst.FunctionDef, ExternalCall]
    # Every function defined in the script, with the class that holds it (if any).
    functions: Mapping[cst.FunctionDef, cst.ClassDef | None]
    # Names that refer to a script function without calling it (``map(ask, xs)``).
    function_references: tuple[tuple[cst.Name, cst.FunctionDef], ...]
    method_references: tuple[tuple[cst.Attribute, cst.FunctionDef], ...]
    # ``for chunk in stream`` over a streamed response: becomes ``async for``.
    stream_loops: frozenset[cst.For]
    positions: Mapping[cst.CSTNode, Position]
    contexts: Mapping[cst.Call, CallContext]
    # Generator expressions read whole (``sum(...)``, ``"".join(...)``) or by
    # ``any``/``all``: the only ones whose elements may be awaited.
    consumed_generators: frozenset[cst.GeneratorExp]
    # ``map(f, xs)`` (the builtin) of a script function ``f``: the same as the
    # generator expression ``(f(x) for x in xs)``, which may be gathered; and
    # ``sorted(xs, key=f)``, ``min(xs, key=f)``, ``max(xs, key=f)``: one ``f`` call per
    # element, in order, before (``sorted``) or while (``min``/``max``) it compares.
    mapped: Mapping[cst.Call, cst.FunctionDef]
    # ``globals()``, ``vars()``, ``eval(...)``, ``exec(...)``: code that reaches the
    # module's functions by a name computed at run time.
    dynamic_lookups: tuple[cst.Call, ...]
    # Streamed requests used other than by a ``for`` loop (passed to a helper,
    # ``list(...)``, ``"".join(...)``): not rewritten, they run as written, in place.
    unfollowed_streams: frozenset[cst.Call]
    # Method names of the script's classes used on an object epic cannot resolve to a
    # class (a loop variable, ``items[0]``, ``super()``), with the first such use.
    unresolved_methods: Mapping[str, cst.Attribute]
    # Classes deriving from a class that is not the script's (nor a plain base such
    # as ``object``): code outside the script may call their methods.
    library_classes: Mapping[cst.ClassDef, str]
    constructors: frozenset[cst.FunctionDef]
    # Functions whose decorators all wrap a coroutine function as well as a plain one:
    # ``@staticmethod``/``@classmethod`` (the builtins) on methods, retry decorators
    # that await (``@tenacity.retry(...)``, ``@backoff.on_exception(...)``), and
    # unbounded caches (rewritten to ``@epic.cache``).
    binding_decorated: frozenset[cst.FunctionDef] = frozenset()
    # Progress bars over an iterable (``tqdm(items, desc=...)``): they write to stderr
    # as the loop takes each item.
    progress_bars: frozenset[cst.Call] = frozenset()
    # ``contextlib.redirect_stdout(...)`` calls: output goes elsewhere while they hold.
    redirects: frozenset[cst.Call] = frozenset()
    # Per top-level class, per method name: the script methods a call through an
    # instance of the class or of any script subclass may run (whole programs describe
    # them to importers, whose parameters annotated with the class may hold either).
    dispatch: Mapping[cst.ClassDef, Mapping[str, tuple[cst.FunctionDef, ...]]] = field(
        default_factory=dict
    )
    # Attribute names epic takes to hold an instance of a known class, because every
    # write of them in the module sets one (``self.model = model``): whole programs
    # check that no other module writes them.
    held_attributes: frozenset[str] = frozenset()
    # Factories: top-level functions every ``return`` of which returns an instance of
    # one class, -> that class as the module spells it (a class of its own: its name).
    factories: Mapping[cst.FunctionDef, str] = field(default_factory=dict)
    # ``@functools.cache`` / ``@lru_cache(maxsize=None)`` of functions that may become
    # async (``@epic.cache`` then: the same hits and misses).
    cache_decorators: frozenset[cst.Decorator] = frozenset()
    # The other ``functools`` caches (bounded, or typed): they stay sync.
    bounded_caches: frozenset[cst.Decorator] = frozenset()
    # Loops marked ``# epic: independent``.
    independent_loops: frozenset[cst.For] = frozenset()
    # Decorators written in the script that wrap what they decorate: each wrapper
    # (``def wrapper`` inside ``def retry(fn)``) -> the functions decorated with it, and
    # each such function -> its wrappers, outermost first.
    wrappers: Mapping[cst.FunctionDef, tuple[cst.FunctionDef, ...]] = field(default_factory=dict)
    wrapped_by: Mapping[cst.FunctionDef, tuple[cst.FunctionDef, ...]] = field(default_factory=dict)
    # Each wrapper -> the decorator as its users write it (``retry``), for the notes.
    wrapper_names: Mapping[cst.FunctionDef, str] = field(default_factory=dict)
    # Calls of a known library function through its imported module (``csv.writer(out)``,
    # ``json.loads(s)``): what they return is made of their arguments, not of the module.
    module_functions: frozenset[cst.Call] = frozenset()
    # Writes to a file, buffer or csv writer (``writer.writerow(row)``): the text goes
    # out; the object keeps no reference to the values written.
    sink_writes: frozenset[cst.Call] = frozenset()
    # Calls of a function-valued parameter (see ``_find_parameter_calls``) -> what
    # receives the functions (``run`` (as ``transform``)), for the notes.
    passed_functions: Mapping[cst.Call, str] = field(default_factory=dict)
    # Functions (an ``__init__``: its class) some parameter of which holds a client or
    # an instance because every call in the module passes one (``run(model, q)``,
    # ``Agent(llm)``): a call from another module may pass anything.
    passed_to: frozenset[cst.FunctionDef | cst.ClassDef] = frozenset()

    def position(self, node: cst.CSTNode) -> Position:
        return self.positions.get(node, Position(1, 1))


@dataclass(slots=True)
class _CallFactsBuilder:
    """What the call pass fills while it walks the module (then frozen)."""

    targets: dict[cst.Call, CallTarget] = field(default_factory=dict)
    client_constructors: dict[cst.Call, str] = field(default_factory=dict)
    declared_external: dict[cst.FunctionDef, ExternalCall] = field(default_factory=dict)
    functions: dict[cst.FunctionDef, cst.ClassDef | None] = field(default_factory=dict)
    function_references: list[tuple[cst.Name, cst.FunctionDef]] = field(default_factory=list)
    method_references: list[tuple[cst.Attribute, cst.FunctionDef]] = field(default_factory=list)
    stream_loops: set[cst.For] = field(default_factory=set)
    positions: dict[cst.CSTNode, Position] = field(default_factory=dict)
    contexts: dict[cst.Call, CallContext] = field(default_factory=dict)
    consumed_generators: set[cst.GeneratorExp] = field(default_factory=set)
    mapped: dict[cst.Call, cst.FunctionDef] = field(default_factory=dict)
    dynamic_lookups: list[cst.Call] = field(default_factory=list)
    unfollowed_streams: set[cst.Call] = field(default_factory=set)
    unresolved_methods: dict[str, cst.Attribute] = field(default_factory=dict)
    library_classes: dict[cst.ClassDef, str] = field(default_factory=dict)
    # ``__init__`` methods that only ever run on a new object (``C(...)``, or a
    # subclass's ``super().__init__``): changing ``self`` there changes nothing else.
    constructors: set[cst.FunctionDef] = field(default_factory=set)
    binding_decorated: set[cst.FunctionDef] = field(default_factory=set)
    progress_bars: set[cst.Call] = field(default_factory=set)
    redirects: set[cst.Call] = field(default_factory=set)
    dispatch: dict[cst.ClassDef, dict[str, tuple[cst.FunctionDef, ...]]] = field(
        default_factory=dict
    )
    held_attributes: set[str] = field(default_factory=set)
    factories: dict[cst.FunctionDef, str] = field(default_factory=dict)
    cache_decorators: set[cst.Decorator] = field(default_factory=set)
    bounded_caches: set[cst.Decorator] = field(default_factory=set)
    independent_loops: set[cst.For] = field(default_factory=set)
    wrappers: dict[cst.FunctionDef, tuple[cst.FunctionDef, ...]] = field(default_factory=dict)
    wrapped_by: dict[cst.FunctionDef, tuple[cst.FunctionDef, ...]] = field(default_factory=dict)
    wrapper_names: dict[cst.FunctionDef, str] = field(default_factory=dict)
    module_functions: set[cst.Call] = field(default_factory=set)
    sink_writes: set[cst.Call] = field(default_factory=set)
    passed_functions: dict[cst.Call, str] = field(default_factory=dict)
    passed_to: set[cst.FunctionDef | cst.ClassDef] = field(default_factory=set)

    def freeze(self) -> CallFacts:
        return CallFacts(
            targets=self.targets,
            client_constructors=self.client_constructors,
            declared_external=self.declared_external,
            functions=self.functions,
            function_references=tuple(self.function_references),
            method_references=tuple(self.method_references),
            stream_loops=frozenset(self.stream_loops),
            positions=self.positions,
            contexts=self.contexts,
            consumed_generators=frozenset(self.consumed_generators),
            mapped=self.mapped,
            dynamic_lookups=tuple(self.dynamic_lookups),
            unfollowed_streams=frozenset(self.unfollowed_streams),
            unresolved_methods=self.unresolved_methods,
            library_classes=self.library_classes,
            constructors=frozenset(self.constructors),
            binding_decorated=frozenset(self.binding_decorated),
            progress_bars=frozenset(self.progress_bars),
            redirects=frozenset(self.redirects),
            dispatch=self.dispatch,
            held_attributes=frozenset(self.held_attributes),
            factories=self.factories,
            cache_decorators=frozenset(self.cache_decorators),
            bounded_caches=frozenset(self.bounded_caches),
            independent_loops=frozenset(self.independent_loops),
            wrappers=self.wrappers,
            wrapped_by=self.wrapped_by,
            wrapper_names=self.wrapper_names,
            module_functions=frozenset(self.module_functions),
            sink_writes=frozenset(self.sink_writes),
            passed_functions=self.passed_functions,
            passed_to=frozenset(self.passed_to),
        )


def _attribute_path(node: cst.BaseExpression) -> tuple[cst.BaseExpression, tuple[str, ...]]:
    """``client.chat.completions.create`` -> (Name client, ("chat", "completions", "create"))."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    return node, tuple(reversed(parts))


def _pragma_of(function: cst.FunctionDef) -> ExternalCall | None:
    body = function.body
    comment = None
    if isinstance(body, cst.IndentedBlock) and body.header.comment is not None:
        comment = body.header.comment.value
    elif isinstance(body, cst.SimpleStatementSuite) and body.trailing_whitespace.comment:
        comment = body.trailing_whitespace.comment.value
    if comment is None:
        return None
    match = PRAGMA.search(comment)
    if match is None:
        return None
    ordered = bool(match["ordered"])
    return ExternalCall(
        AsyncForm.THREAD,
        f"{function.name.value} (pragma)",
        ordered=ordered,
        reads_world=not ordered,
    )


_T = TypeVar("_T")


def _member_of(nodes: set[cst.CSTNode]) -> Callable[[cst.CSTNode], cst.CSTNode | None]:
    return lambda node: node if node in nodes else None


def _class_def(node: cst.CSTNode) -> cst.ClassDef | None:
    return node if isinstance(node, cst.ClassDef) else None


def _import(node: cst.CSTNode) -> cst.CSTNode | None:
    return node if isinstance(node, (cst.Import, cst.ImportFrom)) else None


def _dotted(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` as text, for a name or an attribute chain of names."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr.value}" if head is not None else None
    return None


#: Bases whose code calls none of a subclass's methods by name (beyond dunders).
INERT_BASES = frozenset(
    {
        "object",
        "ABC",
        "abc.ABC",
        "Generic",
        "typing.Generic",
        "Protocol",
        "typing.Protocol",
        "NamedTuple",
        "typing.NamedTuple",
        "BaseModel",
        "pydantic.BaseModel",
        "Exception",
        "BaseException",
        "ValueError",
        "RuntimeError",
        "Enum",
        "enum.Enum",
    }
)

#: Consumers that read a generator expression whole, or element by element to a
#: decision (``any``/``all``): the generator expressions whose elements may await.
GENERATOR_CONSUMERS = frozenset(
    {"sum", "max", "min", "sorted", "list", "tuple", "set", "any", "all"}
)

_SYNC_CONTEXTS = {
    "lambda": "in a lambda",
    "class": "in a class body",
    "header": "in a decorator, default or annotation",
}


def _alternatives(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The expressions whose value ``value`` may take: the operands of ``or`` and
    ``and``, the branches of a conditional expression (to any depth), else itself."""
    if isinstance(value, cst.BooleanOperation):
        return [*_alternatives(value.left), *_alternatives(value.right)]
    if isinstance(value, cst.IfExp):
        return [*_alternatives(value.body), *_alternatives(value.orelse)]
    return [value]


def _returns_of(function: cst.FunctionDef) -> list[cst.Return]:
    """The ``return`` statements of ``function`` itself (not of nested functions or
    lambdas); a generator's ``yield`` counts as a ``return None``, so a generator is
    never taken for a factory."""
    returns: list[cst.Return] = []

    class Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            returns.append(node)

        def visit_Yield(self, node: cst.Yield) -> None:
            returns.append(cst.Return(None))

    function.visit(Returns())
    return returns


class _CallVisitor(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (ScopeProvider, QualifiedNameProvider, PositionProvider)

    def __init__(
        self, declarations: Declarations, positions: Mapping[cst.CSTNode, Position] | None
    ) -> None:
        super().__init__()
        self.declarations = declarations
        self.positions = positions
        self.facts = _CallFactsBuilder()
        # Where the visit is: ("function", def), ("lambda" | "class" | "header", node),
        # ("generator", node): see CallContext.
        self._where: list[tuple[str, cst.CSTNode]] = []
        # Name nodes (assignment targets) bound to an openai client.
        self._client_targets: set[cst.CSTNode] = set()
        self._function_names: dict[cst.CSTNode, cst.FunctionDef] = {}
        self._indexed_assignments: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        self._called_names: set[cst.Name] = set()
        self._candidate_references: list[cst.Name] = []
        # Classes of the script: their methods, the attributes that hold a client,
        # and the names bound to an instance (``bot = Bot()``).
        self._class_methods: dict[cst.ClassDef, dict[str, cst.FunctionDef]] = {}
        self._explicit_init = False  # ``x.__init__(...)`` outside an ``__init__``
        # Parameters known to hold an instance by their annotation only.
        self._annotated: set[cst.CSTNode] = set()
        # The class hierarchy of the script (see _index_hierarchy): each class's
        # script bases in order, its script subclasses at any depth, the names its
        # body binds other than by ``def``, and the attribute names methods assign
        # through ``self`` (an instance attribute hides a method of that name).
        self._classes: list[cst.ClassDef] = []
        self._bases: dict[cst.ClassDef, list[cst.ClassDef] | None] = {}
        self._subclasses: dict[cst.ClassDef, list[cst.ClassDef]] = {}
        self._class_attributes: dict[cst.ClassDef, set[str]] = {}
        self._instance_attributes: set[str] = set()
        self._mros: dict[cst.ClassDef, list[cst.ClassDef] | None] = {}
        # Attributes that hold an instance of a class (see _index_instance_attributes):
        # name -> (the class that sets it, the instance's class or program class,
        # whether it may also be an instance of a subclass).
        self._instance_attributes_of: dict[str, tuple[cst.ClassDef, cst.ClassDef | str, bool]] = {}
        self._client_attributes: dict[cst.ClassDef, set[str]] = {}
        self._instance_targets: dict[cst.CSTNode, cst.ClassDef] = {}
        # Names bound to an instance of a class of another module of the program.
        self._program_instances: dict[cst.CSTNode, str] = {}
        self._annotated_program: set[cst.CSTNode] = set()  # (by annotation only)
        # Functions that return an instance of one class (see _returned_instance).
        self._instance_factories: dict[cst.FunctionDef, tuple[cst.ClassDef | str, bool]] = {}
        # Names bound to a file, buffer or csv writer (``with open(p, "w") as f``).
        self._sink_targets: set[cst.CSTNode] = set()
        self._function_stack: list[cst.FunctionDef] = []
        self._loops: list[cst.For] = []
        self._assignments_seen: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        self._called_attributes: set[cst.Attribute] = set()
        self._bound_cache: dict[tuple[object, str, str], object] = {}
        self._method_names: set[str] = set()
        # Targets of plain assignments, with their values; names bound to a response
        # of ``urlopen`` by ``with ... as``.
        self._assignment_values: dict[cst.CSTNode, cst.BaseExpression] = {}
        # Collections of instances (``_collection_kind``): how the module reads them,
        # the assignments of an element, and the answers of the current round.
        self._collection_reads = _CollectionReads(lambda node: set())
        self._attribute_writes = _AttributeWrites()
        self._returns_cache: dict[cst.FunctionDef, list[cst.Return]] = {}
        self._derived_assignments: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        self._collection_cache: dict[tuple[object, str], tuple[cst.ClassDef | str, bool] | None] = (
            {}
        )
        self._response_targets: set[cst.CSTNode] = set()
        # ``fn(...)`` in a hand-written decorator's wrapper -> the wrapper; the names in
        # ``return wrapper`` (not a use of the wrapper as a value).
        self._wrapped_calls: dict[cst.Call, cst.FunctionDef] = {}
        self._consumed_references: set[cst.Name] = set()
        # ``transform(record)`` in ``def run(records, transform)`` -> (run, the functions
        # ``transform`` may be: its default and what every call of ``run`` passes).
        self._parameter_calls: dict[
            cst.Call, tuple[cst.FunctionDef, tuple[cst.FunctionDef, ...]]
        ] = {}
        self._attribute_reads: set[cst.BaseExpression] = set()

    # -- helpers -------------------------------------------------------------------
    def _record_position(self, node: cst.CSTNode) -> None:
        if self.positions is not None:
            if node in self.positions:
                self.facts.positions[node] = self.positions[node]
            return
        code_range = self.get_metadata(PositionProvider, node, None)
        if code_range is not None:
            self.facts.positions[node] = Position(
                code_range.start.line, code_range.start.column + 1
            )

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}
        if not names and self.declarations.star:
            star = star_qualified(node, self.declarations.star)
            if star is not None:
                return {star}
        return names

    def _bound(
        self, name: cst.Name, kind: str, lookup: Callable[[cst.CSTNode], _T | None]
    ) -> _T | None:
        """The first non-None ``lookup`` of the nodes that bind ``name`` in its scope.

        Flow-insensitive (any binding of the name counts), so the answer is the same
        for every reference to the name in one scope: it is computed once per scope,
        name and ``kind`` of lookup. (Asking LibCST's scope at each reference costs
        as many steps as the name has bindings: quadratic in a long script that
        assigns one name thousands of times.)
        """
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        key = (scope, name.value, kind)
        if key not in self._bound_cache:
            found = None
            for assignment in scope[name.value]:
                if isinstance(assignment, Assignment):
                    found = lookup(assignment.node)
                    if found is not None:
                        break
            self._bound_cache[key] = found
        return cast("_T | None", self._bound_cache[key])

    def _reads_an_object(self, call: cst.Call) -> bool:
        """``vars(args)`` of an object that is not a module (a call's result, a name
        no import binds): its attributes, which hold a function of the script only
        where the script stored one, a reference that keeps it a plain function. (Also
        ``vars(args).items()``, which LibCST names ``builtins.vars`` too.)"""
        func = call.func
        while isinstance(func, cst.Attribute):
            if isinstance(func.value, cst.Call):
                call = func.value
                break
            func = func.value
        if not (
            "builtins.vars" in self._qualified(call)
            and len(call.args) == 1
            and call.args[0].keyword is None
            and not call.args[0].star
        ):
            return False
        value = call.args[0].value
        if isinstance(value, cst.Call):
            return not ({"builtins.__import__", "importlib.import_module"} & self._qualified(value))
        return isinstance(value, cst.Name) and not self._is_module(value) and value.value != "sys"

    def _bound_each(
        self, name: cst.Name, kind: str, lookup: Callable[[cst.CSTNode], _T | None]
    ) -> _T | None:
        """The ``lookup`` of every node that binds ``name`` in its scope, when it is the
        same for all (``out = open(...)`` and ``out = Recorder()``: None). Cached as
        ``_bound`` is."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        key = (scope, name.value, f"each {kind}")
        if key not in self._bound_cache:
            found: set[object] = set()
            for assignment in scope[name.value]:
                value = lookup(assignment.node) if isinstance(assignment, Assignment) else None
                found.add(value)
            self._bound_cache[key] = found.pop() if len(found) == 1 else None
        return cast("_T | None", self._bound_cache[key])

    def _is_module(self, node: cst.BaseExpression) -> bool:
        """A name bound by an import (``logging`` in ``logging.info``)."""
        return isinstance(node, cst.Name) and self._bound(node, "import", _import) is not None

    def _resolve_function(self, name: cst.Name) -> cst.FunctionDef | None:
        return self._bound(name, "function", self._function_names.get)

    def _is_client_attribute(self, receiver: cst.BaseExpression, attr: str) -> bool:
        """``self.client`` where the class sets ``self.client = OpenAI(...)``."""
        cls = self._receiver_class(receiver)
        return cls is not None and attr in self._client_attributes.get(cls, set())

    def _add_derived_clients(
        self, assignments: list[tuple[cst.BaseExpression, list[cst.CSTNode]]]
    ) -> None:
        """Names bound to ``<client>.with_options(...)`` are clients too (to a
        fixpoint: ``slow = fast.with_options(...)``). Looked up without the cache,
        which must only hold final answers."""
        changed = True
        while changed:
            changed = False
            for value, targets in assignments:
                if not (
                    isinstance(value, cst.Call)
                    and isinstance(value.func, cst.Attribute)
                    and value.func.attr.value == "with_options"
                    and isinstance(value.func.value, cst.Name)
                ):
                    continue
                if set(targets) <= self._client_targets:
                    continue
                if self._bound_uncached(value.func.value, self._client_targets):
                    self._client_targets.update(targets)
                    changed = True

    def _bound_uncached(self, name: cst.Name, nodes: set[cst.CSTNode]) -> bool:
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return False
        return any(isinstance(a, Assignment) and a.node in nodes for a in scope[name.value])

    def _is_sink(self, node: cst.BaseExpression | None) -> bool:
        """A name every binding of which (in its scope) is a file, buffer or csv writer
        the script opened: ``with open(path, "w") as out``, ``w = csv.writer(out)``."""
        return isinstance(node, cst.Name) and self._every_binding(
            node, lambda bound: bound in self._sink_targets
        )

    def _every_binding(self, name: cst.Name, holds: Callable[[cst.CSTNode], bool]) -> bool:
        """Whether ``name`` has bindings in its scope and each is an assignment whose
        node ``holds``. Uncached: for facts that are still growing, too."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return False
        bindings = list(scope[name.value])
        return bool(bindings) and all(isinstance(a, Assignment) and holds(a.node) for a in bindings)

    def _is_client(self, node: cst.BaseExpression) -> bool:
        """An expression whose value is an openai client the script made: a name bound
        to ``OpenAI(...)`` (by assignment or ``with ... as``), ``self.client`` of a
        class that sets it, ``OpenAI(...)`` itself, or ``<client>.with_options(...)``."""
        if isinstance(node, cst.Call):
            if self._qualified(node) & set(OPENAI_CLIENT_CONSTRUCTORS):
                return True
            func = node.func
            return (
                isinstance(func, cst.Attribute)
                and func.attr.value == "with_options"
                and self._is_client(func.value)
            )
        if isinstance(node, cst.Name):
            return self._bound(node, "client", _member_of(self._client_targets)) is not None
        if isinstance(node, cst.Attribute):
            return self._is_client_attribute(node.value, node.attr.value)
        return False

    def _is_response(self, node: cst.BaseExpression) -> bool:
        """``urlopen(...)`` itself, or a name every binding of which is one (``with
        urlopen(url) as response``, ``response = urlopen(url)``)."""
        if isinstance(node, cst.Call):
            return "urllib.request.urlopen" in self._qualified(node)
        if not isinstance(node, cst.Name):
            return False

        def response(bound: cst.CSTNode) -> bool:
            value = self._assignment_values.get(bound)
            return bound in self._response_targets or (
                isinstance(value, cst.Call) and self._is_response(value)
            )

        return self._every_binding(node, response)

    def _urlopen(self, external: ExternalCall, call: cst.Call) -> ExternalCall:
        """``urlopen(target)``: a GET (it reads the world) when ``target`` is a URL or a
        ``Request`` without data, and every binding of a name there is one; a POST to a
        model endpoint (``Request(f"{base}/chat/completions", data=...)``) is model
        inference; anything else (data, another method, a value epic cannot see, such
        as a parameter) stays ordered: it may create a record."""
        if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
            return external
        target = call.args[0].value
        values = [target]
        if isinstance(target, cst.Name):
            bound = self._assigned_values(target)
            if bound is None:
                return external
            values = bound
        kinds = {self._http_target(value) for value in values}
        if kinds == {"read"}:
            return ExternalCall(external.form, external.label, reads_world=True)
        if kinds == {"inference"}:
            return ExternalCall(external.form, external.label)
        return external

    def _assigned_values(self, name: cst.Name) -> list[cst.BaseExpression] | None:
        """The values of every binding of ``name`` in its scope, when each is a plain
        ``name = value`` (None for a parameter, a loop target, ...)."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        values: list[cst.BaseExpression] = []
        for assignment in scope[name.value]:
            node = assignment.node if isinstance(assignment, Assignment) else None
            value = self._assignment_values.get(node) if node is not None else None
            if value is None:
                return None
            values.append(value)
        return values or None

    def _http_target(self, node: cst.BaseExpression) -> str:
        """``read`` for a URL or a ``Request`` that only reads, ``inference`` for a
        ``Request`` that posts to a model endpoint, else ``other``."""
        if isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)) or (
            isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add)
        ):
            return "read"
        if not (isinstance(node, cst.Call) and "urllib.request.Request" in self._qualified(node)):
            return "other"
        if any(a.star for a in node.args):
            return "other"
        positional = [a.value for a in node.args if a.keyword is None]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        url = positional[0] if positional else keywords.get("url")
        data = positional[1] if len(positional) > 1 else keywords.get("data")
        method = positional[5] if len(positional) > 5 else keywords.get("method")
        verb = (
            str(method.evaluated_value).upper()
            if isinstance(method, cst.SimpleString)
            else None if method is None else "?"
        )
        if (data is None or (isinstance(data, cst.Name) and data.value == "None")) and verb in (
            None,
            *READ_ONLY_METHODS,
        ):
            return "read"
        tail = _literal_tail(url) if url is not None else None
        if verb in (None, "POST") and tail is not None and is_model_endpoint(tail):
            return "inference"
        return "other"

    def _client_call(self, node: cst.Call, func: cst.Attribute) -> ExternalCall | None:
        """A request through the script's own openai client, by its method path."""
        streams, replays = _stream_mode(node)
        path: list[str] = []
        receiver: cst.BaseExpression = func
        while isinstance(receiver, cst.Attribute):
            path.insert(0, receiver.attr.value)
            receiver = receiver.value
            method = tuple(path)
            inference = method in OPENAI_METHOD_PATHS
            if (inference or method in OPENAI_ORDERED_PATHS) and self._is_client(receiver):
                if replays and not inference:
                    return None  # (a run's stream is not replayed)
                return ExternalCall(
                    AsyncForm.CLIENT,
                    "openai " + ".".join(method),
                    ordered=not inference,
                    streams=streams,
                    replays=replays,
                    path_length=len(method),
                )
        return None

    # -- definitions -------------------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        # Functions can be called before their ``def`` appears in the text (a call in
        # another function body), so index every definition first.
        indexer = _DefinitionIndexer()
        node.visit(indexer)
        for function, owner in indexer.functions.items():
            self.facts.functions[function] = owner
            # Scope assignments point at the ``def`` node itself.
            self._function_names[function] = function
            self._function_names[function.name] = function
            pragma = _pragma_of(function)
            if pragma is not None:
                self.facts.declared_external[function] = pragma
        wrapping = self._find_wrappers(indexer.functions)
        self._find_parameter_calls(node, indexer.functions)
        for function, owner in indexer.functions.items():
            if function.decorators and all(
                d in wrapping.get(function, ())
                or self._wraps_coroutines(d, method=owner is not None)
                for d in function.decorators
            ):
                self.facts.binding_decorated.add(function)
        self._indexed_assignments = indexer.assignments
        for value, targets in indexer.assignments:
            for target in targets:
                self._assignment_values[target] = value
        for item in indexer.with_items:
            # ``with urlopen(url) as response``: its body is read with ``response.read()``.
            if item.asname is not None and isinstance(item.item, cst.Call):
                if "urllib.request.urlopen" in self._qualified(item.item):
                    self._response_targets.add(item.asname.name)
        for function, owner in indexer.functions.items():
            if owner is not None:
                self._class_methods.setdefault(owner, {})[function.name.value] = function
                self._method_names.add(function.name.value)
        self._index_hierarchy(indexer)
        for statement in node.body:
            if isinstance(statement, cst.ClassDef):
                self.facts.dispatch[statement] = self._dispatch_table(statement)
        for assign_value, targets in indexer.assignments:
            if self._may_make_client(assign_value):
                # ``client = client or OpenAI()``: a binding that may hold a client
                # the script made (any other object's calls run on a thread).
                self._client_targets.update(targets)
            if isinstance(assign_value, cst.Call):
                names = {
                    q.name for q in self.get_metadata(QualifiedNameProvider, assign_value, set())
                }
                if names & SINK_CONSTRUCTORS:
                    self._sink_targets.update(targets)
                cls = self._class_of_constructor(assign_value)
                if cls is not None:
                    for target in targets:
                        self._instance_targets[target] = cls
                program_class = self._program_class(assign_value) or self._program_made(
                    assign_value
                )
                if program_class is not None:
                    for target in targets:
                        self._program_instances[target] = program_class
        self._add_derived_clients(indexer.assignments)
        for item in indexer.with_items:
            if item.asname is not None and isinstance(item.asname.name, cst.Name):
                names = {q.name for q in self.get_metadata(QualifiedNameProvider, item.item, set())}
                if isinstance(item.item, cst.Call) and names & set(OPENAI_CLIENT_CONSTRUCTORS):
                    # ``OpenAI.__enter__`` returns the client itself.
                    self._client_targets.add(item.asname.name)
                if isinstance(item.item, cst.Call) and names & SINK_CONSTRUCTORS:
                    self._sink_targets.add(item.asname.name)  # a file's is the file
        self._add_annotated_clients(indexer)
        self._index_element_instances(node, indexer)
        self._index_instance_attributes(node, indexer)
        self._explicit_init = _calls_init_explicitly(node)
        self._add_client_attributes(indexer)
        self._add_passed_clients(node, indexer)
        self._describe_factories(node)

    def _add_client_attributes(self, indexer: _DefinitionIndexer) -> bool:
        """``self.client = OpenAI()`` (or ``client or OpenAI()``), and ``self.client =
        client`` from a parameter that holds a client: the class's ``self.client`` may
        be one. Whether one was added."""
        changed = False
        for owner, attr, value in indexer.attribute_assignments:
            known = self._client_attributes.setdefault(owner, set())
            if attr in known:
                continue
            if self._may_make_client(value) or (
                isinstance(value, cst.Name)
                and self._every_binding(value, lambda bound: bound in self._client_targets)
            ):
                known.add(attr)
                changed = True
        return changed

    def _returns(self, function: cst.FunctionDef) -> list[cst.Return]:
        """``_returns_of(function)``, found once (factories are asked every round)."""
        found = self._returns_cache.get(function)
        if found is None:
            found = self._returns_cache[function] = _returns_of(function)
        return found

    def _may_make_client(self, value: cst.BaseExpression) -> bool:
        """``OpenAI(...)``, or an expression one of whose values may be one:
        ``client or OpenAI()``, ``OpenAI() if key else None``."""
        return any(
            isinstance(v, cst.Call) and self._qualified(v) & set(OPENAI_CLIENT_CONSTRUCTORS)
            for v in _alternatives(value)
        )

    def _add_annotated_clients(self, indexer: _DefinitionIndexer) -> None:
        """Parameters annotated as a sync openai client (``client: OpenAI``), the only
        binding of their name in the function: the caller may be in another module
        (whole programs), so the annotation is what says it. At run time the async
        twin of anything that is not an openai client runs its calls on a thread."""
        for function in indexer.functions:
            params = function.params
            for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
                annotation = param.annotation
                if annotation is None or param in self._client_targets:
                    continue
                if not self._only_binding(function, param):
                    continue
                if self._qualified(annotation.annotation) & set(OPENAI_CLIENT_CONSTRUCTORS):
                    self._client_targets.add(param)
                elif isinstance(annotation.annotation, cst.Name):
                    # ``prompt: Prompt``: an instance of the script's class (or of a
                    # script subclass: ``_methods_run`` looks in them too).
                    cls = self._bound(annotation.annotation, "class", _class_def)
                    if cls is not None:
                        self._instance_targets[param] = cls
                        self._annotated.add(param)
                if param not in self._annotated and not self._qualified(
                    annotation.annotation
                ) & set(OPENAI_CLIENT_CONSTRUCTORS):
                    # ``model: ModelBase`` of another module of the program: its
                    # description of the class covers the subclasses it defines (and
                    # one defined elsewhere keeps that module's sync API).
                    program_class = self._program_class_named(annotation.annotation)
                    if program_class is not None:
                        self._program_instances[param] = program_class
                        self._annotated_program.add(param)

    def _index_element_instances(self, module: cst.Module, indexer: _DefinitionIndexer) -> None:
        """Where the module reads collections: the loops, and the reads that leave a
        list as it is (see ``_CollectionReads``). ``_add_element_instances`` then finds,
        to a fixpoint with the other facts, the names bound to collections of instances
        and the names bound to their elements."""
        reads = _CollectionReads(self._qualified)
        module.visit(reads)
        self._collection_reads = reads
        self._derived_assignments = [
            (value, targets)
            for value, targets in indexer.assignments
            if isinstance(value, cst.Subscript | cst.Call)
        ]
        self._add_element_instances()

    def _add_element_instances(self) -> bool:
        """One round: ``for t in tickets`` (also over ``tickets[1:]``, ``sorted(tickets,
        key=...)``, ``enumerate(tickets)``, ``zip(a, b)``, in a comprehension) and
        ``first = tickets[0]``, ``tickets`` a collection of instances (see
        ``_collection_kind``): the target holds an instance of their class; so does
        ``card = Card.from_row(row)`` (``_factory_instance``). Whether a fact was
        added."""
        reads = self._collection_reads
        self._collection_cache.clear()
        changed = False
        for target, iterable in reads.loops:
            for name, kind in self._loop_elements(target, iterable):
                if kind is not None and not self._holds_instance(name):
                    self._add_instance(name, *kind)
                    changed = True
        for value, bound in self._derived_assignments:
            made = self._instance_kind(value)
            for node in bound:
                if made is not None and not self._holds_instance(node):
                    self._add_instance(node, *made)
                    changed = True
        return changed

    def _loop_elements(
        self, target: cst.BaseExpression, iterable: cst.BaseExpression
    ) -> list[tuple[cst.Name, tuple[cst.ClassDef | str, bool] | None]]:
        """The names a loop's target binds to elements of collections, with their
        class: ``t`` in ``for t in ts``, ``t`` in ``for i, t in enumerate(ts)``, ``a``
        and ``b`` in ``for a, b in zip(as_, bs)``."""
        if isinstance(target, cst.Name):
            return [(target, self._collection_kind(iterable))]
        if not (isinstance(target, cst.Tuple | cst.List) and isinstance(iterable, cst.Call)):
            return []
        names = [e.value if isinstance(e, cst.Element) else None for e in target.elements]
        args = [a.value for a in iterable.args if a.keyword is None and not a.star]
        if len(args) != len(iterable.args):
            return []
        called = self._qualified(iterable)
        if "builtins.enumerate" in called and len(args) == 1 and len(names) == 2:
            pairs = [(names[1], args[0])]
        elif "builtins.zip" in called and len(args) == len(names):
            pairs = list(zip(names, args, strict=True))
        else:
            return []
        return [
            (name, self._collection_kind(arg)) for name, arg in pairs if isinstance(name, cst.Name)
        ]

    def _collection_kind(self, node: cst.BaseExpression) -> tuple[cst.ClassDef | str, bool] | None:
        """The class every element of a list or tuple is an instance of, when what it
        holds cannot change: a display of instances (``[Ticket(...), ...]``), a list
        comprehension whose element is one (``[Card.from_row(r) for r in rows]``,
        ``[t for t in tickets if t.urgent]``), a slice, ``sorted``, ``list``, ``tuple``
        or ``reversed`` of one, or a name every binding of which is one and every
        reference to which only reads it (``_CollectionReads``: no ``append``, no
        element assigned, not passed to a function that could change it, no alias)."""
        if isinstance(node, cst.List | cst.Tuple):
            if not node.elements or not all(isinstance(e, cst.Element) for e in node.elements):
                return None
            return self._common_class([self._instance_kind(e.value) for e in node.elements])
        if isinstance(node, cst.ListComp):
            return self._instance_kind(node.elt)
        if isinstance(node, cst.Subscript):
            sliced = len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice)
            return self._collection_kind(node.value) if sliced else None
        if isinstance(node, cst.Call):
            args = node.args
            copies = self._qualified(node) & _COLLECTION_COPIES
            if not copies or not args or args[0].keyword is not None or args[0].star:
                return None
            if "builtins.sorted" not in copies and len(args) != 1:
                return None
            return self._collection_kind(args[0].value)
        if not isinstance(node, cst.Name):
            return None
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return None
        key = (scope, node.value)
        if key in self._collection_cache:
            return self._collection_cache[key]
        self._collection_cache[key] = None  # a name defined through itself: not known
        kinds: list[tuple[cst.ClassDef | str, bool] | None] = []
        bindings = list(scope[node.value])
        safe = self._collection_reads.safe
        for binding in bindings:
            value = (
                self._assignment_values.get(binding.node)
                if isinstance(binding, Assignment)
                else None
            )
            if value is None or any(id(r.node) not in safe for r in binding.references):
                kinds = [None]
                break
            kinds.append(self._collection_kind(value))
        found = self._common_class(kinds)
        self._collection_cache[key] = found
        return found

    def _element_instance(self, node: cst.BaseExpression) -> tuple[cst.ClassDef | str, bool] | None:
        """``tickets[0]``: an element of a collection of instances (``_collection_kind``)."""
        if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
            return None
        if not isinstance(node.slice[0].slice, cst.Index):
            return None
        return self._collection_kind(node.value)

    def _index_instance_attributes(self, module: cst.Module, indexer: _DefinitionIndexer) -> None:
        """``self.model = model`` in a method of ``O``, ``model`` an instance of ``C``
        (every binding of it: ``C(...)``, or a parameter annotated with ``C``): then
        ``self.model`` of an ``O`` is a ``C``, when every write of an attribute of that
        name in the module is such an assignment in ``O``'s methods, with the same
        class, and no class body binds the name (``setattr`` with a computed name, or
        ``__dict__``, and nothing is known). See ``_add_instance_attributes``."""
        writes = _AttributeWrites()
        module.visit(writes)
        self._attribute_writes = writes
        self._add_instance_attributes(indexer)

    def _add_instance_attributes(self, indexer: _DefinitionIndexer) -> bool:
        """One round of ``_index_instance_attributes`` (the values' classes may be
        found later: ``Agent(llm)`` passing an instance to ``__init__``). Whether an
        attribute was added."""
        writes = self._attribute_writes
        if writes.dynamic:
            return False
        changed = False
        related = set()  # classes an instance of which may be one of ``dynamic_on``
        for cls in writes.dynamic_on:
            related |= {cls, *(self._mro(cls) or []), *self._subclasses.get(cls, [])}
        candidates: dict[str, list[tuple[cst.ClassDef, cst.BaseExpression]]] = {}
        for owner, attr, value in indexer.attribute_assignments:
            candidates.setdefault(attr, []).append((owner, value))
        class_names = {n for cls in self._classes for n in self._class_attributes.get(cls, ())}
        for attr, assignments in candidates.items():
            if writes.count.get(attr, 0) != len(assignments) or attr in class_names:
                continue
            if attr in self._instance_attributes_of:
                continue
            owners = {owner for owner, _ in assignments}
            kinds: set[tuple[cst.ClassDef | str, bool]] = set()
            for _, value in assignments:
                kind = self._instance_kind(value)
                if kind is None:
                    break
                kinds.add(kind)
            else:
                classes = {cls for cls, _ in kinds}
                if len(owners) == 1 and len(classes) == 1 and not owners & related:
                    virtual = any(v for _, v in kinds)
                    self._instance_attributes_of[attr] = (owners.pop(), classes.pop(), virtual)
                    self.facts.held_attributes.add(attr)
                    changed = True
        return changed

    def _instance_kind(self, value: cst.BaseExpression) -> tuple[cst.ClassDef | str, bool] | None:
        """The class every binding of the name ``value`` holds an instance of (a script
        class or a program class), and whether it may be a subclass's instance."""
        if isinstance(value, cst.Call):
            cls = self._class_of_constructor(value)
            program = self._program_class(value)
            found: cst.ClassDef | str | None = cls if cls is not None else program
            return (found, False) if found is not None else self._factory_instance(value)
        if isinstance(value, cst.Subscript):
            return self._element_instance(value)
        if not isinstance(value, cst.Name):
            return None
        kinds: set[tuple[cst.ClassDef | str, bool]] = set()

        def holds(bound: cst.CSTNode) -> bool:
            if bound in self._instance_targets:
                kinds.add((self._instance_targets[bound], bound in self._annotated))
                return True
            if bound in self._program_instances:
                kinds.add((self._program_instances[bound], bound in self._annotated_program))
                return True
            return False

        if not self._every_binding(value, holds) or len({c for c, _ in kinds}) != 1:
            return None
        return next(iter(kinds))[0], any(v for _, v in kinds)

    def _attribute_instance(
        self, node: cst.BaseExpression
    ) -> tuple[cst.ClassDef | str, bool] | None:
        """``self.model`` (or ``x.model``, ``x`` of a known class) that holds an
        instance (see ``_index_instance_attributes``): its class, and whether it may be
        a subclass's instance."""
        if not isinstance(node, cst.Attribute):
            return None
        held = self._instance_attributes_of.get(node.attr.value)
        if held is None:
            return None
        owner, cls, virtual = held
        receiver = self._receiver_class(node.value)
        if receiver is None or owner not in (self._mro(receiver) or [receiver]):
            return None
        return cls, virtual

    def _add_passed_clients(self, module: cst.Module, indexer: _DefinitionIndexer) -> None:
        """Clients that reach a function as an argument (``def ask(client, q)``, every
        call of which passes a client there) or come back from one (``def
        make_client(): return OpenAI(...)``, every ``return`` of which returns one, the
        last statement a ``return``), to a fixpoint (``review(client)`` passing its
        own parameter on to ``ask``). Plain functions called by name only; a parameter
        the function rebinds is not one."""
        sites: dict[cst.FunctionDef, list[cst.Call]] = {}
        references: dict[cst.FunctionDef, int] = {}
        built: dict[cst.ClassDef, list[cst.Call]] = {}
        named: dict[cst.ClassDef, int] = {}

        class Uses(cst.CSTVisitor):
            def __init__(self, outer: _CallVisitor) -> None:
                self.outer = outer

            def visit_Call(self, node: cst.Call) -> None:
                if isinstance(node.func, cst.Name):
                    function = self.outer._resolve_function(node.func)
                    if function is not None:
                        sites.setdefault(function, []).append(node)
                    cls = self.outer._class_of_constructor(node)
                    if cls is not None:
                        built.setdefault(cls, []).append(node)

            def visit_Name(self, node: cst.Name) -> None:
                function = self.outer._resolve_function(node)
                if function is not None and node is not function.name:
                    references[function] = references.get(function, 0) + 1
                cls = self.outer._bound(node, "class", _class_def)
                if cls is not None and node is not cls.name:
                    named[cls] = named.get(cls, 0) + 1

        module.visit(Uses(self))
        plain = {
            f: calls
            for f, calls in sites.items()
            if indexer.functions.get(f) is None and references.get(f, 0) == len(calls)
        }
        # ``Agent(llm)``: the parameters of ``__init__`` (after ``self``) of a class
        # every reference to which is such a call (no subclass, no explicit
        # ``__init__`` call, which would pass other arguments).
        constructed: dict[cst.FunctionDef, list[cst.Call]] = {}
        constructed_class: dict[cst.FunctionDef, cst.FunctionDef | cst.ClassDef] = {}
        for cls, calls in built.items():
            init = self._class_methods.get(cls, {}).get("__init__")
            if (
                init is not None
                and not init.decorators
                and named.get(cls, 0) == len(calls)
                and not self._subclasses.get(cls)
                and not self._explicit_init
            ):
                constructed[init] = calls
                constructed_class[init] = cls
        factories: set[cst.FunctionDef] = set()
        changed = True
        while changed:
            changed = False
            for function, calls in [*plain.items(), *constructed.items()]:
                params = (
                    function.params.params[1:]
                    if function in constructed
                    else function.params.params
                )
                for index, param in enumerate(params):
                    if param in self._client_targets or not self._only_binding(function, param):
                        continue
                    passed = [_argument(call, index, param.name.value) for call in calls]
                    if any(a.star for call in calls for a in call.args):
                        continue
                    receiver = constructed_class.get(function, function)
                    if all(
                        arg is not None and self._is_client_now(arg, factories) for arg in passed
                    ):
                        self._client_targets.add(param)
                        self.facts.passed_to.add(receiver)
                        changed = True
                    elif not self._holds_instance(param):
                        if self._add_passed_instance(param, passed):
                            self.facts.passed_to.add(receiver)
                            changed = True
                if function in constructed:
                    continue
                if function not in self._instance_factories:
                    made = self._returned_instance(function)
                    if made is not None:
                        self._instance_factories[function] = made
                        changed = True
                        for call in calls:
                            for value, targets in indexer.assignments:
                                if value is call:
                                    for target in targets:
                                        self._add_instance(target, *made)
                if function not in factories and self._returns_client(function, factories):
                    factories.add(function)
                    changed = True
                    for call in calls:
                        for value, targets in indexer.assignments:
                            if value is call:
                                self._client_targets.update(targets)
            changed = self._add_element_instances() or changed
            changed = self._add_instance_attributes(indexer) or changed
            changed = self._add_client_attributes(indexer) or changed

    def _describe_factories(self, module: cst.Module) -> None:
        """The module's top-level factories, as other modules of a program see them
        (their calls may all be there): the class, as the module spells it."""
        for statement in module.body:
            if not isinstance(statement, cst.FunctionDef):
                continue
            made = self._instance_factories.get(statement) or self._returned_instance(statement)
            if made is None:
                continue
            cls = made[0]
            if isinstance(cls, str):
                self.facts.factories[statement] = cls
            elif cls in module.body:
                self.facts.factories[statement] = cls.name.value

    def _add_instance(self, node: cst.CSTNode, cls: cst.ClassDef | str, virtual: bool) -> None:
        if isinstance(cls, str):
            self._program_instances[node] = cls
            if virtual:
                self._annotated_program.add(node)
        else:
            self._instance_targets[node] = cls
            if virtual:
                self._annotated.add(node)

    def _returned_instance(
        self, function: cst.FunctionDef
    ) -> tuple[cst.ClassDef | str, bool] | None:
        """The class every ``return`` of a function returns an instance of (falling
        off the end returns None, on which a method call fails in the output as in the
        original), or the class its return annotation names (``-> ModelBase``: of it
        or of a subclass)."""
        returns = self._returns(function)
        owner = self.facts.functions.get(function)
        receiver = receiver_param(function) if _is_classmethod(function) == "class" else None

        def kind(value: cst.BaseExpression | None) -> tuple[cst.ClassDef | str, bool] | None:
            if value is None:
                return None
            if (
                owner is not None
                and isinstance(value, cst.Call)
                and isinstance(value.func, cst.Name)
                and value.func.value == receiver
            ):
                return owner, True  # ``cls(...)``: of the class or of a subclass
            return self._instance_kind(value)

        kinds = [kind(r.value) for r in returns]
        common = self._common_class(kinds)
        if common is not None:
            return common
        if function.returns is not None and isinstance(function.returns.annotation, cst.Name):
            cls = self._bound(function.returns.annotation, "class", _class_def)
            program = self._program_class_named(function.returns.annotation)
            if cls is not None:
                return cls, True
            if program is not None:
                return program, True
        return None

    def _factory_instance(self, node: cst.BaseExpression) -> tuple[cst.ClassDef | str, bool] | None:
        """``make_model(...)``, a call of a factory of the module (``_returned_instance``),
        or ``Card.from_row(...)``, of a class's method that is one (``return
        cls(...)``)."""
        if not isinstance(node, cst.Call):
            return None
        if isinstance(node.func, cst.Name):
            function = self._resolve_function(node.func)
            if function is not None:
                return self._instance_factories.get(function)
        elif isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name):
            cls = self._bound(node.func.value, "class", _class_def)
            method = self._lookup(cls, node.func.attr.value) if cls is not None else None
            if isinstance(method, cst.FunctionDef) and _is_classmethod(method) != "plain":
                return self._returned_instance(method)
        return None

    def _holds_instance(self, node: cst.CSTNode) -> bool:
        return node in self._instance_targets or node in self._program_instances

    def _add_passed_instance(
        self, param: cst.Param, passed: list[cst.BaseExpression | None]
    ) -> bool:
        """``def run(model, q)`` every call of which passes an instance of one class
        (``run(model=Scaffold(...))``, or a name every binding of which holds one):
        the parameter holds one too. Whether it was added."""
        kinds = [self._instance_kind(arg) if arg is not None else None for arg in passed]
        common = self._common_class(kinds)
        if common is None:
            return False
        self._add_instance(param, *common)
        return True

    def _common_class(
        self, kinds: list[tuple[cst.ClassDef | str, bool] | None]
    ) -> tuple[cst.ClassDef | str, bool] | None:
        """The class of objects each of which is an instance of one of ``kinds``: the
        one class, or a script class the others derive from (an instance of it or of a
        subclass)."""
        if not kinds or any(k is None for k in kinds):
            return None
        classes = {k[0] for k in kinds if k is not None}
        virtual = any(k[1] for k in kinds if k is not None)
        if len(classes) == 1:
            return classes.pop(), virtual
        scripted = [c for c in classes if isinstance(c, cst.ClassDef)]
        if len(scripted) != len(classes):
            return None
        # The nearest script class every one derives from (itself one of them, or a
        # base they share: ``[Remote(1), Local(2)]`` holds instances of ``Base``).
        place = {c: i for i, c in enumerate(self._classes)}
        orders = [self._mro(c) or [] for c in sorted(scripted, key=lambda c: place.get(c, -1))]
        for candidate in orders[0]:
            if all(candidate in order for order in orders[1:]):
                return candidate, True
        return None

    def _only_binding(self, function: cst.FunctionDef, param: cst.Param) -> bool:
        """The parameter is the only binding of its name in the function."""
        body = function.body
        first = body.body[0] if isinstance(body, cst.IndentedBlock) and body.body else None
        scope = self.get_metadata(ScopeProvider, first, None) if first is not None else None
        if scope is None:
            return False
        return all(isinstance(a, Assignment) and a.node is param for a in scope[param.name.value])

    def _is_client_now(self, node: cst.BaseExpression, factories: set[cst.FunctionDef]) -> bool:
        """Like :meth:`_is_client`, without the cache (the facts are still growing), and
        for a name only when every binding of it is a client's."""
        if isinstance(node, cst.Call):
            if isinstance(node.func, cst.Name) and self._resolve_function(node.func) in factories:
                return True
            return bool(self._qualified(node) & set(OPENAI_CLIENT_CONSTRUCTORS))
        if isinstance(node, cst.Name):
            return self._every_binding(node, lambda bound: bound in self._client_targets)
        return False

    def _returns_client(self, function: cst.FunctionDef, factories: set[cst.FunctionDef]) -> bool:
        body = function.body
        if not isinstance(body, cst.IndentedBlock) or not body.body:
            return False
        last = body.body[-1]
        if not (
            isinstance(last, cst.SimpleStatementLine)
            and len(last.body) == 1
            and isinstance(last.body[0], cst.Return)
        ):
            return False
        returns = self._returns(function)
        return all(r.value is not None and self._is_client_now(r.value, factories) for r in returns)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._record_position(node)
        # A function declared external is opaque: it runs as a whole on a thread, so
        # nothing inside it is rewritten.
        if node in self.facts.declared_external:
            return False
        # The decorators, defaults and annotations run where the ``def`` does.
        self._where.append(("header", node))
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)
        if node.returns is not None:
            node.returns.visit(self)
        self._where.pop()
        self._function_stack.append(node)
        self._where.append(("function", node))
        node.body.visit(self)
        self._where.pop()
        self._function_stack.pop()
        return False

    # -- classes -------------------------------------------------------------------
    def _class_of_constructor(self, call: cst.Call) -> cst.ClassDef | None:
        if not isinstance(call.func, cst.Name):
            return None
        return self._bound(call.func, "class", _class_def)

    def _receiver_class(self, node: cst.BaseExpression) -> cst.ClassDef | None:
        """The script class of ``self`` (``cls`` in a class method), of a name bound
        to an instance (``bot = Bot()``), of a new instance (``Bot().ask``) or of the
        class's own name (``Bot.ask``), if known."""
        if isinstance(node, cst.Call):
            made = self._factory_instance(node)
            if made is not None:
                return made[0] if isinstance(made[0], cst.ClassDef) else None
            return self._class_of_constructor(node)
        held = self._attribute_instance(node) or self._element_instance(node)
        if held is not None:
            return held[0] if isinstance(held[0], cst.ClassDef) else None
        if not isinstance(node, cst.Name):
            return None
        if self._function_stack:
            method = self._function_stack[-1]
            owner = self.facts.functions.get(method)
            if owner is not None and receiver_param(method) == node.value:
                return owner
        instance = self._bound_each(node, "instance", self._instance_targets.get)
        return instance if instance is not None else self._bound(node, "class", _class_def)

    def _index_hierarchy(self, indexer: _DefinitionIndexer) -> None:
        """The script's classes, their script bases and subclasses (see ``_mro``)."""
        self._classes = list(indexer.classes)
        self._instance_attributes = {attr for _, attr, _ in indexer.attribute_assignments}
        for cls in self._classes:
            self._class_attributes[cls] = _class_body_names(cls)
            self._bases[cls] = self._script_bases(cls)
            for base in self._bases[cls] or []:
                self._subclasses.setdefault(base, [])
        for cls in self._classes:
            todo = list(self._bases[cls] or self._named_bases(cls))
            seen: set[cst.ClassDef] = set()
            while todo:
                ancestor = todo.pop()
                if ancestor in seen:
                    continue
                seen.add(ancestor)
                self._subclasses.setdefault(ancestor, []).append(cls)
                todo.extend(self._bases.get(ancestor) or self._named_bases(ancestor))

    def _named_bases(self, cls: cst.ClassDef) -> list[cst.ClassDef]:
        """The bases of ``cls`` that are script classes (others may be anything)."""
        found = []
        for base in cls.bases:
            if isinstance(base.value, cst.Name):
                parent = self._bound(base.value, "class", _class_def)
                if parent is not None and parent is not cls:
                    found.append(parent)
        return found

    def _script_bases(self, cls: cst.ClassDef) -> list[cst.ClassDef] | None:
        """The bases of ``cls``, in order, when each is a script class or a base that
        defines no methods a subclass could be looking up (``object``, ``ABC``,
        ``Generic[T]``, ...), and no metaclass but ``ABCMeta`` is given; else None (a
        method not found in the script classes may come from elsewhere)."""
        for keyword in cls.keywords:
            if (
                keyword.keyword is None
                or keyword.keyword.value != "metaclass"
                or _dotted(keyword.value) not in _ABC_META
            ):
                return None
        bases: list[cst.ClassDef] = []
        for base in cls.bases:
            value = base.value.value if isinstance(base.value, cst.Subscript) else base.value
            if base.star or _dotted(value) in INERT_BASES:
                if base.star:
                    return None
                continue
            parent = (
                self._bound(value, "class", _class_def) if isinstance(value, cst.Name) else None
            )
            if parent is None or parent is cls:
                return None
            bases.append(parent)
        return bases

    def _mro(self, cls: cst.ClassDef) -> list[cst.ClassDef] | None:
        """The script classes of ``cls``'s method resolution order (C3, as Python
        computes it), when every class in it is known (``_script_bases``)."""
        if cls in self._mros:
            return self._mros[cls]
        self._mros[cls] = None  # (a cycle through rebound names: unknown)
        bases = self._bases.get(cls)
        if bases is None:
            return None
        lines: list[list[cst.ClassDef]] = []
        for base in bases:
            line = self._mro(base)
            if line is None:
                return None
            lines.append(line)
        merged = _c3_merge([*lines, list(bases)])
        self._mros[cls] = [cls, *merged] if merged is not None else None
        return self._mros[cls]

    def _lookup(self, cls: cst.ClassDef, name: str, *, after: bool = False) -> _Lookup:
        """The script method ``name`` of instances of ``cls`` (after ``cls`` in its
        method resolution order, for ``super()``), ``None`` when there is none (an
        ``AttributeError`` as much in the output as in the original), or ``UNKNOWN``
        when it may be something else (a base epic does not see, an attribute that is
        not a ``def``)."""
        if name in self._instance_attributes:
            return UNKNOWN  # ``self.ask = ...`` somewhere: it may hide the method
        mro = self._mro(cls)
        chain = mro if mro is not None else [cls]
        for current in chain[1:] if after else chain:
            if name in self._class_attributes.get(current, ()):
                return UNKNOWN
            method = self._class_methods.get(current, {}).get(name)
            if method is not None:
                return method
        return None if mro is not None else UNKNOWN

    def _methods_run(self, func: cst.Attribute) -> tuple[cst.FunctionDef, ...] | None:
        """The script methods ``x.m`` may be, in the order their classes are defined,
        or None when it may be something else. The class of ``x``'s own instance
        when that is known (``Bot()``, ``bot = Bot()``); ``self`` or a parameter
        annotated with a class may also be an instance of a script subclass, whose
        own ``m`` then runs (``super()`` looks up after the method's class)."""
        name = func.attr.value
        owner = self._super_owner(func.value)
        if owner is not None:
            found = self._lookup(owner, name, after=True)
            return (found,) if isinstance(found, cst.FunctionDef) else None
        cls = self._receiver_class(func.value)
        if cls is None:
            return None
        virtual = self._is_receiver_param(func.value) or self._is_annotated(func.value)
        return self._implementations(cls, name, virtual=virtual)

    def _implementations(
        self, cls: cst.ClassDef, name: str, *, virtual: bool
    ) -> tuple[cst.FunctionDef, ...] | None:
        """The script methods ``name`` of an instance of ``cls`` (``virtual``: or of a
        script subclass) may be, or None when it may be something else."""
        classes = [cls, *self._subclasses.get(cls, [])] if virtual else [cls]
        methods: list[cst.FunctionDef] = []
        for current in classes:
            found = self._lookup(current, name)
            if found is UNKNOWN:
                return None
            if isinstance(found, cst.FunctionDef) and found not in methods:
                methods.append(found)
        return tuple(sorted(methods, key=self._order_of)) or None

    def _dispatch_table(self, cls: cst.ClassDef) -> dict[str, tuple[cst.FunctionDef, ...]]:
        """Every method name of ``cls``, its bases and its subclasses, with the methods
        a call through an instance of any of them may run (when that is known)."""
        mro = self._mro(cls) or [cls]
        names = {
            name
            for current in [*mro, *self._subclasses.get(cls, [])]
            for name in self._class_methods.get(current, {})
        }
        table = {}
        for name in sorted(names):
            methods = self._implementations(cls, name, virtual=True)
            if methods is not None:
                table[name] = methods
        return table

    def _order_of(self, method: cst.FunctionDef) -> int:
        owner = self.facts.functions.get(method)
        return self._classes.index(owner) if owner in self._classes else -1

    def _super_owner(self, node: cst.BaseExpression) -> cst.ClassDef | None:
        """The class whose method ``super()`` (no arguments) is written in."""
        if not (
            isinstance(node, cst.Call)
            and not node.args
            and isinstance(node.func, cst.Name)
            and node.func.value == "super"
            and self._function_stack
        ):
            return None
        return self.facts.functions.get(self._function_stack[-1])

    def _constructor(self, cls: cst.ClassDef, call: cst.Call) -> CallTarget | None:
        """What ``C(...)`` runs for a script class, when that is known: the ``__init__``
        of the class or of its one script base (it only runs on the new object, unless
        the module calls ``__init__`` itself on some other), or nothing at all for a
        plain class or a ``@dataclass`` whose fields only have literal defaults."""
        current: cst.ClassDef | None = cls
        while current is not None:
            if current.keywords or not all(_is_dataclass(d) for d in current.decorators):
                return None  # a metaclass, a decorator: code epic does not follow
            methods = self._class_methods.get(current, {})
            if methods.keys() & {"__new__", "__post_init__", "__init_subclass__"}:
                return None
            init = methods.get("__init__")
            if init is not None:
                if self._explicit_init or init.decorators or init.asynchronous:
                    return None
                self.facts.constructors.add(init)
                return UserCall(init)
            if not all(_inert_class_statement(s) for s in current.body.body):
                return None
            dataclass = any(_is_dataclass(d) for d in current.decorators)
            bases = [b for b in current.bases if _dotted(b.value) not in ("object", None)]
            if any(b.keyword is not None or b.star for b in current.bases) or len(bases) > 1:
                return None
            if not bases:
                # ``object.__init__`` takes no arguments; a dataclass's checks them.
                return KnownCall(Effect.PURE) if dataclass or not call.args else None
            base = bases[0].value
            current = self._bound(base, "class", _class_def) if isinstance(base, cst.Name) else None
        return None

    def _receiver_constructor(self, call: cst.Call, func: cst.Name) -> CallTarget | None:
        """``cls(...)`` in a ``@classmethod`` of a script class (``cls`` not rebound):
        the constructor of the class or of a subclass, whichever ``cls`` is; what
        they run when that is known for each."""
        if not self._function_stack:
            return None
        method = self._function_stack[-1]
        owner = self.facts.functions.get(method)
        if owner is None or _is_classmethod(method) != "class":
            return None
        params = [*method.params.posonly_params, *method.params.params]
        if receiver_param(method) != func.value or not self._only_binding(method, params[0]):
            return None
        functions: list[cst.FunctionDef] = []
        for cls in [owner, *self._subclasses.get(owner, [])]:
            made = self._constructor(cls, call)
            if isinstance(made, UserCall):
                if made.function not in functions:
                    functions.append(made.function)
            elif made != KnownCall(Effect.PURE):
                return None
        if not functions:
            return KnownCall(Effect.PURE)
        if len(functions) == 1:
            return UserCall(functions[0])
        return WrappedCall(None, tuple(functions))

    def _mapped_function(self, call: cst.Call) -> cst.FunctionDef | None:
        """``map(f, xs)`` of the builtin ``map``, or ``sorted(xs, key=f)`` /
        ``min(xs, key=f)`` / ``max(xs, key=f)`` of the builtin, with a script function
        ``f`` (the only binding of its name)."""
        qualified = self._qualified(call)
        if any(arg.star for arg in call.args):
            return None
        positional = [arg for arg in call.args if arg.keyword is None]
        keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
        if "builtins.map" in qualified:
            if len(call.args) != 2 or keywords:
                return None
            function = call.args[0].value
        elif qualified & {"builtins.sorted", "builtins.min", "builtins.max"}:
            allowed = {"key", "reverse"} if "builtins.sorted" in qualified else {"key"}
            if len(positional) != 1 or "key" not in keywords or set(keywords) - allowed:
                return None
            function = keywords["key"]
        else:
            return None
        return self._only_function(function) if isinstance(function, cst.Name) else None

    def _program_class(self, call: cst.Call) -> str | None:
        """``Bot(...)`` where ``Bot`` is a class of another module of the program."""
        return self._program_class_named(call)

    def _program_made(self, call: cst.Call) -> str | None:
        """``make_model(...)``, a factory of another module of the program that returns
        an instance of one of its classes: that class."""
        for name in sorted(self._qualified(call)):
            function = self.declarations.program.get(name)
            if function is not None and function.returns in self.declarations.program_classes:
                return function.returns
        return None

    def _program_class_named(self, node: cst.CSTNode) -> str | None:
        """The class of another module of the program that ``node`` names (or calls)."""
        for name in sorted(self._qualified(node)):
            if name in self.declarations.program_classes:
                return name
        return None

    def _program_method(self, func: cst.Attribute) -> ProgramCall | None:
        """``bot.reply`` where every binding of ``bot`` is an instance of one class of
        another module of the program (or ``Bot(...).reply``), and that module
        described ``reply``."""
        receiver = func.value
        held = self._attribute_instance(receiver)
        if held is not None:
            cls = held[0] if isinstance(held[0], str) else None
        elif isinstance(receiver, cst.Call):
            cls = self._program_class(receiver) or self._program_made(receiver)
        elif program_classes := self._qualified(receiver) & set(self.declarations.program_classes):
            cls = min(program_classes)  # ``Bot.build(...)``: through the class itself
        elif isinstance(receiver, cst.Name):
            classes: set[str] = set()

            def instance(bound: cst.CSTNode) -> bool:
                found = self._program_instances.get(bound)
                if found is not None:
                    classes.add(found)
                return found is not None

            if not self._every_binding(receiver, instance):
                return None
            cls = classes.pop() if len(classes) == 1 else None
        else:
            return None
        if cls is None:
            return None
        method = self.declarations.program_classes[cls].get(func.attr.value)
        return ProgramCall(f"{cls}.{func.attr.value}", method) if method is not None else None

    def _is_annotated(self, node: cst.BaseExpression) -> bool:
        """A name bound to a parameter whose annotation gave its class (or an
        attribute set from one)."""
        held = (
            self._attribute_instance(node)
            or self._factory_instance(node)
            or self._element_instance(node)
        )
        if held is not None:
            return held[1]
        return (
            isinstance(node, cst.Name)
            and self._bound(
                node, "annotated", lambda bound: bound if bound in self._annotated else None
            )
            is not None
        )

    def _find_wrappers(
        self, functions: Mapping[cst.FunctionDef, cst.ClassDef | None]
    ) -> dict[cst.FunctionDef, set[cst.Decorator]]:
        """Decorators written in the script that wrap what they decorate (see
        ``wrappers.py``), taken only when every reference to the decorator is a
        decorator line of this module (a wrapper that becomes async must only ever
        wrap functions that become async: the effect pass checks that). Records the
        wrappers' calls of the wrapped function and returns, per decorated function,
        its hand-written decorators."""
        shapes: dict[cst.FunctionDef, WrapperShape] = {}
        factories: dict[cst.FunctionDef, FactoryShape] = {}
        for function, owner in functions.items():
            if owner is not None:
                continue
            factory = factory_shape(function)
            if factory is not None:
                factories[function] = factory
            elif (shape := wrapper_shape(function)) is not None:
                shapes[function] = shape
        inner = {f.shape.decorator for f in factories.values()}
        applied: dict[cst.FunctionDef, list[tuple[cst.FunctionDef, cst.Decorator]]] = {}
        uses: set[cst.Name] = {f.returned for f in factories.values()}
        for function in functions:
            for decorator in function.decorators:
                expression = decorator.decorator
                name = expression.func if isinstance(expression, cst.Call) else expression
                if not isinstance(name, cst.Name):
                    continue
                found = self._only_function(name)
                direct = found in shapes and found not in inner and name is expression
                made = found in factories and name is not expression
                if found is not None and (direct or made):
                    applied.setdefault(found, []).append((function, decorator))
                    uses.add(name)
        wrapping: dict[cst.FunctionDef, set[cst.Decorator]] = {}
        for decorator_def, applications in applied.items():
            factory = factories.get(decorator_def)
            shape = factory.shape if factory is not None else shapes[decorator_def]
            if not self._referenced_only_by(decorator_def, uses):
                continue
            if factory is not None and not self._referenced_only_by(shape.decorator, uses):
                continue
            if not all(self._handlers_safe(shape, factory, d) for _, d in applications):
                continue
            decorated = tuple(f for f, _ in applications)
            wrapper = shape.wrapper
            self.facts.wrappers[wrapper] = decorated
            self.facts.wrapper_names[wrapper] = decorator_def.name.value
            for call in shape.calls:
                self._wrapped_calls[call] = wrapper
            self._consumed_references.add(shape.returned)
            for function, decorator in applications:
                wrapping.setdefault(function, set()).add(decorator)
                wraps = self.facts.wrapped_by.get(function, ())
                self.facts.wrapped_by[function] = (*wraps, wrapper)
        return wrapping

    def _find_parameter_calls(
        self, module: cst.Module, functions: Mapping[cst.FunctionDef, cst.ClassDef | None]
    ) -> None:
        """Functions that call a parameter (``def run(records, transform): ...
        transform(record)``) where every call of them gives that parameter a function of
        the script (its default, or the name passed): the call of the parameter runs one
        of those, and is awaited when they are all async. Only a parameter the body does
        nothing with but call (or read the name of), of a plain function every reference
        to which is a call with no ``*``/``**`` arguments."""
        calls: dict[cst.FunctionDef, list[cst.Call]] = {}
        callees: set[cst.Name] = set()
        # Names called in each function (a parameter among them is a candidate).
        called: dict[cst.FunctionDef, set[str]] = {}
        stack: list[cst.FunctionDef] = []

        class _Calls(cst.CSTVisitor):
            def visit_FunctionDef(inner, node: cst.FunctionDef) -> None:  # noqa: N805
                stack.append(node)

            def leave_FunctionDef(inner, original_node: cst.FunctionDef) -> None:  # noqa: N805
                stack.pop()

            def visit_Call(inner, call: cst.Call) -> None:  # noqa: N805
                if isinstance(call.func, cst.Name):
                    if stack:
                        called.setdefault(stack[-1], set()).add(call.func.value)
                    function = self._only_function(call.func)
                    if function is not None:
                        calls.setdefault(function, []).append(call)
                        callees.add(call.func)

        module.visit(_Calls())
        for function, sites in calls.items():
            if functions.get(function) is not None or function.asynchronous is not None:
                continue
            called_here = called.get(function, set())
            if not any(p.name.value in called_here for p in all_params(function.params)):
                continue
            if function.decorators or not self._referenced_only_by(function, callees):
                continue
            if any(arg.star for site in sites for arg in site.args):
                continue
            positional = positional_params(function.params)
            for index, param in enumerate([*positional, *function.params.kwonly_params]):
                name = param.name.value
                if name not in called_here:
                    continue
                uses = ParameterUses(name, comprehensions=True)
                function.body.visit(uses)
                if not uses.ok or not uses.calls:
                    continue
                given: list[cst.BaseExpression | None] = []
                for site in sites:
                    value = _argument(site, index, name) if index < len(positional) else None
                    if index >= len(positional):
                        value = next(
                            (a.value for a in site.args if a.keyword and a.keyword.value == name),
                            None,
                        )
                    given.append(value if value is not None else param.default)
                if not all(isinstance(g, cst.Name) for g in given):
                    continue
                names = [cst.ensure_type(g, cst.Name) for g in given]
                passed = [self._only_function(n) for n in names]
                if any(p is None or functions.get(p) is not None for p in passed):
                    continue
                chosen = tuple(dict.fromkeys(p for p in passed if p is not None))
                for call in uses.calls:
                    self._parameter_calls[call] = (function, chosen)
                self._consumed_references.update(names)
                self.facts.passed_functions.update(
                    (call, f"`{function.name.value}` (as `{name}`)") for call in uses.calls
                )

    def _only_function(self, name: cst.Name) -> cst.FunctionDef | None:
        """The function ``name`` names when its only binding is that ``def``."""
        scope = self.get_metadata(ScopeProvider, name, None)
        if scope is None:
            return None
        bindings = list(scope[name.value])
        if len(bindings) != 1 or not isinstance(bindings[0], Assignment):
            return None
        node = bindings[0].node
        return node if isinstance(node, cst.FunctionDef) else None

    def _referenced_only_by(self, function: cst.FunctionDef, uses: set[cst.Name]) -> bool:
        """Every reference to the function's name is one of ``uses``, and the name is
        bound by nothing else."""
        scope = self.get_metadata(ScopeProvider, function, None)
        if scope is None:
            return False
        bindings = list(scope[function.name.value])
        if len(bindings) != 1 or not isinstance(bindings[0], Assignment):
            return False
        return all(access.node in uses for access in bindings[0].references)

    def _handlers_safe(
        self, shape: WrapperShape, factory: FactoryShape | None, decorator: cst.Decorator
    ) -> bool:
        """``except errors:`` in the wrapper, where ``errors`` is a parameter of the
        decorator or of its factory: what this decorator line makes it (the default, or
        what the factory call passes) catches no cancellation, so the async wrapper
        lets a cancelled task stop."""
        values: dict[str, cst.BaseExpression | None] = {}
        for param in all_params(shape.decorator.params)[1:]:
            values[param.name.value] = param.default
        if factory is not None:
            for param in all_params(factory.factory.params):
                values[param.name.value] = param.default
            params = positional_params(factory.factory.params)
            call = decorator.decorator
            assert isinstance(call, cst.Call)
            for index, arg in enumerate(call.args):
                if arg.star:
                    if any(name in values for name in shape.handler_names):
                        return False
                    continue
                if arg.keyword is not None:
                    values[arg.keyword.value] = arg.value
                elif index < len(params):
                    values[params[index].name.value] = arg.value
        for name in shape.handler_names:
            if name not in values:
                continue  # not a parameter: the effect pass reads the handler itself
            value = values[name]
            if value is None or not self._plain_exceptions(value):
                return False
        return True

    def _plain_exceptions(self, node: cst.BaseExpression) -> bool:
        """An exception class, or a tuple of them, that does not catch
        ``asyncio.CancelledError``: builtin subclasses of ``Exception``, classes of
        imported modules other than the base ones, and the script's own classes."""
        if isinstance(node, cst.Tuple):
            return all(self._plain_exceptions(e.value) for e in node.elements)
        if not isinstance(node, cst.Name | cst.Attribute):
            return False
        if catches_cancellation(node):
            return False
        names = self._qualified(node)
        if not names:
            return False
        for name in names:
            module, _, attr = name.rpartition(".")
            if module == "builtins":
                value = getattr(builtins, attr, None)
                if not (isinstance(value, type) and issubclass(value, Exception)):
                    return False
            elif attr in _BASE_EXCEPTIONS:
                return False
            elif not module and not (
                isinstance(node, cst.Name) and self._bound(node, "class", _class_def) is not None
            ):
                return False
        return True

    def _is_receiver_param(self, node: cst.BaseExpression) -> bool:
        """``self`` (``cls``) of the method being visited."""
        if not self._function_stack or not isinstance(node, cst.Name):
            return False
        method = self._function_stack[-1]
        return self.facts.functions.get(method) is not None and receiver_param(method) == node.value

    def _wraps_coroutines(self, decorator: cst.Decorator, *, method: bool) -> bool:
        """Whether the decorator wraps a coroutine function as it wraps a plain one:
        ``@staticmethod``/``@classmethod`` on a method, a retry decorator that awaits
        (``@tenacity.retry(...)``, ``@backoff.on_exception(...)``) on any function."""
        expression = decorator.decorator
        if isinstance(expression, cst.Call):
            expression = expression.func
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, expression, set())}
        if _unbounded_cache(decorator, names):
            # ``@functools.cache``: ``@epic.cache`` if the function becomes async.
            self.facts.cache_decorators.add(decorator)
            return True
        if names & {"functools.cache", "functools.lru_cache"}:
            self.facts.bounded_caches.add(decorator)
        return bool(names & _AWAITING_DECORATORS or (method and names & _BINDING_DECORATORS))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._record_position(node)
        self._where.append(("class", node))
        for base in node.bases:
            base_name = _dotted(base.value)
            if base_name is None or base_name in INERT_BASES:
                continue
            if isinstance(base.value, cst.Name) and (
                self._bound(base.value, "class", _class_def) is not None
            ):
                continue
            self.facts.library_classes.setdefault(node, base_name)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._where.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._where.append(("lambda", node))

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._where.pop()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._where.append(("generator", node))

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._where.pop()

    def _context(self) -> CallContext:
        function: cst.FunctionDef | None = None
        inner: list[tuple[str, cst.CSTNode]] = list(self._where)
        for index in range(len(self._where) - 1, -1, -1):
            kind, node = self._where[index]
            if kind == "function":
                assert isinstance(node, cst.FunctionDef)
                function, inner = node, self._where[index + 1 :]
                break
        sync = next((_SYNC_CONTEXTS[kind] for kind, _ in inner if kind in _SYNC_CONTEXTS), None)
        generators = tuple(n for kind, n in inner if isinstance(n, cst.GeneratorExp))
        return CallContext(function, sync, generators)

    def visit_For(self, node: cst.For) -> None:
        self._record_position(node)
        self._loops.append(node)
        body = node.body
        comment = body.header.comment if isinstance(body, cst.IndentedBlock) else None
        if comment is not None and INDEPENDENT_PRAGMA.search(comment.value):
            self.facts.independent_loops.add(node)

    def visit_While(self, node: cst.While) -> None:
        self._record_position(node)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, _NOTED):
            self._record_position(node)
        return super().on_visit(node)

    def visit_Name(self, node: cst.Name) -> None:
        self._candidate_references.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        name = node.attr.value
        methods = self._methods_run(node) if name in self._method_names else None
        if name in self._method_names and name not in self.facts.unresolved_methods:
            if (
                methods is None
                and not self._is_module(node.value)
                and self._program_method(node) is None
            ):
                self._record_position(node)
                self.facts.unresolved_methods[name] = node
        if node not in self._called_attributes:
            for method in methods or ():
                # ``self.ask`` used as a value, not called.
                self._record_position(node)
                self.facts.method_references.append((node, method))
        if name in FUNCTION_ATTRIBUTES and isinstance(node.value, cst.Name):
            # ``ask.__name__``: the same for the async function (``wraps`` copies it).
            self._attribute_reads.add(node.value)
        # ``x.ask`` names an attribute, not the variable ``ask``.
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # a keyword is not a reference
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        if node.default is not None:
            self._where.append(("header", node))
            node.default.visit(self)
            self._where.pop()
        return False

    def visit_Call(self, node: cst.Call) -> None:
        self._record_position(node)
        if isinstance(node.func, cst.Name):
            self._called_names.add(node.func)
        if isinstance(node.func, cst.Attribute):
            self._called_attributes.add(node.func)
        target = self._classify(node)
        wrapper = self._wrapped_calls.get(node)
        if wrapper is not None:
            target = WrappedCall(wrapper, self.facts.wrappers[wrapper])
        if node in self._parameter_calls:
            target = WrappedCall(*self._parameter_calls[node])
        if target is not None:
            self.facts.targets[node] = target
        self.facts.contexts[node] = self._context()
        mapped = self._mapped_function(node)
        if mapped is not None:
            self.facts.mapped[node] = mapped
        if (
            self._qualified(node) & _DYNAMIC_LOOKUPS
            and not _names_nothing(node)
            and not self._reads_an_object(node)
        ):
            self._record_position(node)
            self.facts.dynamic_lookups.append(node)
        if (
            isinstance(node.func, cst.Name)
            and node.func.value == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1].value, cst.SimpleString)
        ):
            # ``getattr(obj, "ask")``: a method reached by name, on an object epic
            # cannot resolve.
            attr = node.args[1].value.evaluated_value
            if isinstance(attr, str) and attr in self._method_names:
                self.facts.unresolved_methods.setdefault(
                    attr, cst.Attribute(node.args[0].value, cst.Name(attr))
                )
        func = node.func
        consumer = (isinstance(func, cst.Name) and func.value in GENERATOR_CONSUMERS) or (
            isinstance(func, cst.Attribute) and func.attr.value == "join"
        )
        positional = [a for a in node.args if a.keyword is None and not a.star]
        if (
            consumer
            and not isinstance(target, UserCall)
            and len(node.args) == 1
            and len(positional) == 1
            and isinstance(positional[0].value, cst.GeneratorExp)
        ):
            self.facts.consumed_generators.add(positional[0].value)

    def _is_streaming(self, node: cst.BaseExpression) -> bool:
        target = self.facts.targets.get(node) if isinstance(node, cst.Call) else None
        return isinstance(target, ExternalCall) and target.streams

    def _find_streams(self) -> None:
        """Loops over streamed responses. A streamed request used in any other way (a
        helper it is passed to, ``list(stream)``, ``with ... as s``) is not rewritten:
        it stays a sync call on the user's client, whose sync stream every use
        understands (it blocks, correctly)."""
        stream_calls: dict[cst.CSTNode, cst.Call] = {}  # assignment target -> call
        assigned: set[cst.Call] = set()
        misused: set[cst.Call] = set()
        for value, targets in self._indexed_assignments:
            if isinstance(value, cst.Call) and self._is_streaming(value):
                assigned.add(value)
                if all(isinstance(t, cst.Name) for t in targets):
                    stream_calls.update((t, value) for t in targets)
                else:
                    misused.add(value)
        loop_iters: dict[cst.CSTNode, cst.For] = {loop.iter: loop for loop in self._loops}
        loops: dict[cst.Call, list[cst.For]] = {}
        for call, target in self.facts.targets.items():
            if isinstance(target, ExternalCall) and target.streams:
                if call in loop_iters:
                    loops.setdefault(call, []).append(loop_iters[call])
                elif call not in assigned:
                    misused.add(call)
        for name in self._candidate_references:
            if name in stream_calls:
                continue
            bound = self._bound(name, "stream", _member_of(set(stream_calls)))
            if bound is None:
                continue
            call = stream_calls[bound]
            if name in loop_iters:
                loops.setdefault(call, []).append(loop_iters[name])
            else:
                misused.add(call)
        for call, call_loops in loops.items():
            if call not in misused:
                self.facts.stream_loops.update(call_loops)
        for call in misused:
            self.facts.targets.pop(call, None)
            self.facts.unfollowed_streams.add(call)

    def leave_Module(self, original_node: cst.Module) -> None:
        self._find_streams()
        for name in self._candidate_references:
            if name in self._called_names or name in self._function_names:
                continue
            if name in self._consumed_references or name in self._attribute_reads:
                continue  # ``return wrapper`` of a decorator that wraps coroutines too
            function = self._resolve_function(name)
            if function is not None:
                self._record_position(name)
                self.facts.function_references.append((name, function))

    # -- classification -----------------------------------------------------------
    def _classify(self, node: cst.Call) -> CallTarget | None:
        qualified = self._qualified(node)
        for name, async_name in OPENAI_CLIENT_CONSTRUCTORS.items():
            if name in qualified:
                self.facts.client_constructors[node] = async_name
                return KnownCall(Effect.PURE)
        keywords = {a.keyword.value for a in node.args if a.keyword is not None}
        if "contextlib.redirect_stdout" in qualified:
            # Output that follows goes to its argument: ordered like printing, and as
            # movable (``epic.redirect_stdout`` redirects the current task's text only).
            self.facts.redirects.add(node)
            return KnownCall(Effect.OUTPUT, stdout_only=True)
        if qualified & PROGRESS_BARS:
            # Ordered output (to stderr) as the loop takes each item.
            if node.args and node.args[0].keyword is None and not node.args[0].star:
                self.facts.progress_bars.add(node)
            return KnownCall(Effect.OUTPUT)
        for name in sorted(qualified):
            program = self.declarations.program.get(name)
            if program is not None:
                return ProgramCall(name, program)
            if name in self.declarations.pure:
                return KnownCall(Effect.PURE)
            if name in self.declarations.ordered:
                return ExternalCall(AsyncForm.THREAD, name, ordered=True)
            if name in self.declarations.external:
                return ExternalCall(AsyncForm.THREAD, name, reads_world=True)
            external = classify_qualified(name)
            if external is not None and external.form is AsyncForm.LEGACY_OPENAI:
                streams, replays = _stream_mode(node)
                return replace(external, streams=streams, replays=replays)
            if external is not None:
                if external.label == "urllib.request.urlopen":
                    return self._urlopen(external, node)
                return _unordered_if_read_only(external, node)
        func = node.func
        if isinstance(func, cst.Name):
            function = self._resolve_function(func)
            if function is not None:
                declared = self.facts.declared_external.get(function)
                if declared is not None:
                    return declared
                return UserCall(function)
            cls = self._class_of_constructor(node)
            if cls is not None:
                constructor = self._constructor(cls, node)
                if constructor is not None:
                    return constructor
            made = self._receiver_constructor(node, func)
            if made is not None:
                return made
        if isinstance(func, cst.Attribute):
            methods = self._methods_run(func)
            if methods is not None and len(methods) == 1:
                declared = self.facts.declared_external.get(methods[0])
                return declared if declared is not None else UserCall(methods[0])
            if methods is not None and not any(m in self.facts.declared_external for m in methods):
                # ``self.ask()`` that may run a subclass's ``ask``: one of them.
                return WrappedCall(None, methods)
            program_method = self._program_method(func)
            if program_method is not None:
                return program_method
            external = self._client_call(node, func)
            if external is not None:
                return external
        for name in sorted(qualified):
            if name == "json.dump" and self._is_sink(_argument(node, 1, "fp")):
                return KnownCall(Effect.OUTPUT, writes_world=True)
            effect = qualified_effect(name)
            if effect is not None and not (effect == Effect.PURE and keywords & WRITING_KEYWORDS):
                if isinstance(func, cst.Attribute) and self._is_module(func.value):
                    # ``csv.writer(out)``: a library function of an imported module.
                    self.facts.module_functions.add(node)
                stdout_only = (name == "builtins.print" and "file" not in keywords) or (
                    name == "sys.stdout.write"
                )
                return KnownCall(
                    effect, stdout_only=stdout_only, reads_world=name in READ_FUNCTIONS
                )
        if isinstance(func, cst.Attribute):
            if func.attr.value in SINK_WRITES and self._is_sink(func.value):
                # ``out.write(text)``: ordered output to the file, like ``print(file=)``.
                self.facts.sink_writes.add(node)
                return KnownCall(Effect.OUTPUT, writes_world=True)
            if func.attr.value in SINK_READS and self._is_sink(func.value):
                return KnownCall(Effect.PURE)  # it reads the buffer: ordered after writes
            if func.attr.value in _RESPONSE_READS and self._is_response(func.value):
                # ``urlopen(url).read()``: the body of a response already received.
                return KnownCall(Effect.PURE)
            if keywords & WRITING_KEYWORDS:
                return None  # ``df.fillna(0, inplace=True)``: it changes its receiver
            if func.attr.value in PURE_METHODS:
                return KnownCall(Effect.PURE)
            if func.attr.value in READ_METHODS:
                return KnownCall(Effect.PURE, reads_world=True)
            if func.attr.value in MUTATING_METHODS and func.attr.value not in SINK_WRITES:
                # The mutation itself is a write recorded by the name facts (a write to
                # an object not known to be a file or buffer may do anything).
                return KnownCall(Effect.PURE)
        return None


def _argument(call: cst.Call, index: int, keyword: str) -> cst.BaseExpression | None:
    """The argument at position ``index`` or named ``keyword``, if written plainly."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    if len(positional) > index:
        return positional[index]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return None


def _stream_mode(call: cst.Call) -> tuple[bool, bool]:
    """Whether a request's reply is a stream: ``(streams, replays)``. ``stream=True``
    streams; ``**kwargs`` may hold ``stream=True`` and ``stream=flag`` is only known
    when it runs, so such a call replays a stream to the code that reads it."""
    stream = next(
        (a.value for a in call.args if a.keyword is not None and a.keyword.value == "stream"),
        None,
    )
    replays = any(a.star == "**" for a in call.args) or (
        stream is not None
        and not (isinstance(stream, cst.Name) and stream.value in ("True", "False"))
    )
    streams = not replays and isinstance(stream, cst.Name) and stream.value == "True"
    return streams, replays


def _unordered_if_read_only(external: ExternalCall, call: cst.Call) -> ExternalCall:
    """An ordered HTTP request that only reads, as its text shows: a request to a model
    endpoint (``requests.post(f"{base}/chat/completions", ...)``), or
    ``requests.request("GET", ...)``."""
    if not external.ordered:
        return external
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    if not external.label.startswith("requests."):
        return external
    method = external.label.rsplit(".", 1)[1]
    if method == "request":
        verb = positional[0] if positional else keywords.get("method")
        if (
            isinstance(verb, cst.SimpleString)
            and str(verb.evaluated_value).upper() in READ_ONLY_METHODS
        ):
            return ExternalCall(external.form, external.label, reads_world=True)
        url = positional[1] if len(positional) > 1 else keywords.get("url")
    else:
        url = positional[0] if positional else keywords.get("url")
    tail = _literal_tail(url) if url is not None else None
    if tail is not None and is_model_endpoint(tail):
        return ExternalCall(external.form, external.label)
    return external


def _literal_tail(node: cst.BaseExpression) -> str | None:
    """The literal text a URL expression ends with: a string, the last text part of
    an f-string, the right side of ``base + "/path"``."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.FormattedString):
        last = node.parts[-1] if node.parts else None
        return last.value if isinstance(last, cst.FormattedStringText) else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _literal_tail(node.right)
    if isinstance(node, cst.ConcatenatedString):
        return _literal_tail(node.right)
    return None


class _DefinitionIndexer(cst.CSTVisitor):
    """Every ``def`` (with its class) and every simple assignment, before the main pass."""

    def __init__(self) -> None:
        self.functions: dict[cst.FunctionDef, cst.ClassDef | None] = {}
        self.assignments: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        # ``self.attr = value`` in a method: (class, attr, value).
        self.attribute_assignments: list[tuple[cst.ClassDef, str, cst.BaseExpression]] = []
        self.with_items: list[cst.WithItem] = []
        self._owners: list[cst.ClassDef | None] = [None]
        self._methods: list[tuple[cst.FunctionDef, cst.ClassDef | None]] = []
        self.classes: list[cst.ClassDef] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)
        self._owners.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._owners.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions[node] = self._owners[-1]
        self._methods.append((node, self._owners[-1]))
        self._owners.append(None)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._owners.pop()
        self._methods.pop()

    def visit_WithItem(self, node: cst.WithItem) -> None:
        self.with_items.append(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        targets: list[cst.CSTNode] = [t.target for t in node.targets]
        self.assignments.append((node.value, targets))
        if not self._methods:
            return
        method, owner = self._methods[-1]
        receiver = receiver_param(method)
        if owner is None or receiver is None:
            return
        for target in node.targets:
            t = target.target
            if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name):
                if t.value.value == receiver:
                    self.attribute_assignments.append((owner, t.attr.value, node.value))


#: Decorators that only change what a method is bound to: they wrap a coroutine
#: function as well as a plain one.
_BINDING_DECORATORS = frozenset({"builtins.staticmethod", "builtins.classmethod"})


#: Decorators that, given a coroutine function, return one that awaits it (retrying
#: with ``asyncio.sleep`` between attempts, as the plain form does with ``time.sleep``).
def _unbounded_cache(decorator: cst.Decorator, names: set[str]) -> bool:
    """``@functools.cache`` or ``@functools.lru_cache(maxsize=None)``: its hits and
    misses do not depend on the order of the calls (a bounded cache's evictions do)."""
    expression = decorator.decorator
    if not isinstance(expression, cst.Call):
        return "functools.cache" in names
    if "functools.lru_cache" not in names or len(expression.args) != 1:
        return False
    (arg,) = expression.args
    return (
        (arg.keyword is None or arg.keyword.value == "maxsize")
        and not arg.star
        and isinstance(arg.value, cst.Name)
        and arg.value.value == "None"
    )


#: The methods of an ``urlopen`` response that read what was received.
_RESPONSE_READS = frozenset({"read", "readline", "readlines", "getcode", "geturl", "info"})

_AWAITING_DECORATORS = frozenset(
    {
        "tenacity.retry",
        "backoff.on_exception",
        "backoff.on_predicate",
        # Copies the name and docstring: a coroutine function stays one.
        "functools.wraps",
    }
)

#: Exception classes that catch ``asyncio.CancelledError`` (or more than ``Exception``).
_BASE_EXCEPTIONS = frozenset(
    {"BaseException", "CancelledError", "KeyboardInterrupt", "SystemExit", "GeneratorExit"}
)


#: Builtins through which code reaches a function of the module by a computed name.
_DYNAMIC_LOOKUPS = frozenset(
    {"builtins.globals", "builtins.vars", "builtins.eval", "builtins.exec"}
)


#: ``metaclass=`` values that change no method lookup.
_ABC_META = frozenset({"ABCMeta", "abc.ABCMeta"})


class _Unknown(enum.Enum):
    UNKNOWN = "unknown"


UNKNOWN = _Unknown.UNKNOWN
_Lookup = cst.FunctionDef | None | _Unknown


def _c3_merge(lines: list[list[cst.ClassDef]]) -> list[cst.ClassDef] | None:
    """Python's C3 merge of the bases' linearisations (None: no consistent order,
    which Python refuses as well)."""
    merged: list[cst.ClassDef] = []
    lines = [line for line in lines if line]
    while lines:
        head = next(
            (line[0] for line in lines if not any(line[0] in other[1:] for other in lines)),
            None,
        )
        if head is None:
            return None
        merged.append(head)
        lines = [line[1:] if line[0] is head else line for line in lines]
        lines = [line for line in lines if line]
    return merged


class _AssignedTargets(cst.CSTVisitor):
    """A visitor that hands every expression a statement assigns to or deletes
    (assigned, augmented, annotated, deleted, a loop's or ``as`` target; the parts of
    a tuple or list target one by one) to :meth:`assigned`."""

    def assigned(self, target: cst.BaseExpression) -> None:
        raise NotImplementedError

    def _each(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Tuple | cst.List):
            for element in target.elements:
                self._each(element.value)
        elif isinstance(target, cst.StarredElement):
            self._each(target.value)
        else:
            self.assigned(target)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._each(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._each(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._each(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._each(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._each(node.name)

    def visit_For(self, node: cst.For) -> None:
        self._each(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._each(node.target)


class _CollectionReads(_AssignedTargets):
    """The loops of a module (target, iterable), and the expressions that are read in
    a way that leaves which objects a list holds as it is (``safe``, by ``id``): a
    loop's iterable, the value of a subscript that is not assigned or deleted
    (``tickets[0]``, ``tickets[1:]``), an argument of a builtin that only reads it
    (``len``, ``sorted``, ``print``, ...), the right operand of ``in``."""

    def __init__(self, qualified: Callable[[cst.BaseExpression], set[str]]) -> None:
        self.qualified = qualified
        self.loops: list[tuple[cst.BaseExpression, cst.BaseExpression]] = []
        self.safe: set[int] = set()
        self._targets: set[int] = set()

    def assigned(self, target: cst.BaseExpression) -> None:
        self._targets.add(id(target))

    def visit_For(self, node: cst.For) -> None:
        super().visit_For(node)
        self.loops.append((node.target, node.iter))
        self.safe.add(id(node.iter))

    def visit_CompFor(self, node: cst.CompFor) -> None:
        super().visit_CompFor(node)
        self.loops.append((node.target, node.iter))
        self.safe.add(id(node.iter))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if id(node) not in self._targets:
            self.safe.add(id(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        if self.qualified(node) & _COLLECTION_READERS:
            for arg in node.args:
                if arg.keyword is None and not arg.star:
                    self.safe.add(id(arg.value))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for comparison in node.comparisons:
            if isinstance(comparison.operator, cst.In | cst.NotIn):
                self.safe.add(id(comparison.comparator))


#: Builtins that return a new list or tuple of the elements of the one given (or an
#: iterator over them).
_COLLECTION_COPIES = frozenset(
    {"builtins.sorted", "builtins.list", "builtins.tuple", "builtins.reversed"}
)
#: Builtins that only read the list given them (its elements' methods may run:
#: ``__repr__``, ``__lt__``; a change of the list there names it, an unsafe read).
_COLLECTION_READERS = _COLLECTION_COPIES | frozenset(
    {
        "builtins.len",
        "builtins.print",
        "builtins.str",
        "builtins.repr",
        "builtins.bool",
        "builtins.enumerate",
        "builtins.zip",
        "builtins.any",
        "builtins.all",
    }
)


class _AttributeWrites(_AssignedTargets):
    """How many times the module writes an attribute of each name (assigned, augmented,
    annotated, deleted, a loop or ``with`` target), and whether it writes attributes
    by computed names (``setattr(x, name, v)``, ``vars(x)``, ``x.__dict__``)."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}
        self.dynamic = False
        # Classes whose methods write attributes of their own ``self`` by computed
        # names (``setattr(self, name, value)``): only their instances' attributes.
        self.dynamic_on: set[cst.ClassDef] = set()
        self._stack: list[cst.ClassDef | cst.FunctionDef] = []
        self._reads: set[cst.Call] = set()  # ``vars(x)`` only read

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._stack.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._stack.pop()

    def _own_class(self, receiver: cst.BaseExpression) -> cst.ClassDef | None:
        """The class whose method this is, when ``receiver`` is its ``self``."""
        if len(self._stack) < 2 or not isinstance(receiver, cst.Name):
            return None
        method, owner = self._stack[-1], self._stack[-2]
        if isinstance(method, cst.FunctionDef) and isinstance(owner, cst.ClassDef):
            if receiver_param(method) == receiver.value:
                return owner
        return None

    def assigned(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Attribute):
            self.count[target.attr.value] = self.count.get(target.attr.value, 0) + 1

    def _read_only(self, node: cst.BaseExpression) -> None:
        if isinstance(node, cst.Call):
            self._reads.add(node)

    def visit_For(self, node: cst.For) -> None:
        super().visit_For(node)
        self._read_only(node.iter)  # ``for name in vars(cls)``

    def visit_CompFor(self, node: cst.CompFor) -> None:
        super().visit_CompFor(node)
        self._read_only(node.iter)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _MAPPING_READS:
            self._read_only(func.value)  # ``vars(args).items()``
        if node in self._reads:
            return
        if isinstance(node.func, cst.Name) and node.func.value in ("setattr", "vars", "delattr"):
            owner = self._own_class(node.args[0].value) if node.args else None
            if owner is not None:
                self.dynamic_on.add(owner)
            else:
                self.dynamic = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "__dict__":
            self.dynamic = True


#: Methods of a mapping that only read it.
_MAPPING_READS = frozenset({"items", "keys", "values", "get", "copy"})


def attributes_written(code: str) -> frozenset[str]:
    """The attribute names a module's code writes (every name, when it writes some by a
    computed name: ``{"*"}``; ``setattr(self, ...)`` in a method writes its own
    class's instances, which are another module's only if the class derives from one
    of its classes, which keeps that module's sync API anyway)."""
    writes = _AttributeWrites()
    cst.parse_module(code).visit(writes)
    return frozenset({"*"}) if writes.dynamic else frozenset(writes.count)


def _class_body_names(cls: cst.ClassDef) -> set[str]:
    """The names a class body binds other than by ``def`` (``ask = staticmethod(f)``)."""
    names: set[str] = set()
    for statement in cls.body.body:
        if isinstance(statement, cst.FunctionDef):
            continue
        names |= set(names_of(statement).binds)
    return names


def _names_nothing(call: cst.Call) -> bool:
    """``eval("1 + 2")``: code given as a literal that names no variable; or
    ``exec(code, namespace)``: code given a namespace of its own, which names what it
    holds and the builtins, not the module's variables (``globals()`` as that
    namespace is a lookup of its own)."""
    func = call.func
    if (
        isinstance(func, cst.Name)
        and func.value in ("exec", "eval")
        and (
            len([a for a in call.args if a.keyword is None and not a.star]) >= 2
            or any(a.keyword is not None and a.keyword.value == "globals" for a in call.args)
        )
    ):
        return True
    if not call.args or not isinstance(call.args[0].value, cst.SimpleString):
        return False
    text = call.args[0].value.evaluated_value
    try:
        tree = ast.parse(text if isinstance(text, str) else "x", mode="exec")
    except SyntaxError:
        return False
    return not any(isinstance(node, ast.Name | ast.Attribute) for node in ast.walk(tree))


def _is_dataclass(decorator: cst.Decorator) -> bool:
    expression = decorator.decorator
    if isinstance(expression, cst.Call):
        expression = expression.func
    return _dotted(expression) in ("dataclass", "dataclasses.dataclass")


#: ``field(default_factory=...)`` factories that run no code of the program.
_INERT_FACTORIES = frozenset({"list", "dict", "set", "tuple", "str", "int", "float"})


def _inert_class_statement(statement: cst.BaseStatement | cst.BaseSmallStatement) -> bool:
    """A statement of a class body that runs no code when an instance is made: a
    method, a docstring, ``pass``, a field or class attribute with a literal default
    (or ``field(default=<literal>)``, ``field(default_factory=list)``)."""
    if isinstance(statement, cst.FunctionDef):
        return True
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString):
            continue
        value = small.value if isinstance(small, cst.AnnAssign | cst.Assign) else cst.Name("_none")
        if isinstance(small, cst.AnnAssign) and small.value is None:
            continue
        if value is None or not _inert_default(value):
            return False
    return True


def _inert_default(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Call) and _dotted(value.func) in ("field", "dataclasses.field"):
        for arg in value.args:
            if arg.keyword is None:
                return False
            if arg.keyword.value == "default_factory":
                if _dotted(arg.value) not in _INERT_FACTORIES:
                    return False
            elif not is_immutable_literal(arg.value):
                return False
        return True
    return is_immutable_literal(value)


def is_immutable_literal(value: cst.BaseExpression) -> bool:
    """A literal of an immutable type: a number, a string, ``True``/``False``/``None``,
    a tuple of those."""
    if isinstance(
        value, cst.Integer | cst.Float | cst.Imaginary | cst.SimpleString | cst.ConcatenatedString
    ):
        return True
    if isinstance(value, cst.Name):
        return value.value in ("True", "False", "None")
    if isinstance(value, cst.UnaryOperation):
        return is_immutable_literal(value.expression)
    if isinstance(value, cst.Tuple):
        return all(is_immutable_literal(e.value) for e in value.elements)
    return False


def _calls_init_explicitly(module: cst.Module) -> bool:
    """Whether ``__init__`` is named anywhere but in an ``__init__`` (where
    ``super().__init__(...)`` runs a base's on the same new object)."""

    class Finder(cst.CSTVisitor):
        def __init__(self) -> None:
            self.inits = 0
            self.found = False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            self.inits += node.name.value == "__init__"

        def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
            self.inits -= original_node.name.value == "__init__"

        def visit_Attribute(self, node: cst.Attribute) -> None:
            if node.attr.value == "__init__" and not self.inits:
                self.found = True

    finder = Finder()
    module.visit(finder)
    return finder.found


def star_qualified(node: cst.CSTNode, star: Mapping[str, str]) -> str | None:
    """``ask`` / ``helper.ask`` whose first name a star import of the program binds
    (``star``: that name -> what it names), spelled from there: for a name that is
    otherwise unresolved (its scope has no binding of it)."""
    if isinstance(node, cst.Call):
        node = node.func  # LibCST names a call by its function
    attributes: list[str] = []
    while isinstance(node, cst.Attribute):
        attributes.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name) or node.value not in star:
        return None
    return ".".join([star[node.value], *reversed(attributes)])


def _is_classmethod(function: cst.FunctionDef) -> str:
    """``"class"`` for a method decorated ``@classmethod``, ``"static"`` for
    ``@staticmethod``, else ``"plain"``."""
    for decorator in function.decorators:
        name = _dotted(decorator.decorator)
        if name in ("classmethod", "builtins.classmethod"):
            return "class"
        if name in ("staticmethod", "builtins.staticmethod"):
            return "static"
    return "plain"


def receiver_param(function: cst.FunctionDef) -> str | None:
    """The name of a method's receiver (``self``, ``cls``); none for a static method,
    whose first parameter is an ordinary argument."""
    if _is_classmethod(function) == "static":
        return None
    params = list(function.params.posonly_params) + list(function.params.params)
    return params[0].name.value if params else None


def collect_call_facts(
    wrapper: cst.MetadataWrapper,
    declarations: Declarations,
    positions: Mapping[cst.CSTNode, Position] | None = None,
) -> CallFacts:
    """Run the call pass over a wrapped module (``positions``: see ``analyse``)."""
    visitor = _CallVisitor(declarations, positions)
    wrapper.visit(visitor)
    return visitor.facts.freeze()
