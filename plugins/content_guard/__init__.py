"""content_guard plugin for Pelican: see README.md beside this file."""

from .content_guard import register  # noqa: F401
