"""Whole-program mode (``transpiler/program.py``, ``epic transpile DIR -o OUT``): which
modules become async, which keep their sync API and why, and the command line's
all-or-nothing writes. The goldens in ``golden/programs/`` run the programs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from transpiler import cli
from transpiler.program import ModuleOutcome, SourceModule, transpile_program

HELPER = """\
from openai import OpenAI

client = OpenAI()


def ask(question):
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content
"""


def program(**files: str) -> dict[str, ModuleOutcome]:
    """Modules by name (``pkg__llm``: ``pkg/llm.py``; ``pkg__``: ``pkg/__init__.py``)."""
    modules = [
        SourceModule(
            (name[:-2] + "/__init__" if name.endswith("__") else name.replace("__", "/")) + ".py",
            textwrap.dedent(text),
            name,
        )
        for name, text in files.items()
    ]
    result = transpile_program(modules)
    assert not result.has_errors, [d.render() for d in result.diagnostics]
    return {o.module.name: o for o in result.outcomes}


def kept(outcomes: dict[str, ModuleOutcome], name: str) -> str | None:
    return outcomes[name].kept_because


def code(outcome: ModuleOutcome) -> str:
    assert outcome.code is not None
    return outcome.code


def test_helper_becomes_async_with_its_caller() -> None:
    out = program(helper=HELPER, main="from helper import ask\nprint([ask(q) for q in 'ab'])\n")
    assert "async def ask" in code(out["helper"])
    assert "tasks.gather(ask(q) for q in" in code(out["main"])


def test_module_import_and_alias_spellings() -> None:
    main = "import helper as h\nfrom helper import ask as a\nprint(h.ask('x'), a('y'))\n"
    out = program(helper=HELPER, main=main)
    assert "async def ask" in code(out["helper"])
    main_code = code(out["main"])
    assert 'tasks.spawn(a("y"))' in main_code  # started before the first is awaited
    assert 'print(await h.ask("x"), await a_task)' in main_code


@pytest.mark.parametrize(
    "main, why",
    [
        ("from helper import ask\nprint(list(map(ask, 'ab')))\n", "cannot be awaited"),
        ("from helper import ask\nf = lambda q: ask(q)\nprint(f('a'))\n", "cannot be awaited"),
        ("__all__ = ['ask']\nfrom helper import *\nprint(ask('a'))\n", None),
    ],
)
def test_a_use_that_cannot_await_keeps_the_module_sync(main: str, why: str | None) -> None:
    if why is None:  # an ``__all__`` in the module star-imported: names not listed
        out = program(helper="__all__ = ['ask']\n" + HELPER, main=main.split("\n", 1)[1])
        why = "names epic cannot list"
    else:
        out = program(helper=HELPER, main=main)
    assert code(out["helper"]) == out["helper"].module.source
    assert why in (kept(out, "helper") or "")
    assert "await" not in code(out["main"])  # and the script calls it as it was


def test_keeping_a_module_sync_cascades_to_what_it_uses() -> None:
    # mid.py keeps its sync API (main.py hands ``twice`` to ``map``), so its calls of
    # helper.ask stay sync: helper must stay sync too.
    mid = "from helper import ask\n\n\ndef twice(q):\n    return ask(q) + ask(q)\n"
    main = "from mid import twice\nprint(list(map(twice, 'ab')))\n"
    out = program(helper=HELPER, mid=mid, main=main)
    assert code(out["mid"]) == out["mid"].module.source
    assert code(out["helper"]) == out["helper"].module.source


def test_import_cycle_is_kept() -> None:
    a = HELPER + "\nimport b\n"
    b = "import a\n\n\ndef go():\n    return a.ask('x')\n"
    out = program(a=a, b=b, main="import b\nprint(b.go())\n")
    assert "import cycle" in (kept(out, "a") or "")
    assert "import cycle" in (kept(out, "b") or "")
    assert "await" not in code(out["main"])


def test_library_nobody_awaits_keeps_its_api() -> None:
    out = program(helper=HELPER, main="print('hello')\n")
    assert "keeps its sync API" in (kept(out, "helper") or "")


def test_methods_of_an_imported_class_are_followed() -> None:
    bot = HELPER + "\n\nclass Bot:\n    def reply(self, q):\n        return ask(q)\n"
    main = "from bot import Bot, ask\nb = Bot()\nprint(b.reply('x'), ask('y'))\n"
    out = program(bot=bot, main=main)
    assert "async def reply" in code(out["bot"])
    assert 'print(await b.reply("x"), await ask_task)' in code(out["main"])


def test_an_instance_another_modules_factory_returns_is_followed() -> None:
    # ``make()`` returns a Bot (every ``return`` of it): ``b.reply`` is Bot's.
    bot = (
        HELPER
        + "\n\nclass Bot:\n    def reply(self, q):\n        return ask(q)\n"
        + "\n\ndef make():\n    return Bot()\n"
    )
    main = "from bot import ask, make\nb = make()\nprint(b.reply('x'), ask('y'))\n"
    out = program(bot=bot, main=main)
    assert kept(out, "bot") is None
    assert "async def reply" in code(out["bot"])
    assert 'print(await b.reply("x"), await ask_task)' in code(out["main"])


def test_a_method_reached_through_an_object_epic_does_not_follow_keeps_it_sync() -> None:
    # ``make()`` returns a Bot or something else: main.py's ``b.reply`` is not known
    # to be Bot's, and nothing there awaits it, so bot.py keeps its sync API.
    bot = (
        HELPER
        + "\n\nclass Bot:\n    def reply(self, q):\n        return ask(q)\n"
        + "\n\ndef make(plain=False):\n    if plain:\n        return object()\n"
        + "    return Bot()\n"
    )
    main = "from bot import ask, make\nb = make()\nprint(b.reply('x'), ask('y'))\n"
    out = program(bot=bot, main=main)
    assert "uses `reply` where it cannot be awaited" in (kept(out, "bot") or "")
    assert code(out["bot"]) == out["bot"].module.source
    assert "await" not in code(out["main"])


def test_helper_that_changes_its_module_state_stays_in_order() -> None:
    helper = HELPER + "\nSEEN = []\n\n\ndef note(q):\n    SEEN.append(ask(q))\n"
    main = "from helper import SEEN, note\nnote('a')\nprint(len(SEEN))\nnote('b')\nprint(SEEN)\n"
    out = program(helper=helper, main=main)
    assert "async def note" in code(out["helper"])
    assert "spawn" not in code(out["main"])  # awaited in place, in program order


def test_relative_imports_and_reexports() -> None:
    out = program(
        pkg__="from .llm import ask\n",
        pkg__llm=HELPER,
        main="from pkg import ask\nprint([ask(q) for q in 'ab'])\n",
    )
    assert "async def ask" in code(out["pkg.llm"])
    assert "tasks.gather(ask(q)" in code(out["main"])


def test_pure_helpers_of_other_modules_are_not_barriers() -> None:
    prompts = "TEMPLATE = 'echo: {}'\n\n\ndef render(x):\n    return TEMPLATE.format(x)\n"
    main = (
        "from helper import ask\nfrom prompts import render\n"
        "for q in 'abc':\n    print(ask(render(q)))\n"
    )
    out = program(helper=HELPER, prompts=prompts, main=main)
    assert "spawn" in code(out["main"])


# ------------------------------------------------------------------- command line


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_cli_writes_the_whole_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    write(
        src,
        {
            "helper.py": HELPER,
            "main.py": "from helper import ask\nprint(ask('a'))\n",
            "data/notes.txt": "not python\n",
            ".venv/lib.py": "x = 1\n",
        },
    )
    out = tmp_path / "out"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.py")) == [
        "helper.py",
        "main.py",
    ]
    assert "async def ask" in (out / "helper.py").read_text()
    assert "made async for its importers: `ask`" in capsys.readouterr().err
    # Up to date: --check passes, and a second run changes nothing.
    assert cli.main(["transpile", str(src), "-o", str(out), "--check"]) == 0
    (out / "main.py").write_text("stale\n")
    assert cli.main(["transpile", str(src), "-o", str(out), "--check"]) == 1
    assert (out / "main.py").read_text() == "stale\n"


def test_cli_several_files_are_one_program(tmp_path: Path) -> None:
    write(tmp_path, {"helper.py": HELPER, "main.py": "from helper import ask\nprint(ask('a'))\n"})
    out = tmp_path / "out"
    files = [str(tmp_path / "helper.py"), str(tmp_path / "main.py")]
    assert cli.main(["transpile", *files, "-o", str(out)]) == 0
    assert "await ask('a')" in (out / "main.py").read_text().replace('"', "'")


def test_cli_writes_nothing_when_a_module_has_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    write(src, {"helper.py": HELPER, "main.py": "from helper import ask\nprint(ask('a')\n"})
    out = tmp_path / "out"
    assert cli.main(["transpile", str(src), "-o", str(out)]) == 1
    assert not out.exists()
    assert "main.py:2:" in capsys.readouterr().err
    assert (src / "main.py").read_text() == "from helper import ask\nprint(ask('a')\n"


def test_cli_program_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, {"helper.py": HELPER})
    assert cli.main(["transpile", str(tmp_path)]) == 2
    assert "requires -o OUT_DIR" in capsys.readouterr().err
    assert cli.main(["transpile", str(tmp_path), "-o", str(tmp_path)]) == 2
    assert "never overwrites its input" in capsys.readouterr().err


def test_single_file_notes_a_local_helper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"helper.py": HELPER, "main.py": "from helper import ask\nprint(ask('a'))\n"})
    assert cli.main(["transpile", str(tmp_path / "main.py")]) == 0
    err = capsys.readouterr().err
    assert "main.py:1:1: note: `helper` is a module of this program" in err
    assert "[whole-program]" in err


def test_a_subclass_in_another_module_keeps_the_base_sync() -> None:
    bot = (
        HELPER
        + "\n\nclass Bot:\n    def reply(self, q):\n        return ask(q)\n"
        + "\n    def twice(self, q):\n        return self.reply(q) + self.reply(q)\n"
    )
    main = (
        "import bot\n\n\nclass Echo(bot.Bot):\n    def reply(self, q):\n        return q\n"
        "\n\nprint(Echo().twice('x'), bot.ask('y'))\n"
    )
    out = program(bot=bot, main=main)
    assert kept(out, "bot") is not None
    assert code(out["bot"]) == out["bot"].module.source
    # Even with no use of the methods: ``self.reply`` in Bot may be Echo's.
    main = "import bot\n\n\nclass Echo(bot.Bot):\n    pass\n\n\nprint(bot.ask('y'))\n"
    out = program(bot=bot, main=main)
    assert "derives a class" in (kept(out, "bot") or "")


def test_star_imports_are_followed() -> None:
    # ``from helper import *``, also through a package that star-imports its module.
    out = program(helper=HELPER, main="from helper import *\nprint([ask(q) for q in 'ab'])\n")
    assert "tasks.gather(ask(q) for q in" in code(out["main"])
    out = program(
        pkg__="from .llm import *\n",
        pkg__llm=HELPER,
        main="from pkg import *\nfor q in 'ab':\n    print(ask(q))\n",
    )
    assert "async def ask" in code(out["pkg.llm"])
    assert "spawn(ask(q))" in code(out["main"])


RETRIED = HELPER.replace(
    "def ask(question):",
    """def retried(fn):
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ValueError:
            return fn(*args, **kwargs)

    return wrapper


@retried
def ask(question):""",
)


def test_a_decorator_written_in_a_module_wraps_its_own_async_functions() -> None:
    main = "from helper import ask, retried\nprint(ask('a'), ask('b'))\n"
    out = program(helper=RETRIED, main=main)
    assert "async def wrapper" in code(out["helper"])
    assert "return await fn(*args, **kwargs)" in code(out["helper"])
    assert 'tasks.spawn(ask("b"))' in code(out["main"])


@pytest.mark.parametrize(
    "use",
    [
        "@retried\ndef shout(x):\n    return x.upper()\n",
        "shout = retried(str.upper)\n",
        "import helper\n\n@helper.retried\ndef shout(x):\n    return x.upper()\n",
    ],
)
def test_a_decorator_used_by_another_module_keeps_its_module_sync(use: str) -> None:
    main = f"from helper import ask, retried\n{use}\nprint(shout(ask('a')))\n"
    out = program(helper=RETRIED, main=main)
    why = kept(out, "helper")
    assert why is not None and "uses `retried`" in why
    assert "async def" not in code(out["helper"])


APPLIER = HELPER + """

def run(items, fn=ask):
    return [fn(item) for item in items]


print(run(["a", "b"]))
"""


def test_a_function_awaiting_the_functions_its_module_passes_is_local_only() -> None:
    out = program(helper=APPLIER, main="from helper import run\nprint(run(['c'], fn=len))\n")
    why = kept(out, "helper")
    assert why is not None and "uses `run`" in why
    alone = program(helper=APPLIER, main="import helper\n")
    assert "async def run(items, fn=ask)" in code(alone["helper"])
