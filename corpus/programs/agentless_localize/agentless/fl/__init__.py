# From OpenAutoCoder/Agentless (commit 5ce5888b9f149beaace393957a55ea8ee46c9f71), MIT.
