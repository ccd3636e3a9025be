"""Which names a piece of code reads and binds: the def-use facts of the calculus.

Only names of the enclosing scope count: names bound by a lambda, a comprehension or a
nested ``def``/``class`` inside the piece are local to it and not reported (their free
names are reported as reads, since the nested code may read them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import libcst as cst

from transpiler.syntax import all_names, assignment


@dataclass(frozen=True, slots=True)
class NameUse:
    """Names a statement or expression reads, binds and mutates in place."""

    reads: frozenset[str]
    binds: frozenset[str]
    # Names whose *object* may be changed in place (``x.append``, ``x[k] = v``,
    # ``x.attr = v``): a write to every alias of the object.
    mutates: frozenset[str]
    # Of those, the ones changed below their top level (``x[0].append(v)``,
    # ``x["k"]["j"] = v``): an object taken out of them changes too.
    deep: frozenset[str] = frozenset()
    # Targets of ``x += v``: a rebinding, and for a list taken out of another object
    # (``h = state["k"]; h += [v]``) a change of that object too (see AliasGraph).
    augmented: frozenset[str] = frozenset()

    @property
    def writes(self) -> frozenset[str]:
        return self.binds | self.mutates


#: Builtin types whose mutating methods may be called through the type, the object
#: first (``list.append(items, x)``, ``dict.update(d, other)``).
_CONTAINER_TYPES = frozenset({"list", "dict", "set", "bytearray"})

# Methods that change their receiver in place (list, dict, set, bytearray, deque).
MUTATING_METHODS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "pop",
        "popitem",
        "remove",
        "clear",
        "update",
        "setdefault",
        "add",
        "discard",
        "sort",
        "reverse",
        "appendleft",
        "extendleft",
        "popleft",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
        # files, buffers and csv writers (what they hold changes)
        "write",
        "writelines",
        "writerow",
        "writerows",
        "writeheader",
    }
)


def _written_streams(call: cst.Call) -> list[cst.BaseExpression]:
    """The objects ``print(..., file=out)``, ``json.dump(obj, out)`` and
    ``redirect_stdout(out)`` write to (their ``write`` changes them)."""
    func = call.func
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    if isinstance(func, cst.Name) and func.value == "print" and "file" in keywords:
        return [keywords["file"]]
    name = func.value if isinstance(func, cst.Name) else getattr(func, "attr", None)
    if isinstance(name, cst.Name):
        name = name.value
    if name in ("redirect_stdout", "redirect_stderr") and len(call.args) == 1:
        return [call.args[0].value]  # ``with redirect_stdout(out):`` prints into ``out``
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == "json"
        and func.attr.value == "dump"
    ):
        positional = [a.value for a in call.args if a.keyword is None and not a.star]
        if len(positional) >= 2:
            return [positional[1]]
        return [keywords["fp"]] if "fp" in keywords else []
    return []


def _is_standard_stream(node: cst.BaseExpression) -> bool:
    """``sys.stdout`` or ``sys.stderr``."""
    return (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value == "sys"
        and node.attr.value in ("stdout", "stderr")
    )


def _root_name(node: cst.BaseExpression) -> str | None:
    """``x`` for ``x``, ``x.a.b``, ``x[i].a``; None when the root is not a name."""
    while True:
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Subscript):
            node = node.value
        else:
            return None


class _Collector(cst.CSTVisitor):
    def __init__(self) -> None:
        self.reads: set[str] = set()
        self.binds: set[str] = set()
        self.mutates: set[str] = set()
        self.deep: set[str] = set()
        self.augmented: set[str] = set()
        # Names bound by nested lambdas/comprehensions currently being visited.
        self._local_stack: list[frozenset[str]] = []

    def _is_local(self, name: str) -> bool:
        return any(name in frame for frame in self._local_stack)

    def _read(self, name: str) -> None:
        if not self._is_local(name):
            self.reads.add(name)

    # --- binding targets -------------------------------------------------------
    def _bind_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            if not self._is_local(target.value):
                self.binds.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value)
        elif isinstance(target, (cst.Attribute, cst.Subscript)):
            root = _root_name(target)
            if root is not None and not self._is_local(root):
                self.mutates.add(root)
                if not isinstance(target.value, cst.Name):
                    self.deep.add(root)
            # The object and the index expressions are read.
            target.value.visit(self)
            if isinstance(target, cst.Subscript):
                for index in target.slice:
                    index.visit(self)

    def visit_Assign(self, node: cst.Assign) -> bool:
        node.value.visit(self)
        for target in node.targets:
            self._bind_target(target.target)
        return False

    def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
        if node.value is not None:
            node.value.visit(self)
            self._bind_target(node.target)
        node.annotation.visit(self)
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> bool:
        node.value.visit(self)
        node.target.visit(self)  # an augmented target is read as well
        self._bind_target(node.target)
        if isinstance(node.target, cst.Name) and not self._is_local(node.target.value):
            # ``h += [x]`` on a list changes the object in place: see AliasGraph.
            self.augmented.add(node.target.value)
        return False

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        node.value.visit(self)
        self._bind_target(node.target)
        return False

    def visit_Del(self, node: cst.Del) -> bool:
        self._bind_target(node.target)
        return False

    def visit_For(self, node: cst.For) -> bool:
        node.iter.visit(self)
        self._bind_target(node.target)
        node.body.visit(self)
        if node.orelse is not None:
            node.orelse.visit(self)
        return False

    def visit_WithItem(self, node: cst.WithItem) -> bool:
        node.item.visit(self)
        if node.asname is not None:
            self._bind_target(node.asname.name)
        return False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        if node.type is not None:
            node.type.visit(self)
        if node.name is not None:
            self._bind_target(node.name.name)
        node.body.visit(self)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.binds.add(alias.asname.name.value)
            else:
                top: cst.BaseExpression = alias.name
                while isinstance(top, cst.Attribute):
                    top = top.value
                if isinstance(top, cst.Name):
                    self.binds.add(top.value)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if isinstance(node.names, cst.ImportStar):
            return False
        for alias in node.names:
            bound = alias.asname.name if alias.asname is not None else alias.name
            if isinstance(bound, cst.Name):
                self.binds.add(bound.value)
        return False

    # --- nested scopes -----------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.binds.add(node.name.value)
        for decorator in node.decorators:
            decorator.visit(self)
        for param in _all_params(node.params):
            if param.default is not None:
                param.default.visit(self)
        inner = names_of(node.body)
        params = frozenset(p.name.value for p in _all_params(node.params))
        local = inner.binds | params
        self.reads.update(n for n in inner.reads - local if not self._is_local(n))
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.binds.add(node.name.value)
        for decorator in node.decorators:
            decorator.visit(self)
        for arg in node.bases:
            arg.visit(self)
        inner = names_of(node.body)
        self.reads.update(n for n in inner.reads - inner.binds if not self._is_local(n))
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        for param in _all_params(node.params):
            if param.default is not None:
                param.default.visit(self)
        self._local_stack.append(frozenset(p.name.value for p in _all_params(node.params)))
        node.body.visit(self)
        self._local_stack.pop()
        return False

    def _visit_comprehension(
        self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp
    ) -> bool:
        bound: set[str] = set()
        comp: cst.CompFor | None = node.for_in
        first = True
        while comp is not None:
            # The first iterable is evaluated in the enclosing scope.
            if first:
                comp.iter.visit(self)
                self._local_stack.append(frozenset())
            bound |= names_of_target(comp.target)
            self._local_stack[-1] = frozenset(bound)
            if not first:
                comp.iter.visit(self)
            for condition in comp.ifs:
                condition.visit(self)
            first = False
            comp = comp.inner_for_in
        if isinstance(node, cst.DictComp):
            node.key.visit(self)
            node.value.visit(self)
        else:
            node.elt.visit(self)
        self._local_stack.pop()
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        return self._visit_comprehension(node)

    def visit_SetComp(self, node: cst.SetComp) -> bool:
        return self._visit_comprehension(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        return self._visit_comprehension(node)

    def visit_DictComp(self, node: cst.DictComp) -> bool:
        return self._visit_comprehension(node)

    # --- reads and in-place mutation ---------------------------------------------
    def visit_Name(self, node: cst.Name) -> bool:
        self._read(node.value)
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # the attribute name itself is not a variable
        return False

    def visit_Call(self, node: cst.Call) -> bool:
        func = node.func
        receivers = _written_streams(node)
        if isinstance(func, cst.Attribute) and func.attr.value in MUTATING_METHODS:
            receivers.append(func.value)
            positional = [a for a in node.args if a.keyword is None and not a.star]
            if (
                isinstance(func.value, cst.Name)
                and func.value.value in _CONTAINER_TYPES
                and positional
            ):
                # ``list.append(items, x)``: the method called through its type changes
                # its first argument.
                receivers.append(positional[0].value)
        for receiver in receivers:
            if _is_standard_stream(receiver):
                continue  # ordered output, not an object the program reads back
            root = _root_name(receiver)
            if root is not None and not self._is_local(root):
                self.mutates.add(root)
                if not isinstance(receiver, cst.Name):
                    self.deep.add(root)
        return True

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # keyword names are not variables
        return False

    def visit_Global(self, node: cst.Global) -> bool:
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        return False


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    result = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
    if isinstance(params.star_arg, cst.Param):
        result.append(params.star_arg)
    if params.star_kwarg is not None:
        result.append(params.star_kwarg)
    return result


def param_names(params: cst.Parameters) -> tuple[str, ...]:
    """Every parameter name of a function or lambda, in order."""
    return tuple(p.name.value for p in _all_params(params))


def names_of_target(target: cst.BaseExpression) -> set[str]:
    """Plain names bound by an assignment target (``a, (b, *c)`` -> a, b, c)."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        out: set[str] = set()
        for element in target.elements:
            out |= names_of_target(element.value)
        return out
    if isinstance(target, cst.StarredElement):
        return names_of_target(target.value)
    return set()


def names_of(node: cst.CSTNode) -> NameUse:
    """The :class:`NameUse` of a statement, a block or an expression."""
    collector = _Collector()
    node.visit(collector)
    return NameUse(
        reads=frozenset(collector.reads),
        binds=frozenset(collector.binds),
        mutates=frozenset(collector.mutates),
        deep=frozenset(collector.deep),
        augmented=frozenset(collector.augmented),
    )


def variables(names: frozenset[str] | set[str]) -> frozenset[str]:
    """The names that are Python variables (not pseudo-names such as the world's, see
    ``effects.WORLD``): the only ones generated code may mention."""
    return frozenset(n for n in names if n.isidentifier())


def root_name(node: cst.BaseExpression) -> str | None:
    """The variable at the root of ``x``, ``x.a``, ``x[i]`` (None for other roots)."""
    return _root_name(node)


# --- may-alias ------------------------------------------------------------------


class _AliasBindings(cst.CSTVisitor):
    """Bindings of one scope that may make a name hold (part of) an object another name
    holds: ``a = b``, ``a = b["k"]``, ``a = f(b)``, ``for a in b``, ``with b as a``,
    ``a += b``. Nested scopes are not entered (their names are theirs; their changes to
    enclosing objects are seen through the calls that run them)."""

    def __init__(
        self,
        fresh: Callable[[cst.BaseExpression], bool],
        module_function: Callable[[cst.Call], bool],
        serialising: Callable[[cst.Call], bool],
    ) -> None:
        self.fresh = fresh
        self.serialising = serialising
        # ``csv.writer(out)``: made of its arguments, not of the module it is read from.
        self.module_function = module_function
        # (targets, the names their value may come from, whether it is that object)
        self.pairs: list[tuple[frozenset[str], frozenset[str], bool]] = []
        # Names bound to an object taken out of another one (``h = state["k"]``,
        # ``for item in items``), with where from.
        self.taken: list[tuple[frozenset[str], frozenset[str]]] = []
        # (names whose object may hold the objects of these names): ``d = {"k": a}``,
        # ``d = f(a)``, ``d["k"] = a``, ``lst.append(a)``.
        self.holds: list[tuple[frozenset[str], frozenset[str]]] = []
        self._current: cst.CSTNode | None = None

    def _pair(
        self, target: cst.BaseExpression, value: cst.BaseExpression, *, binding: bool = True
    ) -> None:
        if isinstance(target, (cst.Attribute, cst.Subscript)):
            self._store(target.value, value)
            return
        targets = frozenset(names_of_target(target))
        sources = self._sources(value)
        if targets and sources:
            # ``a = b``: the same object (not so for ``for a in b``, ``a += b``).
            self.pairs.append((targets, sources, binding and isinstance(value, cst.Name)))
            part_of = isinstance(value, (cst.Attribute, cst.Subscript)) or isinstance(
                self._current, cst.For
            )
            if isinstance(value, (cst.Name, cst.Attribute, cst.Subscript)) or not binding:
                if not isinstance(self._current, cst.AugAssign):
                    self.taken.append((targets, sources))
            if not part_of and not isinstance(value, cst.Name):
                # A display, a call, ``a or b``, ``with b as a``: the new value may be,
                # or hold, the objects it was made from.
                self.holds.append((targets, sources))

    def _store(self, container: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """``container[k] = value``, ``container.x = value``, ``container.append(value)``:
        the container's root object now holds the value's objects."""
        root = _root_name(container)
        sources = self._sources(value)
        if root is not None and sources - {root}:
            self.holds.append((frozenset({root}), sources - {root}))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self.serialising(node):
            return  # ``writer.writerow(row)`` writes ``row`` out; it does not keep it
        if isinstance(func, cst.Attribute) and func.attr.value in MUTATING_METHODS:
            for arg in node.args:
                self._store(func.value, arg.value)

    def _sources(self, value: cst.BaseExpression) -> frozenset[str]:
        """The names whose objects ``value`` may be, or contain."""
        if self.fresh(value):
            return frozenset()
        if isinstance(value, cst.Name):
            return frozenset({value.value})
        if isinstance(value, (cst.Attribute, cst.Subscript)):
            return self._sources(value.value)
        if isinstance(value, cst.Await):
            return self._sources(value.expression)
        if isinstance(value, cst.Call):
            # What a call returns may be made of its arguments (and, for a method,
            # of its object); not of the function itself.
            found = set().union(*(self._sources(a.value) for a in value.args))
            if isinstance(value.func, cst.Attribute):
                if not self.module_function(value):
                    found |= self._sources(value.func.value)
            elif not isinstance(value.func, cst.Name):
                found |= names_of(value.func).reads
            return frozenset(found)
        if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            return frozenset().union(*(self._sources(e.value) for e in value.elements))
        if isinstance(value, cst.Dict):
            return frozenset().union(
                *(
                    (
                        self._sources(e.value)
                        if isinstance(e, cst.DictElement)
                        else self._sources(e.value)
                    )
                    for e in value.elements
                )
            )
        if isinstance(value, cst.BinaryOperation):
            return self._sources(value.left) | self._sources(value.right)
        if isinstance(value, cst.BooleanOperation):
            return self._sources(value.left) | self._sources(value.right)
        if isinstance(value, cst.IfExp):
            return self._sources(value.body) | self._sources(value.orelse)
        if isinstance(value, (cst.Comparison, cst.UnaryOperation, cst.Lambda)):
            return frozenset()  # a bool, a number, a new function
        if isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
            # What its elements are made of, and the elements of what it iterates over
            # (not the functions it calls, nor its own loop variables).
            parts = [value.key, value.value] if isinstance(value, cst.DictComp) else [value.elt]
            found = set().union(*(self._sources(part) for part in parts))
            clause: cst.CompFor | None = value.for_in
            bound: set[str] = set()
            while clause is not None:
                bound |= names_of_target(clause.target)
                found |= self._sources(clause.iter)
                clause = clause.inner_for_in
            return frozenset(found - bound)
        return names_of(value).reads

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._pair(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._pair(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._current = node
        self._pair(node.target, node.value, binding=False)
        self._current = None

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._pair(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._current = node
        self._pair(node.target, node.iter, binding=False)
        self._current = None

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._pair(node.asname.name, node.item, binding=False)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def _is_literal(node: cst.BaseExpression) -> bool:
    return isinstance(
        node,
        (
            cst.Integer,
            cst.Float,
            cst.Imaginary,
            cst.SimpleString,
            cst.ConcatenatedString,
            cst.FormattedString,
        ),
    )


@dataclass(frozen=True, slots=True)
class AliasGraph:
    """May-alias facts of one scope: for each name, the names whose objects its value
    may be part of (it was bound from them: ``history = state["history"]``, ``for
    item in items``, ``x = f(y)``), and the reverse. A plain ``a = b`` goes both ways
    (the same object)."""

    sources: Mapping[str, frozenset[str]]
    derived: Mapping[str, frozenset[str]]
    # Names bound to an object taken out of another (subscript, attribute, loop).
    taken: frozenset[str] = frozenset()
    # For each name, the names whose objects may hold its object (``d = {"k": a}``,
    # ``lst.append(a)``): changing it in place changes them.
    holders: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # For a node, the names whose object no other name or object can reach there
    # (see _unshared_windows).
    unshared: Mapping[cst.CSTNode, frozenset[str]] = field(default_factory=dict)

    def changed_by(
        self,
        mutates: frozenset[str],
        deep: frozenset[str],
        augmented: frozenset[str] = frozenset(),
        at: cst.CSTNode | None = None,
    ) -> frozenset[str]:
        """Every name whose object may change when ``mutates`` change in place (in
        the statement ``at``): each name, the names it was taken from (their contents
        change), and for a deep change (below the top level) also the names taken out
        of it. ``x += v`` on a name taken out of another object may extend that
        object's list in place. A change to the top level of an object only one name
        can reach at ``at`` changes that name alone."""
        mutates = mutates | (augmented & self.taken)
        if not self.sources and not self.derived and not self.holders:
            return mutates
        alone = self.unshared.get(at, frozenset()) - deep if at is not None else frozenset()
        changed = set(mutates)
        for name in mutates - alone:
            changed |= _reach(name, self.sources, self.holders)
        for name in deep:
            for part in _reach(name, self.derived):
                changed.add(part)
                changed |= _reach(part, self.sources, self.holders)
        return frozenset(changed)


def _reach(start: str, *edges: Mapping[str, frozenset[str]]) -> set[str]:
    """The names reachable from ``start`` along any of ``edges``."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        current = todo.pop()
        for graph in edges:
            for following in graph.get(current, frozenset()):
                if following not in seen:
                    seen.add(following)
                    todo.append(following)
    return seen


def alias_graph(
    scope: cst.CSTNode,
    fresh_call: Callable[[cst.Call], bool],
    module_function: Callable[[cst.Call], bool] = lambda call: False,
    serialising: Callable[[cst.Call], bool] = lambda call: False,
) -> AliasGraph:
    """The :class:`AliasGraph` of one scope (a module or a function body).
    Conservative and flow-insensitive: a name bound from anything but a fresh value (a
    literal, the result of ``fresh_call``) may hold part of every object that value
    reads (not the callee of a call by name: a function is not its result)."""

    def fresh(value: cst.BaseExpression) -> bool:
        return _is_literal(value) or (isinstance(value, cst.Call) and fresh_call(value))

    finder = _AliasBindings(fresh, module_function, serialising)
    body = scope.body if isinstance(scope, cst.FunctionDef) else scope
    body.visit(finder)
    sources: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    for targets, value_sources, same in finder.pairs:
        for target in targets:
            for source in value_sources - {target}:
                sources.setdefault(target, set()).add(source)
                derived.setdefault(source, set()).add(target)
                if same:
                    sources.setdefault(source, set()).add(target)
                    derived.setdefault(target, set()).add(source)
    taken = frozenset(name for targets, _ in finder.taken for name in targets)
    holders: dict[str, set[str]] = {}
    for containers, held in finder.holds:
        for name in held:
            holders.setdefault(name, set()).update(containers - {name})
    return AliasGraph(
        {k: frozenset(v) for k, v in sources.items()},
        {k: frozenset(v) for k, v in derived.items()},
        taken,
        {k: frozenset(v) for k, v in holders.items() if v},
        _unshared_windows(scope, body),
    )


# --- names holding an object nothing else holds -----------------------------------

#: Builtins that reach objects by name, or run code that can (a name's object may
#: escape through them unseen).
_INTROSPECTION = frozenset({"locals", "globals", "vars", "eval", "exec"})

_FRESH_DISPLAYS = (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp)


class _Escaping(cst.CSTVisitor):
    """The names code uses other than as the object of a (non-dunder) method or
    attribute, or of a subscript: ``m.append(x)``, ``m[k] = v``, ``len_of = m[0]``
    leave the list in ``m`` reachable through ``m`` alone; ``y = m``, ``f(m)``,
    ``m += v``, ``del m``, closures and generator expressions over ``m`` do not."""

    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        receiver = node.value
        if not (
            isinstance(receiver, cst.Name)
            and not node.attr.value.startswith("__")  # ``m.__iadd__(v)`` returns m
        ):
            receiver.visit(self)
        return False  # the attribute's own name is not a variable

    def visit_Subscript(self, node: cst.Subscript) -> bool:
        if isinstance(node.value, cst.Name):
            for element in node.slice:
                element.visit(self)
            return False
        return True

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # a keyword is not a variable
        return False

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        # Its code runs later, when it is consumed: maybe after ``m`` has escaped.
        self.found |= all_names(node)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.found.add(node.value)


def _escaping(node: cst.CSTNode) -> frozenset[str]:
    finder = _Escaping()
    node.visit(finder)
    return frozenset(finder.found)


class _ScopeBlocks(cst.CSTVisitor):
    """The statement blocks of one scope (not of nested functions and classes), the
    names nested scopes mention, and the names the scope declares global/nonlocal."""

    def __init__(self, scope: cst.CSTNode) -> None:
        self.scope = scope
        self.blocks: list[Sequence[cst.BaseStatement]] = []
        self.nested_names: set[str] = set()
        self.declared: set[str] = set()
        self.all_names: set[str] = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) and node is not self.scope:
            self.nested_names |= all_names(node)
            return False
        if isinstance(node, cst.Module):
            self.blocks.append(node.body)
        elif isinstance(node, cst.IndentedBlock):
            self.blocks.append(node.body)
        elif isinstance(node, (cst.Global, cst.Nonlocal)):
            self.declared |= {item.name.value for item in node.names}
        elif isinstance(node, cst.Name):
            self.all_names.add(node.value)
        return True


def _fresh_binding(statement: cst.BaseStatement) -> str | None:
    """``m = []`` (or another display or comprehension of a list, dict or set) alone
    on its line: the name bound to a new container."""
    bound = assignment(statement)
    if bound is not None and isinstance(bound[1], _FRESH_DISPLAYS):
        return bound[0]
    return None


def _unshared_windows(
    scope: cst.CSTNode, body: cst.CSTNode
) -> Mapping[cst.CSTNode, frozenset[str]]:
    """For each node, the names whose object is reachable through that name alone
    when the node runs: ``m = []`` bound a new container, and the statements after it
    in the same block, up to the first that could let it escape (``_Escaping``) or
    rebind ``m``, run only after that binding in the same pass. A name a nested
    function, lambda or class mentions, or one declared global/nonlocal, is never
    counted (code called from the block could reach it), nor is any name in a scope
    that uses ``locals()``, ``eval`` and the like. Linear in the size of the scope
    and the windows' lengths in statements: each statement's escaping names are found
    once, and a node finds its windows through the statements that hold it."""
    finder = _ScopeBlocks(scope)
    (scope.body if isinstance(scope, cst.FunctionDef) else body).visit(finder)
    if finder.all_names & _INTROSPECTION or finder.nested_names & _INTROSPECTION:
        return {}
    by_statement: dict[cst.CSTNode, set[str]] = {}
    for block in finder.blocks:
        escaping = [_escaping(statement) for statement in block]
        for index, statement in enumerate(block):
            name = _fresh_binding(statement)
            if name is None or name in finder.nested_names or name in finder.declared:
                continue
            for following in range(index + 1, len(block)):
                if name in escaping[following]:
                    break
                by_statement.setdefault(block[following], set()).add(name)
    if not by_statement:
        return {}
    return _Windows(scope, {k: frozenset(v) for k, v in by_statement.items()})


class _Windows(Mapping[cst.CSTNode, frozenset[str]]):
    """The unshared names at each node: those of every statement that holds it (a node
    inside an ``if`` in a window is in the window too), found on demand."""

    def __init__(self, scope: cst.CSTNode, by_statement: Mapping[cst.CSTNode, frozenset[str]]):
        self._by_statement = by_statement
        self._cache: dict[cst.CSTNode, frozenset[str]] = {}
        # Each node's innermost enclosing statement, and each statement's enclosing one.
        self._owner: dict[cst.CSTNode, cst.CSTNode] = {}
        self._outer: dict[cst.CSTNode, cst.CSTNode | None] = {}
        owner, outer = self._owner, self._outer
        stack: list[cst.CSTNode] = []

        class Owners(cst.CSTVisitor):
            def on_visit(self, node: cst.CSTNode) -> bool:
                if isinstance(node, cst.BaseStatement):
                    outer[node] = stack[-1] if stack else None
                    stack.append(node)
                if stack:
                    owner[node] = stack[-1]
                return True

            def on_leave(self, original_node: cst.CSTNode) -> None:
                if stack and stack[-1] is original_node:
                    stack.pop()

        (scope.body if isinstance(scope, cst.FunctionDef) else scope).visit(Owners())

    def __getitem__(self, node: cst.CSTNode) -> frozenset[str]:
        found = self._cache.get(node)
        if found is None:
            names: set[str] = set()
            statement = self._owner.get(node)
            while statement is not None:
                names |= self._by_statement.get(statement, frozenset())
                statement = self._outer.get(statement)
            found = self._cache[node] = frozenset(names)
        if not found:
            raise KeyError(node)
        return found

    def __iter__(self) -> Iterator[cst.CSTNode]:
        return iter(n for n in self._owner if self.get(n))

    def __len__(self) -> int:
        return sum(1 for _ in self)
