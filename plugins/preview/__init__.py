"""preview plugin for Pelican: see README.md beside this file."""

from .preview import register  # noqa: F401
