# From keirp/automatic_prompt_engineer (commit eac521c79a78965245ce7745dcc9f6b0792c7ec7), MIT.
# Original path: automatic_prompt_engineer/__init__.py (empty in the original).
