"""Real code through the transpiler: a fixed sample of the standard library and deps.

The whole corpus (every ``.py`` of the standard library and of libcst, black, openai,
aiohttp) is ``scripts/corpus.py``; this is its CI sample: about 200 files, chosen by a
stable hash among the small ones, plus files that do make calls epic rewrites and the
standard library's own malformed test data. For every file: no crash, every output
compiles, a file kept sequential comes back as it was, a file without external calls
comes back byte-identical, and what CPython rejects epic rejects with a diagnostic.
"""

from __future__ import annotations

import importlib.util
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

import pytest

from transpiler import transpile

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SIZE = 170  # hashed sample; plus the files below
WITH_CALLS = 20  # files that mention sleep/subprocess/requests/...
MAX_BYTES = 30_000  # keeps the sample under a minute on two cores
STDLIB = Path(sysconfig.get_paths()["stdlib"])
#: Files CPython cannot compile (bad syntax, bad encodings, Python 2), or odd encodings.
ODD_FILES = [
    STDLIB / "test" / "tokenizedata" / name
    for name in (
        "bad_coding.py",
        "bad_coding2.py",
        "badsyntax_3131.py",
        "badsyntax_pep3120.py",
        "coding20731.py",
    )
] + [
    STDLIB / "lib2to3" / "tests" / "data" / name
    for name in (
        "py2_test_grammar.py",
        "bom.py",
        "crlf.py",
        "different_encoding.py",
        "false_encoding.py",
    )
]


def load_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("epic_corpus", ROOT / "scripts" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["epic_corpus"] = module  # the worker processes unpickle its functions
    spec.loader.exec_module(module)
    return module


corpus = load_corpus()


def ci_sample() -> list[Path]:
    files = corpus.corpus_files()
    chosen = set(corpus.sample(files, SAMPLE_SIZE, max_bytes=MAX_BYTES))
    hinted = [
        p
        for p in files
        if p.stat().st_size <= MAX_BYTES
        and p not in chosen
        and corpus.EXTERNAL_HINT.search(p.read_bytes().decode("utf-8", "replace"))
    ]
    chosen.update(corpus.sample(hinted, WITH_CALLS, max_bytes=MAX_BYTES))
    chosen.update(p for p in ODD_FILES if p.exists())
    return sorted(chosen)


def test_corpus_sample(capsys: pytest.CaptureFixture[str]) -> None:
    files = ci_sample()
    assert len(files) >= 150
    totals = corpus.run(files, jobs=2)
    with capsys.disabled():
        print(f"\n[corpus] CI sample of {len(files)} files")
        print("\n".join(f"[corpus] {line}" for line in totals.render().splitlines()))
    assert not totals.findings, totals.render()
    assert not totals.not_python_accepted, totals.render()
    assert totals.counts[corpus.TRANSPILED] >= 1, "the sample should exercise real rewrites"


def test_odd_files_are_classified() -> None:
    for path in ODD_FILES:
        if not path.exists():
            continue
        outcome = corpus.check_file(path)
        # coding20731.py is valid (a cookie after a form feed); the others are not Python
        # (Python 2 syntax, bad cookies, bad syntax): epic must reject them all, cleanly.
        expected = corpus.UNCHANGED if path.name == "coding20731.py" else corpus.NOT_PYTHON
        assert outcome.outcome == expected, outcome
        assert not outcome.detail.startswith("accepted"), outcome


def test_valid_python_libcst_cannot_parse_is_kept_with_a_warning(tmp_path: Path) -> None:
    # LibCST cannot parse a parenthesised annotated target (test/test_grammar.py,
    # test/typinganndata/ann_module.py): that is not the user's error.
    script = tmp_path / "ann.py"
    script.write_text("import time\n(pars): bool = True\ntime.sleep(1)\nprint(pars)\n")
    outcome = corpus.check_file(script)
    assert outcome.outcome == corpus.KEPT_SEQUENTIAL, outcome
    assert "LibCST (the parser epic uses) cannot read" in outcome.detail
    result = transpile(script.read_text(), path="ann.py")
    assert result.code == script.read_text() and not result.has_errors
    (warning,) = result.diagnostics
    assert (warning.code, warning.line) == ("unparsable", 2)


def test_long_string_concatenation_does_not_crash(tmp_path: Path) -> None:
    script = tmp_path / "topics.py"
    script.write_text("topics = {'a': " + " ".join(f"'line {i}\\n'" for i in range(1000)) + "}\n")
    outcome = corpus.check_file(script)
    assert outcome.outcome == corpus.UNCHANGED, outcome


def test_check_file_reports_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "s.py"
    script.write_text("import time\ntime.sleep(1)\n")

    def broken(source: str, **kwargs: object) -> object:
        raise RecursionError("deep")

    monkeypatch.setattr(corpus, "transpile", broken)
    outcome = corpus.check_file(script)
    assert outcome.outcome == corpus.CRASH
    assert "RecursionError: deep" in outcome.detail
