"""Write a pipelined loop pair (see :mod:`transpiler.plan.pipelining`): the consumer's
dispatch body goes right after the producer's ``items.append(x)``."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from transpiler.syntax import appended_value


class _AfterAppend(cst.CSTTransformer):
    def __init__(self, items: str, target: cst.Name, dispatch: Sequence[cst.BaseStatement]) -> None:
        self.items = items
        self.target = target
        self.dispatch = dispatch
        self.done = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        value = appended_value(updated_node, self.items)
        if value is None:
            return updated_node
        assert not self.done, "the plan allows one append"
        self.done = True
        if isinstance(value, cst.Name) and value.value == self.target.value:
            return cst.FlattenSentinel([updated_node, *self.dispatch])
        # ``candidate = <x>`` then ``candidates.append(candidate)``: the consumer's
        # loop variable is bound where the element comes into being.
        bind = cst.SimpleStatementLine(
            body=[cst.Assign(targets=[cst.AssignTarget(self.target)], value=value)],
            leading_lines=updated_node.leading_lines,
        )
        append = updated_node.with_changes(
            body=[
                cst.Expr(
                    cst.Call(
                        func=cst.Attribute(cst.Name(self.items), cst.Name("append")),
                        args=[cst.Arg(self.target)],
                    )
                )
            ],
            leading_lines=[],
        )
        return cst.FlattenSentinel([bind, append, *self.dispatch])


def insert_dispatch(
    producer: Sequence[cst.BaseStatement],
    items: str,
    target: cst.Name,
    starts: Sequence[cst.BaseStatement],
    dispatch: Sequence[cst.BaseStatement],
) -> list[cst.BaseStatement]:
    """The producer's statements with the consumer's ``dispatch`` body after the
    append, and the consumer's ``starts`` (its pending list, its memo dicts) just
    before the statement that holds the append."""
    out: list[cst.BaseStatement] = []
    inserted = False
    for statement in producer:
        rewriter = _AfterAppend(items, target, dispatch)
        rewritten = statement.visit(rewriter)
        if rewriter.done:
            assert isinstance(rewritten, cst.BaseStatement)
            out.extend(s.with_changes(leading_lines=[]) for s in starts)
            out.append(rewritten)
            inserted = True
        else:
            out.append(statement)  # the same node: a Dispatch op may refer to it
    assert inserted, "the plan found the append in the producer"
    return out
