# From reasoning-machines/pal (commit f81ca2a9777f002f98a6b4d0f10b61bd5c8feb02), Apache-2.0.
# Original path: pal/prompt/__init__.py (empty).
