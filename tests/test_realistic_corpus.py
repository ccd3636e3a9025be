"""The realistic corpus (``corpus/``): every script run sequentially and transpiled.

One test per script in ``corpus/scripts/`` and ``corpus/public/``: ``corpus/run.py``
transpiles it, runs the original and the output against the offline endpoint (each in
a fresh working directory, against an endpoint of its own) and compares stdout, stderr,
the files left behind, the exit code and the requests sent (method, path and body). A
script passes when it behaves identically, or when epic kept it sequential.

The scripts that diverge today are listed in ``corpus/known_divergences.toml`` with the
class of bug each one shows; they are expected to fail (``xfail(strict=True)``), so a fix
that makes one pass turns it into an XPASS failure: then remove its entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.run import (
    KNOWN_DIVERGENCES,
    Runner,
    corpus_scripts,
    load_known_divergences,
    runner,
    script_id,
)

SCRIPTS = corpus_scripts()
KNOWN = load_known_divergences()


def _case(path: Path) -> object:
    sid = script_id(path)
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[sid])] if sid in KNOWN else []
    return pytest.param(path, id=sid, marks=marks)


@pytest.fixture(scope="module")
def corpus_runner() -> Iterator[Runner]:
    with runner() as run:
        yield run


@pytest.mark.parametrize("path", [_case(p) for p in SCRIPTS])
def test_corpus_script(path: Path, corpus_runner: Runner) -> None:
    outcome = corpus_runner.check(path)
    if not outcome.passed:
        pytest.fail(outcome.report(), pytrace=False)


def test_corpus_is_large_enough() -> None:
    assert len(SCRIPTS) >= 40, f"the corpus has {len(SCRIPTS)} scripts, the issue asks for 40"


def test_known_divergences_name_corpus_scripts() -> None:
    ids = {script_id(p) for p in SCRIPTS}
    stale = sorted(set(KNOWN) - ids)
    assert not stale, f"{KNOWN_DIVERGENCES.name} names scripts that do not exist: {stale}"
    assert all(reason.strip() for reason in KNOWN.values()), "every entry needs a reason"
