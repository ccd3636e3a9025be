"""The imports of the output: add ``asyncio`` and the runtime where they are needed,
and drop the ``time``, ``functools`` and ``contextlib`` imports the rewrite left unused.

Both are single passes over the module (no scope analysis): a bound name counts as
used when it appears anywhere outside an import (as a name, not as an attribute after
a dot), which is conservative: at worst an unused import stays.
"""

from __future__ import annotations

from typing import TypeVar

import libcst as cst

from transpiler.plan.types import Imports
from transpiler.syntax import import_position

#: The modules whose imports a rewrite can leave unused (``time.sleep`` ->
#: ``asyncio.sleep``, ``@functools.cache`` -> ``@epic.cache``,
#: ``contextlib.redirect_stdout`` -> ``epic.redirect_stdout``).
REWRITTEN_MODULES = frozenset({"time", "functools", "contextlib"})


def update_imports(module: cst.Module, imports: Imports) -> cst.Module:
    """Add the imports the output needs and drop the imports of ``REWRITTEN_MODULES``
    binding a name in ``imports.maybe_unused`` that nothing uses any more."""
    asyncio, epic = imports.asyncio, imports.epic
    unused = imports.maybe_unused - _used_names(module)
    if unused:
        module = module.visit(_DropImports(unused))
    needed: list[cst.SimpleStatementLine] = []
    if asyncio and not _imports(module, "asyncio", None):
        needed.append(cst.parse_statement("import asyncio"))  # type: ignore[arg-type]
    if epic is not None and not _imports(module, "runtime_shim", epic):
        needed.append(
            cst.parse_statement(f"import runtime_shim as {epic}")  # type: ignore[arg-type]
        )
    if not needed:
        return module
    # After the docstring, ``__future__`` imports and the imports at the top: where a
    # person would add them. (LibCST's AddImportsVisitor recurses once per statement
    # when it skips the docstring, which overflows the stack on long modules.)
    body = list(module.body)
    position = import_position(body)
    return module.with_changes(body=[*body[:position], *needed, *body[position:]])


def _imports(module: cst.Module, name: str, asname: str | None) -> bool:
    """Whether a top-level ``import name [as asname]`` is already there."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.Import):
                continue
            for alias in small.names:
                bound = alias.asname.name if alias.asname is not None else None
                bound_name = bound.value if isinstance(bound, cst.Name) else None
                if cst.Module([]).code_for_node(alias.name) == name and bound_name == asname:
                    return True
    return False


class _UsedNames(cst.CSTVisitor):
    """Every name the module reads or binds outside import statements (the attribute
    after a dot is not a name)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def _used_names(module: cst.Module) -> set[str]:
    visitor = _UsedNames()
    module.visit(visitor)
    return visitor.names


def _bound_name(alias: cst.ImportAlias) -> str:
    """The name an import alias binds (``import a.b`` binds ``a``)."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    node: cst.BaseExpression = alias.name
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""


def _module_name(node: cst.BaseExpression | None) -> str:
    return cst.Module([]).code_for_node(node) if node is not None else ""


class _DropImports(cst.CSTTransformer):
    """Remove the aliases of ``time`` and ``functools`` imports that bind one of
    ``names``; an import
    left with no alias, and a line left with no statement, go too."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.Import | cst.RemovalSentinel:
        kept = [
            alias
            for alias in updated_node.names
            if _module_name(alias.name) not in REWRITTEN_MODULES
            or _bound_name(alias) not in self.names
        ]
        return _with_aliases(updated_node, kept)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        if isinstance(updated_node.names, cst.ImportStar) or updated_node.relative:
            return updated_node
        if _module_name(updated_node.module) not in REWRITTEN_MODULES:
            return updated_node
        kept = [alias for alias in updated_node.names if _bound_name(alias) not in self.names]
        return _with_aliases(updated_node, kept)

    def leave_SimpleStatementLine(
        self,
        original_node: cst.SimpleStatementLine,
        updated_node: cst.SimpleStatementLine,
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        if not updated_node.body and original_node.body:
            return cst.RemoveFromParent()
        return updated_node

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        if not updated_node.body:  # the block held only the import
            return updated_node.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated_node


_ImportT = TypeVar("_ImportT", cst.Import, cst.ImportFrom)


def _with_aliases(node: _ImportT, kept: list[cst.ImportAlias]) -> _ImportT | cst.RemovalSentinel:
    assert not isinstance(node.names, cst.ImportStar)
    if len(kept) == len(node.names):
        return node
    if not kept:
        return cst.RemoveFromParent()
    # The last alias must not keep a trailing comma it had before a removed one.
    kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node.with_changes(names=kept)
