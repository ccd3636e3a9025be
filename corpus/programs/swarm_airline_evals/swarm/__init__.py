# From openai/swarm (commit 6af0b4caf37dca4526dfd98e9fbd8ce36e7eeb22), MIT.
# Original path: swarm/__init__.py.
from .core import Swarm
from .types import Agent, Response

__all__ = ["Swarm", "Agent", "Response"]
