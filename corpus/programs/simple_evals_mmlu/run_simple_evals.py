# From openai/simple-evals (commit ee3b0318d8d1d9d72755a4120879be65f7c07e9e), MIT.
# Launcher standing in for `python -m simple_evals.simple_evals` (the repository is itself the
# namespace package simple_evals). debug=1 selects the sequential branch of
# common.map_with_progress, as running the original with debug=1 in the environment does.
import os

os.environ.setdefault("debug", "1")

from simple_evals.simple_evals import main

if __name__ == "__main__":
    main()
