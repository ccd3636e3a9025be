"""Models a phrasebook translator that imports the client under a short alias.
Shapes: `from openai import OpenAI as O`, a module-level `llm = O()`, a nested loop over
languages and phrases filling a dict of dicts, a pretty-printed table at the end.
"""

from openai import OpenAI as O

llm = O()

PHRASES = ["Good morning", "Where is the station?", "Thank you very much"]
LANGUAGES = ["French", "German", "Japanese"]


def translate(text, language):
    reply = llm.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"Translate into {language}. Reply with the translation only."},
            {"role": "user", "content": text},
        ],
        temperature=0,
        max_tokens=6,
    )
    return reply.choices[0].message.content


book = {}
for language in LANGUAGES:
    book[language] = {}
    for phrase in PHRASES:
        book[language][phrase] = translate(phrase, language)

width = max(len(p) for p in PHRASES)
for language, entries in book.items():
    print(f"[{language}]")
    for phrase, translation in entries.items():
        print(f"  {phrase:<{width}}  ->  {translation}")
print(f"{sum(len(e) for e in book.values())} translations")
