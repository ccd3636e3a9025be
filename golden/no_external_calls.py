"""Word statistics for a text: no slow call anywhere, so epic leaves it alone."""

import collections
import re

TEXT = "the quick brown fox jumps over the lazy dog the end"


def words(text):
    return re.findall(r"[a-z]+", text.lower())


counts = collections.Counter(words(TEXT))
for word, count in counts.most_common(3):
    print(f"{word}: {count}")
