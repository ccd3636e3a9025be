"""Models a quick report script that formats its output from `locals()` at module level.
Shapes: `"{x}".format(**locals())` at module level, `vars()` lookups, `%`-formatting
with a dict, names bound from model calls and used only through `locals()`.
"""

from openai import OpenAI

client = OpenAI()


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], max_tokens=5
    )
    return r.choices[0].message.content


project = "Atlas"
tagline = ask(f"A five-word tagline for project {project}")
risk = ask(f"The biggest risk of project {project}, in five words")
owner = "Priya"

print("Project {project} (owner {owner})".format(**locals()))
print("  tagline: {tagline}\n  risk: {risk}".format(**locals()))
print("  %(project)s has %(n)d fields" % {"project": project, "n": len(vars()["tagline"].split())})
next_step = ask(f"The next step for {project}, in five words")
print("  next: {next_step}".format(**locals()))
