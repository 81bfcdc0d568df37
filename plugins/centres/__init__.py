"""centres plugin for Pelican: see README.md beside this file."""

from .centres import register  # noqa: F401
