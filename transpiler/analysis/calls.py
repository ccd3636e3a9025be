"""Call facts: what every call in the module resolves to.

One LibCST pass over the module (with scope and qualified-name metadata) records, for
each ``Call`` node, whether it is a recognised external call, a call of a function
defined in the script, a known function with a known effect, or unknown. It also records
the ``OpenAI(...)`` constructor calls that become ``AsyncOpenAI(...)``, functions declared
external by pragma or configuration, and references to functions that are not calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
    PURE_METHODS,
    AsyncForm,
    Declarations,
    Effect,
    ExternalCall,
    classify_qualified,
    qualified_effect,
)
from transpiler.analysis.names import MUTATING_METHODS

PRAGMA = re.compile(r"#\s*epic:\s*external(?P<ordered>\s+ordered)?\b")


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


CallTarget = ExternalCall | UserCall | KnownCall


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
    # Streamed responses used in any other way (not supported yet).
    stream_misuses: tuple[cst.CSTNode, ...]
    positions: Mapping[cst.CSTNode, Position]

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
    stream_misuses: list[cst.CSTNode] = field(default_factory=list)
    positions: dict[cst.CSTNode, Position] = field(default_factory=dict)

    def freeze(self) -> CallFacts:
        return CallFacts(
            targets=self.targets,
            client_constructors=self.client_constructors,
            declared_external=self.declared_external,
            functions=self.functions,
            function_references=tuple(self.function_references),
            method_references=tuple(self.method_references),
            stream_loops=frozenset(self.stream_loops),
            stream_misuses=tuple(self.stream_misuses),
            positions=self.positions,
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
    return ExternalCall(
        AsyncForm.THREAD, f"{function.name.value} (pragma)", ordered=bool(match["ordered"])
    )


_T = TypeVar("_T")


def _member_of(nodes: set[cst.CSTNode]) -> Callable[[cst.CSTNode], cst.CSTNode | None]:
    return lambda node: node if node in nodes else None


def _class_def(node: cst.CSTNode) -> cst.ClassDef | None:
    return node if isinstance(node, cst.ClassDef) else None


class _CallVisitor(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (ScopeProvider, QualifiedNameProvider, PositionProvider)

    def __init__(self, declarations: Declarations) -> None:
        super().__init__()
        self.declarations = declarations
        self.facts = _CallFactsBuilder()
        self._class_stack: list[cst.ClassDef] = []
        # Name nodes (assignment targets) bound to an openai client.
        self._client_targets: set[cst.CSTNode] = set()
        self._function_names: dict[cst.CSTNode, cst.FunctionDef] = {}
        self._indexed_assignments: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        self._called_names: set[cst.Name] = set()
        self._candidate_references: list[cst.Name] = []
        # Classes of the script: their methods, the attributes that hold a client,
        # and the names bound to an instance (``bot = Bot()``).
        self._class_methods: dict[cst.ClassDef, dict[str, cst.FunctionDef]] = {}
        self._client_attributes: dict[cst.ClassDef, set[str]] = {}
        self._instance_targets: dict[cst.CSTNode, cst.ClassDef] = {}
        self._function_stack: list[cst.FunctionDef] = []
        self._loops: list[cst.For] = []
        self._assignments_seen: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        self._called_attributes: set[cst.Attribute] = set()
        self._bound_cache: dict[tuple[object, str, str], object] = {}

    # -- helpers -------------------------------------------------------------------
    def _record_position(self, node: cst.CSTNode) -> None:
        code_range = self.get_metadata(PositionProvider, node, None)
        if code_range is not None:
            self.facts.positions[node] = Position(
                code_range.start.line, code_range.start.column + 1
            )

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        names = self.get_metadata(QualifiedNameProvider, node, set())
        return {q.name for q in names}

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

    def _resolve_function(self, name: cst.Name) -> cst.FunctionDef | None:
        return self._bound(name, "function", self._function_names.get)

    def _is_client_attribute(self, receiver: cst.BaseExpression, attr: str) -> bool:
        """``self.client`` where the class sets ``self.client = OpenAI(...)``."""
        cls = self._receiver_class(receiver)
        return cls is not None and attr in self._client_attributes.get(cls, set())

    def _is_client(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Call):
            return bool(self._qualified(node) & set(OPENAI_CLIENT_CONSTRUCTORS))
        if isinstance(node, cst.Name):
            return self._bound(node, "client", _member_of(self._client_targets)) is not None
        return False

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
        self._indexed_assignments = indexer.assignments
        for function, owner in indexer.functions.items():
            if owner is not None:
                self._class_methods.setdefault(owner, {})[function.name.value] = function
        for assign_value, targets in indexer.assignments:
            if isinstance(assign_value, cst.Call):
                names = {q.name for q in self.get_metadata(QualifiedNameProvider, assign_value, set())}
                if names & set(OPENAI_CLIENT_CONSTRUCTORS):
                    self._client_targets.update(targets)
                cls = self._class_of_constructor(assign_value)
                if cls is not None:
                    for target in targets:
                        self._instance_targets[target] = cls
        for owner, attr, value in indexer.attribute_assignments:
            if isinstance(value, cst.Call):
                names = {q.name for q in self.get_metadata(QualifiedNameProvider, value, set())}
                if names & set(OPENAI_CLIENT_CONSTRUCTORS):
                    self._client_attributes.setdefault(owner, set()).add(attr)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._record_position(node)
        # A function declared external is opaque: it runs as a whole on a thread, so
        # nothing inside it is rewritten.
        if node in self.facts.declared_external:
            return False
        self._function_stack.append(node)
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        if self._function_stack and self._function_stack[-1] is original_node:
            self._function_stack.pop()

    # -- classes -------------------------------------------------------------------
    def _class_of_constructor(self, call: cst.Call) -> cst.ClassDef | None:
        if not isinstance(call.func, cst.Name):
            return None
        return self._bound(call.func, "class", _class_def)

    def _receiver_class(self, node: cst.BaseExpression) -> cst.ClassDef | None:
        """The script class of ``self`` (in a method) or of a name bound to an
        instance (``bot = Bot()``), if known."""
        if not isinstance(node, cst.Name):
            return None
        if self._function_stack:
            method = self._function_stack[-1]
            owner = self.facts.functions.get(method)
            if owner is not None and first_param(method) == node.value:
                return owner
        return self._bound(node, "instance", self._instance_targets.get)

    def _method(self, func: cst.Attribute) -> cst.FunctionDef | None:
        cls = self._receiver_class(func.value)
        if cls is None:
            return None
        return self._class_methods.get(cls, {}).get(func.attr.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._record_position(node)

    def visit_For(self, node: cst.For) -> None:
        self._record_position(node)
        self._loops.append(node)

    def visit_While(self, node: cst.While) -> None:
        self._record_position(node)

    def visit_Name(self, node: cst.Name) -> None:
        self._candidate_references.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if node not in self._called_attributes:
            method = self._method(node)
            if method is not None:
                # ``self.ask`` used as a value, not called.
                self._record_position(node)
                self.facts.method_references.append((node, method))
        # ``x.ask`` names an attribute, not the variable ``ask``.
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # a keyword is not a reference
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        if node.default is not None:
            node.default.visit(self)
        return False

    def visit_Call(self, node: cst.Call) -> None:
        self._record_position(node)
        if isinstance(node.func, cst.Name):
            self._called_names.add(node.func)
        if isinstance(node.func, cst.Attribute):
            self._called_attributes.add(node.func)
        target = self._classify(node)
        if target is not None:
            self.facts.targets[node] = target

    def _is_streaming(self, node: cst.BaseExpression) -> bool:
        target = self.facts.targets.get(node) if isinstance(node, cst.Call) else None
        return isinstance(target, ExternalCall) and target.streams

    def _find_streams(self) -> None:
        """Loops over streamed responses, and any other use of one."""
        stream_targets = {
            target
            for value, targets in self._indexed_assignments
            if self._is_streaming(value)
            for target in targets
        }
        assigned = {
            value for value, _ in self._indexed_assignments if self._is_streaming(value)
        }
        loop_iters: dict[cst.CSTNode, cst.For] = {loop.iter: loop for loop in self._loops}
        for call, target in self.facts.targets.items():
            if isinstance(target, ExternalCall) and target.streams:
                if call in loop_iters:
                    self.facts.stream_loops.add(loop_iters[call])
                elif call not in assigned:
                    self.facts.stream_misuses.append(call)
        for value, targets in self._indexed_assignments:
            if self._is_streaming(value) and not all(isinstance(t, cst.Name) for t in targets):
                self.facts.stream_misuses.append(value)
        for name in self._candidate_references:
            if name in stream_targets:
                continue
            if self._bound(name, "stream", _member_of(stream_targets)) is None:
                continue
            if name in loop_iters:
                self.facts.stream_loops.add(loop_iters[name])
            else:
                self._record_position(name)
                self.facts.stream_misuses.append(name)

    def leave_Module(self, original_node: cst.Module) -> None:
        self._find_streams()
        for name in self._candidate_references:
            if name in self._called_names or name in self._function_names:
                continue
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
        for name in sorted(qualified):
            if name in self.declarations.ordered:
                return ExternalCall(AsyncForm.THREAD, name, ordered=True)
            if name in self.declarations.external:
                return ExternalCall(AsyncForm.THREAD, name)
            external = classify_qualified(name)
            if external is not None:
                return external
        func = node.func
        if isinstance(func, cst.Name):
            function = self._resolve_function(func)
            if function is not None:
                declared = self.facts.declared_external.get(function)
                if declared is not None:
                    return declared
                return UserCall(function)
        if isinstance(func, cst.Attribute):
            method = self._method(func)
            if method is not None:
                declared = self.facts.declared_external.get(method)
                return declared if declared is not None else UserCall(method)
            root, path = _attribute_path(func)
            streams = any(
                a.keyword is not None
                and a.keyword.value == "stream"
                and isinstance(a.value, cst.Name)
                and a.value.value == "True"
                for a in node.args
            )
            if path in OPENAI_METHOD_PATHS and self._is_client(root):
                return ExternalCall(AsyncForm.AWAIT, "openai " + ".".join(path), streams=streams)
            if path[1:] in OPENAI_METHOD_PATHS and self._is_client_attribute(
                root, path[0]
            ):
                label = "openai " + ".".join(path[1:])
                return ExternalCall(AsyncForm.AWAIT, label, streams=streams)
        for name in sorted(qualified):
            effect = qualified_effect(name)
            if effect is not None:
                keywords = {a.keyword.value for a in node.args if a.keyword is not None}
                stdout_only = (name == "builtins.print" and "file" not in keywords) or (
                    name == "sys.stdout.write"
                )
                return KnownCall(effect, stdout_only=stdout_only)
        if isinstance(func, cst.Attribute):
            if func.attr.value in PURE_METHODS:
                return KnownCall(Effect.PURE)
            if func.attr.value in MUTATING_METHODS:
                # The mutation itself is a write recorded by the name facts.
                return KnownCall(Effect.PURE)
        return None


class _DefinitionIndexer(cst.CSTVisitor):
    """Every ``def`` (with its class) and every simple assignment, before the main pass."""

    def __init__(self) -> None:
        self.functions: dict[cst.FunctionDef, cst.ClassDef | None] = {}
        self.assignments: list[tuple[cst.BaseExpression, list[cst.CSTNode]]] = []
        # ``self.attr = value`` in a method: (class, attr, value).
        self.attribute_assignments: list[tuple[cst.ClassDef, str, cst.BaseExpression]] = []
        self._owners: list[cst.ClassDef | None] = [None]
        self._methods: list[tuple[cst.FunctionDef, cst.ClassDef | None]] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
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

    def visit_Assign(self, node: cst.Assign) -> None:
        targets: list[cst.CSTNode] = [t.target for t in node.targets]
        self.assignments.append((node.value, targets))
        if not self._methods:
            return
        method, owner = self._methods[-1]
        receiver = first_param(method)
        if owner is None or receiver is None:
            return
        for target in node.targets:
            t = target.target
            if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name):
                if t.value.value == receiver:
                    self.attribute_assignments.append((owner, t.attr.value, node.value))


def first_param(function: cst.FunctionDef) -> str | None:
    """The name of a method's receiver (``self``)."""
    params = list(function.params.posonly_params) + list(function.params.params)
    return params[0].name.value if params else None


def collect_call_facts(wrapper: cst.MetadataWrapper, declarations: Declarations) -> CallFacts:
    """Run the call pass over a wrapped module."""
    visitor = _CallVisitor(declarations)
    wrapper.visit(visitor)
    return visitor.facts.freeze()
