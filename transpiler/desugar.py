"""Rewrites of the input into equivalent forms the analysis knows better (edits only:
which calls to rewrite is decided in ``pipeline.py`` from the facts).

``map(f, xs)`` of a script function is the generator expression ``(f(item) for item in
xs)``: both take ``iter(xs)`` at once, call ``f`` on each item lazily, in order, when
the consumer asks for the next one, and let an exception out of that step (``f`` is a
``def``, bound once, so looking it up per item finds the same function). As a
generator expression, the call may be gathered (``list(map(ask, words))``).
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from transpiler.syntax import all_names


def desugar_maps(module: cst.Module, calls: Collection[cst.Call]) -> cst.Module:
    """``module`` with each of ``calls`` (``map(f, xs)`` calls of it) written as a
    generator expression."""
    taken = all_names(module)
    name, n = "item", 1
    while name in taken:
        n += 1
        name = f"item{n}"
    return module.visit(_Maps(frozenset(calls), name))


class _Maps(cst.CSTTransformer):
    def __init__(self, calls: frozenset[cst.Call], variable: str) -> None:
        self.calls = calls
        self.variable = variable
        self.made: set[cst.GeneratorExp] = set()

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
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
