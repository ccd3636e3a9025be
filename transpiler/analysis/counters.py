"""Global counters: module-level totals that functions only add to.

    completion_tokens = 0

    def ask(prompt):
        global completion_tokens
        response = client.chat.completions.create(...)
        completion_tokens += response.usage.completion_tokens
        return response.choices[0].message.content

Sequentially, every call adds its amount when it returns, and code that reads the
total sees the sum of the calls before it. Calls of such a function may still start
early when the additions are made in program order, like printed text: a task holds
its additions back and they are made where the generated code awaits the task
(``epic.add_in_order``, the same mechanism that replays a task's output). A task that
is cancelled (an earlier statement raised) never adds, as the original never called
it. Code that reads the total is ordered after the calls before it ("commuting"
names, as for memo caches).

This module finds the shape (syntax only): a name bound once at module level, to a
number, and changed elsewhere only by ``name += amount`` statements in functions that
declare it ``global`` (``amount`` not mentioning it); no function reads it otherwise
(a task that reads it could run before earlier additions are made). Code outside
functions may read it.

*Sinks* are the same idea for lists: a name bound once at module level to a list
display, which functions only append to (``results.append(outcome)`` as a statement,
the item not mentioning the list) and read nowhere else. Each append is made in program
order (``epic.append_in_order(results, outcome)``). Outside functions the list may be
read and changed in place, but only where it cannot reach code that runs in a task:
as the receiver of one of its methods, a loop's iterable, a subscript's value, the
argument of a builtin that only reads it (``len``, ``sorted``, ``print``, ``sep.join``,
``json.dumps``, ...), an operand of a comparison, a value in an f-string, or a
condition; any other use (``alias = results``, ``summarise(results)``) keeps it a
plain list whose appends are opaque changes of a global.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from transpiler.analysis.names import names_of, param_names


@dataclass(frozen=True, slots=True)
class Counters:
    """The counter names and the ``name += amount`` statements that add to them; the
    sink names and the ``name.append(item)`` calls (in functions) that append to them."""

    names: frozenset[str]
    additions: dict[cst.AugAssign, str]
    sinks: frozenset[str] = frozenset()
    appends: dict[cst.Call, str] = field(default_factory=dict)


class _Uses(cst.CSTVisitor):
    """Per function (the innermost), the names it declares global, and every use of a
    name: as an addition target (``name += ...``) or any other way."""

    def __init__(self) -> None:
        self.stack: list[cst.FunctionDef | None] = [None]
        self.declared: dict[cst.FunctionDef, set[str]] = {}
        self.additions: list[tuple[cst.FunctionDef | None, cst.AugAssign, str]] = []
        self.other: list[tuple[cst.FunctionDef | None, str]] = []
        self._targets: set[cst.Name] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)
        self.declared[node] = set()

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Global(self, node: cst.Global) -> bool:
        function = self.stack[-1]
        if function is not None:
            self.declared[function].update(n.name.value for n in node.names)
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.AddAssign) and isinstance(node.target, cst.Name):
            name = node.target.value
            if name not in names_of(node.value).reads:
                self.additions.append((self.stack[-1], node, name))
                self._targets.add(node.target)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # ``x.total`` is not a use of ``total``
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor is ``f(total=1)``
        return False

    def visit_Name(self, node: cst.Name) -> None:
        if node not in self._targets:
            self.other.append((self.stack[-1], node.value))


def find_counters(module: cst.Module) -> Counters:
    """The global counters of ``module`` (see the module docstring)."""
    numbers: set[str] = set()
    bound_at_module: dict[str, int] = {}
    for statement in module.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue
        for name in names_of(statement).binds:
            bound_at_module[name] = bound_at_module.get(name, 0) + 1
        assign = _only_assignment(statement)
        if assign is not None and _is_number_assignment(statement):
            numbers.update(t.target.value for t in assign.targets if isinstance(t.target, cst.Name))
    uses = _Uses()
    module.visit(uses)
    candidates = {name for name in numbers if bound_at_module.get(name) == 1}
    additions: dict[cst.AugAssign, str] = {}
    for function, node, name in uses.additions:
        if function is None or name not in uses.declared.get(function, set()):
            candidates.discard(name)  # at module level, or a local of the function
        else:
            additions[node] = name
    for function, name in uses.other:
        if function is None or name not in candidates:
            continue
        if name in uses.declared[function] or name not in _locals(function):
            candidates.discard(name)  # the global, read (or bound) inside a function
    sinks, appends = _find_sinks(module, bound_at_module)
    return Counters(
        frozenset(candidates),
        {node: name for node, name in additions.items() if name in candidates},
        sinks,
        appends,
    )


def _locals(function: cst.FunctionDef) -> set[str]:
    return set(names_of(function.body).binds) | set(param_names(function.params))


def _only_assignment(statement: cst.BaseStatement) -> cst.Assign | None:
    """The statement's assignment, when that is all it is."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    return assign if isinstance(assign, cst.Assign) else None


def _is_number_assignment(statement: cst.BaseStatement) -> bool:
    """``total = 0`` or ``a = b = 0.0``."""
    assign = _only_assignment(statement)
    return (
        assign is not None
        and isinstance(assign.value, (cst.Integer, cst.Float))
        and all(isinstance(t.target, cst.Name) for t in assign.targets)
    )


#: Builtins (and ``json`` functions) that only read a list given to them, keeping no
#: reference to it.
_LIST_READERS = frozenset(
    {"len", "print", "str", "repr", "bool", "sorted", "list", "tuple", "set", "sum"}
    | {"min", "max", "any", "all"}
)
#: Builtins returning an iterator over the list: harmless as a loop's iterable.
_LIST_ITERATORS = frozenset({"enumerate", "zip", "reversed"})


class _SinkUses(cst.CSTVisitor):
    """Every use of a name, by scope: module level (``None``) or the innermost
    function or lambda, with the ``Name`` nodes that sit where a sink may be used."""

    def __init__(self) -> None:
        self.stack: list[cst.FunctionDef | cst.Lambda | None] = [None]
        self.uses: list[tuple[cst.FunctionDef | cst.Lambda | None, cst.Name]] = []
        self.allowed: set[int] = set()  # ids of Name nodes in an allowed place
        self.appends: list[tuple[cst.FunctionDef | cst.Lambda, cst.Call, str]] = []
        self._statement_appends: set[int] = set()

    @property
    def _module_level(self) -> bool:
        return self.stack[-1] is None

    def _allow(self, node: cst.BaseExpression | None) -> None:
        if isinstance(node, cst.Name):
            self.allowed.add(id(node))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.stack.append(node)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.stack.pop()

    def visit_Global(self, node: cst.Global) -> bool:
        return False  # a declaration; what the function does with the name counts

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # ``x.results`` is not a use of ``results``
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor is ``f(results=1)``
        return False

    def visit_Expr(self, node: cst.Expr) -> None:
        self._statement_appends.add(id(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if not self._module_level:
            function = self.stack[-1]
            assert function is not None
            if (
                id(node) in self._statement_appends
                and isinstance(func, cst.Attribute)
                and isinstance(func.value, cst.Name)
                and func.attr.value == "append"
                and len(node.args) == 1
                and len(positional) == 1
                and func.value.value not in names_of(positional[0]).reads
            ):
                self._allow(func.value)
                self.appends.append((function, node, func.value.value))
            return
        if isinstance(func, cst.Attribute):
            self._allow(func.value)  # a method of the list itself, in program order
            if func.attr.value == "join" or (
                isinstance(func.value, cst.Name)
                and func.value.value == "json"
                and func.attr.value in ("dumps", "dump")
            ):
                self._allow(positional[0] if positional else None)
        elif isinstance(func, cst.Name) and func.value in _LIST_READERS:
            for value in positional:
                self._allow(value)

    def _iterable(self, node: cst.BaseExpression) -> None:
        if not self._module_level:
            return
        self._allow(node)
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value in _LIST_ITERATORS
        ):
            for arg in node.args:
                if arg.keyword is None and not arg.star:
                    self._allow(arg.value)

    def visit_For(self, node: cst.For) -> None:
        self._iterable(node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._iterable(node.iter)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if self._module_level:
            self._allow(node.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if self._module_level:
            self._allow(node.left)
            for comparison in node.comparisons:
                self._allow(comparison.comparator)

    def visit_FormattedStringExpression(self, node: cst.FormattedStringExpression) -> None:
        if self._module_level:
            self._allow(node.expression)

    def visit_If(self, node: cst.If) -> None:
        if self._module_level:
            self._allow(node.test)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if self._module_level:
            self._allow(node.target)  # a binding: counted, it must be the only one

    def visit_Name(self, node: cst.Name) -> None:
        self.uses.append((self.stack[-1], node))


def _find_sinks(
    module: cst.Module, bound_at_module: dict[str, int]
) -> tuple[frozenset[str], dict[cst.Call, str]]:
    """The sinks of ``module`` and their appends (see the module docstring)."""
    lists: set[str] = set()
    for statement in module.body:
        assign = _only_assignment(statement)
        if assign is not None and _is_list_assignment(statement):
            target = assign.targets[0].target
            assert isinstance(target, cst.Name)
            lists.add(target.value)
    candidates = {name for name in lists if bound_at_module.get(name) == 1}
    if not candidates:
        return frozenset(), {}
    uses = _SinkUses()
    module.visit(uses)
    local_names: dict[cst.FunctionDef | cst.Lambda, set[str]] = {}
    for scope, name in uses.uses:
        if name.value not in candidates or id(name) in uses.allowed:
            continue
        if scope is not None:
            if scope not in local_names:
                local_names[scope] = _scope_locals(scope)
            if name.value in local_names[scope]:
                continue  # a local of the same name
        candidates.discard(name.value)
    appends: dict[cst.Call, str] = {}
    for function, call, sink in uses.appends:
        if sink not in candidates:
            continue
        if function not in local_names:
            local_names[function] = _scope_locals(function)
        if sink not in local_names[function]:
            appends[call] = sink
    return frozenset(candidates), appends


def _scope_locals(scope: cst.FunctionDef | cst.Lambda) -> set[str]:
    if isinstance(scope, cst.Lambda):
        return set(param_names(scope.params))
    declared = {
        n.name.value
        for statement in scope.body.body
        if isinstance(statement, cst.SimpleStatementLine)
        for small in statement.body
        if isinstance(small, cst.Global | cst.Nonlocal)
        for n in small.names
    }
    return _locals(scope) - declared


def _is_list_assignment(statement: cst.BaseStatement) -> bool:
    """``results = []`` or ``names = ["x"]`` (a list display of constants, one name:
    ``a = b = []`` makes two names for one list)."""
    assign = _only_assignment(statement)
    return (
        assign is not None
        and isinstance(assign.value, cst.List)
        and all(
            isinstance(e, cst.Element)
            and isinstance(e.value, cst.Integer | cst.Float | cst.SimpleString)
            for e in assign.value.elements
        )
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    )
