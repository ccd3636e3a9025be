"""Constructs the planner cannot yet make parallel *correctly*.

When one is found the whole file is kept sequential (the input comes back unchanged)
and each place is reported as an ``unsupported-construct`` warning with the reason, so
nothing is ever miscompiled.
"""

from __future__ import annotations

import libcst as cst

from transpiler.analysis.calls import Position
from transpiler.analysis.facts import Facts


class _Finder(cst.CSTVisitor):
    def __init__(self, analysis: Facts) -> None:
        self.analysis = analysis
        self.problems: list[tuple[cst.CSTNode, str]] = []
        self._context: list[str] = []  # enclosing lambda / generator / class body / sync def

    def _enter(self, what: str) -> None:
        self._context.append(what)

    def _leave(self) -> None:
        self._context.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._enter("a lambda")

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._leave()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        # A gathered one (``sum(ask(q) for q in qs)``) is consumed whole, at once; the
        # one of ``any``/``all`` element by element (``await epic.any(...)``).
        consumed = node in self.analysis.gathered or any(
            call.args[0].value is node for call in self.analysis.short_circuits
        )
        self._enter("" if consumed else "a generator expression")

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._leave()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._enter("a class body")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._leave()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        is_async = self.analysis.is_async_function(node)
        if is_async:
            if node.asynchronous is not None:
                self.problems.append((node, "an `async def` that makes blocking external calls"))
            if node.decorators:
                self.problems.append(
                    (node, "a decorated function that makes external calls (the decorator would wrap a coroutine)")
                )
            name = node.name.value
            if self.analysis.calls.functions.get(node) is not None and (
                name.startswith("__") and name.endswith("__")
            ):
                # ``__init__`` & co. are called by Python itself, never awaited.
                self.problems.append((node, f"a special method `{name}` that makes external calls"))
            if _is_generator(node):
                self.problems.append((node, "a generator function that makes external calls"))
        self._enter("")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._leave()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.analysis.is_awaited(node):
            return
        if any(
            arg.keyword is not None
            and arg.keyword.value == "stream"
            and not (isinstance(arg.value, cst.Name) and arg.value.value in ("True", "False"))
            for arg in node.args
        ):
            # Whether the result is a stream is not known until it runs.
            self.problems.append((node, "a request whose `stream=` is not a literal"))
        # Only the innermost context matters: a function body (``""``) inside a class
        # is reported as a method, not as a class body.
        innermost = self._context[-1] if self._context else ""
        if innermost:
            self.problems.append((node, f"an external call inside {innermost}"))


def _is_generator(function: cst.FunctionDef) -> bool:
    class _Yield(cst.CSTVisitor):
        found = False

        def visit_Yield(self, node: cst.Yield) -> None:
            self.found = True

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    finder = _Yield()
    function.visit(finder)
    return finder.found


def unsupported(module: cst.Module, analysis: Facts) -> list[tuple[Position, str]]:
    """Every place that keeps the file sequential, with the reason."""
    finder = _Finder(analysis)
    module.visit(finder)
    problems = [(analysis.calls.position(node), why) for node, why in finder.problems]
    for use in analysis.calls.stream_misuses:
        problems.append(
            (
                analysis.calls.position(use),
                "a streamed response (`stream=True`) used other than by a `for` loop over "
                "a name it was assigned to",
            )
        )
    for attribute, method in analysis.calls.method_references:
        if analysis.is_async_function(method):
            problems.append(
                (
                    analysis.calls.position(attribute),
                    f"`{method.name.value}` makes external calls and is used as a value, "
                    "not called",
                )
            )
    for name, function in analysis.calls.function_references:
        if analysis.is_async_function(function):
            problems.append(
                (
                    analysis.calls.position(name),
                    f"`{name.value}` makes external calls and is used as a value, not called",
                )
            )
    return sorted(set(problems), key=lambda p: (p[0].line, p[0].column, p[1]))
