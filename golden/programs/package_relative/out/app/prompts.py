TEMPLATE = "echo: {text} in {language}"


def render(text: str, language: str) -> str:
    return TEMPLATE.format(text=text, language=language)
