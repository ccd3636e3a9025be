"""Small facts and builders about LibCST syntax, shared by every phase.

Nothing here knows about effects or plans: each function reads or builds a piece of
tree and nothing else.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

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


class _VariableNames(_AllNames):
    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False


def variable_names(node: cst.CSTNode) -> set[str]:
    """Every identifier ``node`` uses as a variable, a function, a class, a parameter
    or a module (not an attribute's name, nor a keyword argument's)."""
    collector = _VariableNames()
    node.visit(collector)
    return collector.names


class _Holders(cst.CSTVisitor):
    def __init__(self, targets: frozenset[cst.CSTNode]) -> None:
        self.targets = targets
        self.found: set[cst.CSTNode] = set()
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if node in self.targets:
            self.found.update(self._stack)
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


def holders(root: cst.CSTNode, targets: Collection[cst.CSTNode]) -> set[cst.CSTNode]:
    """The nodes of ``root`` that hold one of ``targets`` (strictly: not the targets
    themselves, unless one holds another)."""
    finder = _Holders(frozenset(targets))
    root.visit(finder)
    return finder.found


def is_docstring(statement: cst.BaseStatement) -> bool:
    """A statement that is only a string literal."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def assignment(statement: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """``(name, x)`` for the statement ``name = x`` alone on its line."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
    ):
        return small.targets[0].target.value, small.value
    return None


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


def accumulated_value(statement: cst.CSTNode, text: str) -> cst.BaseExpression | None:
    """``x`` for the statement ``text += x``."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if (
        isinstance(small, cst.AugAssign)
        and isinstance(small.operator, cst.AddAssign)
        and isinstance(small.target, cst.Name)
        and small.target.value == text
    ):
        return small.value
    return None


def split_lines_of(node: cst.BaseExpression) -> tuple[str, bool, bool] | None:
    """``(text, splitlines, keepends)`` for ``text.split("\\n")`` (False, False) and
    ``text.splitlines()`` / ``text.splitlines(True)`` / ``(keepends=...)`` (True, ...),
    where ``text`` is a name and the flags are literals."""
    if not (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and isinstance(node.func.value, cst.Name)
    ):
        return None
    text, method, args = node.func.value.value, node.func.attr.value, node.args
    if any(arg.star for arg in args):
        return None
    if method == "split":
        if (
            len(args) == 1
            and (args[0].keyword is None or args[0].keyword.value == "sep")
            and isinstance(args[0].value, cst.SimpleString)
            and args[0].value.evaluated_value == "\n"
        ):
            return text, False, False
        return None
    if method != "splitlines" or len(args) > 1:
        return None
    if not args:
        return text, True, False
    arg = args[0]
    if (
        (arg.keyword is None or arg.keyword.value == "keepends")
        and isinstance(arg.value, cst.Name)
        and arg.value.value in ("True", "False")
    ):
        return text, True, arg.value.value == "True"
    return None


def import_position(body: Sequence[cst.BaseStatement]) -> int:
    """Where a person would add an import to a module: after the docstring, the
    ``__future__`` imports and the imports at the top."""
    position = 1 if body and is_docstring(body[0]) else 0
    while position < len(body) and _is_import(body[position]):
        position += 1
    return position


def _is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body
    )
