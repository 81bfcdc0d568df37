"""search plugin for Pelican: see README.md beside this file."""

from .search import register  # noqa: F401
