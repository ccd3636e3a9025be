# Modelled on openai/openai-python, examples/httpx2_client.py
# (commit 05f9b5a6e7d08a796fcbbdf4860ab3d02765df59, Apache-2.0 licence).
# Rewritten, not copied: a client built with the SDK's `DefaultHttpx2Client()` as its
# `http_client`, then a Responses API request printing `output_text`; a second request is
# added so that there is something to overlap, and the model is one the endpoint lists.
"""Models a client configured with the SDK's own sync HTTP client class.
Shapes: `OpenAI(http_client=DefaultHttpx2Client())`, `client.responses.create`,
`response.output_text`.
"""

from openai import DefaultHttpx2Client, OpenAI

client = OpenAI(http_client=DefaultHttpx2Client())

response = client.responses.create(model="gpt-4.1-mini", input="Say this is a test")
print(response.output_text)

again = client.responses.create(model="gpt-4.1-mini", input="Say this is another test")
print(again.output_text)
