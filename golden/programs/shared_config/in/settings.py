CONFIG = {"model": "gpt-4o-mini", "prefix": "echo: "}
