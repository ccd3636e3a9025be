"""Small facts and builders about LibCST syntax, shared by every phase.

Nothing here knows about effects or plans: each function reads or builds a piece of
tree and nothing else.
"""

from __future__ import annotations

import libcst as cst


def attribute(path: str) -> cst.BaseExpression:
    """``a.b.c`` as an expression."""
    head, *rest = path.split(".")
    node: cst.BaseExpression = cst.Name(head)
    for part in rest:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


class _AllNames(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def all_names(node: cst.CSTNode) -> set[str]:
    """Every identifier that appears in ``node`` (variables, attributes, keywords)."""
    collector = _AllNames()
    node.visit(collector)
    return collector.names


def is_docstring(statement: cst.BaseStatement) -> bool:
    """A statement that is only a string literal."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def appended_value(statement: cst.CSTNode, items: str) -> cst.BaseExpression | None:
    """``x`` for the statement ``items.append(x)``."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return None
    call = small.value
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == items
        and func.attr.value == "append"
        and len(call.args) == 1
        and call.args[0].keyword is None
        and not call.args[0].star
    ):
        return None
    return call.args[0].value
