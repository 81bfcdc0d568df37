"""key_figures plugin for Pelican: see README.md beside this file."""

from .key_figures import register  # noqa: F401
