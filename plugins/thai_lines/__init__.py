"""thai_lines plugin for Pelican: see README.md beside this file."""

from .thai_lines import register  # noqa: F401
