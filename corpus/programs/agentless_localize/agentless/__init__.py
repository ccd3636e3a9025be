# From OpenAutoCoder/Agentless (commit 5ce5888b9f149beaace393957a55ea8ee46c9f71), MIT.
# Package marker (the original has no agentless/__init__.py either way; added for clarity).
