"""build_cache: cached work that follows the code that made it; see README.md beside this file."""

from .build_cache import code_version, drop_other_versions, versioned_folder, write_atomically  # noqa: F401
