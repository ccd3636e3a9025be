# flags: run overlap=1
"""A function reached by a name computed at run time (``globals()[task](...)``) could be
any function of the module: none of them becomes async (nothing would await the call),
so the script runs as written."""

from openai import OpenAI

client = OpenAI()


def summarise(text):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"echo: summary of {text}"}],
    )
    return response.choices[0].message.content


for task in ["summarise"]:
    print(globals()[task]("tides"))
print(summarise("reefs"))

# diagnostics
# dynamic_lookup_kept.py:10:1: note: `summarise` stays a plain function, its calls in place: the module reaches its functions by computed names (`globals()[task](...)`, line 19), where nothing would await them  [kept-sync]
#     def summarise(text):
#     ^
