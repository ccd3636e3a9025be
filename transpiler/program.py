"""Whole programs: the modules of one program transpiled together.

``epic transpile src/ -o out/`` (or several files at once) reads every module of the
program, follows the program's own imports, and transpiles the modules in import order,
dependencies first. A module's top-level functions made async (its *exports*) are seen
from every module that imports them as awaited calls with the effect the defining
module's analysis found (``analysis.externals.ProgramFunction``), so a helper module's
``ask()`` becomes async together with every caller, and the output tree imports its own
transpiled modules (same names, same layout). Calls through an instance of another
module's class (``bot = Bot(); bot.reply(q)``, ``Bot.build(q)``) are followed the same
way.

A module keeps its sync API, exactly as written, when some use in the program could not
await its functions, to a fixpoint (keeping one module as it is can make its own uses of
another module's functions sync again):

* a module refers to one of them where no await can go (``map(ask, qs)``, a lambda, a
  function kept sync, a module kept sequential, ``from helper import *``);
* another module derives a class from one of its classes (its analysis of calls
  through ``self`` assumed its own methods);
* it is a library (nothing but definitions) and no module of the program awaits any of
  its functions;
* it is part of an import cycle.

A function that changes module-level state, or reads state (a dict, a list, an object;
of its own module or reached through the program's imports) that other code may change,
becomes async but its calls keep program order in the importers; the objects an
importer reaches through its own imports are read by every such call when it runs, so
the importer's changes to them stay before it.

Code outside the program (tests, other projects) that imports a transpiled module sees
the async API: transpile what uses it too, or keep the module out of the program.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst

from transpiler.analysis.calls import attributes_written
from transpiler.analysis.exports import Binding, Interface
from transpiler.analysis.externals import (
    Declarations,
    Effect,
    ProgramFunction,
    may_call_externals,
)
from transpiler.config import Config
from transpiler.diagnostics import Diagnostic, source_line_at
from transpiler.parse import Unparsable, parse
from transpiler.pipeline import DEFAULT_CONFIG, Program, TranspileResult, transpile
from transpiler.verify import imported_uses

DIAGNOSTIC = "whole-program"
_NOTHING = TranspileResult(None, ())


@dataclass(frozen=True, slots=True)
class SourceModule:
    """One module of the program: its path relative to the program's root (the output
    keeps it), its dotted name (as imports spell it from the root) and its text."""

    relative: str  # POSIX path: ``pkg/helper.py``
    source: str
    display: str  # the path shown in diagnostics

    @property
    def name(self) -> str:
        parts = list(PurePosixPath(self.relative).with_suffix("").parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        return ".".join(parts)

    @property
    def package(self) -> tuple[str, ...]:
        """The package relative imports start from."""
        parts = tuple(self.name.split(".")) if self.name else ()
        return parts if self.relative.endswith("__init__.py") else parts[:-1]


@dataclass(frozen=True, slots=True)
class ModuleOutcome:
    """What became of one module: the code to write (the input when kept as it is)."""

    module: SourceModule
    code: str | None  # None: errors (nothing of the program is written)
    result: TranspileResult | None  # None: kept as it is without transpiling
    kept_because: str | None = None  # why it keeps its sync API, when it does

    @property
    def changed(self) -> bool:
        return self.code is not None and self.code != self.module.source


@dataclass(frozen=True, slots=True)
class ProgramResult:
    outcomes: tuple[ModuleOutcome, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def has_errors(self) -> bool:
        return any(o.code is None for o in self.outcomes) or any(
            d.is_error for d in self.diagnostics
        )


# ------------------------------------------------------------------------ imports


@dataclass(slots=True)
class _Imports:
    """The program modules one module imports: for each, the local names its imports
    bind to that module or to names in it, and whether it is star-imported."""

    names: dict[str, set[str]]
    star: set[str]
    # ``from pkg import helper`` / ``from pkg.helper import ask as a``: local name ->
    # (module, attribute or None for the module itself), for re-exports.
    bindings: dict[str, tuple[str, str | None]]
    positions: dict[str, cst.CSTNode]
    # Every name its imports bind (of any module, the program's or not).
    every_local: set[str] = dataclasses.field(default_factory=set)
    # The bases of its classes, as written (``LLM``, ``llm.LLM``).
    bases: list[str] = dataclasses.field(default_factory=list)
    # Program modules it imports inside a function (when that function runs).
    lazy: set[str] = dataclasses.field(default_factory=set)

    def subclassed(self, known: frozenset[str]) -> set[str]:
        """The program modules one of whose classes a class here derives from."""
        found = set()
        for base in self.bases:
            head, *rest = base.split(".")
            bound = self.bindings.get(head)
            if bound is None:
                continue
            module, attribute = bound
            if attribute is not None:
                found.add(module)
                continue
            for i in range(len(rest), 0, -1):  # ``pkg.llm.LLM``: the longest module
                candidate = ".".join([module, *rest[: i - 1]])
                if candidate in known and i - 1 < len(rest):
                    found.add(candidate)
                    break
        return found


def _dotted(node: cst.BaseExpression) -> str:
    return cst.Module([]).code_for_node(node)


def _absolute(module: SourceModule, node: cst.ImportFrom) -> str | None:
    """The absolute module name ``from ... import`` reads (None: above the root)."""
    level = len(node.relative)
    base = _dotted(node.module) if node.module is not None else ""
    if level == 0:
        return base
    package = module.package
    if level - 1 > len(package):
        return None
    prefix = package[: len(package) - (level - 1)]
    return ".".join([*prefix, *([base] if base else [])])


class _ImportVisitor(cst.CSTVisitor):
    def __init__(self, module: SourceModule, known: frozenset[str]) -> None:
        self.module = module
        self.known = known
        self.found = _Imports({}, set(), {}, {})
        self._functions = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._functions -= 1

    def _add(self, target: str, local: str | None, node: cst.CSTNode) -> None:
        if self._functions:
            self.found.lazy.add(target)
        names = self.found.names.setdefault(target, set())
        if local is not None:
            names.add(local)
        self.found.positions.setdefault(target, node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.found.bases += [_dotted(base.value) for base in node.bases]

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            full = _dotted(alias.name)
            local = _dotted(alias.asname.name) if alias.asname is not None else full.split(".")[0]
            parts = full.split(".")
            for i in range(1, len(parts) + 1):
                name = ".".join(parts[:i])
                if name in self.known:
                    self._add(name, local, node)
            bound = full if alias.asname is not None else parts[0]
            if bound in self.known:
                self.found.bindings[local] = (bound, None)
            self.found.every_local.add(local)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        source = _absolute(self.module, node)
        if source is None:
            return False
        if isinstance(node.names, cst.ImportStar):
            if source in self.known:
                self._add(source, None, node)
                self.found.star.add(source)
            return False
        for alias in node.names:
            imported = _dotted(alias.name)
            local = _dotted(alias.asname.name) if alias.asname is not None else imported
            self.found.every_local.add(local)
            submodule = f"{source}.{imported}" if source else imported
            if submodule in self.known:
                self._add(submodule, local, node)
                self.found.bindings[local] = (submodule, None)
            elif source in self.known:
                self._add(source, local, node)
                self.found.bindings[local] = (source, imported)
        return False


def _imports(module: SourceModule, tree: cst.Module, known: frozenset[str]) -> _Imports:
    visitor = _ImportVisitor(module, known)
    tree.visit(visitor)
    visitor.found.names.pop(module.name, None)
    visitor.found.star.discard(module.name)
    return visitor.found


# ------------------------------------------------------------------------- order


def _import_order(graph: Mapping[str, set[str]]) -> tuple[list[str], set[str]]:
    """The modules, dependencies first, and the modules in import cycles (Tarjan's
    strongly connected components come out in reverse topological order)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    order: list[str] = []
    cyclic: set[str] = set()

    def connect(node: str) -> None:
        # Iterative, so a long chain of imports cannot overflow the stack.
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[current] = min(low[current], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[current])
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                order.extend(sorted(component))
                if len(component) > 1 or current in graph[current]:
                    cyclic.update(component)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return order, cyclic


# ----------------------------------------------------------------------- spelling


def _spellings(absolute: str, importer: SourceModule) -> set[str]:
    """Every qualified name LibCST gives, in ``importer``, to the thing named
    ``absolute``: the name itself and the relative forms (``.helper.ask``)."""
    spelled = {absolute}
    package = importer.package
    parts = absolute.split(".")
    for level in range(1, len(package) + 2):
        prefix = package[: len(package) - (level - 1)]
        if tuple(parts[: len(prefix)]) == prefix and len(parts) > len(prefix):
            spelled.add("." * level + ".".join(parts[len(prefix) :]))
    return spelled


# ------------------------------------------------------------------------ the run


def transpile_program(
    modules: Sequence[SourceModule], *, config: Config = DEFAULT_CONFIG
) -> ProgramResult:
    """Transpile the modules of one program together (see the module docstring)."""
    by_name = {m.name: m for m in modules}
    known = frozenset(by_name)
    trees: dict[str, cst.Module] = {}
    errors: list[Diagnostic] = []
    for module in modules:
        parsed = parse(module.source, module.display)
        if isinstance(parsed, Diagnostic):
            errors.append(parsed)
        elif not isinstance(parsed, Unparsable):
            trees[module.name] = parsed
    if errors:
        return ProgramResult(tuple(ModuleOutcome(m, None, None) for m in modules), tuple(errors))
    imports = {
        m.name: (
            _imports(m, trees[m.name], known) if m.name in trees else _Imports({}, set(), {}, {})
        )
        for m in modules
    }
    order, cyclic = _import_order({name: set(imports[name].names) for name in by_name})
    kept: dict[str, str] = {
        name: "it is part of an import cycle (the modules are kept as they are)" for name in cyclic
    }
    cache: dict[_CacheKey, TranspileResult] = {}
    while True:
        outcomes, visible = _round(by_name, order, imports, kept, cache, config)
        more = _keep_sync(by_name, imports, outcomes, visible, kept)
        if not more:
            break
        kept.update(more)
    diagnostics = [
        diagnostic
        for name in order
        for diagnostic in (outcomes[name].result or _NOTHING).diagnostics
    ]
    diagnostics += [_kept_note(by_name[name], why) for name, why in kept.items()]
    return ProgramResult(
        tuple(outcomes[m.name] for m in modules),
        tuple(sorted(diagnostics, key=lambda d: (d.path, d.line, d.column))),
    )


@dataclass(slots=True)
class _Visible:
    """What one module sees of the others in a round: the qualified names it may spell
    their functions with -> (defining module, function), and the async method names
    of their classes it imports -> defining module."""

    functions: dict[str, tuple[str, str]]
    methods: dict[str, str]
    # The names its star imports of the program's modules bind -> what they name.
    star: dict[str, str] = dataclasses.field(default_factory=dict)


_CacheKey = tuple[str, tuple[object, ...]]


def _round(
    by_name: Mapping[str, SourceModule],
    order: Sequence[str],
    imports: Mapping[str, _Imports],
    kept: Mapping[str, str],
    cache: dict[_CacheKey, TranspileResult],
    config: Config,
) -> tuple[dict[str, ModuleOutcome], dict[str, _Visible]]:
    """One pass over the modules in import order, with the modules in ``kept`` kept
    as they are: the outcomes, and what each module sees of the others."""
    functions: dict[str, Mapping[str, ProgramFunction]] = {}
    classes: dict[str, Mapping[str, Mapping[str, ProgramFunction]]] = {}
    declared: dict[str, Mapping[str, bool]] = {}  # functions declared external by pragma
    # Re-exports: (module, local name) -> (defining module, function or class).
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    outcomes: dict[str, ModuleOutcome] = {}
    visible_by_module: dict[str, _Visible] = {}
    # Per module: how it spells the classes of the others -> (module, class).
    class_spellings: dict[str, dict[str, tuple[str, str]]] = {}
    for name in order:
        module = by_name[name]
        found = imports[name]
        visible = _Visible({}, {})
        program = Program({}, {})
        # The objects a call may read when it runs are reached from here through
        # imports (of any module): the importer's changes to them stay before it.
        late = frozenset(found.every_local)

        members: list[tuple[str, str, str]] = []
        for target in sorted(found.names):
            members += [
                (target, member, f"{target}.{member}")
                for member in sorted(
                    {
                        *functions.get(target, {}),
                        *classes.get(target, {}),
                        *declared.get(target, {}),
                    }
                )
            ]
        for (holder, local), (origin, member) in sorted(aliases.items()):
            if holder in found.names:
                members.append((origin, member, f"{holder}.{local}"))
        stars = _star_names(found, outcomes, imports) or {}
        for bare, (source, attribute) in sorted(stars.items()):
            spelled = source if attribute is None else f"{source}.{attribute}"
            program.star[bare] = spelled  # type: ignore[index]
            tables = (functions, classes, declared)
            if attribute is not None and any(attribute in t.get(source, {}) for t in tables):
                members.append((source, attribute, spelled))
        visible.star = dict(program.star)
        external: set[str] = set()
        ordered: set[str] = set()
        for origin, member, absolute in members:
            spellings = _spellings(absolute, module)
            if member in declared.get(origin, {}):
                (ordered if declared[origin][member] else external).update(spellings)
                continue
            if member in functions.get(origin, {}):
                export = _described(origin, functions[origin][member], late, outcomes, imports)
                if export is None:
                    continue
                export = _with_returned_class(
                    export, origin, class_spellings, classes, program, late, outcomes, imports
                )
                for spelled in spellings:
                    visible.functions[spelled] = (origin, member)
                    program.functions[spelled] = export  # type: ignore[index]
                continue
            methods = {}
            for method, export in classes[origin][member].items():
                seen = _described(origin, export, late, outcomes, imports)
                if seen is not None:
                    methods[method] = seen
                if export.is_async:
                    visible.methods[method] = origin
            for spelled in spellings:
                program.classes[spelled] = methods  # type: ignore[index]
                class_spellings.setdefault(name, {})[spelled] = (origin, member)
        visible_by_module[name] = visible
        program = dataclasses.replace(
            program,
            external=frozenset(external),
            ordered=frozenset(ordered),
            imported=any(name in imports[other].names for other in imports),
        )
        for local, (target, attribute) in found.bindings.items():
            if attribute is None:
                continue
            if any(attribute in table.get(target, {}) for table in (functions, classes, declared)):
                aliases[(name, local)] = (target, attribute)
            elif (target, attribute) in aliases:
                aliases[(name, local)] = aliases[(target, attribute)]
        if name in kept:
            outcomes[name] = ModuleOutcome(module, module.source, None, kept[name])
            functions[name], classes[name], declared[name] = {}, {}, {}
            continue
        key: _CacheKey = (
            name,
            (
                tuple(sorted(program.functions.items())),
                tuple(sorted((c, tuple(sorted(m.items()))) for c, m in program.classes.items())),
                tuple(sorted(program.external)),
                tuple(sorted(program.ordered)),
                tuple(sorted(program.star.items())),
                program.imported,
            ),
        )
        result = cache.get(key)
        if result is None:
            result = transpile(module.source, path=module.display, config=config, program=program)
            cache[key] = result
        outcomes[name] = ModuleOutcome(module, result.code, result)
        face = result.interface if result.code is not None else None
        functions[name] = face.functions if face is not None else {}
        classes[name] = face.classes if face is not None else {}
        declared[name] = face.declared if face is not None else {}
    return outcomes, visible_by_module


def _with_returned_class(
    export: ProgramFunction,
    origin: str,
    class_spellings: Mapping[str, Mapping[str, tuple[str, str]]],
    classes: Mapping[str, Mapping[str, Mapping[str, ProgramFunction]]],
    program: Program,
    late: frozenset[str],
    outcomes: Mapping[str, ModuleOutcome],
    imports: Mapping[str, _Imports],
) -> ProgramFunction:
    """A factory's export as the importer sees it: the class it returns (as ``origin``
    spells it) becomes a class of the importer's program, by its absolute name (the
    importer need not import that class's module); no such class: no ``returns``."""
    if export.returns is None:
        return export
    if "." not in export.returns:
        found: tuple[str, str] | None = (origin, export.returns)
    else:
        found = class_spellings.get(origin, {}).get(export.returns)
    if found is None or found[1] not in classes.get(found[0], {}):
        return dataclasses.replace(export, returns=None)
    home, cls = found
    methods = {}
    for method, described in classes[home][cls].items():
        seen = _described(home, described, late, outcomes, imports)
        if seen is not None:
            methods[method] = seen
    absolute = f"{home}.{cls}"
    program.classes.setdefault(absolute, methods)  # type: ignore[attr-defined]
    return dataclasses.replace(export, returns=absolute)


def _described(
    origin: str,
    export: ProgramFunction,
    late: frozenset[str],
    outcomes: Mapping[str, ModuleOutcome],
    imports: Mapping[str, _Imports],
) -> ProgramFunction | None:
    """How an importer that binds ``late`` by its imports sees a function of
    ``origin`` (None: an unknown call): UNKNOWN when the function reads module state."""
    seen = dataclasses.replace(export, late_reads=late)
    state = _reads_state(origin, export.reads, outcomes, imports)
    if state is None or export.effect == Effect.UNKNOWN:
        return seen
    if not export.is_async:
        return None  # an unknown call, as for any function epic cannot describe
    return dataclasses.replace(
        seen,
        effect=Effect.UNKNOWN,
        ordered_because=f"reads `{state}`, module state other code may change",
    )


def _reads_state(
    origin: str,
    reads: frozenset[str],
    outcomes: Mapping[str, ModuleOutcome],
    imports: Mapping[str, _Imports],
) -> str | None:
    """A module-level name (of ``origin``, or reached from it through the program's
    imports) among ``reads`` that is bound to state code elsewhere may change: a
    dict, a list, an object, a name some function rebinds. None when every one is a
    function, a class, an immutable constant, a client or a module outside the
    program (whose changes go through the importer's own import names)."""
    work = [(origin, name) for name in sorted(reads)]
    done: set[tuple[str, str]] = set()
    while work:
        module, name = work.pop()
        if (module, name) in done:
            continue
        done.add((module, name))
        face = _interface(outcomes.get(module))
        bindings = face.bindings if face is not None else None
        if bindings is None:
            return f"{module}.{name}"  # a module kept as it is: not described
        binding = bindings.get(name, Binding.INERT)  # a builtin
        if binding is Binding.STATE:
            return f"{module}.{name}" if module != origin else name
        if binding is Binding.IMPORT and name in imports[module].bindings:
            target, attribute = imports[module].bindings[name]
            if attribute is None:  # a module of the program: any of its names
                target_face = _interface(outcomes.get(target))
                names = target_face.bindings if target_face else {"<module>": Binding.STATE}
                work += [(target, n) for n in names]
            else:
                work.append((target, attribute))
    return None


def _keep_sync(
    by_name: Mapping[str, SourceModule],
    imports: Mapping[str, _Imports],
    outcomes: Mapping[str, ModuleOutcome],
    visible: Mapping[str, _Visible],
    kept: Mapping[str, str],
) -> dict[str, str]:
    """The modules that must keep their sync API after this round, and why."""
    more: dict[str, str] = {}
    awaited: set[str] = set()
    # Objects travel (a factory's return value, an argument): every module's uses of
    # every async method name of the program's classes are checked.
    methods: dict[str, set[str]] = {}
    for name, outcome in outcomes.items():
        for method in _async_methods(outcome):
            methods.setdefault(method, set()).add(name)
    for name, outcome in outcomes.items():
        spelled = visible[name].functions
        code = outcome.code if outcome.code is not None else outcome.module.source
        asynchronous = frozenset(
            q
            for q, (origin, function) in spelled.items()
            if function in _async_functions(outcomes[origin])
        )
        used, misused = imported_uses(code, asynchronous, frozenset(methods), visible[name].star)
        display = by_name[name].display
        for found in sorted(misused):
            origins = [spelled[found][0]] if found in spelled else sorted(methods[found])
            what = spelled[found][1] if found in spelled else found
            for origin in origins:
                if origin != name:
                    more.setdefault(origin, f"`{display}` uses `{what}` where it cannot be awaited")
        for found in used - misused:
            awaited.update([spelled[found][0]] if found in spelled else methods[found])
        for origin, decorator in _foreign_uses_of_decorators(
            by_name[name], code, outcomes, visible[name]
        ):
            more.setdefault(
                origin,
                f"`{display}` uses `{decorator}`, which became async for what its own "
                "module passes it only",
            )
        if imports[name].star and _star_names(imports[name], outcomes, imports) is None:
            # What the star imports bind is not known: nothing behind them may be async.
            for origin in sorted(_reachable(imports[name].star, imports)):
                if _async_functions(outcomes[origin]) or _async_methods(outcomes[origin]):
                    more.setdefault(
                        origin,
                        f"`{display}` imports with `*` names epic cannot list (an `__all__`, "
                        "a module kept as it is)",
                    )
        for origin in sorted(imports[name].lazy):
            face = _interface(outcomes[origin])
            if face is not None and face.runs_at_import:
                more.setdefault(
                    origin,
                    f"`{display}` imports it inside a function, where running its script "
                    "code's event loop would be inside the importer's",
                )
        held = {
            origin: face.held_attributes
            for origin, other in outcomes.items()
            if origin != name and origin not in kept and (face := _interface(other)) is not None
        }
        written = attributes_written(code) if any(held.values()) else frozenset()
        for origin, attributes in held.items():
            clash = sorted(attributes if "*" in written else written & attributes)
            if clash:
                # Its own calls through ``self.<attr>`` assumed the objects it sets.
                more.setdefault(
                    origin,
                    f"`{display}` sets `.{clash[0]}`, which epic took to hold only the "
                    "objects its own code sets",
                )
        for origin in imports[name].subclassed(frozenset(by_name)):
            if origin not in kept:
                # Its own calls through ``self`` (or a parameter annotated with the
                # class) may reach the subclass's methods, which its analysis never saw.
                more.setdefault(origin, f"`{display}` derives a class from one of its classes")
    for name, outcome in outcomes.items():
        if name in kept or name in more:
            continue
        face = _interface(outcome)
        if face is not None and face.library and face.api and name not in awaited:
            more[name] = "no module of the program awaits its functions: it keeps its sync API"
    return more


def _foreign_uses_of_decorators(
    module: SourceModule,
    code: str,
    outcomes: Mapping[str, ModuleOutcome],
    visible: _Visible,
) -> list[tuple[str, str]]:
    """The decorators other modules made async wrappers of that ``module`` refers to:
    (defining module, decorator)."""
    spelled: dict[str, tuple[str, str]] = {}
    for origin, outcome in outcomes.items():
        face = _interface(outcome)
        if origin == module.name or face is None:
            continue
        for decorator in face.local_only:
            for spelling in _spellings(f"{origin}.{decorator}", module):
                spelled[spelling] = (origin, decorator)
    if not spelled:
        return []
    used, _ = imported_uses(code, frozenset(spelled), frozenset(), visible.star)
    return sorted({spelled[found] for found in used})


def _star_names(
    found: _Imports,
    outcomes: Mapping[str, ModuleOutcome],
    imports: Mapping[str, _Imports],
) -> dict[str, tuple[str, str | None]] | None:
    """What the star imports of the program's modules in one module bind: each name ->
    (defining module, name there; None: the module itself). None when that is not
    known, or two star imports bind one name to different things."""
    merged: dict[str, tuple[str, str | None]] = {}
    for origin in sorted(found.star):
        names = _star_map(origin, outcomes, imports, set())
        if names is None:
            return None
        for bare, target in names.items():
            if merged.setdefault(bare, target) != target:
                return None
    return merged


def _star_map(
    module: str,
    outcomes: Mapping[str, ModuleOutcome],
    imports: Mapping[str, _Imports],
    seen: set[str],
) -> dict[str, tuple[str, str | None]] | None:
    """The public names of ``module`` (what ``from module import *`` binds), each with
    what it names at its origin; None when not known (an ``__all__``, a module kept as
    it is, a cycle)."""
    face = _interface(outcomes.get(module))
    if face is None or "__all__" in face.bindings or module in seen:
        return None
    seen.add(module)
    found = imports[module]
    names = _star_names(found, outcomes, imports)
    if names is None:
        return None
    for bare, binding in face.bindings.items():
        if bare.startswith("_"):
            continue
        if binding is Binding.IMPORT:
            if bare in found.bindings:
                names[bare] = _origin(*found.bindings[bare], imports)
            else:
                names.pop(bare, None)  # a name from outside the program
        else:
            names[bare] = (module, bare)
    return names


def _origin(
    module: str, attribute: str | None, imports: Mapping[str, _Imports]
) -> tuple[str, str | None]:
    """Where an imported name is defined, through re-exports."""
    seen = set()
    while attribute is not None and attribute in imports[module].bindings:
        if (module, attribute) in seen:
            break
        seen.add((module, attribute))
        module, attribute = imports[module].bindings[attribute]
    return module, attribute


def _reachable(start: Iterable[str], imports: Mapping[str, _Imports]) -> set[str]:
    """The modules ``start`` imports, directly or not, and themselves."""
    found: set[str] = set()
    work = list(start)
    while work:
        module = work.pop()
        if module not in found:
            found.add(module)
            work += imports[module].names
    return found


def _interface(outcome: ModuleOutcome | None) -> Interface | None:
    """What a module that was transpiled (not kept as it is) shows the others."""
    if outcome is None or outcome.result is None or outcome.result.code is None:
        return None
    return outcome.result.interface


def _async_functions(outcome: ModuleOutcome) -> frozenset[str]:
    """The top-level functions the module made async (its importers must await them)."""
    face = _interface(outcome)
    return face.async_functions if face is not None else frozenset()


def _async_methods(outcome: ModuleOutcome) -> frozenset[str]:
    """The names of the methods of its classes it made async."""
    face = _interface(outcome)
    return face.async_methods if face is not None else frozenset()


def _kept_note(module: SourceModule, why: str) -> Diagnostic:
    return Diagnostic(
        module.display,
        1,
        1,
        "note",
        DIAGNOSTIC,
        f"kept as it is: {why}",
    )


# ------------------------------------------------------- one file of a program


def local_helper_notes(
    path: str, source: str, helpers: Mapping[str, str], *, config: Config = DEFAULT_CONFIG
) -> list[Diagnostic]:
    """For a script transpiled on its own: its imports of local modules (``helpers``:
    module name -> source, the modules found beside it) that may make external calls,
    each a note telling the user to transpile the program."""
    parsed = parse(source, path)
    if not isinstance(parsed, cst.Module):
        return []
    me = SourceModule(PurePosixPath(path).name, source, path)
    found = _imports(me, parsed, frozenset(helpers))
    declarations = Declarations(frozenset(config.external), frozenset(config.ordered))
    notes = []
    wrapper = cst.MetadataWrapper(parsed, unsafe_skip_copy=True)
    positions = wrapper.resolve(cst.metadata.PositionProvider)
    for name in sorted(found.names):
        helper = parse(helpers[name], name)
        if not isinstance(helper, cst.Module) or not may_call_externals(
            helper, helpers[name], declarations
        ):
            continue
        node = found.positions[name]
        start = positions[node].start if node in positions else None
        line, column = (start.line, start.column + 1) if start else (1, 1)
        notes.append(
            Diagnostic(
                path,
                line,
                column,
                "note",
                DIAGNOSTIC,
                f"`{name}` is a module of this program that may make external calls: "
                "its functions stay as they are when this file is transpiled alone",
                note="transpile the whole program (`epic transpile DIR -o OUT`, or all "
                "its files at once) so its calls can start early too",
                source_line=source_line_at(source, line),
            )
        )
    return notes


def modules_from(files: Iterable[tuple[str, str, str]]) -> list[SourceModule]:
    """``(relative path, source, display)`` triples as modules."""
    return [SourceModule(relative, source, display) for relative, source, display in files]
