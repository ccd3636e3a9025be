"""Models a recipe assistant whose objects print themselves.
Shapes: `__str__` and `__repr__` on a class whose other methods call the model,
`print(obj)`, f-strings with `!r`, a list of objects printed as a list (repr of each).
"""

from openai import OpenAI

client = OpenAI()


class Recipe:
    def __init__(self, dish, servings):
        self.dish = dish
        self.servings = servings
        self.steps = []

    def __repr__(self):
        return f"Recipe({self.dish!r}, servings={self.servings})"

    def __str__(self):
        lines = [f"{self.dish} for {self.servings}"]
        lines += [f"  {s}" for s in self.steps]
        return "\n".join(lines)

    def plan(self):
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"List the steps to cook {self.dish} for {self.servings}."}],
        )
        self.steps = r.choices[0].message.content.splitlines()
        return self

    def wine(self):
        r = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Suggest a wine for {self.dish} in three words."}],
            max_tokens=3,
        )
        return r.choices[0].message.content


menu = [Recipe("risotto", 2), Recipe("paella", 4), Recipe("ratatouille", 3)]
print("menu:", menu)
for recipe in menu:
    recipe.plan()
    print(recipe)
    print(f"{recipe!r} pairs with {recipe.wine()}")
