"""multilingual plugin for Pelican: see README.md beside this file."""

from .multilingual import register  # noqa: F401
