"""Spelling the async form of one external call (an edit, no decisions)."""

from __future__ import annotations

import libcst as cst

from transpiler.analysis.externals import AsyncForm, ExternalCall


def attribute(path: str) -> cst.BaseExpression:
    """``a.b.c`` as an expression."""
    head, *rest = path.split(".")
    node: cst.BaseExpression = cst.Name(head)
    for part in rest:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def async_form(call: cst.Call, external: ExternalCall | None, epic: str) -> cst.Call:
    """The awaitable call that replaces ``call`` (``call`` itself for async functions)."""
    if external is None or external.form is AsyncForm.AWAIT:
        return call
    if external.form is AsyncForm.LEGACY_OPENAI:
        func = call.func
        if isinstance(func, cst.Attribute):
            return call.with_changes(func=func.with_changes(attr=cst.Name("acreate")))
        return call
    if external.form is AsyncForm.SLEEP:
        return call.with_changes(func=attribute("asyncio.sleep"))
    # THREAD: run the blocking function on the shim's I/O executor.
    first = cst.Arg(value=call.func.with_changes(lpar=[], rpar=[]) if isinstance(call.func, cst.Name) else call.func)
    return cst.Call(func=attribute(f"{epic}.to_thread"), args=[first, *call.args])


def parenthesize(node: cst.BaseExpression) -> cst.BaseExpression:
    """``await x`` in a primary position (``(await x).attr``) needs parentheses."""
    if isinstance(node, cst.Await) and not node.lpar:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node
