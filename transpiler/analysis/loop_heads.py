"""Calls a loop's head evaluates first (``for w in ask(q).split():``): the facts the
lifting of rule 18 needs (``desugar.lift_loop_heads`` makes the edit, the pipeline
decides whether to keep it)."""

from __future__ import annotations

import libcst as cst

from transpiler.analysis.externals import ExternalCall
from transpiler.analysis.facts import Facts
from transpiler.analysis.names import names_of


def loop_heads(module: cst.Module, analysis: Facts) -> dict[cst.For, tuple[cst.Call, str]]:
    """Each ``for`` loop whose iterable first evaluates an awaited call, with that call
    and a name for its value."""
    loops: list[cst.For] = []

    class Loops(cst.CSTVisitor):
        def visit_For(self, node: cst.For) -> None:
            loops.append(node)

    module.visit(Loops())
    if not loops:
        return {}
    bound = names_of(module).binds
    heads: dict[cst.For, tuple[cst.Call, str]] = {}
    for loop in loops:
        call = _lead_call(loop.iter, analysis, bound)
        if call is not None:
            heads[loop] = (call, _value_name(call, analysis))
    return heads


#: Builtins that evaluate their first argument before anything else of theirs runs.
_ITERABLE_BUILTINS = frozenset(
    {"enumerate", "list", "tuple", "sorted", "reversed", "iter", "zip", "range", "set"}
)


def _lead_call(node: cst.BaseExpression, analysis: Facts, bound: frozenset[str]) -> cst.Call | None:
    """The awaited call ``node`` evaluates before anything else with an effect: itself,
    the receiver of a method called on it (``ask(q).split()``), what it subscripts, or
    the first argument of ``enumerate``/``sorted``/... (a builtin no statement of the
    script rebinds)."""
    while True:
        if isinstance(node, cst.Call):
            if analysis.is_awaited(node):
                return node
            if isinstance(node.func, cst.Attribute):
                node = node.func.value
                continue
            if (
                isinstance(node.func, cst.Name)
                and node.func.value in _ITERABLE_BUILTINS
                and node.func.value not in bound
                and node.args
                and node.args[0].keyword is None
                and not node.args[0].star
            ):
                node = node.args[0].value
                continue
            return None
        if isinstance(node, (cst.Attribute, cst.Subscript)):
            node = node.value
            continue
        return None


_PREFIXES = ("get_", "fetch_", "load_", "list_", "read_", "make_", "generate_")


def _value_name(call: cst.Call, analysis: Facts) -> str:
    """``stream`` for a streamed request, ``reply`` for another request, ``items`` for
    ``get_items(...)``, ``plan_result`` for ``plan(...)``."""
    target = analysis.calls.targets.get(call)
    if isinstance(target, ExternalCall):
        return "stream" if target.streams else "reply"
    func = call.func
    name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return f"{name}_result" if name else "result"
