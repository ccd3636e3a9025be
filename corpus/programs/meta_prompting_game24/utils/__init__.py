# From suzgunmirac/meta-prompting (commit 40422564938d772c3e3e6b9614b1df48b8dd6a08), MIT.
# Original path: utils/__init__.py (empty in the original).
