"""fast_markdown plugin for Pelican: see README.md beside this file."""

from .fast_markdown import register  # noqa: F401
