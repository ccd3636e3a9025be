"""The ``epic`` command line: paths, encodings, exit codes, --check/--diff, compare.

Most cases call :func:`transpiler.cli.main` in-process (fast, and capsys sees the
output); a few go through a real ``python -m transpiler`` subprocess to cover stdin,
stdout and the process exit code end to end. Expected outputs are computed with
:func:`transpiler.pipeline.transpile` itself, so these tests check the CLI's plumbing
and not the transformation.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import transpiler.cli as cli
from transpiler import compare as comparing
from transpiler.config import Config, ConfigError, load_config
from transpiler.diagnostics import Diagnostic
from transpiler.io import SourceDecodeError, decode_source, encode_output, write_atomic
from transpiler.pipeline import TranspileResult, transpile

from conftest import write

pytestmark = pytest.mark.usefixtures("isolated")

PROJECT_ROOT = Path(__file__).resolve().parent.parent

SCRIPT = 'import time\n\ntime.sleep(0.01)\nprint("done")\n'


def expected(source: str, path: str) -> str:
    """What the pipeline generates for ``source`` (the CLI must pass it on as is)."""
    result = transpile(source, path=path, config=Config())
    assert result.code is not None
    return result.code


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ------------------------------------------------------------------ stdin and stdout


def test_stdin_to_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, SCRIPT.encode())
    assert cli.main(["transpile", "-"]) == 0
    out, err = capsys.readouterr()
    assert out == expected(SCRIPT, "<stdin>")
    # no diagnostics: only the summary line (one sleep, awaited where it is)
    assert (
        err == "<stdin>: 0 of 1 external call starts early; 1 waits: see `epic explain <stdin>`\n"
    )


def test_dash_output_means_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    assert cli.main(["transpile", str(src), "-o", "-"]) == 0
    assert capsys.readouterr().out == expected(SCRIPT, str(src))
    assert listing(tmp_path) == {"in.py"}


def test_stdin_diagnostics_name_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, b"x = 1\ny = '\xff'\n")
    assert cli.main(["transpile", "-"]) == 1
    assert capsys.readouterr().err.startswith("<stdin>:2:6: error: ")


def test_subprocess_stdin_to_stdout(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "transpiler", "transpile", "-"],
        input=SCRIPT.encode(),
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == expected(SCRIPT, "<stdin>")


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_bytes(b"print('\xff')\n")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    run = [sys.executable, "-m", "transpiler", "transpile"]
    encoding = subprocess.run(
        [*run, str(bad)], capture_output=True, cwd=tmp_path, env=env, check=False
    )
    assert encoding.returncode == 1
    assert b"[encoding-error]" in encoding.stderr
    assert encoding.stdout == b""
    missing = subprocess.run(
        [*run, "nope.py"], capture_output=True, cwd=tmp_path, env=env, check=False
    )
    assert missing.returncode == 2
    usage = subprocess.run(
        [*run, "--bogus"], capture_output=True, cwd=tmp_path, env=env, check=False
    )
    assert usage.returncode == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("epic ")


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "usage: epic" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["transpile", "x.py", "--frobnicate"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_serve_delegates_to_the_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--help"]) == 0
    assert "--per-token" in capsys.readouterr().out
    assert cli.main(["serve", "--ttft", "-1"]) == 2


# --------------------------------------------------------------------------- writing


def test_output_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == expected(SCRIPT, str(src))
    assert capsys.readouterr().out == ""


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out_dir = tmp_path / "gen"
    out_dir.mkdir()
    assert cli.main(["transpile", str(src), "-o", str(out_dir / "out.py")]) == 0
    assert listing(out_dir) == {"out.py"}
    # Regenerating over a stale file replaces it, again without leftovers.
    write(out_dir / "out.py", "stale\n")
    assert cli.main(["transpile", str(src), "-o", str(out_dir / "out.py")]) == 0
    assert listing(out_dir) == {"out.py"}


def test_failed_write_leaves_output_and_directory_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = write(tmp_path / "out.py", "previous\n")

    def broken_replace(a: object, b: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert out.read_text() == "previous\n"
    assert listing(tmp_path) == {"in.py", "out.py"}


def test_unchanged_output_keeps_mtime(tmp_path: Path) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    past = 1_000_000_000
    os.utime(out, (past, past))
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    assert out.stat().st_mtime == past


def test_write_atomic_keeps_permissions_and_follows_symlinks(tmp_path: Path) -> None:
    real = write(tmp_path / "real.py", "old\n")
    real.chmod(0o640)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    assert write_atomic(link, b"new\n") is True
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"
    assert real.stat().st_mode & 0o777 == 0o640
    assert write_atomic(link, b"new\n") is False


# ------------------------------------------------------------------------ bad paths


@pytest.mark.parametrize(
    "spelling",
    ["same path", "relative path", "dot-dot path", "symlink", "hard link"],
)
def test_output_equal_to_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    (tmp_path / "sub").mkdir()
    src = write(tmp_path / "in.py", SCRIPT)
    before = src.stat().st_mtime_ns
    out = {
        "same path": str(src),
        "relative path": "in.py",  # the cwd is tmp_path
        "dot-dot path": str(tmp_path / "sub" / ".." / "in.py"),
        "symlink": str(tmp_path / "link.py"),
        "hard link": str(tmp_path / "hard.py"),
    }[spelling]
    if spelling == "symlink":
        (tmp_path / "link.py").symlink_to(src)
    if spelling == "hard link":
        os.link(src, tmp_path / "hard.py")
    assert cli.main(["transpile", str(src), "-o", out]) == 2
    assert "is the input file itself" in capsys.readouterr().err
    assert src.read_text() == SCRIPT
    assert src.stat().st_mtime_ns == before


def test_missing_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["transpile", "nope.py"]) == 2
    assert "nope.py: no such file" in capsys.readouterr().err


def test_directory_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A directory is a program: it needs an output directory.
    (tmp_path / "pkg").mkdir()
    assert cli.main(["transpile", "pkg"]) == 2
    assert "requires -o OUT_DIR" in capsys.readouterr().err


def test_output_directory_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    assert cli.main(["transpile", str(src), "-o", "no/such/dir/out.py"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert listing(tmp_path) == {"in.py"}


def test_output_is_a_directory(tmp_path: Path) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    (tmp_path / "gen").mkdir()
    assert cli.main(["transpile", str(src), "-o", "gen"]) == 2


def test_check_requires_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    assert cli.main(["transpile", str(src), "--check"]) == 2
    assert "--check requires -o" in capsys.readouterr().err


# ---------------------------------------------------------------- errors in the input


def test_syntax_error_is_positioned_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Needs the real pipeline (the placeholder accepts anything).
    src = write(tmp_path / "in.py", "x = 1\ny = (2 +\n")
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    header = re.compile(rf"^{re.escape(str(src))}:\d+:\d+: error: .+  \[syntax-error\]$", re.M)
    assert header.search(err), err
    assert re.search(r"^ +\^$", err, re.M), err  # the caret line
    assert listing(tmp_path) == {"in.py"}


def test_undecodable_bytes_are_a_positioned_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(b"x = 1\nname = 'caf\xe9'\n")
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"{src}:2:12: error: cannot decode byte 0xe9 as utf-8 "
        "(invalid continuation byte)  [encoding-error]"
    )
    assert err[1] == "    name = 'caf\ufffd'"
    assert err[2] == "    " + " " * 11 + "^"
    assert err[3].startswith("note: ")
    assert listing(tmp_path) == {"in.py"}


def test_latin1_cookie_decodes_and_is_kept(tmp_path: Path) -> None:
    source = '# -*- coding: latin-1 -*-\nprint("café")\n'
    src = tmp_path / "in.py"
    src.write_bytes(source.encode("latin-1"))
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    generated = decode_source(out.read_bytes(), path=str(out))
    assert "café" in generated.text
    # Saved in the encoding the output declares, so Python reads it back right.
    assert generated.encoding == "iso-8859-1"


def test_output_unencodable_in_its_declared_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(b"# coding: latin-1\nprint('caf\xe9')\n")
    monkeypatch.setattr(
        cli, "transpile", fake_pipeline(code="# coding: latin-1\nprint('\u20ac')\n")
    )
    assert cli.main(["transpile", str(src), "-o", "out.py"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{src}:1:1: error: the transpiled code cannot be saved as")
    assert "[encoding-error]" in err
    assert listing(tmp_path) == {"in.py"}


def test_empty_file(tmp_path: Path) -> None:
    src = write(tmp_path / "in.py", "")
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    assert out.read_text() == expected("", str(src))


def test_crlf_input(tmp_path: Path) -> None:
    src = tmp_path / "in.py"
    src.write_bytes(SCRIPT.replace("\n", "\r\n").encode())
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.decode() == expected(SCRIPT, str(src)).replace("\n", "\r\n")


# -------------------------------------------------------------------- --check, --diff


def test_check_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = write(tmp_path / "out.py", expected(SCRIPT, str(src)))
    assert cli.main(["transpile", str(src), "-o", str(out), "--check"]) == 0
    assert capsys.readouterr() == ("", "")


def test_check_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = write(tmp_path / "out.py", "stale\n")
    assert cli.main(["transpile", str(src), "-o", str(out), "--check"]) == 1
    assert capsys.readouterr().err == f"would regenerate {out}\n"
    assert out.read_text() == "stale\n"


def test_check_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out), "--check"]) == 1
    assert f"would regenerate {out}" in capsys.readouterr().err
    assert not out.exists()


def test_diff_prints_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = write(tmp_path / "out.py", "stale\n")
    assert cli.main(["transpile", str(src), "-o", str(out), "--diff"]) == 0
    diff = capsys.readouterr().out
    assert diff.startswith(f"--- {out}\t(current)\n+++ {out}\t(generated)\n")
    assert "\n-stale\n" in diff
    assert '+    print("done")\n' in diff
    assert out.read_text() == "stale\n"
    assert listing(tmp_path) == {"in.py", "out.py"}


def test_diff_against_missing_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = tmp_path / "out.py"
    assert cli.main(["transpile", str(src), "-o", str(out), "--diff"]) == 0
    diff = capsys.readouterr().out
    assert diff.count("\n+") == len(expected(SCRIPT, str(src)).splitlines()) + 1
    assert not out.exists()


def test_diff_with_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = write(tmp_path / "out.py", "stale\n")
    assert cli.main(["transpile", str(src), "-o", str(out), "--diff", "--check"]) == 1
    captured = capsys.readouterr()
    assert "-stale" in captured.out
    assert "would regenerate" in captured.err
    write(out, expected(SCRIPT, str(src)))
    assert cli.main(["transpile", str(src), "-o", str(out), "--diff", "--check"]) == 0
    assert capsys.readouterr().out == ""


def test_diff_without_output_compares_with_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    assert cli.main(["transpile", str(src), "--diff"]) == 0
    diff = capsys.readouterr().out
    if expected(SCRIPT, str(src)) == SCRIPT:  # the placeholder pipeline
        assert diff == ""
    else:
        assert diff.startswith(f"--- {src}\t(input)\n+++ {src}\t(transpiled)\n")


def test_diff_marks_missing_final_newline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    out = write(tmp_path / "out.py", "stale")
    assert cli.main(["transpile", str(src), "-o", str(out), "--diff"]) == 0
    assert "-stale\n\\ No newline at end of file\n" in capsys.readouterr().out


# --------------------------------------------------------------------- configuration


def test_config_error_in_nearest_pyproject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.epic]\nbogus = 1\n")
    src = write(tmp_path / "in.py", SCRIPT)
    assert cli.main(["transpile", str(src), "-o", "out.py"]) == 2
    assert "unknown [tool.epic] key(s): bogus" in capsys.readouterr().err
    assert listing(tmp_path) == {"in.py", "pyproject.toml"}


def test_config_error_from_stdin_uses_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", "[tool.epic]\nexternal = 'x'\n")
    feed_stdin(monkeypatch, SCRIPT.encode())
    assert cli.main(["transpile", "-"]) == 2
    assert "must be a list" in capsys.readouterr().err


def test_explicit_config_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    assert cli.main(["transpile", str(src), "--config", "nope.toml"]) == 2
    assert "cannot read configuration" in capsys.readouterr().err


def test_explicit_config_is_passed_to_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = write(tmp_path / "cfg.toml", '[tool.epic]\nexternal = ["tools.search"]\n')
    src = write(tmp_path / "in.py", SCRIPT)
    seen: list[Config] = []

    def spy(source: str, *, path: str, config: Config) -> TranspileResult:
        seen.append(config)
        return TranspileResult(code=source, diagnostics=())

    monkeypatch.setattr(cli, "transpile", spy)
    assert cli.main(["transpile", str(src), "--config", str(cfg), "-o", "o.py"]) == 0
    assert seen == [Config(external=("tools.search",))]


def test_config_reads_the_functions_declared_pure(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", '[tool.epic]\npure = ["mylib.clean"]\n')
    assert load_config(cfg).pure == ("mylib.clean",)
    write(cfg, "[tool.epic]\npure = 'mylib.clean'\n")
    with pytest.raises(ConfigError, match="pure must be a list"):
        load_config(cfg)


# ---------------------------------------------------- diagnostics and internal errors


def fake_pipeline(*diagnostics: Diagnostic, code: str | None = "x = 1\n") -> object:
    def fake(source: str, *, path: str, config: Config) -> TranspileResult:
        return TranspileResult(code=code, diagnostics=diagnostics)

    return fake


def diagnostic(severity: str, code: str) -> Diagnostic:
    return Diagnostic(
        path="in.py",
        line=1,
        column=1,
        severity=severity,  # type: ignore[arg-type]
        code=code,
        message=f"a {severity}",
        source_line="x = 1",
    )


def test_warnings_do_not_change_the_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    monkeypatch.setattr(
        cli,
        "transpile",
        fake_pipeline(diagnostic("warning", "w"), diagnostic("note", "n")),
    )
    assert cli.main(["transpile", str(src), "-o", "out.py"]) == 0
    err = capsys.readouterr().err
    assert "in.py:1:1: warning: a warning  [w]" in err
    assert "in.py:1:1: note: a note  [n]" in err
    assert (tmp_path / "out.py").read_text() == "x = 1\n"


def test_quiet_prints_only_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    monkeypatch.setattr(cli, "transpile", fake_pipeline(diagnostic("warning", "w")))
    assert cli.main(["transpile", str(src), "-q", "-o", "out.py"]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(
        cli,
        "transpile",
        fake_pipeline(diagnostic("warning", "w"), diagnostic("error", "e"), code=None),
    )
    assert cli.main(["transpile", str(src), "--quiet", "-o", "out2.py"]) == 1
    err = capsys.readouterr().err
    assert "[e]" in err and "[w]" not in err
    assert not (tmp_path / "out2.py").exists()


def test_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "in.py", SCRIPT)

    def crash(source: str, *, path: str, config: Config) -> TranspileResult:
        raise ValueError("boom")

    monkeypatch.setattr(cli, "transpile", crash)
    assert cli.main(["transpile", str(src), "-o", "out.py"]) == 123
    err = capsys.readouterr().err
    assert f"error: internal error while transpiling {src}: ValueError: boom" in err
    assert "EPIC_DEBUG" in err
    assert "Traceback" not in err
    assert listing(tmp_path) == {"in.py"}

    monkeypatch.setenv("EPIC_DEBUG", "1")
    assert cli.main(["transpile", str(src), "-o", "out.py"]) == 123
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert 'raise ValueError("boom")' in err


def test_no_code_and_no_error_is_internal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = write(tmp_path / "in.py", SCRIPT)
    monkeypatch.setattr(cli, "transpile", fake_pipeline(code=None))
    assert cli.main(["transpile", str(src)]) == 123


# ------------------------------------------------------------------- reading sources


def test_decode_utf8_bom_and_crlf() -> None:
    source = decode_source(b"\xef\xbb\xbfx = 1\r\ny = 2\rz = 3\n", path="a.py")
    assert source.text == "x = 1\ny = 2\nz = 3\n"
    assert source.encoding == "utf-8"


def test_decode_error_column_after_bom() -> None:
    with pytest.raises(SourceDecodeError) as caught:
        decode_source(b"\xef\xbb\xbfab\xff\n", path="a.py")
    assert (caught.value.diagnostic.line, caught.value.diagnostic.column) == (1, 3)


def test_decode_error_counts_characters_not_bytes() -> None:
    with pytest.raises(SourceDecodeError) as caught:
        decode_source("s = 'é'\nt = 'é".encode() + b"\xff'\n", path="a.py")
    found = caught.value.diagnostic
    assert (found.line, found.column) == (2, 7)


def test_unknown_coding_cookie() -> None:
    with pytest.raises(SourceDecodeError) as caught:
        decode_source(b"#!/usr/bin/env python\n# coding: klingon\n", path="a.py")
    found = caught.value.diagnostic
    assert (found.line, found.code) == (2, "encoding-error")
    assert "klingon" in found.message


def test_encode_output_follows_the_cookie() -> None:
    assert encode_output("# coding: latin-1\ns = 'é'\n").endswith(b"'\xe9'\n")
    assert encode_output("s = 'é'\n").endswith("'é'\n".encode())


# --------------------------------------------------------------------------- compare


def test_run_script_and_compare_scripts(tmp_path: Path) -> None:
    write(tmp_path / "helper.py", "GREETING = 'hello'\n")
    original = write(
        tmp_path / "script.py",
        "import os, sys, runtime_shim, helper\n"
        "print(helper.GREETING, os.environ['OPENAI_BASE_URL'])\n"
        "print('oops', file=sys.stderr)\n",
    )
    # The copy runs from another folder, yet imports the script's sibling module.
    elsewhere = tmp_path / "gen"
    elsewhere.mkdir()
    copy = write(elsewhere / "script.py", original.read_text())
    result = comparing.compare_scripts(original, copy, base_url="http://offline/v1")
    assert result.original == comparing.RunOutcome(
        stdout="hello http://offline/v1\n",
        stderr="oops\n",
        returncode=0,
        seconds=result.original.seconds,
    )
    assert result.identical


def test_run_script_timeout(tmp_path: Path) -> None:
    script = write(tmp_path / "slow.py", "import time\nprint('a', flush=True)\ntime.sleep(60)\n")
    outcome = comparing.run_script(script, cwd=tmp_path, env=os.environ, timeout=1)
    assert outcome.timed_out
    assert outcome.stdout == "a\n"


def test_report_for_different_runs() -> None:
    same = comparing.RunOutcome(stdout="a\nb\n", stderr="", returncode=0, seconds=2.0)
    other = comparing.RunOutcome(stdout="a\nc\n", stderr="warn\n", returncode=1, seconds=0.5)
    result = comparing.Comparison(original=same, transpiled=other)
    assert not result.identical
    assert result.speedup == 4.0
    report = comparing.render_report(result, script="s.py", generated="g/s.py", kept=True)
    assert "exit codes differ: original 0, transpiled 1" in report
    assert "    -b" in report and "    +c" in report
    assert "transpiled stderr:\n    warn\n" in report
    assert "original stderr" not in report
    assert report.endswith("identical output: no\nspeedup: 4.00x\n")


def test_compare_command_on_a_script_without_calls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = write(tmp_path / "hello.py", "for i in range(3):\n    print('line', i)\n")
    keep = tmp_path / "kept"
    assert cli.main(["compare", str(script), "--keep", str(keep), "--scale", "0"]) == 0
    report = capsys.readouterr().out
    assert "    line 0\n    line 1\n    line 2\n" in report
    assert "identical output: yes" in report
    assert re.search(r"^speedup: \d+\.\d\dx$", report, re.M)
    assert (keep / "hello.py").is_file()
    assert listing(tmp_path) == {"hello.py", "kept"}


def test_compare_command_with_sleep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Needs the real pipeline: the kept copy must be the asyncio version.
    script = write(
        tmp_path / "naps.py",
        "import time\n\n" "time.sleep(0.2)\n" "time.sleep(0.2)\n" "print('rested')\n",
    )
    keep = tmp_path / "kept"
    assert cli.main(["compare", str(script), "--keep", str(keep)]) == 0
    assert "identical output: yes" in capsys.readouterr().out
    assert "asyncio" in (keep / "naps.py").read_text()


def test_compare_reports_different_behaviour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = write(tmp_path / "s.py", "print('original')\n")
    monkeypatch.setattr(cli, "transpile", fake_pipeline(code="print('changed')\n"))
    assert cli.main(["compare", str(script), "--scale", "0"]) == 1
    report = capsys.readouterr().out
    assert "identical output: no" in report
    assert "(deleted; keep it with --keep DIR)" in report


def test_compare_refuses_to_keep_into_the_script_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = write(tmp_path / "s.py", "print(1)\n")
    assert cli.main(["compare", str(script), "--keep", "."]) == 2
    assert "would overwrite the script" in capsys.readouterr().err
    assert script.read_text() == "print(1)\n"


def test_compare_errors_in_the_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "s.py"
    script.write_bytes(b"print('\xff')\n")
    assert cli.main(["compare", str(script)]) == 1
    assert "[encoding-error]" in capsys.readouterr().err
    assert cli.main(["compare", "missing.py"]) == 2


def test_transpile_prints_one_summary_line_and_strict_fails_a_sequential_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overlapping = write(
        tmp_path / "both.py", 'import time\n\ntime.sleep(0.01)\ntime.sleep(0.01)\nprint("done")\n'
    )
    assert cli.main(["transpile", str(overlapping), "--strict", "-o", "both_out.py"]) == 0
    assert capsys.readouterr().err.endswith("both.py: 2 of 2 external calls start early\n")

    # The only function that sleeps is used as a value: it stays sync, nothing starts early.
    kept = write(
        tmp_path / "kept.py",
        "import time\n\n\ndef wait():\n    time.sleep(0.01)\n\n\nfor f in [wait]:\n    f()\n",
    )
    assert cli.main(["transpile", str(kept), "-o", "kept_out.py"]) == 0
    err = capsys.readouterr().err
    assert "kept.py: kept sequential: none of its external calls can be awaited" in err
    assert cli.main(["transpile", str(kept), "--strict", "-q", "-o", "kept_out2.py"]) == 1
    assert capsys.readouterr().err == f"{kept}: kept sequential (--strict)\n"
    assert (tmp_path / "kept_out2.py").read_text() == (tmp_path / "kept.py").read_text()

    plain = write(tmp_path / "plain.py", "print(1 + 1)\n")  # no calls: no line, no failure
    assert cli.main(["transpile", str(plain), "--strict", "-o", "plain_out.py"]) == 0
    assert capsys.readouterr().err == ""
