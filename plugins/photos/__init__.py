"""photos plugin for Pelican: see README.md beside this file."""

from .photos import register  # noqa: F401
