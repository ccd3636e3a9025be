"""What one module of a program tells the others (whole-program mode): how calls of its
top-level functions look from an importer, and what its module-level names are bound
to. Facts only; ``transpiler/program.py`` combines them across modules."""

from __future__ import annotations

import enum

import libcst as cst

from transpiler.analysis.calls import CallFacts, is_immutable_literal
from transpiler.analysis.effects import WORLD, FunctionSummary
from transpiler.analysis.externals import Effect, ProgramFunction


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
