"""User configuration: ``[tool.epic]`` in pyproject.toml.

```toml
[tool.epic]
# functions that are slow external calls (qualified names as imported)
external = ["tools.web_search", "tools.calculator"]
# external calls whose effects must stay in program order
ordered = ["tools.send_email"]
# functions that only compute a value from their arguments (no effect, no state read)
pure = ["mylib.text.clean"]
# generated files kept in sync by ``epic sync`` (and its pre-commit hook):
# source script = output file, both relative to this pyproject.toml's directory
generate = { "scripts/agent.py" = "scripts/agent_async.py" }
```
A ``# epic: external`` (or ``# epic: external ordered``) pragma on a ``def`` line declares
that function external in the script itself.
"""

from __future__ import annotations

import posixpath
import tomllib
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """The ``[tool.epic]`` table is malformed; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings that change what the transpiler generates."""

    external: tuple[str, ...] = ()
    ordered: tuple[str, ...] = ()
    pure: tuple[str, ...] = ()
    line_length: int = 88
    #: ``(source, output)`` pairs from ``generate``, in file order: normalised POSIX
    #: paths relative to the directory of the pyproject.toml they were read from.
    generate: tuple[tuple[str, str], ...] = ()

    @property
    def all_external(self) -> tuple[str, ...]:
        return self.external + self.ordered


def _string_list(table: dict[str, object], key: str, where: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"{where}: [tool.epic] {key} must be a list of qualified function names, "
            f'e.g. {key} = ["tools.search"]'
        )
    return tuple(str(v) for v in value)


_GENERATE_EXAMPLE = 'generate = { "scripts/agent.py" = "scripts/agent_async.py" }'


def _relative_path(text: str, role: str, entry: str, where: Path) -> str:
    """One path of ``generate``, checked and normalised (``./a/../b.py`` -> ``b.py``).

    ``role`` is "source" or "output"; ``entry`` shows the whole ``key = value`` pair.
    """
    prefix = f"{where}: [tool.epic] generate: {entry}: the {role}"
    posix = text.replace("\\", "/")
    if not posix.strip():
        raise ConfigError(f"{prefix} path is empty")
    if posixpath.isabs(posix) or (len(posix) > 1 and posix[1] == ":"):
        raise ConfigError(
            f"{prefix} path must be relative to the directory of {where.name}, " "not absolute"
        )
    normal = posixpath.normpath(posix)
    if normal in (".", "..") or normal.endswith("/..") or posix.endswith("/"):
        raise ConfigError(f"{prefix} must name a file, not a directory")
    return normal


def _generate_pairs(table: dict[str, object], where: Path) -> tuple[tuple[str, str], ...]:
    """``generate = { source = output, ... }``: checked pairs of relative paths."""
    value = table.get("generate", {})
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: [tool.epic] generate must be a table mapping each source script "
            f"to the file generated from it, e.g. {_GENERATE_EXAMPLE}"
        )
    pairs: list[tuple[str, str]] = []
    source_of: dict[str, str] = {}  # output -> the key that generates it
    key_of: dict[str, str] = {}  # normalised source -> its key as written
    for key, raw_output in value.items():
        if not isinstance(raw_output, str):
            hint = (
                " (quote paths that contain a dot: an unquoted key like scripts.py "
                "is a nested table in TOML)"
                if isinstance(raw_output, dict)
                else ""
            )
            raise ConfigError(
                f"{where}: [tool.epic] generate: the output of {key!r} must be a "
                f"path (a string), e.g. {_GENERATE_EXAMPLE}{hint}"
            )
        entry = f"{key!r} = {raw_output!r}"
        source = _relative_path(key, "source", entry, where)
        output = _relative_path(raw_output, "output", entry, where)
        if source == output:
            raise ConfigError(
                f"{where}: [tool.epic] generate: {entry}: the output must differ "
                "from the source (epic never overwrites its input)"
            )
        if source in key_of:
            raise ConfigError(
                f"{where}: [tool.epic] generate: {key_of[source]!r} and {key!r} are "
                "the same source; list it once"
            )
        if output in source_of:
            raise ConfigError(
                f"{where}: [tool.epic] generate: {output!r} is the output of both "
                f"{source_of[output]!r} and {key!r}; each output has one source"
            )
        key_of[source] = key
        source_of[output] = key
        pairs.append((source, output))
    for source, output in pairs:
        if output in key_of:
            raise ConfigError(
                f"{where}: [tool.epic] generate: {output!r} is the output of "
                f"{source!r} and also a source; a generated file cannot be the "
                "source of another"
            )
    return tuple(pairs)


def load_config(pyproject: Path) -> Config:
    """Read ``[tool.epic]`` from one pyproject.toml (a missing table means defaults)."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read configuration: {exc}") from exc
    tool = data.get("tool", {})
    table = tool.get("epic", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.epic] must be a table")
    known = {"external", "ordered", "pure", "line-length", "line_length", "generate"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{pyproject}: unknown [tool.epic] key(s): {', '.join(unknown)} "
            f"(known: external, ordered, pure, line-length, generate)"
        )
    line_length = table.get("line-length", table.get("line_length", 88))
    if not isinstance(line_length, int) or line_length < 20:
        raise ConfigError(f"{pyproject}: [tool.epic] line-length must be an integer >= 20")
    return Config(
        external=_string_list(table, "external", pyproject),
        ordered=_string_list(table, "ordered", pyproject),
        pure=_string_list(table, "pure", pyproject),
        line_length=line_length,
        generate=_generate_pairs(table, pyproject),
    )


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` (a file or a directory)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None
