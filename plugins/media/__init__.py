"""media plugin for Pelican: see README.md beside this file."""

from .media import register  # noqa: F401
