"""assets plugin for Pelican: see README.md beside this file."""

from .assets import register  # noqa: F401
