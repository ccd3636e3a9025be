"""What one module of a program tells the others (whole-program mode): how calls of its
top-level functions look from an importer, and what its module-level names are bound
to. Facts only; ``transpiler/program.py`` combines them across modules."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from transpiler.analysis.calls import CallFacts, WrappedCall, is_immutable_literal
from transpiler.analysis.effects import WORLD, FunctionSummary
from transpiler.analysis.externals import Effect, ProgramFunction
from transpiler.analysis.facts import Facts


class Binding(enum.Enum):
    """What a module-level name is bound to, as far as another module can change it."""

    # A function, a class, a constant of an immutable type, an openai client: nothing
    # the program changes once the module is imported.
    INERT = "inert"
    # An import: whatever the imported name is bound to in its own module.
    IMPORT = "import"
    # Anything else (a dict, a list, an object), or a name some function rebinds:
    # state that code elsewhere may change.
    STATE = "state"


@dataclass(frozen=True, slots=True)
class Interface:
    """What the other modules of a program see of one module."""

    # Top-level functions made async, or left sync and known to compute or print only.
    functions: Mapping[str, ProgramFunction]
    # Top-level classes: their methods, described the same way.
    classes: Mapping[str, Mapping[str, ProgramFunction]]
    # What its module-level names are bound to.
    bindings: Mapping[str, Binding]
    # Top-level functions declared external by pragma -> whether ordered.
    declared: Mapping[str, bool]
    # The names of the methods made async, of every class at any depth: every use of
    # them elsewhere in the program is checked.
    async_methods: frozenset[str]
    # Nothing runs at import but definitions: only its importers can await it.
    library: bool = False
    # Its script code (not under a ``__main__`` guard) became ``epic.run(main())``:
    # importing it runs an event loop.
    runs_at_import: bool = False
    # Top-level functions and classes only this module may use: decorators written in
    # it (or factories of them) whose wrapper was made async, which may only decorate
    # its own async functions, functions that await the functions its own code passes
    # them (``run(records, transform=enrich)``), and functions and classes that await
    # through the objects its own code passes them (``run(model, q)``, ``Agent(llm)``).
    # Any use elsewhere keeps its sync API.
    local_only: frozenset[str] = frozenset()
    # Attribute names its analysis took to hold an instance of a known class, since
    # every write of them in the module sets one: no other module may write them.
    held_attributes: frozenset[str] = frozenset()

    @property
    def async_functions(self) -> frozenset[str]:
        return frozenset(name for name, f in self.functions.items() if f.is_async)

    @property
    def api(self) -> list[str]:
        """What it made async, as its importers spell it (``ask``, ``Bot.reply``)."""
        return sorted(self.async_functions) + sorted(
            f"{cls}.{method}"
            for cls, methods in self.classes.items()
            for method, f in methods.items()
            if f.is_async
        )


_BINDING = frozenset({"staticmethod", "classmethod"})


def interface(
    module: cst.Module,
    analysis: Facts,
    async_functions: frozenset[cst.FunctionDef],
    *,
    library: bool = False,
    runs_at_import: bool = False,
) -> Interface:
    """The interface of a module whose functions ``async_functions`` are made async
    (none: it comes back as it is)."""
    declared = {
        statement.name.value: external.ordered
        for statement in module.body
        if isinstance(statement, cst.FunctionDef)
        and (external := analysis.calls.declared_external.get(statement)) is not None
    }
    classes = {
        statement.name.value: _described_methods(statement, analysis, async_functions)
        for statement in module.body
        if isinstance(statement, cst.ClassDef)
    }
    decorators = frozenset(
        name for wrapper, name in analysis.calls.wrapper_names.items() if wrapper in async_functions
    )
    # What they do depends on the functions this module passes them.
    receivers = {
        target.wrapper
        for call in analysis.calls.passed_functions
        if isinstance(target := analysis.calls.targets.get(call), WrappedCall)
        and target.wrapper is not None
    }
    local_only = decorators | {f.name.value for f in receivers if f in async_functions}
    # What they await depends on the objects this module passes them (``run(model,
    # q)``, ``Agent(llm)``): a top-level function made async, a class with a method
    # made async.
    top = set(module.body)
    for receiver in analysis.calls.passed_to:
        if receiver not in top:
            continue
        if isinstance(receiver, cst.FunctionDef):
            if receiver in async_functions:
                local_only |= {receiver.name.value}
        elif any(
            isinstance(s, cst.FunctionDef) and s in async_functions for s in receiver.body.body
        ):
            local_only |= {receiver.name.value}
    hidden = decorators | {f.name.value for f in receivers}
    described = {
        name: function
        for name, function in _described_functions(module.body, analysis, async_functions).items()
        if name not in hidden  # a wrapper's or a receiver's calls depend on this module
    }
    return Interface(
        described,
        classes,
        module_bindings(module, analysis.calls),
        declared,
        _made_async_methods(module, async_functions),
        library and bool(async_functions),
        runs_at_import,
        local_only,
        analysis.calls.held_attributes if async_functions else frozenset(),
    )


def _described_functions(
    body: Sequence[cst.BaseStatement | cst.BaseSmallStatement],
    analysis: Facts,
    async_functions: frozenset[cst.FunctionDef],
) -> dict[str, ProgramFunction]:
    """The functions of a module or class body made async (``async_functions``: the
    plan's), or left sync and known to compute or print only, as other modules see
    their calls. One left sync is described only when it is not decorated (but for
    ``staticmethod``/``classmethod``): a decorator may do anything around it. Every
    one made async is (a call of it must be awaited wherever it is)."""
    exports = {}
    for statement in body:
        if isinstance(statement, cst.FunctionDef):
            described = _described(statement, analysis, async_functions)
            returns = analysis.calls.factories.get(statement)
            if described is None and returns is not None and statement not in async_functions:
                # A factory epic knows nothing else of: an unknown call, whose result's
                # class is known.
                described = ProgramFunction(Effect.UNKNOWN, is_async=False)
            if described is not None:
                exports[statement.name.value] = dataclasses.replace(described, returns=returns)
    return exports


def _described(
    function: cst.FunctionDef, analysis: Facts, async_functions: frozenset[cst.FunctionDef]
) -> ProgramFunction | None:
    """One function as ``_described_functions`` describes it (None: not described)."""
    if function.asynchronous is not None:
        return None
    if function not in async_functions and any(
        not (isinstance(d.decorator, cst.Name) and d.decorator.value in _BINDING)
        for d in function.decorators
    ):
        return None
    summary = analysis.summaries.get(function)
    described = program_function(summary) if summary is not None else None
    if described is None or described.is_async != (function in async_functions):
        return None
    return described


def _described_methods(
    cls: cst.ClassDef, analysis: Facts, async_functions: frozenset[cst.FunctionDef]
) -> dict[str, ProgramFunction]:
    """The methods of a class as a call through an instance of it, or of a subclass
    the module defines, looks from another module: per name, every method the call
    may run (its own, an inherited one, a subclass's override), described together
    when each is described and they are all async or all sync."""
    exports = {}
    for name, methods in analysis.calls.dispatch.get(cls, {}).items():
        described = [_described(m, analysis, async_functions) for m in methods]
        known = [d for d in described if d is not None]
        if len(known) < len(methods) or len({d.is_async for d in known}) != 1:
            continue
        worst = max(known, key=lambda d: d.effect)
        exports[name] = dataclasses.replace(
            worst,
            sleeps=any(d.sleeps for d in known),
            reads_world=any(d.reads_world for d in known),
            late_reads=frozenset().union(*(d.late_reads for d in known)),
            reads=frozenset().union(*(d.reads for d in known)),
        )
    return exports


def _made_async_methods(
    module: cst.Module, async_functions: frozenset[cst.FunctionDef]
) -> frozenset[str]:
    """The names of the methods made async, of every class (at any depth)."""
    names: set[str] = set()

    class Methods(cst.CSTVisitor):
        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            for member in node.body.body:
                if (
                    isinstance(member, cst.FunctionDef)
                    and member.asynchronous is None
                    and member in async_functions
                ):
                    names.add(member.name.value)

    module.visit(Methods())
    return frozenset(names)


def program_function(summary: FunctionSummary) -> ProgramFunction | None:
    """How a call of a top-level function looks from another module of the program
    (None: an unknown call).

    Only its module's own code can see the module-level state it reads and changes:
    a function made async that changes some (or fills a memo cache, or has ordered
    effects other than printing) is UNKNOWN there, awaited in place with nothing moving
    across it; a sync one is described only when it computes or only prints. What it
    reads is checked by the program (``reads``)."""
    effect = summary.effect
    changes_state = bool(summary.global_writes or summary.commuting)
    reads = summary.global_reads - {WORLD}
    world = WORLD in summary.global_reads
    if not summary.is_async:
        if changes_state or effect > Effect.OUTPUT or not summary.prints_only:
            return None
        return ProgramFunction(effect, is_async=False, reads_world=world, reads=reads)
    if effect == Effect.OUTPUT and not summary.prints_only:
        effect = Effect.UNKNOWN
    if changes_state:
        effect = Effect.UNKNOWN
    because = summary.ordered_because
    if effect == Effect.UNKNOWN and because is None:
        because = (
            "changes state of its own module" if changes_state else "has effects epic cannot see"
        )
    return ProgramFunction(
        max(effect, Effect.EXTERNAL),
        sleeps=summary.sleeps,
        reads_world=world,
        ordered_because=because if effect >= Effect.OUTPUT else None,
        reads=reads,
    )


def module_bindings(module: cst.Module, calls: CallFacts) -> dict[str, Binding]:
    """Every module-level name and what it is bound to (the worst of its bindings)."""
    found = _Bindings(calls)
    module.visit(found)
    bindings = found.bindings
    for name in found.rebound:
        bindings[name] = Binding.STATE
    return bindings


class _Bindings(cst.CSTVisitor):
    """Module-level bindings (statements at module level, also inside ``if``/``try``/
    ``with``/loops there), and the names functions declare ``global``."""

    def __init__(self, calls: CallFacts) -> None:
        self.calls = calls
        self.bindings: dict[str, Binding] = {}
        self.rebound: set[str] = set()
        self._depth = 0

    def _bind(self, name: str, binding: Binding) -> None:
        order = [Binding.INERT, Binding.IMPORT, Binding.STATE]
        previous = self.bindings.get(name, Binding.INERT)
        self.bindings[name] = max(previous, binding, key=order.index)

    def _targets(self, target: cst.BaseExpression, binding: Binding) -> None:
        if isinstance(target, cst.Name):
            self._bind(target.value, binding)
        elif isinstance(target, cst.Tuple | cst.List):
            for element in target.elements:
                self._targets(element.value, Binding.STATE)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self._depth == 0:
            self._bind(node.name.value, Binding.INERT)
        self._depth += 1
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._depth -= 1

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        if self._depth == 0:
            self._bind(node.name.value, Binding.INERT)
        self._depth += 1
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._depth -= 1

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Global(self, node: cst.Global) -> None:
        self.rebound.update(n.name.value for n in node.names)

    def visit_Import(self, node: cst.Import) -> bool:
        if self._depth == 0:
            for alias in node.names:
                asname = alias.asname.name if alias.asname is not None else None
                name = asname.value if isinstance(asname, cst.Name) else None
                if name is None:
                    name = cst.Module([]).code_for_node(alias.name).split(".")[0]
                self._bind(name, Binding.IMPORT)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if self._depth == 0 and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                asname = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(asname, cst.Name):
                    self._bind(asname.value, Binding.IMPORT)
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._depth == 0:
            for target in node.targets:
                self._targets(target.target, self._value(node.value))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self._depth == 0 and node.value is not None:
            self._targets(node.target, self._value(node.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if self._depth == 0:
            self._targets(node.target, Binding.STATE)

    def visit_For(self, node: cst.For) -> None:
        if self._depth == 0:
            self._targets(node.target, Binding.STATE)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if self._depth == 0 and node.asname is not None:
            self._targets(node.asname.name, Binding.STATE)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._targets(node.target, Binding.STATE)

    def _value(self, value: cst.BaseExpression) -> Binding:
        if is_immutable_literal(value):
            return Binding.INERT
        if isinstance(value, cst.Call) and value in self.calls.client_constructors:
            return Binding.INERT  # ``client = OpenAI()``
        return Binding.STATE
