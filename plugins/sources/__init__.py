"""sources plugin for Pelican: see README.md beside this file."""

from .sources import register  # noqa: F401
