"""``[tool.epic] generate``, ``epic sync`` and the pre-commit hook.

Configuration and the functions of :mod:`transpiler.sync` are tested directly, the
command in-process through :func:`transpiler.cli.main`, and the hook once end to end
with the real ``pre-commit`` in a throwaway git repository. Expected outputs are what
``epic transpile`` writes for the same source: sync must produce the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import transpiler.cli as cli
from transpiler import sync
from transpiler.config import Config, ConfigError, load_config
from transpiler.io import encode_output
from transpiler.pipeline import TranspileResult, transpile

from conftest import write

pytestmark = pytest.mark.usefixtures("isolated")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

AGENT = 'import time\n\ntime.sleep(0.01)\nprint("agent")\n'
TOOL = 'import time\n\ntime.sleep(0.02)\nprint("tool")\n'
BROKEN = "import time\n\ntime.sleep(0.01\n"

PYPROJECT = """\
[tool.epic]
generate = { "scripts/agent.py" = "scripts/agent_async.py", "tool.py" = "gen/tool_async.py" }
"""


def expected(source: str) -> bytes:
    """The bytes ``epic transpile`` saves for ``source`` (default configuration)."""
    result = transpile(source, path="x.py", config=Config())
    assert result.code is not None and not result.has_errors
    return encode_output(result.code)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two configured pairs: scripts/agent.py and tool.py (outputs not generated)."""
    write(tmp_path / "pyproject.toml", PYPROJECT)
    write(tmp_path / "scripts" / "agent.py", AGENT)
    write(tmp_path / "tool.py", TOOL)
    (tmp_path / "gen").mkdir()
    return tmp_path


def config_with(tmp_path: Path, generate: str) -> Config:
    path = write(tmp_path / "pyproject.toml", f"[tool.epic]\ngenerate = {generate}\n")
    return load_config(path)


# ----------------------------------------------------------------------- configuration


def test_generate_pairs_are_read_in_order_and_normalised(tmp_path: Path) -> None:
    config = config_with(tmp_path, '{ "b.py" = "out/b_async.py", "./x/../a.py" = "a_async.py" }')
    assert config.generate == (("b.py", "out/b_async.py"), ("a.py", "a_async.py"))


def test_generate_as_a_table_section(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.epic]\nexternal = ["t.f"]\n\n[tool.epic.generate]\n"a.py" = "b.py"\n',
    )
    assert load_config(path) == Config(external=("t.f",), generate=(("a.py", "b.py"),))


def test_no_generate_means_no_pairs(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.epic]\nexternal = ["t.f"]\n')
    assert load_config(path).generate == ()
    assert Config().generate == ()


@pytest.mark.parametrize(
    ("generate", "message"),
    [
        ('["a.py"]', "generate must be a table mapping each source script"),
        ('{ "a.py" = 3 }', "the output of 'a.py' must be a path (a string)"),
        ("{ a.py = 'b.py' }", "quote paths that contain a dot"),
        ('{ "a.py" = "a.py" }', "the output must differ from the source"),
        ('{ "a.py" = "./sub/../a.py" }', "the output must differ from the source"),
        ('{ "a.py" = "" }', "the output path is empty"),
        ('{ "/abs/a.py" = "b.py" }', "the source path must be relative"),
        ('{ "a.py" = "/tmp/b.py" }', "the output path must be relative"),
        ('{ "a.py" = "out/" }', "the output must name a file, not a directory"),
        ('{ "a.py" = "b.py", "c.py" = "./b.py" }', "is the output of both"),
        ('{ "a.py" = "b.py", "./a.py" = "c.py" }', "are the same source"),
        (
            '{ "a.py" = "b.py", "b.py" = "c.py" }',
            "a generated file cannot be the source",
        ),
    ],
)
def test_bad_generate_values_are_config_errors(tmp_path: Path, generate: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"\[tool\.epic\] generate") as caught:
        config_with(tmp_path, generate)
    assert message in str(caught.value)
    assert str(tmp_path / "pyproject.toml") in str(caught.value)


# ------------------------------------------------------------------- sync functions


def test_targets_are_joined_to_the_pyproject_folder(project: Path) -> None:
    config = load_config(project / "pyproject.toml")
    assert sync.targets(config, project) == (
        sync.Target(project / "scripts/agent.py", project / "scripts/agent_async.py"),
        sync.Target(project / "tool.py", project / "gen/tool_async.py"),
    )


def test_select(project: Path) -> None:
    agent, tool = sync.targets(load_config(project / "pyproject.toml"), project)
    both = (agent, tool)
    assert sync.select(both, None) == both
    assert sync.select(both, []) == both
    # Relative names are taken from the current directory (pre-commit's repo root).
    assert sync.select(both, [Path("scripts/agent.py")]) == (agent,)
    assert sync.select(both, [Path("gen/tool_async.py")]) == (tool,)
    assert sync.select(both, [Path("scripts/../tool.py"), Path("other.py")]) == (tool,)
    # Configuration order, each target once.
    names = [Path("tool.py"), Path("scripts/agent_async.py"), Path("scripts/agent.py")]
    assert sync.select(both, names) == both
    assert sync.select(both, [Path("unrelated.py")]) == ()


def test_sync_target_writes_only_changes(project: Path) -> None:
    target = sync.Target(project / "tool.py", project / "gen" / "tool_async.py")
    data = expected(TOOL)
    assert sync.sync_target(target, data, check=True) is sync.Status.STALE
    assert not target.output.exists()
    assert sync.sync_target(target, data, check=False) is sync.Status.REGENERATED
    assert target.output.read_bytes() == data
    os.utime(target.output, (1_000_000, 1_000_000))
    assert sync.sync_target(target, data, check=False) is sync.Status.UP_TO_DATE
    assert sync.sync_target(target, data, check=True) is sync.Status.UP_TO_DATE
    assert target.output.stat().st_mtime == 1_000_000  # not rewritten
    assert sync.sync_target(target, b"changed\n", check=True) is sync.Status.STALE
    assert target.output.read_bytes() == data


def test_check_target_accepts_a_good_pair(project: Path) -> None:
    sync.check_target(sync.Target(project / "tool.py", project / "gen" / "t.py"))


@pytest.mark.parametrize(
    ("source", "output", "message"),
    [
        ("missing.py", "out.py", "missing.py: no such file (the source of out.py"),
        ("scripts", "out.py", "scripts is a directory"),
        ("tool.py", "gen", "gen is a directory"),
        ("tool.py", "nowhere/out.py", "directory nowhere does not exist"),
        ("tool.py", "link.py", "link.py is the source tool.py itself"),
    ],
)
def test_check_target_refuses(project: Path, source: str, output: str, message: str) -> None:
    (project / "link.py").symlink_to(project / "tool.py")
    with pytest.raises(sync.SyncError) as caught:
        sync.check_target(sync.Target(project / source, project / output))
    assert message in str(caught.value)


def test_display_path(tmp_path: Path) -> None:
    assert sync.display_path(tmp_path / "a" / "b.py", tmp_path) == "a/b.py"
    assert sync.display_path(Path("/elsewhere/b.py"), tmp_path) == "/elsewhere/b.py"
    assert sync.display_path(Path("rel.py")) == "rel.py"


# ------------------------------------------------------------------------- the command


def test_sync_everything_then_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync"]) == 1
    out, err = capsys.readouterr()
    assert out == "regenerated scripts/agent_async.py\nregenerated gen/tool_async.py\n"
    assert err == ""
    assert (project / "scripts" / "agent_async.py").read_bytes() == expected(AGENT)
    assert (project / "gen" / "tool_async.py").read_bytes() == expected(TOOL)
    assert b"asyncio.sleep" in expected(AGENT)

    assert cli.main(["sync"]) == 0
    assert capsys.readouterr() == ("", "")
    assert cli.main(["sync", "--check"]) == 0


def test_sync_writes_what_transpile_writes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["transpile", "tool.py", "-o", "via_transpile.py"]) == 0
    assert cli.main(["sync", "tool.py"]) == 1
    assert (project / "gen" / "tool_async.py").read_bytes() == (
        project / "via_transpile.py"
    ).read_bytes()


def test_only_pairs_among_files_are_synced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["sync", "tool.py", "README.md", "other.py"]) == 1
    assert capsys.readouterr().out == "regenerated gen/tool_async.py\n"
    assert not (project / "scripts" / "agent_async.py").exists()
    # Files that belong to no pair: nothing to do.
    assert cli.main(["sync", "other.py"]) == 0
    assert capsys.readouterr() == ("", "")


def test_a_hand_edited_output_is_regenerated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["sync"]) == 1
    output = project / "scripts" / "agent_async.py"
    output.write_text("# edited by hand\n")
    assert cli.main(["sync", "--check", "scripts/agent_async.py"]) == 1
    assert output.read_text() == "# edited by hand\n"
    capsys.readouterr()
    assert cli.main(["sync", "scripts/agent_async.py"]) == 1
    assert capsys.readouterr().out == "regenerated scripts/agent_async.py\n"
    assert output.read_bytes() == expected(AGENT)


def test_check_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync", "--check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("would regenerate scripts/agent_async.py\nwould regenerate gen/tool_async.py\n")
    assert not (project / "scripts" / "agent_async.py").exists()
    assert not (project / "gen" / "tool_async.py").exists()


def test_paths_are_relative_to_the_pyproject_not_the_cwd(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # From a subfolder, the nearest pyproject.toml above is found, FILES are relative
    # to the subfolder, and messages name files from there.
    monkeypatch.chdir(project / "scripts")
    assert cli.main(["sync", "agent.py"]) == 1
    assert capsys.readouterr().out == "regenerated agent_async.py\n"
    # --config from anywhere else.
    elsewhere = project / "gen"
    monkeypatch.chdir(elsewhere)
    assert cli.main(["sync", "--config", "../pyproject.toml", "../tool.py"]) == 1
    assert capsys.readouterr().out == "regenerated tool_async.py\n"


def test_a_source_with_errors_is_reported_and_the_others_synced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "tool.py", BROKEN)
    write(project / "gen" / "tool_async.py", "# previous output\n")
    assert cli.main(["sync"]) == 1
    out, err = capsys.readouterr()
    assert out == "regenerated scripts/agent_async.py\n"
    assert "tool.py:3:11: error: '(' was never closed  [syntax-error]" in err
    assert "gen/tool_async.py: not regenerated (tool.py has errors)" in err
    assert (project / "gen" / "tool_async.py").read_text() == "# previous output\n"
    # Errors keep failing the run even when the other outputs are up to date.
    assert cli.main(["sync"]) == 1
    assert capsys.readouterr().out == ""


def test_internal_error_is_123_and_writes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(source: str, *, path: str, config: Config) -> TranspileResult:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "transpile", crash)
    assert cli.main(["sync"]) == 123
    err = capsys.readouterr().err
    assert "internal error while transpiling scripts/agent.py: RuntimeError: boom" in err
    assert not (project / "scripts" / "agent_async.py").exists()


def test_the_pyproject_configuration_reaches_the_pipeline(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        project / "pyproject.toml",
        '[tool.epic]\nexternal = ["tools.search"]\ngenerate = { "tool.py" = "t.py" }\n',
    )
    seen: list[Config] = []

    def spy(source: str, *, path: str, config: Config) -> TranspileResult:
        seen.append(config)
        return TranspileResult(code=source, diagnostics=())

    monkeypatch.setattr(cli, "transpile", spy)
    assert cli.main(["sync"]) == 1
    assert seen == [Config(external=("tools.search",), generate=(("tool.py", "t.py"),))]
    assert (project / "t.py").read_text() == TOOL


@pytest.mark.parametrize(
    ("args", "setup", "message"),
    [
        (["sync"], "none", "no pyproject.toml at or above"),
        (["sync"], "empty", "no [tool.epic] generate table"),
        (["sync"], "bad", "the output must differ from the source"),
        (
            ["sync", "--config", "nope.toml"],
            "empty",
            "--config nope.toml: no such file",
        ),
        (["sync", "--config", "."], "empty", "is a directory"),
        (["sync"], "missing-source", "gone.py: no such file (the source of gone_async"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    setup: str,
    message: str,
) -> None:
    write(tmp_path / "tool.py", TOOL)
    pyproject = {
        "none": None,
        "empty": "[tool.epic]\n",
        "bad": '[tool.epic]\ngenerate = { "tool.py" = "tool.py" }\n',
        # A good pair first: nothing is written when any selected pair is bad.
        "missing-source": (
            '[tool.epic]\ngenerate = { "tool.py" = "t.py", "gone.py" = "gone_async.py" }\n'
        ),
    }[setup]
    if pyproject is not None:
        write(tmp_path / "pyproject.toml", pyproject)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_help_lists_sync(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    assert "sync" in capsys.readouterr().out
    assert cli.main(["sync", "--help"]) == 0
    assert "--check" in capsys.readouterr().out


# ----------------------------------------------------------------------- pre-commit


def test_hook_manifest_is_valid() -> None:
    manifest = PROJECT_ROOT / ".pre-commit-hooks.yaml"
    done = subprocess.run(
        [str(VENV_BIN / "pre-commit"), "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = manifest.read_text()
    for line in (
        "- id: epic-sync",
        "entry: epic sync",
        "language: python",
        r"files: \.py$",
        "pass_filenames: true",
        "require_serial: true",
    ):
        assert line in text.splitlines() or f"  {line}" in text.splitlines(), line


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_end_to_end(tmp_path: Path) -> None:
    """The real pre-commit: a staged source change fails once, then passes."""
    repo = tmp_path / "repo"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "NO_PROXY": "*",
    }

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=repo, env=env, capture_output=True, text=True, check=False
        )

    def git(*command: str) -> None:
        done = run("git", *command)
        assert done.returncode == 0, done.stdout + done.stderr

    write(
        repo / "pyproject.toml",
        '[tool.epic]\ngenerate = { "scripts/agent.py" = "scripts/agent_async.py" }\n',
    )
    write(repo / "scripts" / "agent.py", AGENT)
    write(repo / "scripts" / "agent_async.py", expected(AGENT).decode())
    write(
        repo / ".pre-commit-config.yaml",
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: epic-sync\n"
        "        name: epic sync\n"
        f"        entry: {VENV_BIN / 'epic'} sync\n"
        "        language: system\n"
        "        files: \\.py$\n"
        "        pass_filenames: true\n"
        "        require_serial: true\n",
    )
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "initial")

    changed = AGENT.replace('print("agent")', 'time.sleep(0.5)\nprint("agent v2")')
    write(repo / "scripts" / "agent.py", changed)
    git("add", "scripts/agent.py")
    pre_commit = str(VENV_BIN / "pre-commit")

    first = run(pre_commit, "run", "--files", "scripts/agent.py")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "regenerated scripts/agent_async.py" in first.stdout
    assert "files were modified by this hook" in first.stdout
    generated = (repo / "scripts" / "agent_async.py").read_text()
    assert "asyncio.sleep(0.5)" in generated and "agent v2" in generated
    assert generated.encode() == expected(changed)

    git("add", "scripts/agent_async.py")
    second = run(pre_commit, "run", "--files", "scripts/agent.py")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
