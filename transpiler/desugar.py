"""Rewrites of the input into equivalent forms the analysis knows better (edits only:
which calls to rewrite is decided in ``pipeline.py`` from the facts).

``map(f, xs)`` of a script function is the generator expression ``(f(item) for item in
xs)``: both take ``iter(xs)`` at once, call ``f`` on each item lazily, in order, when
the consumer asks for the next one, and let an exception out of that step (``f`` is a
``def``, bound once, so looking it up per item finds the same function). As a
generator expression, the call may be gathered (``list(map(ask, words))``).

``sorted(xs, key=f, reverse=r)`` is ``[item for item, _ in sorted([(item, f(item))
for item in list(xs)], key=lambda pair: pair[1], reverse=r)]``: ``sorted`` makes a list
of ``xs`` first, then calls ``f`` once per element, in order, then sorts stably by the
keys alone (``reverse`` keeps that stability), so the pairs sort into the same order and
an exception from ``f`` or from comparing two keys comes out at the same point.
``min(xs, key=f)`` / ``max(xs, key=f)`` is ``min([(item, f(item)) for item in xs],
key=lambda pair: pair[1])[0]``: ``min`` calls ``f`` on each element as it takes it
and keeps the first of the smallest keys, as ``min`` of the pairs by key does (and an
empty ``xs`` raises the same ``ValueError``). The pairs may be gathered
(``epic.keyed``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import PositionProvider

from transpiler.analysis.calls import Position
from transpiler.analysis.outline import Outline
from transpiler.syntax import all_names, holders, import_position, variable_names


@dataclass(frozen=True, slots=True)
class Rewritten:
    """A rewritten module, and for each node it made, the input's node it stands for
    (every other node of it is the input's own)."""

    module: cst.Module
    origins: Mapping[cst.CSTNode, cst.CSTNode]

    def positions(
        self, input_positions: Mapping[cst.CSTNode, Position]
    ) -> dict[cst.CSTNode, Position]:
        """Where each node of the rewritten module is in the input (``input_positions``:
        every node of the input's): its own place, its origin's, or (a node made from
        nothing) its parent's. Notes about the rewritten code then point at the code
        the user wrote."""
        out: dict[cst.CSTNode, Position] = {}
        stack: list[tuple[cst.CSTNode, Position]] = [(self.module, Position(1, 1))]
        while stack:
            node, inherited = stack.pop()
            here = input_positions.get(self.origins.get(node, node), inherited)
            out[node] = here
            stack.extend((child, here) for child in node.children)
        return out


def node_positions(module: cst.Module) -> dict[cst.CSTNode, Position]:
    """Where every node of ``module`` starts."""
    ranges = cst.MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {node: Position(r.start.line, r.start.column + 1) for node, r in ranges.items()}


class _Targeted(cst.CSTTransformer):
    """A transformer that descends only into the nodes holding one of ``targets``: the
    rest of its result is the input's own nodes, and each node it rebuilds is recorded
    with the node it replaces (``origins``)."""

    def __init__(self, module: cst.Module, targets: Collection[cst.CSTNode]) -> None:
        super().__init__()
        self._path = holders(module, targets)
        self.origins: dict[cst.CSTNode, cst.CSTNode] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        super().on_visit(node)
        return node in self._path

    def on_leave(  # type: ignore[override]
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]:
        result = super().on_leave(original_node, updated_node)
        if isinstance(result, cst.CSTNode) and result is not original_node:
            self.origins.setdefault(result, original_node)
        return result


def desugar_maps(module: cst.Module, calls: Collection[cst.Call]) -> Rewritten:
    """``module`` with each of ``calls`` (``map(f, xs)``, ``sorted(xs, key=f)``,
    ``min``/``max(xs, key=f)`` calls of it) written as comprehensions."""
    taken = all_names(module)
    name, n = "item", 1
    while name in taken:  # the function called on it must not be shadowed
        n += 1
        name = f"item{n}"
    maps = _Maps(module, frozenset(calls), name)
    return Rewritten(module.visit(maps), maps.origins)


class _Maps(_Targeted):
    # Names local to a comprehension or lambda whose body uses nothing else.
    KEY, PAIR = "_", "pair"

    def __init__(self, module: cst.Module, calls: frozenset[cst.Call], variable: str) -> None:
        super().__init__(module, calls)
        self.calls = calls
        self.variable = variable
        self.made: set[cst.GeneratorExp] = set()

    def _keyed(self, updated_node: cst.Call) -> cst.BaseExpression:
        """``sorted``/``min``/``max`` with ``key=f``, as a comprehension of pairs."""
        func = updated_node.func
        builtin = (
            func.value
            if isinstance(func, cst.Name)
            else cst.ensure_type(func, cst.Attribute).attr.value
        )
        iterable = next(a.value for a in updated_node.args if a.keyword is None)
        function = next(
            a.value for a in updated_node.args if a.keyword and a.keyword.value == "key"
        )
        others = [
            a for a in updated_node.args if a.keyword is not None and a.keyword.value != "key"
        ]
        item = cst.Name(self.variable)
        if builtin == "sorted" and not isinstance(iterable, cst.List | cst.Tuple):
            iterable = cst.Call(cst.Name("list"), [cst.Arg(iterable)])
        pairs = cst.ListComp(
            elt=cst.Tuple(
                [cst.Element(item), cst.Element(cst.Call(func=function, args=[cst.Arg(item)]))]
            ),
            for_in=cst.CompFor(target=item, iter=iterable),
        )
        by_key = cst.Lambda(
            cst.Parameters([cst.Param(cst.Name(self.PAIR))]),
            cst.Subscript(cst.Name(self.PAIR), [cst.SubscriptElement(cst.Index(cst.Integer("1")))]),
        )
        ordered = cst.Call(
            func=func,
            args=[cst.Arg(pairs), cst.Arg(by_key, keyword=cst.Name("key")), *others],
        )
        if builtin != "sorted":
            return cst.Subscript(
                ordered,
                [cst.SubscriptElement(cst.Index(cst.Integer("0")))],
                lpar=updated_node.lpar,
                rpar=updated_node.rpar,
            )
        return cst.ListComp(
            elt=item,
            for_in=cst.CompFor(
                target=cst.Tuple(
                    [cst.Element(item), cst.Element(cst.Name(self.KEY))], lpar=[], rpar=[]
                ),
                iter=ordered,
            ),
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if original_node in self.calls and any(a.keyword is not None for a in updated_node.args):
            return self._keyed(updated_node)
        if original_node in self.calls:
            function, iterable = (arg.value for arg in updated_node.args)
            item = cst.Name(self.variable)
            generator = cst.GeneratorExp(
                elt=cst.Call(func=function, args=[cst.Arg(item)]),
                for_in=cst.CompFor(target=item, iter=iterable),
                lpar=updated_node.lpar or [cst.LeftParen()],
                rpar=updated_node.rpar or [cst.RightParen()],
            )
            self.made.add(generator)
            return generator
        if len(updated_node.args) == 1:
            value = updated_node.args[0].value
            if isinstance(value, cst.GeneratorExp) and value in self.made:
                # ``list(f(item) for item in xs)``: the call's parentheses are enough.
                bare = value.with_changes(lpar=[], rpar=[])
                return updated_node.with_changes(
                    args=[updated_node.args[0].with_changes(value=bare)]
                )
        return updated_node


def outline_retry_loops(
    module: cst.Module, outlines: Collection[Outline]
) -> tuple[Rewritten, dict[cst.CSTNode, str]]:
    """``module`` with each retry loop of ``outlines`` written as a function of its own,
    defined just before the loop it was in and called where it was (see
    ``analysis/outline.py``); and each retry loop's new function's name."""
    taken = all_names(module)
    names: dict[cst.CSTNode, str] = {}
    for outline in outlines:
        base = f"get_{outline.result}" if outline.result is not None else "attempt"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names[outline.statement] = name
    # Annotated, so the output adds no error under ``mypy --strict`` (the types are the
    # caller's to know): ``Any`` from ``typing``, imported unless it already is.
    imports_any = _imports_typing_any(module)
    annotation = "Any" if imports_any or "Any" not in taken else None
    transformer = _Outliner(module, {o.loop: o for o in outlines}, names, annotation)
    outlined = module.visit(transformer)
    origins = transformer.origins
    if annotation is not None and not imports_any:
        body = list(outlined.body)
        position = import_position(body)
        line = cst.parse_statement("from typing import Any")
        rebuilt = outlined.with_changes(body=[*body[:position], line, *body[position:]])
        origins[rebuilt] = module
        outlined = rebuilt
    return Rewritten(outlined, origins), names


def _imports_typing_any(module: cst.Module) -> bool:
    """``from typing import Any`` (unaliased) at the module's top level."""
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if (
                    isinstance(small, cst.ImportFrom)
                    and isinstance(small.module, cst.Name)
                    and small.module.value == "typing"
                    and not isinstance(small.names, cst.ImportStar)
                    and any(
                        a.asname is None and isinstance(a.name, cst.Name) and a.name.value == "Any"
                        for a in small.names
                    )
                ):
                    return True
    return False


class _Inserting(_Targeted):
    """A targeted transformer that puts statements it made before statements of the
    input (``before``: an input statement -> what goes in front of it), in any block
    or at module level."""

    def __init__(self, module: cst.Module, targets: Collection[cst.CSTNode]) -> None:
        super().__init__(module, targets)
        self.before: dict[cst.CSTNode, list[cst.BaseStatement]] = {}

    def _with_inserted(
        self, original: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        out: list[cst.BaseStatement] = []
        for before, after in zip(original, updated, strict=True):
            out.extend(self.before.get(before, ()))
            out.append(after)
        return out

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        if not any(s in self.before for s in original_node.body):
            return updated_node
        return updated_node.with_changes(
            body=self._with_inserted(original_node.body, updated_node.body)
        )

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not any(s in self.before for s in original_node.body):
            return updated_node
        return updated_node.with_changes(
            body=self._with_inserted(original_node.body, updated_node.body)
        )


class _Outliner(_Inserting):
    def __init__(
        self,
        module: cst.Module,
        loops: Mapping[cst.For, Outline],
        names: Mapping[cst.CSTNode, str],
        annotation: str | None,
    ) -> None:
        super().__init__(module, loops)
        self.loops = loops
        self.names = names
        self.annotation = annotation

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        outline = self.loops.get(original_node)
        if outline is None:
            return updated_node
        assert isinstance(original_node.body, cst.IndentedBlock)
        assert isinstance(updated_node.body, cst.IndentedBlock)
        name = self.names[outline.statement]
        statements = list(updated_node.body.body)
        index = original_node.body.body.index(outline.statement)
        retry = statements[index]
        assert isinstance(retry, cst.For | cst.While)
        result: cst.Name | cst.Tuple | None = None
        if len(outline.returns) == 1:
            result = cst.Name(outline.returns[0])
        elif outline.returns:
            result = cst.Tuple(
                [cst.Element(cst.Name(r)) for r in outline.returns], lpar=[], rpar=[]
            )
        first = outline.prefix[0] if outline.prefix else outline.statement
        moved = original_node.body.body.index(first)
        body: list[cst.BaseStatement] = []
        for before, after in zip(
            original_node.body.body[moved : index + 1], statements[moved : index + 1], strict=True
        ):
            body.append(after.with_changes(leading_lines=[]))
            self.origins[body[-1]] = before
        if result is not None:
            body.append(cst.SimpleStatementLine([cst.Return(result)]))
        typed = cst.Annotation(cst.Name(self.annotation)) if self.annotation is not None else None
        function = cst.FunctionDef(
            name=cst.Name(name),
            params=cst.Parameters(
                [cst.Param(cst.Name(p), annotation=typed) for p in outline.params]
            ),
            body=cst.IndentedBlock(body),
            returns=(
                typed
                if result is not None
                else (cst.Annotation(cst.Name("None")) if typed is not None else None)
            ),
        )
        self.before.setdefault(original_node, []).append(function)
        call = cst.Call(cst.Name(name), [cst.Arg(cst.Name(p)) for p in outline.params])
        small: cst.BaseSmallStatement = (
            cst.Expr(call) if result is None else cst.Assign([cst.AssignTarget(result)], call)
        )
        leading = statements[moved]
        assert isinstance(leading, cst.SimpleStatementLine | cst.For | cst.While)
        line = cst.SimpleStatementLine([small], leading_lines=leading.leading_lines)
        statements[moved : index + 1] = [line]
        self.origins[function] = self.origins[line] = outline.statement
        return updated_node.with_changes(body=updated_node.body.with_changes(body=statements))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        # At module level, all of them before the first such loop: the script code from
        # there on becomes ``main``, and they read it like the script's other functions.
        loops = [s for s in original_node.body if s in self.before]
        if loops:
            self.before[loops[0]] = [f for loop in loops for f in self.before[loop]]
            for loop in loops[1:]:
                del self.before[loop]
        return super().leave_Module(original_node, updated_node)


def lift_loop_heads(
    module: cst.Module, heads: Mapping[cst.For, tuple[cst.Call, str]]
) -> tuple[Rewritten, dict[cst.For, str]]:
    """``module`` with the call that each loop of ``heads`` evaluates first in its
    iterable bound just before the loop (``for w in ask(q).split():`` ->
    ``reply = ask(q)`` / ``for w in reply.split():``), under a fresh name made from the
    one given; and each loop's name. Nothing runs between the two in either form, and
    the call is what the iterable evaluates first, so the same code runs in the same
    order; the call, a statement of its own, may then start early like any other."""
    taken = variable_names(module)
    names: dict[cst.For, str] = {}
    for loop, (_, base) in heads.items():
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}{n}"
        taken.add(name)
        names[loop] = name
    lifter = _HeadLifter(module, heads, names)
    return Rewritten(module.visit(lifter), lifter.origins), names


class _HeadLifter(_Inserting):
    def __init__(
        self,
        module: cst.Module,
        heads: Mapping[cst.For, tuple[cst.Call, str]],
        names: Mapping[cst.For, str],
    ) -> None:
        super().__init__(module, [*heads, *(call for call, _ in heads.values())])
        self.heads = heads
        self.calls = {call: loop for loop, (call, _) in heads.items()}
        self.names = names

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        loop = self.calls.get(original_node)
        if loop is None:
            return updated_node
        return cst.Name(self.names[loop], lpar=updated_node.lpar, rpar=updated_node.rpar)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        if original_node not in self.heads:
            return updated_node
        call = self.heads[original_node][0]
        binding = cst.SimpleStatementLine(
            [
                cst.Assign(
                    [cst.AssignTarget(cst.Name(self.names[original_node]))],
                    call.with_changes(lpar=[], rpar=[]),
                )
            ],
            leading_lines=updated_node.leading_lines,
        )
        self.origins[binding] = call
        self.before[original_node] = [binding]
        return updated_node.with_changes(leading_lines=[])
