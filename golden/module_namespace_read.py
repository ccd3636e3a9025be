from openai import OpenAI

client = OpenAI()


def ask(prompt):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


city = "Lyon"
answer = ask("Describe {city}".format(**locals()))
print(answer)

# diagnostics
# module_namespace_read.py:15:41: warning: module-level `locals()` would see the names of the generated `main()`: the file is kept sequential  [unsupported-construct]
#     answer = ask("Describe {city}".format(**locals()))
#                                             ^
# note: epic cannot yet parallelise this construct correctly; the output is the input unchanged
