"""Constructs the planner cannot yet make parallel *correctly*.

When one is found the whole file is kept sequential (the input comes back unchanged)
and each place is reported as an ``unsupported-construct`` warning with the reason, so
nothing is ever miscompiled. Most constructs need no such refusal: a call epic cannot
await where it stands (in a lambda, a class body, a function used as a value...) just
stays sync, and the function that holds it too (see ``facts.py``, step 6). What is
left here changes meaning when the script runs inside an event loop:

* a script that already uses asyncio (``async def``, ``await``, ``asyncio.run``): its
  own event loop cannot run inside epic's;
* module-level code that reads the module's namespace (``locals()``, ``vars()``,
  ``dir()`` with no argument) or redirects ``sys.stdout``/``sys.stderr``
  (``sys.stdout = ...``, ``contextlib.redirect_stdout`` but as a ``with`` around a
  body that awaits nothing): moved into ``main()``, it would see ``main``'s locals,
  or bypass the output epic holds back.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from transpiler.analysis.calls import Position
from transpiler.analysis.facts import Facts

#: Calls that read the calling scope's namespace when given no argument.
_NAMESPACE_READERS = frozenset({"locals", "vars", "dir"})
#: Calls and attributes that redirect the process's output.
_REDIRECTS = frozenset({"redirect_stdout", "redirect_stderr"})
_STREAMS = frozenset({"stdout", "stderr"})


class _Finder(cst.CSTVisitor):
    def __init__(self, analysis: Facts) -> None:
        self.analysis = analysis
        self.problems: list[tuple[cst.CSTNode, str]] = []
        self._depth = 0  # functions entered (module-level code is depth 0)
        self._contained: set[cst.CSTNode] = set()  # redirects epic keeps working

    def visit_With(self, node: cst.With) -> None:
        # ``with contextlib.redirect_stdout(out):`` around a body that awaits nothing:
        # no task of the event loop runs while it does (``epic.redirect_stdout`` keeps
        # the text of threads running meanwhile out of ``out``).
        awaits = _Awaits(self.analysis)
        node.body.visit(awaits)
        if not awaits.found:
            self._contained |= {
                item.item
                for item in node.items
                if isinstance(item.item, cst.Call) and item.item in self.analysis.calls.redirects
            }

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node.asynchronous is not None:
            self.problems.append(
                (
                    node,
                    "the script already uses asyncio (`async def`), which cannot run in epic's event loop",
                )
            )
        self._depth += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._depth -= 1

    def visit_Await(self, node: cst.Await) -> None:
        self.problems.append((node, "the script already uses asyncio (`await`)"))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = (
            func.value
            if isinstance(func, cst.Name)
            else (func.attr.value if isinstance(func, cst.Attribute) else None)
        )
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            if func.value.value == "asyncio" and name in (
                "run",
                "get_event_loop",
                "new_event_loop",
            ):
                self.problems.append(
                    (
                        node,
                        f"the script already uses asyncio (`asyncio.{name}`), which cannot run in epic's event loop",
                    )
                )
        if self._depth == 0 and name in _NAMESPACE_READERS and not node.args:
            self.problems.append(
                (node, f"module-level `{name}()` would see the names of the generated `main()`")
            )
        if name in _REDIRECTS and node not in self._contained:
            self.problems.append(
                (node, f"`{name}` would bypass the output epic holds back to keep it in order")
            )

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "sys"
            and target.attr.value in _STREAMS
        ):
            self.problems.append(
                (
                    node,
                    f"assigning `sys.{target.attr.value}` would bypass the output epic holds back",
                )
            )


class _Awaits(cst.CSTVisitor):
    """Whether a block awaits a call (or holds a ``yield``, where it is suspended)."""

    def __init__(self, analysis: Facts) -> None:
        self.analysis = analysis
        self.found = False

    def visit_Call(self, node: cst.Call) -> None:
        self.found |= self.analysis.is_awaited(node)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.found = True

    def visit_For(self, node: cst.For) -> None:
        self.found |= node in self.analysis.calls.stream_loops


def unsupported(module: cst.Module, analysis: Facts) -> list[tuple[Position, str]]:
    """Every place that keeps the file sequential, with the reason."""
    finder = _Finder(analysis)
    module.visit(finder)
    if not finder.problems:
        return []
    problems = []
    if analysis.rewritten_from is not None:
        for node, why in finder.problems:
            problems.append((analysis.rewritten_from.get(node, Position(1, 1)), why))
        return sorted(set(problems), key=lambda p: (p[0].line, p[0].column, p[1]))
    # Rare: only then is every node's position worth computing.
    ranges = cst.MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node, why in finder.problems:
        start = ranges[node].start
        problems.append((Position(start.line, start.column + 1), why))
    return sorted(set(problems), key=lambda p: (p[0].line, p[0].column, p[1]))
