"""Spelling the async form of one external call (an edit, no decisions)."""

from __future__ import annotations

import libcst as cst

from transpiler.plan.types import AwaitedCall, Spelling
from transpiler.syntax import attribute


def async_form(call: cst.Call, rewrite: AwaitedCall, epic: str) -> cst.Call:
    """The awaitable call that replaces ``call`` (``call`` itself for async functions)."""
    spelling = rewrite.spelling
    if spelling is Spelling.SAME:
        return call
    if spelling is Spelling.CLIENT_TWIN:
        twin = call.with_changes(func=_through_twin(call.func, rewrite.client_depth, epic))
        if rewrite.replayed:
            return cst.Call(func=attribute(f"{epic}.replayed"), args=[cst.Arg(twin)])
        return twin
    if spelling is Spelling.ACREATE:
        func = call.func
        if isinstance(func, cst.Attribute):
            call = call.with_changes(func=func.with_changes(attr=cst.Name("acreate")))
        if rewrite.replayed:
            return cst.Call(func=attribute(f"{epic}.replayed"), args=[cst.Arg(call)])
        return call
    if spelling is Spelling.ASYNCIO_SLEEP:
        return call.with_changes(func=attribute("asyncio.sleep"))
    # THREAD: run the blocking function on the shim's I/O executor.
    first = cst.Arg(
        value=(
            call.func.with_changes(lpar=[], rpar=[])
            if isinstance(call.func, cst.Name)
            else call.func
        )
    )
    return cst.Call(func=attribute(f"{epic}.to_thread"), args=[first, *call.args])


def _through_twin(func: cst.BaseExpression, depth: int, epic: str) -> cst.BaseExpression:
    """``client.chat.completions.create`` -> ``epic.async_client(client).chat.
    completions.create``: the client is ``depth`` attributes down."""
    if depth == 0:
        return cst.Call(func=attribute(f"{epic}.async_client"), args=[cst.Arg(func)])
    assert isinstance(func, cst.Attribute), "the plan counted the method path"
    return func.with_changes(value=_through_twin(func.value, depth - 1, epic))


def parenthesize(node: cst.BaseExpression) -> cst.BaseExpression:
    """``await x`` in a primary position (``(await x).attr``) needs parentheses."""
    if isinstance(node, cst.Await) and not node.lpar:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node
