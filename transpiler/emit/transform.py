"""Apply a :class:`~transpiler.plan.module.ModulePlan` to the module. Decides nothing.

Facts and plans are keyed by the *original* nodes (LibCST compares nodes by identity);
edits are made on the *updated* nodes, bottom-up.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import libcst as cst

from transpiler.emit.calls import async_form, parenthesize
from transpiler.emit.pipelining import (
    ahead_of,
    each_element,
    insert_dispatch,
    insert_line_dispatch,
    insert_line_starts,
)
from transpiler.plan.types import (
    BlockPlan,
    Dispatch,
    GatherKind,
    LineStage,
    LoopPlan,
    MainPlan,
    MemoCall,
    MemoGuard,
    ModulePlan,
    Pipelining,
    Resolve,
    Retire,
    Run,
    Spawn,
    Task,
)
from transpiler.syntax import all_names, attribute, is_docstring


def _assign(target: str | Sequence[str], value: cst.BaseExpression) -> cst.SimpleStatementLine:
    """``target = value``, or ``a, b = value`` for several names."""
    assigned: cst.BaseAssignTargetExpression = (
        cst.Name(target)
        if isinstance(target, str)
        else cst.Tuple(elements=[cst.Element(cst.Name(name)) for name in target], lpar=[], rpar=[])
    )
    return cst.SimpleStatementLine(
        body=[cst.Assign(targets=[cst.AssignTarget(target=assigned)], value=value)]
    )


def _value_of(statement: cst.BaseStatement) -> cst.BaseExpression:
    assert isinstance(statement, cst.SimpleStatementLine)
    small = statement.body[0]
    assert isinstance(small, (cst.Assign, cst.AnnAssign, cst.Expr))
    value = small.value
    assert value is not None
    return value


def _unawait(node: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, cst.Await):
        return node.expression
    return node


def spawn_expression(
    scope: str,
    value: cst.BaseExpression,
    *,
    params: Sequence[str] = (),
    dep_futures: Sequence[str] = (),
    defaults: Sequence[str] = (),
    lazy: bool = False,
    spread: Collection[str] = (),
    epic: str = "epic",
    unpack: int = 0,
) -> cst.Call:
    """``tasks.spawn(value)``, or ``tasks.spawn_after(lambda a, b, d=d: value, a_task,
    b_task)`` when the value needs pending inputs or must be computed in the task
    (``lazy``: its arguments may raise); ``d=d`` captures a name that is rebound
    before the deferred computation runs. A future in ``spread`` holds the tuple of
    several of the ``params`` (``epic.spread(pair_task)``); ``unpack`` is the number
    of names the task's value is unpacked into (``a, b = value``)."""
    if not dep_futures and not lazy and not unpack:
        return cst.Call(func=attribute(f"{scope}.spawn"), args=[cst.Arg(value)])
    no_space = cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
    )
    lam = cst.Lambda(
        params=cst.Parameters(
            params=[cst.Param(cst.Name(p)) for p in params]
            + [cst.Param(cst.Name(d), default=cst.Name(d), equal=no_space) for d in defaults]
        ),
        body=value,
    )
    deps = [
        cst.Arg(
            cst.Call(func=attribute(f"{epic}.spread"), args=[cst.Arg(cst.Name(f))])
            if f in spread
            else cst.Name(f)
        )
        for f in dep_futures
    ]
    if unpack:
        deps.append(cst.Arg(cst.Integer(str(unpack)), keyword=cst.Name("unpack"), equal=no_space))
    return cst.Call(func=attribute(f"{scope}.spawn_after"), args=[cst.Arg(lam), *deps])


class _BlockEmitter:
    def __init__(
        self,
        scope: str | None,
        replacements: dict[cst.CSTNode, list[cst.BaseStatement]] | None = None,
        early_forms: dict[cst.Call, cst.BaseExpression] | None = None,
        split_parts: dict[cst.CSTNode, tuple[list[cst.BaseStatement], cst.For]] | None = None,
        epic: str = "epic",
    ) -> None:
        self.scope = scope
        self.epic = epic
        self.replacements = replacements or {}
        # Each split loop's dispatch part, written where a Dispatch op says.
        self.split_parts = split_parts or {}
        self.dispatched: dict[cst.CSTNode, list[cst.BaseStatement]] = {}
        # The async form of each call started early, as emitted.
        self.early_forms = early_forms or {}

    def emit(
        self,
        plan: BlockPlan,
        originals: Sequence[cst.BaseStatement],
        updated: Sequence[cst.BaseStatement],
    ) -> list[cst.BaseStatement]:
        out: list[cst.BaseStatement] = []
        prelude_start: int | None = None  # where awaits inserted before a statement begin
        # Where each statement run in place starts and ends in ``out``.
        written: dict[int, tuple[int, int]] = {}
        for op in plan.ops:
            if isinstance(op, Run):
                begin = len(out)
                statement = updated[op.index]
                if prelude_start is not None and isinstance(
                    statement, (cst.SimpleStatementLine, cst.BaseCompoundStatement)
                ):
                    # Comments above the statement belong above the awaits it needs.
                    first = out[prelude_start]
                    if isinstance(first, cst.SimpleStatementLine):
                        out[prelude_start] = first.with_changes(
                            leading_lines=statement.leading_lines
                        )
                        statement = statement.with_changes(leading_lines=[])
                out.extend(self._replaced(originals[op.index], statement))
                written[op.index] = (begin, len(out))
                prelude_start = None
            elif isinstance(op, Spawn):
                out.append(self._spawn(op.task, plan, updated[op.task.index]))
                prelude_start = None
            elif isinstance(op, Dispatch):
                head, _ = self.split_parts[originals[op.index]]
                self.dispatched[originals[op.index]] = head
                out.extend([head[0].with_changes(leading_lines=[]), *head[1:]])
                prelude_start = None
            elif isinstance(op, Resolve):
                target = op.task.target if op.task.target is not None else op.task.unpack
                assert target, "a value is resolved into the names it binds"
                if prelude_start is None:
                    prelude_start = len(out)
                out.append(_assign(target, cst.Await(cst.Name(op.task.future))))
            elif isinstance(op, Retire):
                if prelude_start is None:
                    prelude_start = len(out)
                out.append(
                    cst.SimpleStatementLine(body=[cst.Expr(cst.Await(cst.Name(op.task.future)))])
                )
        for region in reversed(plan.in_order):
            begin, end = written[region.first][0], written[region.last][1]
            out[begin:end] = [_in_order_block(out[begin:end], region.name, self.epic)]
        return out

    def _replaced(
        self, original: cst.BaseStatement, statement: cst.BaseStatement
    ) -> list[cst.BaseStatement]:
        replacement = self.replacements.get(original)
        if replacement is None:
            return [statement]
        head = self.dispatched.get(original)
        if head is not None:  # written earlier: the rest stays here
            replacement = [s for s in replacement if not any(s is h for h in head)]
        first = replacement[0]
        if isinstance(first, (cst.SimpleStatementLine, cst.BaseCompoundStatement)) and isinstance(
            statement, (cst.SimpleStatementLine, cst.BaseCompoundStatement)
        ):
            first = first.with_changes(leading_lines=statement.leading_lines)
        return [first, *replacement[1:]]

    def _spawn(
        self, task: Task, plan: BlockPlan, statement: cst.BaseStatement
    ) -> cst.BaseStatement:
        assert self.scope is not None, "a block that spawns is planned with a task scope"
        if task.in_place:
            assert isinstance(task.call, cst.Call)
            params = self._dep_names(task, plan)
            return _assign(
                task.future,
                spawn_expression(
                    self.scope,
                    self.early_forms[task.call],
                    params=params,
                    dep_futures=self._dep_futures(task, plan),
                    defaults=sorted(plan.rebound_later.get(task.index, frozenset()) - set(params)),
                    lazy=task.lazy,
                    spread=self._spread(task, plan),
                    epic=self.epic,
                ),
            )
        value = _unawait(_value_of(statement)).with_changes(lpar=[], rpar=[])
        if isinstance(task.call, cst.ListComp):
            # ``tasks.gather(...)`` starts its calls and returns a task itself.
            call: cst.BaseExpression = value
        else:
            params = self._dep_names(task, plan)
            call = spawn_expression(
                self.scope,
                value,
                params=params,
                dep_futures=self._dep_futures(task, plan),
                defaults=sorted(plan.rebound_later.get(task.index, frozenset()) - set(params)),
                lazy=task.lazy,
                spread=self._spread(task, plan),
                epic=self.epic,
                unpack=len(task.unpack),
            )
        line = _assign(task.future, call)
        assert isinstance(statement, cst.SimpleStatementLine)
        return line.with_changes(leading_lines=statement.leading_lines)

    def _dep_tasks(self, task: Task, plan: BlockPlan) -> list[Task]:
        by_index = {op.task.index: op.task for op in plan.ops if isinstance(op, Spawn)}
        return [by_index[d] for d in task.deps]

    def _dep_names(self, task: Task, plan: BlockPlan) -> list[str]:
        names: list[str] = []
        for dep in self._dep_tasks(task, plan):
            names.extend(dep.unpack or [dep.target or dep.future])
        return names

    def _spread(self, task: Task, plan: BlockPlan) -> set[str]:
        return {t.future for t in self._dep_tasks(task, plan) if t.unpack}

    def _dep_futures(self, task: Task, plan: BlockPlan) -> list[str]:
        return [t.future for t in self._dep_tasks(task, plan)]


class Emitter(cst.CSTTransformer):
    """Rewrites the module according to the plan."""

    def __init__(self, plan: ModulePlan) -> None:
        super().__init__()
        self.plan = plan
        self.rewrites = plan.rewrites
        self.scope_stack: list[str | None] = []
        # Statements that stand for one original statement (a split loop).
        self.replacements: dict[cst.CSTNode, list[cst.BaseStatement]] = {}
        # Each loop as written (``async for`` for a stream's), for a consumer that
        # pipelines into it.
        self.written_loops: dict[cst.For, cst.For] = {}
        # Each split loop's two parts: (its list setup and dispatch loop, retire loop).
        self.split_parts: dict[cst.CSTNode, tuple[list[cst.BaseStatement], cst.For]] = {}
        # The cache check of each memo function (original -> emitted).
        self.memo_checks: dict[cst.If, cst.If | None] = {
            guard.check: None for guard in self.rewrites.memo_guards.values()
        }
        # What the place of each call started earlier awaits instead: its future.
        self.call_futures: dict[cst.BaseExpression, cst.BaseExpression] = {}
        for call, rewrite in self.rewrites.calls.items():
            started = rewrite.started
            if started is None:
                continue
            future: cst.BaseExpression = cst.Name(started.future)
            if started.key is not None:
                future = cst.Subscript(
                    value=future, slice=[cst.SubscriptElement(cst.Index(started.key))]
                )
            self.call_futures[call] = future
        # The async form of each call started early, as emitted.
        self.extracted_forms: dict[cst.Call, cst.BaseExpression] = {}
        # Comprehensions over lines computed ahead in a producer, and their forms.
        self.stages: dict[cst.ListComp, LineStage] = {
            p.lines.stage.comprehension: p.lines.stage
            for p in plan.pipelines.values()
            if p.lines is not None and p.lines.stage is not None
        }
        self.stage_forms: dict[LineStage, cst.ListComp] = {}

    # -- expressions -------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if isinstance(updated_node.func, cst.Await):
            updated_node = updated_node.with_changes(func=parenthesize(updated_node.func))
        consumer = self.rewrites.short_circuits.get(original_node)
        if consumer is not None:
            # The generator now awaits: an async generator, consumed element by element.
            return cst.Await(
                updated_node.with_changes(func=attribute(f"{self.plan.epic}.{consumer}"))
            )
        in_order = self.rewrites.in_order_prints.get(original_node)
        if in_order is not None:
            # Printed in an in-order block: after the text of the calls started before.
            return updated_node.with_changes(func=attribute(f"{in_order}.print"))
        if original_node in self.rewrites.sink_appends:
            # ``results.append(item)`` in program order (held back while in a task).
            assert isinstance(updated_node.func, cst.Attribute)
            return updated_node.with_changes(
                func=attribute(f"{self.plan.epic}.append_in_order"),
                args=[cst.Arg(updated_node.func.value), *updated_node.args],
            )
        if original_node in self.rewrites.redirects:
            return updated_node.with_changes(func=attribute(f"{self.plan.epic}.redirect_stdout"))
        rewrite = self.rewrites.calls.get(original_node)
        if rewrite is None:
            return updated_node
        form = async_form(updated_node, rewrite, self.plan.epic)
        future = self.call_futures.get(original_node)
        if future is not None:
            self.extracted_forms[original_node] = form
            return cst.Await(future)
        if rewrite.in_order is not None:
            # Started here, retired in order by its block (``epic.in_order()``).
            return cst.Call(func=attribute(f"{rewrite.in_order}.spawn"), args=[cst.Arg(form)])
        return cst.Await(form)

    def _gather(
        self, updated_node: cst.ListComp | cst.GeneratorExp | cst.SetComp, *, pairs: bool = False
    ) -> cst.BaseExpression:
        scope = self._current_scope()
        assert scope is not None, "a body with a gathered comprehension has a task scope"
        element = updated_node.elt
        if pairs:
            # ``(key, ask(key))``: ``epic.keyed`` evaluates the key, then the call.
            assert isinstance(element, cst.Tuple)
            key, value = (e.value for e in element.elements)
            element = cst.Call(
                func=attribute(f"{self.plan.epic}.keyed"),
                args=[cst.Arg(key), cst.Arg(_unawait(value))],
            )
        elements = cst.GeneratorExp(
            elt=_unawait(element), for_in=updated_node.for_in, lpar=[], rpar=[]
        )
        return cst.Await(
            cst.Call(func=attribute(f"{scope}.gather"), args=[cst.Arg(elements)]),
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        stage = self.stages.get(original_node)
        if stage is not None:
            # Computed line by line in the producer: here its value (or its error).
            self.stage_forms[stage] = updated_node
            return cst.Call(
                func=attribute(f"{stage.name}.result"),
                lpar=updated_node.lpar,
                rpar=updated_node.rpar,
            )
        pipelining = self.plan.pipelines.get(original_node)
        if pipelining is not None:
            return self._gather_lines(pipelining, updated_node)
        if original_node in self.rewrites.gathers:
            pairs = self.rewrites.gathers[original_node] is GatherKind.PAIRS
            return self._gather(updated_node, pairs=pairs)
        return updated_node

    def _gather_lines(self, pipelining: Pipelining, updated_node: cst.ListComp) -> cst.Await:
        """A comprehension over lines whose elements start in the producer, as each
        line completes: here it only gathers them, in order."""
        scope = self._current_scope()
        assert scope is not None, "a body with a gathered comprehension has a task scope"
        lines = pipelining.lines
        assert lines is not None and lines.pending is not None
        producer = self.replacements.get(
            pipelining.producer, [self.written_loops[pipelining.producer]]
        )
        self.replacements[pipelining.producer] = insert_line_starts(
            producer,
            pipelining.items,
            lines,
            self.plan.epic,
            scope,
            _unawait(updated_node.elt),
            updated_node.for_in.target,
        )
        return cst.Await(
            cst.Call(func=attribute(f"{scope}.gather"), args=[cst.Arg(cst.Name(lines.pending))]),
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )

    def leave_GeneratorExp(
        self, original_node: cst.GeneratorExp, updated_node: cst.GeneratorExp
    ) -> cst.BaseExpression:
        if original_node in self.rewrites.gathers:
            return self._gather(updated_node).with_changes(lpar=[], rpar=[])
        return updated_node

    def leave_SetComp(
        self, original_node: cst.SetComp, updated_node: cst.SetComp
    ) -> cst.BaseExpression:
        if self.rewrites.gathers.get(original_node) is not GatherKind.SET:
            return updated_node
        # ``set(await tasks.gather(...))``: the same elements, inserted in the same order.
        gathered = self._gather(updated_node).with_changes(lpar=[], rpar=[])
        return cst.Call(func=cst.Name("set"), args=[cst.Arg(gathered)])

    def leave_DictComp(
        self, original_node: cst.DictComp, updated_node: cst.DictComp
    ) -> cst.BaseExpression:
        if self.rewrites.gathers.get(original_node) is not GatherKind.DICT:
            return updated_node
        # ``dict(await tasks.gather(epic.keyed(key, value) ...))``: each key is evaluated
        # before its value's call starts, and the pairs are inserted in order (a repeated
        # key keeps its first place and its last value, as in the comprehension).
        pair = cst.Call(
            func=attribute(f"{self.plan.epic}.keyed"),
            args=[cst.Arg(updated_node.key), cst.Arg(_unawait(updated_node.value))],
        )
        elements = cst.GeneratorExp(elt=pair, for_in=updated_node.for_in)
        gathered = self._gather(elements).with_changes(lpar=[], rpar=[])
        return cst.Call(func=cst.Name("dict"), args=[cst.Arg(gathered)])

    def leave_AugAssign(
        self, original_node: cst.AugAssign, updated_node: cst.AugAssign
    ) -> cst.BaseSmallStatement:
        name = self.rewrites.counter_additions.get(original_node)
        if name is None:
            return updated_node
        # ``total += amount`` in program order (held back while the call is a task).
        return cst.Expr(
            cst.Call(
                func=attribute(f"{self.plan.epic}.add_in_order"),
                args=[
                    cst.Arg(cst.Call(func=cst.Name("globals"))),
                    cst.Arg(cst.SimpleString(repr(name))),
                    cst.Arg(updated_node.value),
                ],
            )
        )

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return updated_node.with_changes(value=parenthesize(updated_node.value))

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        return updated_node.with_changes(value=parenthesize(updated_node.value))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope_stack.append(self.plan.scoped_functions.get(node))

    def leave_Decorator(
        self, original_node: cst.Decorator, updated_node: cst.Decorator
    ) -> cst.Decorator:
        if original_node in self.rewrites.caches:
            # ``@functools.cache`` of an async function: the same cache, awaiting.
            return updated_node.with_changes(decorator=attribute(f"{self.plan.epic}.cache"))
        return updated_node

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        scope = self.scope_stack.pop()
        if original_node not in self.plan.async_functions:
            return updated_node
        updated_node = updated_node.with_changes(asynchronous=cst.Asynchronous())
        shape = self.rewrites.memo_guards.get(original_node)
        if shape is not None and isinstance(updated_node.body, cst.IndentedBlock):
            updated_node = updated_node.with_changes(
                body=updated_node.body.with_changes(
                    body=self._single_flight(list(updated_node.body.body), shape)
                )
            )
        if scope is not None and isinstance(updated_node.body, cst.IndentedBlock):
            updated_node = updated_node.with_changes(
                body=updated_node.body.with_changes(
                    body=_with_scope(list(updated_node.body.body), scope, self.plan.epic)
                )
            )
        return updated_node

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.If:
        if original_node in self.memo_checks:
            self.memo_checks[original_node] = updated_node
        return updated_node

    def _single_flight(
        self, statements: list[cst.BaseStatement], shape: MemoGuard
    ) -> list[cst.BaseStatement]:
        """From the cache check on, one call per key at a time: a call whose key is
        being computed waits, then finds it in the cache (``epic.single_flight``)."""
        check = self.memo_checks.get(shape.check)
        position = next((i for i, s in enumerate(statements) if s is check), None)
        assert position is not None, "the memo check is a statement of the function body"
        guarded = cst.With(
            items=[
                cst.WithItem(
                    item=cst.Call(
                        func=attribute(f"{self.plan.epic}.single_flight"),
                        args=[cst.Arg(cst.Name(shape.cache)), cst.Arg(cst.Name(shape.key))],
                    )
                )
            ],
            body=cst.IndentedBlock(body=statements[position:]),
            asynchronous=cst.Asynchronous(),
        )
        return [*statements[:position], guarded]

    # A ``try`` (or ``with``) body the plan gives a task scope of its own.
    def visit_Try(self, node: cst.Try) -> None:
        self._enter_inner_scope(node.body)

    def visit_With(self, node: cst.With) -> None:
        self._enter_inner_scope(node.body)

    def _enter_inner_scope(self, body: cst.BaseSuite) -> None:
        scope = (
            self.rewrites.inner_scopes.get(body) if isinstance(body, cst.IndentedBlock) else None
        )
        if scope is not None:
            self.scope_stack.append(scope)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        plan = self.plan.blocks.get(original_node)
        statements = list(updated_node.body)
        if plan is not None:
            scope = self._current_scope()
            emitter = _BlockEmitter(
                scope, self.replacements, self.extracted_forms, self.split_parts, self.plan.epic
            )
            statements = emitter.emit(plan, original_node.body, updated_node.body)
        guard = self.rewrites.inner_scopes.get(original_node)
        if guard is not None:
            self.scope_stack.pop()
            statements = _with_scope(statements, guard, self.plan.epic)
        return updated_node.with_changes(body=statements)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.BaseStatement:
        if original_node in self.rewrites.async_loops:
            # Chunks of a streamed response arrive asynchronously.
            updated_node = updated_node.with_changes(asynchronous=cst.Asynchronous())
        self.written_loops[original_node] = updated_node
        loop = self.plan.loops.get(original_node)
        if loop is None:
            return updated_node
        assert isinstance(original_node.body, cst.IndentedBlock)
        assert isinstance(updated_node.body, cst.IndentedBlock)
        scope = self._current_scope()
        assert scope is not None, "a function with a split loop is planned with a task scope"
        emitter = _BlockEmitter(
            scope, self.replacements, self.extracted_forms, self.split_parts, self.plan.epic
        )
        originals, updated = original_node.body.body, updated_node.body.body
        items: cst.BaseExpression = updated_node.iter
        retired: cst.BaseExpression = cst.Name(loop.pending)
        if loop.progress:
            # ``tqdm(items, ...)``: the bar wraps the second loop.
            assert isinstance(items, cst.Call)
            bar = items
            items = bar.args[0].value
            retired = bar.with_changes(args=[cst.Arg(retired), *bar.args[1:]])
        in_dispatch = list(updated)
        for index in loop.skips:
            # ``if test: pending.append(<what the item has here>); continue``
            skip = updated[index]
            assert isinstance(skip, cst.If)
            in_dispatch[index] = skip.with_changes(
                body=cst.IndentedBlock(
                    body=[
                        _append(loop.pending, self._skipped_entry(loop)),
                        cst.SimpleStatementLine([cst.Continue()]),
                    ]
                )
            )
        dispatch = updated_node.with_changes(
            iter=items,
            body=updated_node.body.with_changes(
                body=[
                    *emitter.emit(loop.dispatch, originals, in_dispatch),
                    *self._nested_dispatch(loop, originals),
                    *self._early_starts(loop, scope),
                    _append(loop.pending, _carried(loop, in_parentheses=True)),
                ]
            ),
            leading_lines=[],
        )
        retire = updated_node.with_changes(
            target=_carried(loop, in_parentheses=False),
            iter=retired,
            body=updated_node.body.with_changes(
                body=_without_leading_blank_lines(emitter.emit(loop.retire, originals, updated)),
                header=cst.TrailingWhitespace(),  # a comment on the ``for`` line stays above
            ),
            leading_lines=[],
        )
        starts = [_assign(memo.started, cst.Dict([])) for memo in loop.memo]
        if loop.collects:
            # The first loop's error waits for its item's place in the second.
            starts.append(
                _assign(loop.pending, cst.Call(func=attribute(f"{self.plan.epic}.pending")))
            )
            first: cst.BaseStatement = cst.With(
                items=[
                    cst.WithItem(
                        cst.Call(func=attribute(f"{loop.pending}.collecting")),
                    )
                ],
                body=cst.IndentedBlock(body=[dispatch]),
            )
        else:
            starts.append(_assign(loop.pending, cst.List([])))
            first = dispatch
        starts[0] = starts[0].with_changes(leading_lines=updated_node.leading_lines)
        # The enclosing block's emitter puts these in the loop's place (a
        # FlattenSentinel here would shift the positions its plan refers to).
        self.replacements[original_node] = [*starts, first, retire]
        self.split_parts[original_node] = ([*starts, first], retire)
        pipelining = self.plan.pipelines.get(original_node)
        if pipelining is not None:
            # Each element's dispatch runs as the earlier loop appends the element.
            assert isinstance(updated_node.target, cst.Name)
            assert isinstance(dispatch.body, cst.IndentedBlock)
            producer = self.replacements.get(
                pipelining.producer, [self.written_loops[pipelining.producer]]
            )
            if pipelining.lines is None:
                self.replacements[pipelining.producer] = insert_dispatch(
                    producer, pipelining.items, updated_node.target, starts, dispatch.body.body
                )
            elif pipelining.lines.stage is None:
                self.replacements[pipelining.producer] = insert_line_dispatch(
                    producer,
                    pipelining.items,
                    pipelining.lines,
                    self.plan.epic,
                    updated_node.target,
                    starts,
                    dispatch.body.body,
                )
            else:
                stage = pipelining.lines.stage
                self.replacements[pipelining.producer] = insert_line_dispatch(
                    producer,
                    pipelining.items,
                    pipelining.lines,
                    self.plan.epic,
                    cst.Name(stage.line),
                    [*starts, ahead_of(stage, self.stage_forms[stage], self.plan.epic)],
                    [each_element(stage, updated_node.target, dispatch.body.body)],
                )
            self.replacements[original_node] = [retire]
        return updated_node

    def _skipped_entry(self, loop: LoopPlan) -> cst.BaseExpression:
        """What a skipped item hands on: its values so far, ``epic.NOT_STARTED`` for
        the calls it does not make."""
        parts: list[cst.BaseExpression] = [
            cst.Name(name) if name is not None else attribute(f"{self.plan.epic}.NOT_STARTED")
            for name in loop.skip_carried
        ]
        if len(parts) == 1:
            return parts[0]
        return cst.Tuple([cst.Element(p) for p in parts])

    def _nested_dispatch(
        self, loop: LoopPlan, originals: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        """The dispatch loops of inner loops split along with this one (they run in
        its first loop); their retire loops go where the inner loop stood."""
        dispatch: list[cst.BaseStatement] = []
        for index, _ in loop.nested:
            inner_dispatch, inner_retire = self.split_parts[originals[index]]
            dispatch.extend(inner_dispatch)
            self.replacements[originals[index]] = [inner_retire]
        return dispatch

    def _early_starts(self, loop: LoopPlan, scope: str) -> list[cst.BaseStatement]:
        """The first loop's starts of calls inside larger statements (under their
        conditions), then of memo calls (once per key)."""
        early: list[cst.BaseStatement] = [
            _assign(
                e.future,
                self._when(
                    e.condition,
                    e.condition_may_raise,
                    spawn_expression(
                        scope,
                        self.extracted_forms[e.call],
                        params=e.params,
                        dep_futures=e.dep_futures,
                        defaults=e.defaults,
                        lazy=e.lazy,
                        spread=e.spread,
                        epic=self.plan.epic,
                    ),
                ),
            )
            for e in loop.extracted
        ]
        early.extend(self._memo_start(memo, scope) for memo in loop.memo)
        return early

    def _memo_start(self, memo: MemoCall, scope: str) -> cst.If:
        """Start a key's call once: not cached, not started by an earlier pass. A key
        whose hash fails starts nothing: the loop's own check raises that error in
        order."""
        started = cst.Subscript(
            value=cst.Name(memo.started), slice=[cst.SubscriptElement(cst.Index(memo.key))]
        )
        test = cst.BooleanOperation(
            left=cst.BooleanOperation(
                left=cst.Call(
                    func=attribute(f"{self.plan.epic}.hashable"), args=[cst.Arg(memo.key)]
                ),
                operator=cst.And(),
                right=_not_in(memo.key, memo.cache),
            ),
            operator=cst.And(),
            right=_not_in(memo.key, memo.started),
        )
        spawn = cst.Assign(
            targets=[cst.AssignTarget(started)],
            value=spawn_expression(scope, self.extracted_forms[memo.call]),
        )
        return cst.If(
            test=test, body=cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[spawn])])
        )

    def _when(
        self, condition: cst.BaseExpression | None, may_raise: bool, spawn: cst.BaseExpression
    ) -> cst.BaseExpression:
        """``spawn if condition else epic.NOT_STARTED``. A condition that may raise is evaluated
        with ``epic.holds``: false when it raises, so the loop's own ``if`` raises the
        error in program order."""
        if condition is None:
            return spawn
        if may_raise:
            condition = cst.Call(
                func=attribute(f"{self.plan.epic}.holds"),
                args=[cst.Arg(cst.Lambda(params=cst.Parameters(), body=condition))],
            )
        return cst.IfExp(
            test=condition, body=spawn, orelse=attribute(f"{self.plan.epic}.NOT_STARTED")
        )

    def _current_scope(self) -> str | None:
        if self.scope_stack:
            return self.scope_stack[-1]
        return self.plan.main.scope if self.plan.main is not None else None

    # -- module --------------------------------------------------------------------------
    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        main = self.plan.main
        if main is None:
            return updated_node
        if main.guard is not None:
            return self._main_from_guard(main, main.guard, updated_node)
        if main.direct:
            # A bare ``main()`` at the end of the module: ``epic.run(main())``.
            only = updated_node.body[main.moved[0]]
            run = _run(_unawait(_value_of(only)), self.plan.epic).with_changes(
                leading_lines=only.leading_lines
            )
            moved = set(main.moved)
            return updated_node.with_changes(
                body=[run if i in moved else s for i, s in enumerate(updated_node.body)]
            )
        return self._main_from_script(main, original_node, updated_node)

    def _main_from_guard(self, main: MainPlan, original: cst.If, updated: cst.Module) -> cst.Module:
        """The ``if __name__ == "__main__":`` body becomes ``async def main``, run by
        ``epic.run(main())`` under the guard (or the guard's one call, run directly)."""
        epic = self.plan.epic
        guard = updated.body[-1]
        assert isinstance(guard, cst.If) and isinstance(guard.body, cst.IndentedBlock)
        assert isinstance(original.body, cst.IndentedBlock)
        if main.direct:
            run = _run(_unawait(_value_of(guard.body.body[0])), epic)
            new_guard = guard.with_changes(body=guard.body.with_changes(body=[run]))
            return updated.with_changes(body=[*updated.body[:-1], new_guard])
        statements = _BlockEmitter(
            main.scope, self.replacements, self.extracted_forms, self.split_parts, self.plan.epic
        ).emit(main.block, original.body.body, guard.body.body)
        function = _main_function(main, statements, epic)
        new_guard = guard.with_changes(body=guard.body.with_changes(body=[_run_main(main, epic)]))
        return updated.with_changes(
            body=[
                *updated.body[:-1],
                function.with_changes(leading_lines=guard.leading_lines),
                new_guard.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]),
            ]
        )

    def _main_from_script(
        self, main: MainPlan, original: cst.Module, updated: cst.Module
    ) -> cst.Module:
        """The module's script statements move into ``async def main`` (written where
        the script part starts), run by ``epic.run(main())`` at the end."""
        originals = [original.body[i] for i in main.moved]
        moved_statements = [updated.body[i] for i in main.moved]
        statements = _BlockEmitter(
            main.scope, self.replacements, self.extracted_forms, self.split_parts, self.plan.epic
        ).emit(main.block, originals, moved_statements)
        function = _main_function(main, statements, self.plan.epic)
        moved = set(main.moved)
        body: list[cst.BaseStatement] = []
        for i, statement in enumerate(updated.body):
            if i == main.position:
                body.append(function)
            if i not in moved:
                body.append(statement)
        body.append(_run_main(main, self.plan.epic))
        return updated.with_changes(body=body)


def _carried(loop: LoopPlan, *, in_parentheses: bool) -> cst.BaseExpression:
    """What one iteration hands to the second loop: a name, or a tuple of them."""
    carried: list[cst.BaseExpression] = [cst.Name(n) for n in loop.carried]
    if len(carried) == 1:
        return carried[0]
    parentheses = ([cst.LeftParen()], [cst.RightParen()]) if in_parentheses else ([], [])
    return cst.Tuple([cst.Element(c) for c in carried], lpar=parentheses[0], rpar=parentheses[1])


def _append(items: str, element: cst.BaseExpression) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine(
        body=[cst.Expr(cst.Call(func=attribute(f"{items}.append"), args=[cst.Arg(element)]))]
    )


def _not_in(key: cst.BaseExpression, container: str) -> cst.Comparison:
    return cst.Comparison(
        left=key,
        comparisons=[cst.ComparisonTarget(operator=cst.NotIn(), comparator=cst.Name(container))],
    )


def _run(entry: cst.BaseExpression, epic: str) -> cst.SimpleStatementLine:
    """``epic.run(entry)``."""
    call = cst.Call(func=attribute(f"{epic}.run"), args=[cst.Arg(entry)])
    return cst.SimpleStatementLine(body=[cst.Expr(call)])


def _run_main(main: MainPlan, epic: str) -> cst.SimpleStatementLine:
    return _run(cst.Call(func=cst.Name(main.name)), epic)


def _without_leading_blank_lines(
    statements: list[cst.BaseStatement],
) -> list[cst.BaseStatement]:
    """No blank line right after a new block header; comments stay."""
    if statements and isinstance(
        statements[0], (cst.SimpleStatementLine, cst.BaseCompoundStatement)
    ):
        lines = list(statements[0].leading_lines)
        while lines and lines[0].comment is None:
            lines.pop(0)
        statements = [statements[0].with_changes(leading_lines=lines), *statements[1:]]
    return statements


def _main_function(
    main: MainPlan, statements: list[cst.BaseStatement], epic: str
) -> cst.FunctionDef:
    statements = _without_leading_blank_lines(statements)
    body: list[cst.BaseStatement] = []
    if main.global_names:
        body.append(
            cst.SimpleStatementLine(
                body=[cst.Global(names=[cst.NameItem(cst.Name(n)) for n in main.global_names])]
            )
        )
    if main.scope is not None:
        body.extend(_with_scope(statements, main.scope, epic))
    else:
        body.extend(statements)
    return cst.FunctionDef(
        name=cst.Name(main.name),
        params=cst.Parameters(),
        body=cst.IndentedBlock(body=body),
        returns=cst.Annotation(cst.Name("None")),
        asynchronous=cst.Asynchronous(),
        leading_lines=[cst.EmptyLine(), cst.EmptyLine()],
    )


def _in_order_block(statements: list[cst.BaseStatement], name: str, epic: str) -> cst.With:
    """``async with epic.in_order() as <name>:`` around ``statements`` (the comments
    and blank lines above the first one go above the ``with``)."""
    first = statements[0]
    leading: Sequence[cst.EmptyLine] = ()
    if isinstance(first, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        leading = first.leading_lines
        statements = [first.with_changes(leading_lines=[]), *statements[1:]]
    return cst.With(
        items=[
            cst.WithItem(
                item=cst.Call(func=attribute(f"{epic}.in_order")),
                asname=cst.AsName(name=cst.Name(name)),
            )
        ],
        body=cst.IndentedBlock(body=statements),
        asynchronous=cst.Asynchronous(),
        leading_lines=leading,
    )


def _with_scope(
    statements: list[cst.BaseStatement], scope: str, epic: str
) -> list[cst.BaseStatement]:
    """Wrap a body in ``async with epic.scope() as tasks:`` (docstring and globals stay
    first), unless nothing in it uses the scope (its tasks all start in inner scopes)."""
    if not any(scope in all_names(statement) for statement in statements):
        return statements
    head: list[cst.BaseStatement] = []
    rest = list(statements)
    if rest and is_docstring(rest[0]):
        head.append(rest.pop(0))
    while (
        rest
        and isinstance(rest[0], cst.SimpleStatementLine)
        and all(isinstance(s, (cst.Global, cst.Nonlocal)) for s in rest[0].body)
    ):
        head.append(rest.pop(0))
    rest = _without_leading_blank_lines(rest)
    with_node = cst.With(
        items=[
            cst.WithItem(
                item=cst.Call(func=attribute(f"{epic}.scope")),
                asname=cst.AsName(name=cst.Name(scope)),
            )
        ],
        body=cst.IndentedBlock(body=rest or [cst.SimpleStatementLine(body=[cst.Pass()])]),
        asynchronous=cst.Asynchronous(),
    )
    return [*head, with_node]
