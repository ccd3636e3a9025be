"""Notes on what keeps calls in program order: ``path:line:col: note: ...  [kept-in-order]``.

A statement whose effect epic cannot see (a callee it does not know, ``eval``/``exec``,
a function that changes a global or an object it was given) is a barrier: no call moves
across it. When such a statement stands between external calls of the same block, the
calls on either side cannot overlap, and the user should know which line is the reason
and why. This module reads the facts and the plan; it decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from transpiler.analysis.calls import KnownCall, UserCall
from transpiler.analysis.facts import Facts
from transpiler.analysis.externals import Effect
from transpiler.analysis.names import names_of, param_names
from transpiler.diagnostics import Diagnostic, source_line_at

CODE = "kept-in-order"

#: Builtins that run or reach code and names epic cannot see.
DYNAMIC = {
    "eval": "runs code given as a string",
    "exec": "runs code given as a string",
    "compile": "compiles code given as a string",
    "getattr": "reads an attribute chosen at run time",
    "setattr": "sets an attribute chosen at run time",
    "delattr": "deletes an attribute chosen at run time",
    "globals": "exposes the module's names to change",
    "locals": "exposes the function's names",
    "vars": "exposes an object's names to change",
    "__import__": "imports a module chosen at run time",
}


def barrier_notes(
    module: cst.Module,
    analysis: Facts,
    async_functions: frozenset[cst.FunctionDef],
    path: str,
    source: str,
) -> list[Diagnostic]:
    """A note for each barrier statement with external calls both before and after it
    in its block (in async functions and in module-level script code)."""
    finder = _Blocks(async_functions)
    module.visit(finder)
    notes: list[Diagnostic] = []
    for statements in finder.blocks:
        notes.extend(_block_notes(statements, analysis, path, source))
    return sorted(notes, key=lambda d: (d.line, d.column))


class _Blocks(cst.CSTVisitor):
    """Statement lists of the module and of the async functions' bodies (nested blocks
    included), not of other functions."""

    def __init__(self, async_functions: frozenset[cst.FunctionDef]) -> None:
        self.async_functions = async_functions
        self.blocks: list[Sequence[cst.BaseStatement]] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.blocks.append(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return node in self.async_functions

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return True

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.blocks.append(node.body)


def _block_notes(
    statements: Sequence[cst.BaseStatement], analysis: Facts, path: str, source: str
) -> list[Diagnostic]:
    awaits = [
        not isinstance(s, (cst.FunctionDef, cst.ClassDef)) and analysis.statement_facts(s).awaits
        for s in statements
    ]
    notes = []
    for index, statement in enumerate(statements):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        facts = analysis.statement_facts(statement)
        if facts.effect < Effect.UNKNOWN:
            continue
        if not (any(awaits[:index]) and any(awaits[index + 1 :])):
            continue
        found = _reason(statement, analysis)
        if found is None:
            continue
        call, why = found
        position = analysis.calls.positions.get(call)
        if position is None:
            continue
        line, column = position.line, position.column
        notes.append(
            Diagnostic(
                path, line, column, "note", CODE,
                f"{why}: the calls before and after it stay in program order",
                source_line=source_line_at(source, line),
            )
        )
    return notes


def _reason(statement: cst.CSTNode, analysis: Facts) -> tuple[cst.Call, str] | None:
    """The first call of unknown effect in the statement, and why it is one."""
    calls: list[cst.Call] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            calls.append(node)

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    statement.visit(Calls())
    for call in calls:
        if analysis.call_effect(call) < Effect.UNKNOWN:
            continue
        name = cst.Module([]).code_for_node(call.func)
        target = analysis.calls.targets.get(call)
        if target is None:
            if name in DYNAMIC:
                return call, f"`{name}` {DYNAMIC[name]}, which epic cannot follow"
            return call, f"`{name}(...)` is a call epic does not know the effects of"
        if isinstance(target, UserCall):
            return call, f"`{name}(...)` {_why_function(target.function, analysis)}"
        if isinstance(target, KnownCall):
            return call, f"`{name}(...)` has effects epic cannot see"
    return None


def _why_function(function: cst.FunctionDef, analysis: Facts) -> str:
    use = names_of(function.body)
    params = frozenset(param_names(function.params))
    declared = {
        n.name.value
        for g in _globals_of(function)
        for n in g.names
    }
    local = (use.binds | params) - declared
    changed = sorted((use.mutates - (local - params)) | (declared & use.binds))
    if changed:
        shown = ", ".join(f"`{n}`" for n in changed)
        return f"changes {shown}, which it does not own (a global, or an object it was given)"
    return "calls code whose effects epic does not know"


def _globals_of(function: cst.FunctionDef) -> list[cst.Global]:
    found: list[cst.Global] = []

    class Globals(cst.CSTVisitor):
        def visit_Global(self, node: cst.Global) -> None:
            found.append(node)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

    function.visit(Globals())
    return found

