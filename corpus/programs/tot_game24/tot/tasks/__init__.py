# From princeton-nlp/tree-of-thought-llm (commit ab400345c5ea39d28ea6d7d3be0e417b11113c87), MIT.
# Original path: src/tot/tasks/__init__.py (only the game24 task is kept).
def get_task(name):
    if name == "game24":
        from tot.tasks.game24 import Game24Task

        return Game24Task()
    else:
        raise NotImplementedError
