"""Write a pipelined loop pair (see :mod:`transpiler.plan.pipelining`): the consumer's
dispatch body goes right after the producer's ``items.append(x)``, or, for the lines of
accumulated text, in a loop over the lines each ``text += x`` completes, and once more
over the rest just after the producer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from transpiler.plan.types import LineSource, LineStage
from transpiler.syntax import accumulated_value, appended_value


class _AfterFill(cst.CSTTransformer):
    """Replaces the one statement that fills the producer's list or text by what
    ``expand`` makes of it."""

    def __init__(
        self,
        name: str,
        filled: Callable[[cst.CSTNode, str], cst.BaseExpression | None],
        expand: Callable[[cst.SimpleStatementLine, cst.BaseExpression], list[cst.BaseStatement]],
    ) -> None:
        self.name = name
        self.filled = filled
        self.expand = expand
        self.done = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        value = self.filled(updated_node, self.name)
        if value is None:
            return updated_node
        assert not self.done, "the plan allows one statement that fills it"
        self.done = True
        return cst.FlattenSentinel(self.expand(updated_node, value))


def _rewrite_fill(
    producer: Sequence[cst.BaseStatement],
    rewriter: _AfterFill,
    starts: Sequence[cst.BaseStatement],
) -> list[cst.BaseStatement]:
    """The producer's statements with the filling statement expanded, and ``starts``
    just before the statement that holds it."""
    out: list[cst.BaseStatement] = []
    for statement in producer:
        was_done = rewriter.done
        rewritten = statement.visit(rewriter)
        if rewriter.done and not was_done:
            assert isinstance(rewritten, cst.BaseStatement)
            out.extend(s.with_changes(leading_lines=[]) for s in starts)
            out.append(rewritten)
        else:
            out.append(statement)  # the same node: a Dispatch op may refer to it
    assert rewriter.done, "the plan found the statement that fills it in the producer"
    return out


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

    def expand(
        append: cst.SimpleStatementLine, value: cst.BaseExpression
    ) -> list[cst.BaseStatement]:
        if isinstance(value, cst.Name) and value.value == target.value:
            return [append, *dispatch]
        # ``candidate = <x>`` then ``candidates.append(candidate)``: the consumer's
        # loop variable is bound where the element comes into being.
        bind = cst.SimpleStatementLine(
            body=[cst.Assign(targets=[cst.AssignTarget(target)], value=value)],
            leading_lines=append.leading_lines,
        )
        call = cst.Call(
            func=cst.Attribute(cst.Name(items), cst.Name("append")), args=[cst.Arg(target)]
        )
        return [
            bind,
            append.with_changes(body=[cst.Expr(call)], leading_lines=[]),
            *dispatch,
        ]

    return _rewrite_fill(producer, _AfterFill(items, appended_value, expand), starts)


def _each_line(
    target: cst.Name,
    splitter: str,
    method: str,
    args: list[cst.Arg],
    body: Sequence[cst.BaseStatement],
) -> cst.For:
    """``for <target> in <splitter>.<method>(<args>): <body>``."""
    return cst.For(
        target=target,
        iter=cst.Call(func=cst.Attribute(cst.Name(splitter), cst.Name(method)), args=args),
        body=cst.IndentedBlock(body=[s.with_changes(leading_lines=[]) for s in body]),
    )


def insert_line_dispatch(
    producer: Sequence[cst.BaseStatement],
    text: str,
    lines: LineSource,
    epic: str,
    target: cst.Name,
    starts: Sequence[cst.BaseStatement],
    dispatch: Sequence[cst.BaseStatement],
) -> list[cst.BaseStatement]:
    """The producer's statements with the consumer's ``dispatch`` run for each line
    that ``text += x`` completes and, after them, for the rest; the consumer's
    ``starts`` and the line splitter come just before the statement that holds the
    accumulation."""
    each_line = _each_line(target, lines.splitter, "feed", [cst.Arg(cst.Name(text))], dispatch)
    rewriter = _AfterFill(text, accumulated_value, lambda statement, _: [statement, each_line])
    out = _rewrite_fill(producer, rewriter, [*starts, _splitter(lines, epic)])
    out.append(_each_line(target, lines.splitter, "end", [], dispatch))
    return out


def _splitter(lines: LineSource, epic: str) -> cst.SimpleStatementLine:
    """``<splitter> = epic.line_splitter(...)``."""
    options = [
        cst.Arg(cst.Name("True"), keyword=cst.Name(name))
        for name, on in (("splitlines", lines.splitlines), ("keepends", lines.keepends))
        if on
    ]
    return cst.SimpleStatementLine(
        body=[
            cst.Assign(
                targets=[cst.AssignTarget(cst.Name(lines.splitter))],
                value=cst.Call(
                    func=cst.Attribute(cst.Name(epic), cst.Name("line_splitter")), args=options
                ),
            )
        ]
    )


def insert_line_starts(
    producer: Sequence[cst.BaseStatement],
    text: str,
    lines: LineSource,
    epic: str,
    scope: str,
    element: cst.BaseExpression,
    target: cst.BaseAssignTargetExpression,
) -> list[cst.BaseStatement]:
    """The producer's statements with a list comprehension's elements started for each
    line that ``text += x`` completes (``pending.extend([tasks.spawn(<element>) for
    <target> in splitter.feed(text)])``: the comprehension's own variable stays local
    to a comprehension, and mypy infers the list's type from it) and, after them, for
    the rest;
    the pending list and the splitter come just before the statement that holds the
    accumulation."""
    assert lines.pending is not None
    pending_list = lines.pending

    def starts(method: str, args: list[cst.Arg]) -> cst.SimpleStatementLine:
        spawn = cst.Call(
            func=cst.Attribute(cst.Name(scope), cst.Name("spawn")), args=[cst.Arg(element)]
        )
        each = cst.ListComp(
            elt=spawn,
            for_in=cst.CompFor(
                target=target,
                iter=cst.Call(
                    func=cst.Attribute(cst.Name(lines.splitter), cst.Name(method)), args=args
                ),
            ),
        )
        extend = cst.Call(
            func=cst.Attribute(cst.Name(pending_list), cst.Name("extend")), args=[cst.Arg(each)]
        )
        return cst.SimpleStatementLine(body=[cst.Expr(extend)])

    pending = cst.SimpleStatementLine(
        body=[cst.Assign(targets=[cst.AssignTarget(cst.Name(pending_list))], value=cst.List([]))]
    )
    feed = starts("feed", [cst.Arg(cst.Name(text))])
    rewriter = _AfterFill(text, accumulated_value, lambda statement, _: [statement, feed])
    out = _rewrite_fill(producer, rewriter, [pending, _splitter(lines, epic)])
    out.append(starts("end", []))
    return out


def ahead_of(stage: LineStage, comprehension: cst.ListComp, epic: str) -> cst.SimpleStatementLine:
    """``<stage> = epic.ahead(lambda lines: [<element> for <v> in lines if ...])``: the
    comprehension as written, over the lines it is given."""
    over_lines = comprehension.with_changes(
        for_in=comprehension.for_in.with_changes(iter=cst.Name(stage.parameter)),
        lpar=[],
        rpar=[],
    )
    function = cst.Lambda(
        params=cst.Parameters(params=[cst.Param(cst.Name(stage.parameter))]), body=over_lines
    )
    return cst.SimpleStatementLine(
        body=[
            cst.Assign(
                targets=[cst.AssignTarget(cst.Name(stage.name))],
                value=cst.Call(
                    func=cst.Attribute(cst.Name(epic), cst.Name("ahead")), args=[cst.Arg(function)]
                ),
            )
        ]
    )


def each_element(
    stage: LineStage, target: cst.Name, dispatch: Sequence[cst.BaseStatement]
) -> cst.For:
    """``for <target> in <stage>.add(<line>): <dispatch>``: the consumer's dispatch for
    the elements one more line gives the comprehension."""
    return _each_line(target, stage.name, "add", [cst.Arg(cst.Name(stage.line))], dispatch)
