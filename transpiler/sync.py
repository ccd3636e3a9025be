"""Keeping generated files in sync with their sources: ``epic sync`` and its hook.

The pairs come from ``[tool.epic] generate`` (see :mod:`transpiler.config`), with
paths relative to the pyproject.toml's directory. ``epic sync FILES...`` regenerates
the outputs whose source *or output* is among FILES (the names pre-commit passes; an
output among them is regenerated from its source, so a hand edit of a generated file
is undone), or every output when no FILES are given.

This module holds the plain steps: which targets a run covers, whether their paths
can be used, and bringing one output up to date with bytes the CLI generated through
the same decode/transpile/encode path as ``epic transpile``. The CLI
(:func:`transpiler.cli.main`) prints and chooses the exit code.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from transpiler.config import Config
from transpiler.io import read_bytes_if_exists, write_atomic


class SyncError(Exception):
    """A configured pair cannot be synced as it is (a usage error, exit 2)."""


@dataclass(frozen=True, slots=True)
class Target:
    """One configured pair: the source script and the file generated from it."""

    source: Path
    output: Path


class Status(enum.Enum):
    """What :func:`sync_target` found (and did) for one output."""

    UP_TO_DATE = "up to date"
    REGENERATED = "regenerated"  # the output was missing or stale; it was rewritten
    STALE = "would regenerate"  # the same, in check mode: nothing was written


def targets(config: Config, root: Path) -> tuple[Target, ...]:
    """The configured pairs, with paths joined to ``root`` (the pyproject's folder).

    ``root`` is made absolute without resolving symlinks, so the paths stay the ones
    the user wrote (see :func:`display_path` for how they are shown).
    """
    base = Path(os.path.abspath(root))
    return tuple(Target(base / source, base / output) for source, output in config.generate)


def _key(path: Path) -> str:
    """A path's identity for matching: through symlinks, ``..`` and relative names."""
    return os.path.realpath(path)


def select(all_targets: Sequence[Target], files: Iterable[Path] | None) -> tuple[Target, ...]:
    """The targets a run covers, in configuration order.

    With no ``files`` (None or empty): all of them. Otherwise every target whose
    source or output is one of ``files`` (relative names are taken from the current
    directory, like the names pre-commit passes); files that belong to no target are
    ignored.
    """
    wanted = {_key(path) for path in files or ()}
    if not wanted:
        return tuple(all_targets)
    return tuple(
        target
        for target in all_targets
        if _key(target.source) in wanted or _key(target.output) in wanted
    )


def check_target(target: Target) -> None:
    """Raise :class:`SyncError` when ``target`` cannot be regenerated as configured.

    Called for every selected target before anything is written, so a bad pair stops
    the run with every file untouched.
    """
    source, output = target.source, target.output
    where = "in [tool.epic] generate"
    if source.is_dir():
        raise SyncError(f"{display_path(source)} is a directory ({where}); give a script")
    if not source.exists():
        raise SyncError(
            f"{display_path(source)}: no such file (the source of "
            f"{display_path(output)} {where})"
        )
    if _key(source) == _key(output) or (output.exists() and os.path.samefile(source, output)):
        raise SyncError(
            f"{display_path(output)} is the source {display_path(source)} itself "
            f"(through a link); epic never overwrites its input"
        )
    if output.is_dir():
        raise SyncError(
            f"{display_path(output)} is a directory ({where}); the output must be a file"
        )
    parent = Path(os.path.realpath(output)).parent
    if not parent.is_dir():
        raise SyncError(
            f"{display_path(output)}: directory {display_path(parent)} does not exist "
            "(create it; epic does not create directories)"
        )


def sync_target(target: Target, generated: bytes, *, check: bool) -> Status:
    """Bring ``target.output`` to ``generated`` (atomically; untouched when equal).

    In check mode nothing is written: a missing or different output is
    :attr:`Status.STALE`.
    """
    if read_bytes_if_exists(target.output) == generated:
        return Status.UP_TO_DATE
    if check:
        return Status.STALE
    write_atomic(target.output, generated)
    return Status.REGENERATED


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to ``cwd`` (default: the current directory) when inside it.

    pre-commit runs hooks from the repository root, so messages name files the way
    ``git status`` does.
    """
    here = os.path.abspath(cwd if cwd is not None else Path.cwd())
    absolute = os.path.abspath(path)
    try:
        inside = os.path.commonpath([here, absolute]) == here
    except ValueError:  # different drives (Windows)
        inside = False
    return os.path.relpath(absolute, here) if inside else str(path)
