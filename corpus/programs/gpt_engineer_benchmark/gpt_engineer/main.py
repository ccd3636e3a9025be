# From AntonOsika/gpt-engineer (commit bdd2cb040f9e8d4b5acd29b047c11ca3cefea974), MIT.
# Original path: gpt_engineer/main.py. typer is replaced by plain keyword arguments; the
# fallback_model probe, the archiving of earlier runs and the consent-based collect_learnings
# are left out; logging goes to the default WARNING level unless verbose.
import json
import logging

from pathlib import Path

from gpt_engineer.ai import AI
from gpt_engineer.db import DB, DBs
from gpt_engineer.steps import STEPS, Config as StepsConfig


def main(
    project_path: str = "projects/example",
    model: str = "gpt-4",
    temperature: float = 0.1,
    steps_config: StepsConfig = StepsConfig.DEFAULT,
    verbose: bool = False,
):
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING)

    ai = AI(
        model=model,
        temperature=temperature,
    )

    input_path = Path(project_path).absolute()
    memory_path = input_path / "memory"
    workspace_path = input_path / "workspace"
    archive_path = input_path / "archive"

    dbs = DBs(
        memory=DB(memory_path),
        logs=DB(memory_path / "logs"),
        input=DB(input_path),
        workspace=DB(workspace_path),
        preprompts=DB(Path(__file__).parent / "preprompts"),
        archive=DB(archive_path),
    )

    steps = STEPS[steps_config]
    for step in steps:
        messages = step(ai, dbs)
        dbs.logs[step.__name__] = json.dumps(messages)

    dbs.logs["token_usage"] = ai.format_token_usage_log()
