# From smol-ai/developer (commit a6747d1a6ccd983c54a483c4a4fb1fa4bf740e82), MIT.
# Original path: smol_dev/__init__.py.
from smol_dev.prompts import *
__author__ = "morph"

