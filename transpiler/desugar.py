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

from collections.abc import Collection

import libcst as cst

from transpiler.syntax import all_names


def desugar_maps(module: cst.Module, calls: Collection[cst.Call]) -> cst.Module:
    """``module`` with each of ``calls`` (``map(f, xs)``, ``sorted(xs, key=f)``,
    ``min``/``max(xs, key=f)`` calls of it) written as comprehensions."""
    taken = all_names(module)
    name, n = "item", 1
    while name in taken:  # the function called on it must not be shadowed
        n += 1
        name = f"item{n}"
    return module.visit(_Maps(frozenset(calls), name))


class _Maps(cst.CSTTransformer):
    # Names local to a comprehension or lambda whose body uses nothing else.
    KEY, PAIR = "_", "pair"

    def __init__(self, calls: frozenset[cst.Call], variable: str) -> None:
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
