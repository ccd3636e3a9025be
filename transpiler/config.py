"""User configuration: ``[tool.epic]`` in pyproject.toml.

```toml
[tool.epic]
# functions that are slow external calls (qualified names as imported)
external = ["tools.web_search", "tools.calculator"]
# external calls whose effects must stay in program order
ordered = ["tools.send_email"]
```
A ``# epic: external`` (or ``# epic: external ordered``) pragma on a ``def`` line declares
that function external in the script itself.
"""

from __future__ import annotations

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
    line_length: int = 88

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
    known = {"external", "ordered", "line-length", "line_length"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{pyproject}: unknown [tool.epic] key(s): {', '.join(unknown)} "
            f"(known: external, ordered, line-length)"
        )
    line_length = table.get("line-length", table.get("line_length", 88))
    if not isinstance(line_length, int) or line_length < 20:
        raise ConfigError(f"{pyproject}: [tool.epic] line-length must be an integer >= 20")
    return Config(
        external=_string_list(table, "external", pyproject),
        ordered=_string_list(table, "ordered", pyproject),
        line_length=line_length,
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
