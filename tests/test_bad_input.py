"""Bad input through the command line: every case gets a clear message, a non-zero exit
(1: errors in the input; 2: usage), writes nothing, and leaves the input untouched.

``tests/test_cli.py`` already covers a syntax error's header and caret, undecodable
UTF-8, an unknown coding cookie (in ``decode_source``), an empty file, CRLF, a missing
input, a directory input, ``-o`` naming the input (five spellings), ``-o`` in a missing
directory or naming a directory, and the exit codes through a subprocess. This file
covers the rest: many kinds of syntax errors (and whether their position agrees with
CPython's), wrong and broken encodings, files that are nearly empty, tabs and mixed line
endings in scripts that do get transpiled, a 100,000-line file, more bad paths, and
bad input through ``--check``, ``--diff`` and stdin.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import libcst as cst
import pytest

import transpiler.cli as cli
from bench.throughput import huge_script, script_with_calls
from transpiler.pipeline import transpile

from fuzz.harness import compare_code

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HUGE_LINES = 100_000
#: Seconds after which the 100,000-line subprocess counts as hung: a guard, not a speed
#: claim (``python -m bench`` measures it: the "Stress inputs" table).
HUGE_HANG_GUARD = 3600.0

EXTERNALS = (
    "def ask(x):  # epic: external\n"
    '    return _world.call("a", x, fails=(), exc=ValueError)\n\n\n'
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EPIC_DEBUG", raising=False)
    yield


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and mtime: to prove nothing changed."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


HEADER = r"^{path}:(\d+):(\d+): error: (.+)  \[{code}\]$"


def header(err: str, path: str, code: str) -> re.Match[str]:
    found = re.search(HEADER.format(path=re.escape(path), code=re.escape(code)), err, re.M)
    assert found, f"no positioned [{code}] error for {path} in:\n{err}"
    return found


def refused_as_encoding_error(
    data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[re.Match[str], str]:
    """Transpile a file of ``data``: exit 1, nothing written, an ``encoding-error``.
    Returns the error's header match and the whole of stderr."""
    src = tmp_path / "in.py"
    src.write_bytes(data)
    before = snapshot(tmp_path)
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert code == 1
    assert out == ""
    found = header(err, str(src), "encoding-error")
    assert snapshot(tmp_path) == before
    return found, err


# ------------------------------------------------------------------- syntax errors

#: name -> (source, the line of the error: CPython's, or for the null byte, where it
#: is). The cases test_cli.py does not have.
SYNTAX_ERRORS = {
    "unexpected indent": ("x = 1\ny = 2\n    z = 3\n", 3),
    "dedent mismatch": ("if x:\n        a = 1\n    b = 2\n", 3),
    "tabs and spaces": ("def f():\n\tif 1:\n\t\tx = 1\n        y = 2\n", 4),
    "unterminated string": ("x = 1\ny = 2\nz = 'abc\nw = 4\n", 3),
    "unterminated triple quote": ("x = 1\ny = '''abc\nw = 4\n", 2),
    "unmatched bracket": ("x = 1\ny = 2)\n", 2),
    "missing colon": ("x = 1\nif x\n    y = 2\n", 2),
    "python 2 print": ("x = 1\nprint 'hello'\n", 2),
    "python 2 except": ("try:\n    pass\nexcept Exception, e:\n    pass\n", 3),
    "invalid character": ("x = 1\ny = 2 \u20ac 3\n", 2),
    "f-string": ("x = 1\ny = f'{'\n", 2),
    "keyword as a name": ("x = 1\nclass = 2\n", 2),
    "return outside a function": ("x = 1\nreturn x\n", 2),
    "await outside async": ("import time\ntime.sleep(1)\nawait x\n", 3),
    "duplicate argument": ("def f(a, a):\n    pass\n", 1),
    "continuation at end of file": ("x = 1 \\\n", 1),
    "null byte": ("x = 1\ny = 'a\x00b'\n", 2),
}


@pytest.mark.parametrize("name", sorted(SYNTAX_ERRORS))
def test_syntax_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(SYNTAX_ERRORS[name][0].encode())
    before = snapshot(tmp_path)
    code, out, err = run(["transpile", str(src), "-o", str(tmp_path / "out.py")], capsys)
    assert code == 1
    assert out == ""
    found = header(err, str(src), "syntax-error")
    assert int(found.group(1)) >= 1 and int(found.group(2)) >= 1
    assert re.search(r"^ +\^$", err, re.M), err  # the caret under the source line
    assert "Traceback" not in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", sorted(SYNTAX_ERRORS))
def test_syntax_error_agrees_with_cpython(name: str) -> None:
    """The line, column and message are the interpreter's own."""
    source, cpython_line = SYNTAX_ERRORS[name]
    with pytest.raises((SyntaxError, ValueError)) as raised:
        compile(source, "in.py", "exec", dont_inherit=True)
    result = transpile(source, path="in.py")
    assert result.code is None
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "syntax-error"
    assert diagnostic.line == cpython_line, diagnostic.render()
    error = cast(SyntaxError, raised.value)  # a ValueError has no lineno: fails here
    if error.lineno is not None:
        assert diagnostic.message == error.msg
        assert diagnostic.column == min(
            error.offset or 1, len(source.splitlines()[cpython_line - 1]) + 1
        )


@pytest.mark.parametrize("flags", [["--check"], ["--diff"], ["--diff", "--check"]])
def test_syntax_error_with_check_or_diff_writes_nothing(
    flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(b"x = (1,\n")
    (tmp_path / "out.py").write_bytes(b"stale\n")
    before = snapshot(tmp_path)
    code, out, err = run(["transpile", str(src), "-o", "out.py", *flags], capsys)
    assert code == 1
    assert out == ""  # no diff of a file that could not be transpiled
    header(err, str(src), "syntax-error")
    assert snapshot(tmp_path) == before


def test_syntax_error_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x = 1\nif x\n    pass\n")))
    code, out, err = run(["transpile", "-"], capsys)
    assert code == 1
    assert out == ""
    header(err, "<stdin>", "syntax-error")


# ----------------------------------------------------------------------- encodings

#: name -> (bytes, line, column) of the first byte that does not decode.
ENCODING_ERRORS = {
    "ascii cookie, UTF-8 text": (b"# coding: ascii\nx = 1\ns = 'caf\xc3\xa9'\n", 3, 9),
    "UTF-8 encoded surrogate": (b"x = 1\ny = '\xed\xa0\x80'\n", 2, 6),
    "truncated character at end of file": (b"x = 1\ns = '\xc3", 2, 6),
    "bad byte in a comment": (b"x = 1\n\n\n\n# r\xe9sum\xe9\n", 5, 4),
    "latin-1 without a cookie": (b"import time\ntime.sleep(1)\nname = 'Jos\xe9'\n", 3, 12),
    "cookie on line 3 is ignored": (b"x = 1\ny = 2\n# coding: latin-1\nz = '\xe9'\n", 4, 6),
    "UTF-16 with a BOM": ("x = 1\n".encode("utf-16"), 1, 1),
    "overlong encoding": (b"x = '\xc0\xaf'\n", 1, 6),
}


@pytest.mark.parametrize("name", sorted(ENCODING_ERRORS))
def test_encoding_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, line, column = ENCODING_ERRORS[name]
    # CPython refuses to run each of these (``python in.py``); note that compile() on
    # the bytes accepts the bad byte in a comment, but the interpreter does not.
    found, err = refused_as_encoding_error(data, tmp_path, capsys)
    assert (int(found.group(1)), int(found.group(2))) == (line, column), err
    assert "cannot decode" in found.group(3)


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"#!/usr/bin/env python\n# -*- coding: klingon -*-\nx = 1\n", 2, "klingon"),
        (b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", 1, "encoding problem"),
        (b"# coding: utf-16\nx = 1\n", 1, "utf-16"),
    ],
    ids=["unknown codec", "BOM contradicts the cookie", "utf-16 cookie"],
)
def test_wrong_encoding_declaration(
    data: bytes, line: int, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found, err = refused_as_encoding_error(data, tmp_path, capsys)
    assert int(found.group(1)) == line, err
    assert words in found.group(3), err


def test_encoding_error_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"# coding: ascii\ns = '\xe9'\n"))
    )
    code, out, err = run(["transpile", "-"], capsys)
    assert code == 1
    assert out == ""
    header(err, "<stdin>", "encoding-error")


def only_the_summary(src: Path, err: str) -> str:
    """``err`` if it is nothing but the one summary line of ``src`` (no diagnostics)."""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{src}: ") and "start early" in err, err
    return err


# ------------------------------------------------------------- nearly empty files

NEARLY_EMPTY = {
    "newline": b"\n",
    "blank lines and a tab": b"   \n\n\t\n",
    "comment without newline": b"# only a comment",
    "docstring": b'"""Nothing to see."""\n',
    "form feed": b"\x0c\nx = 1\n",
    "shebang and cookie": b"#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n",
}


@pytest.mark.parametrize("name", sorted(NEARLY_EMPTY))
def test_nearly_empty_file_comes_back_identical(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(NEARLY_EMPTY[name])
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert (code, err) == (0, "")
    assert (tmp_path / "out.py").read_bytes() == NEARLY_EMPTY[name]
    assert src.read_bytes() == NEARLY_EMPTY[name]


def test_bom_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A UTF-8 BOM is an encoding marker, not text: the output is the same empty script.
    src = tmp_path / "in.py"
    src.write_bytes(b"\xef\xbb\xbf")
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert (code, err) == (0, "")
    assert (tmp_path / "out.py").read_bytes() == b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfx = 1\nprint(x)\n",
        b"x = 1\r\nprint(x)\r\n",
        b"\xef\xbb\xbf# caf\xc3\xa9\r\nx = 1\r\n",
        b"# -*- coding: latin-1 -*-\r\ns = 'caf\xe9'\r\n",
    ],
    ids=["BOM", "CRLF", "BOM and CRLF", "latin-1 and CRLF"],
)
def test_a_script_without_calls_comes_back_byte_for_byte(
    data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(data)
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert (code, err) == (0, "")
    assert (tmp_path / "out.py").read_bytes() == data


def test_a_transpiled_script_keeps_its_bom_and_crlf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(b"\xef\xbb\xbf" + TABBED.replace("\n", "\r\n").encode())
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert (code, err) == (0, only_the_summary(src, err))
    data = (tmp_path / "out.py").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:].decode()
    assert "\n" not in body.replace("\r\n", "")  # every line ends in CRLF
    assert body.replace("\r\n", "\n") == transpile(TABBED, path=str(src)).code


# ------------------------------------------------------------- tabs and line endings

TABBED = EXTERNALS + (
    "def both(q):\n"
    "\ta = ask(q)\n"
    "\tb = ask(q + 1)\n"
    "\tif a > b:\n"
    "\t\treturn a - b\n"
    "\treturn b - a\n"
    "\n"
    "\n"
    "x = ask(1)\n"
    "y = ask(2)\n"
    "print('tab\\there', x, y)\n"
    "s = '''keep\tthis\ttab'''\n"
    "print(s, both(x), both(y))\n"
)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "mixed"], ids=["LF", "CRLF", "CR", "mixed"])
def test_tabs_and_line_endings_are_transpiled_faithfully(
    ending: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = TABBED.split("\n")
    if ending == "mixed":
        text = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1]))
    else:
        text = ending.join(lines)
    src = tmp_path / "in.py"
    src.write_bytes(text.encode())
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert (code, err) == (0, only_the_summary(src, err))
    data = (tmp_path / "out.py").read_bytes()
    # The output keeps the file's line ending (its first line's, as black does).
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    generated = data.decode().replace(newline, "\n")
    assert "\r" not in generated  # one ending throughout
    assert generated != TABBED, "the script has external calls: it must be rewritten"
    assert "keep\tthis\ttab" in generated  # a tab inside a string is data
    assert generated == transpile(TABBED, path=str(src)).code
    report = compare_code(TABBED, generated, [1, 2])
    assert report.divergences == [], report.render()


# ----------------------------------------------------------------------- huge files


def test_huge_file_through_a_subprocess(tmp_path: Path) -> None:
    """100,000 lines, no external call: comes back identical (how fast is for
    ``bench/``: ``python -m bench``, the "Stress inputs" table)."""
    src = tmp_path / "huge.py"
    src.write_text(huge_script(HUGE_LINES))
    assert src.read_text().count("\n") == HUGE_LINES
    before = src.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "transpiler", "transpile", str(src), "-o", str(tmp_path / "out.py")],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        timeout=HUGE_HANG_GUARD,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out.py").read_bytes() == before
    assert src.read_bytes() == before


def test_a_long_block_of_calls() -> None:
    """4,000 lines assigning and reading one name, with four calls: every call is
    rewritten. How long it takes (it used to be quadratic in the name's bindings) is
    measured by ``bench/`` (``python -m bench``, the "Stress inputs" table)."""
    source = script_with_calls(4000, every=1000)
    result = transpile(source, path="big.py")
    assert result.code is not None and result.code != source
    assert "import time" not in result.code  # every time.sleep became asyncio.sleep


@pytest.mark.parametrize(
    "source",
    [
        "x = (" + " ".join(f"'s{i}'" for i in range(1200)) + ")\nprint(len(x))\n",
        "x = " + " + ".join(str(i) for i in range(1200)) + "\nprint(x)\n",
    ],
    ids=["1200 implicitly concatenated strings", "a sum of 1200 terms"],
)
def test_deeply_nested_expression(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compile(source, "in.py", "exec")  # CPython is fine with it
    src = tmp_path / "in.py"
    src.write_text(source)
    code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert code in (0, 1), err  # transpiled, or a clear diagnostic: not a crash
    if code == 1:
        assert re.search(rf"^{re.escape(str(src))}:\d+:\d+: error: ", err, re.M), err


# ----------------------------------------------------------------------- bad paths


def test_missing_input_in_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["transpile", "no/such/dir/in.py", "-o", "out.py"], capsys)
    assert code == 2
    assert "no/such/dir/in.py: no such file" in err
    assert snapshot(tmp_path) == {}


def test_dangling_symlink_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "link.py").symlink_to(tmp_path / "gone.py")
    code, out, err = run(["transpile", "link.py", "-o", "out.py"], capsys)
    assert code == 2
    assert "link.py: no such file" in err
    assert not (tmp_path / "out.py").exists()


def test_directory_input_with_trailing_slash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pkg").mkdir()
    code, out, err = run(["transpile", "pkg/", "-o", "out"], capsys)
    assert code == 2
    assert "no Python files in pkg/" in err
    assert snapshot(tmp_path) == {}


@pytest.mark.parametrize("flags", [["--check"], ["--diff"]])
def test_output_is_input_with_check_or_diff(
    flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_text("import time\ntime.sleep(0)\n")
    before = snapshot(tmp_path)
    code, out, err = run(["transpile", "in.py", "-o", "in.py", *flags], capsys)
    assert code == 2
    assert "is the input file itself" in err
    assert snapshot(tmp_path) == before


def test_output_through_a_symlinked_directory_is_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "real").mkdir()
    src = tmp_path / "real" / "in.py"
    src.write_text("import time\ntime.sleep(0)\n")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    before = snapshot(tmp_path)
    code, out, err = run(["transpile", str(src), "-o", "alias/in.py"], capsys)
    assert code == 2
    assert "is the input file itself" in err
    assert snapshot(tmp_path) == before


def test_output_under_a_regular_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.py"
    src.write_text("import time\ntime.sleep(0)\n")
    before = snapshot(tmp_path)
    code, out, err = run(["transpile", "in.py", "-o", "in.py/out.py"], capsys)
    assert code == 2
    assert "in.py/out.py" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["transpile"],
        ["transpile", "a.py", "b.py"],
        ["transpile", "a.py", "-o"],
        ["transpile", "a.py", "--config"],
    ],
    ids=["no input", "two inputs", "-o without a value", "--config without a value"],
)
def test_usage_errors(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    before = snapshot(tmp_path)
    code, out, err = run(args, capsys)
    assert code == 2
    assert "usage: epic" in err
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------ via a subprocess


def test_syntax_error_through_a_subprocess(tmp_path: Path) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(b"import time\r\n\ttime.sleep(1)\r\n")  # CRLF, and an unexpected indent
    before = snapshot(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "transpiler", "transpile", str(src), "-o", str(tmp_path / "out.py")],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == b""
    err = done.stderr.decode()
    header(err, str(src), "syntax-error")
    assert "\r" not in err
    assert "Traceback" not in err
    assert snapshot(tmp_path) == before


def test_python_warnings_about_the_input_are_not_printed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_text('x = 1\nif x is 1:\n    print("one")\n')

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    with warnings.catch_warnings():
        # As in a plain interpreter (pytest would otherwise collect the warning).
        warnings.simplefilter("default")
        warnings.showwarning = show
        code, out, err = run(["transpile", str(src), "-o", "out.py"], capsys)
    assert code == 0
    assert "SyntaxWarning" not in err, err


def test_only_a_script_that_may_call_externals_is_analysed() -> None:
    """No catalogued module imported, no declaration or pragma: nothing can be made
    parallel, so the full analysis is skipped (the 100,000-line case above)."""
    from transpiler.analysis.externals import Declarations, may_call_externals
    from transpiler.parse import parse

    def may(source: str, declarations: Declarations | None = None) -> bool:
        module = parse(source, "x.py")
        assert isinstance(module, cst.Module)
        return may_call_externals(module, source, declarations or Declarations())

    assert not may("import json\nprint(json.dumps(1))\n")
    assert not may("from . import helper\nhelper.run()\n")
    assert may("import time\n")
    assert may("def f():\n    from openai import OpenAI\n")
    assert may("import urllib.request as r\n")
    assert may("def tool(x):  # epic: external\n    return x\n")
    assert may("import tools\n", Declarations(external=frozenset({"tools.search"})))
