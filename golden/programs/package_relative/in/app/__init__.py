from .llm import translate

__all__ = ["translate"]
