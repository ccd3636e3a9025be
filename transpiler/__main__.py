"""``python -m transpiler``: the same command line as ``epic``."""

import sys

from transpiler.cli import main

if __name__ == "__main__":
    sys.exit(main())
