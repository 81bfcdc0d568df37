"""moved plugin for Pelican: see README.md beside this file."""

from .moved import register  # noqa: F401
