"""build_cache: folders of cached work that follow the code that made it.

The plugins that cache work between builds (photos' derivatives, report thumbnails, search terms and
indexes) key each entry by its input. The output also depends on the plugin's code and on the libraries
it calls: after a change to either, a build with a cache must publish what a build without one would.
`code_version` digests both; a plugin keeps its cache in `versioned_folder` (CACHE_PATH/<name>/<version>)
and calls `drop_other_versions` once per build, so what older code made is never read, and is removed.
Each entry is written with `write_atomically`: a build stopped halfway (Ctrl-C, or a content error found
while Pelican runs) leaves the entry whole or absent, never cut short, so the next build cannot publish
half an image.

Not a Pelican plugin (nothing to register): a helper the plugins import.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path


def code_version(sources: Iterable[Path], packages: Iterable[str]) -> str:
    """A digest of the `sources` files' bytes and of the installed versions of the `packages`."""
    parts = [Path(source).read_bytes() for source in sources] + [version(name).encode() for name in packages]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def versioned_folder(settings: dict, name: str, code: str) -> Path:
    """Where the code whose version is `code` keeps its cache called `name`: CACHE_PATH/<name>/<version>."""
    return Path(settings["CACHE_PATH"]) / name / code[:16]


def drop_other_versions(folder: Path) -> None:
    """Remove everything beside `folder` in its parent: the caches other versions of the code left."""
    if not folder.parent.is_dir():
        return
    for entry in folder.parent.iterdir():
        if entry == folder:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:  # a cache written before it had versions: files straight in CACHE_PATH/<name>
            entry.unlink()


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` (and its folder) so that the file is either whole or absent, never partial.

    The bytes go to a temporary file beside it, which then replaces `path` in one step (`os.replace`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as partial:
            partial.write(data)
        # mkstemp makes the file private (0600): keep the mode a file there has, or give the usual one
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
