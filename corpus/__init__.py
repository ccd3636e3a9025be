"""The realistic corpus: scripts written the way people use the openai client (see README.md)."""
