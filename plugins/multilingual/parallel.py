"""Every language's site built at the same time, each in its own process, on its own core.

i18n_subsites builds the languages one after another in one process: the main site reads its files,
then the whole of each other language's site is built, then the main site writes. Here, as soon as the
main site's settings are final (`get_generators`, before any file is read), its process forks one
process per other language. Each builds its language exactly as i18n_subsites would have (the same
settings, the same Pelican class); the processes meet twice:

1. When every site has read its files and none has written (`all_generators_finalized`), each
   language's process hands the main one the items it publishes; the main process hands every
   language back the items of all of them (for the language switchers, see `multilingual`) and its
   static files, which the other languages' pages link to.
2. When a language's process has written its pages, it hands back what the main site writes once
   for every language at the very end (the sitemap's entries, the photos' derivatives: `hand_back`),
   and exits. The main process waits for every language before its own `finalized` work, except what
   needs only its own pages (`before_waiting`: it starts its search index first).

A language whose build fails fails the whole build, at whichever meeting comes next. Python's own
tools cannot share this work out: Pelican's sites are not picklable, and a thread would hold the same
core. `MULTILINGUAL_PARALLEL = False` builds the languages one after another, as upstream.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pelican.plugins.i18n_subsites import i18n_subsites as i18n
from pelican.settings import configure_settings

logger = logging.getLogger(__name__)

# Plugins' state that a language's process hands back to the main one: name -> (export, merge).
_HANDED_BACK: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
_BEFORE_WAITING: list[Callable[[Any], None]] = []  # see before_waiting
_CHILDREN: dict[str, tuple[int, Any]] = {}  # in the main process: lang -> (process id, connection)
_MAIN: list = []  # in a language's process: its connection to the main process


class LanguageBuildFailed(SystemExit):
    """Another language's build failed; its own messages say why.

    A SystemExit: Pelican reports any other exception with a traceback, which would bury those messages.
    """


@dataclass
class MainStaticFile:
    """What another language's site needs of one of the main site's static files: its address.

    i18n_subsites copies each of the main site's static files into every other site's context, and
    `{static}` links read only `url` (and i18n_subsites sets `override_url`).
    """

    source_path: str
    main_url: str
    override_url: str | None = None

    def get_relative_source_path(self) -> str:
        """Where the file is in the content folder, as Pelican's own static files say."""
        return self.source_path

    @property
    def url(self) -> str:
        """Its URL, as seen from the language's site once i18n_subsites has set `override_url`."""
        return self.main_url if self.override_url is None else self.override_url


def hand_back(name: str, export: Callable[[], Any], merge: Callable[[Any], None]) -> None:
    """Have each language's process hand `export()` to the main process, which calls `merge` with it.

    For state a plugin gathers while a language's site is built and uses once, at the main site's
    `finalized`, for every language. Call it from the plugin's `register`.
    """
    _HANDED_BACK[name] = (export, merge)


def before_waiting(callback: Callable[[Any], None]) -> None:
    """Have the main process call `callback(pelican)` at its `finalized`, before it waits for the other languages.

    For work on the main site's own pages, which are written by then: it runs while the other languages
    finish, rather than after them. Call it from the plugin's `register`.
    """
    if callback not in _BEFORE_WAITING:  # register() runs again for each site built in this process
        _BEFORE_WAITING.append(callback)


def start(pelican) -> None:
    """In the main site's process: fork one process per other language, and leave them to i18n_subsites."""
    if not pelican.settings.get("MULTILINGUAL_PARALLEL", True):
        return
    _CHILDREN.clear()
    for lang, overrides in sorted(i18n._SUBSITE_QUEUE.items()):
        here, there = multiprocessing.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # os.fork rather than multiprocessing.Process: a language's process may start worker processes
        # of its own (search segmentation), which multiprocessing forbids its daemonic processes.
        pid = os.fork()
        if pid == 0:
            here.close()
            for _pid, sibling in _CHILDREN.values():  # the main process's lines to languages forked before
                sibling.close()
            _CHILDREN.clear()
            os._exit(build_language(lang, overrides, there))  # never back into the main site's build
        there.close()  # so that the main process sees the language's process end
        _CHILDREN[lang] = (pid, here)
    i18n._SUBSITE_QUEUE.clear()  # the main process builds only its own site


def build_language(lang: str, overrides: dict, connection) -> int:
    """In a language's process: build that language's site, hand back what the main site needs; the exit code.

    If the main process fails, this one learns it at the next meeting (its connection is closed) and stops.
    """
    _MAIN.append(connection)
    i18n._SUBSITE_QUEUE.clear()
    code = 1
    try:
        with i18n.temporary_locale():
            settings = {**i18n._MAIN_SETTINGS, **overrides}
            # The main process empties the output folder, before any language writes in it.
            settings["DELETE_OUTPUT_DIRECTORY"] = False
            settings = configure_settings(settings)
            i18n.get_pelican_cls(settings)(settings).run()
        connection.send({name: export() for name, (export, _merge) in _HANDED_BACK.items()})
        code = 0
    except (LanguageBuildFailed, BrokenPipeError):
        pass  # the main process failed first, and says so
    except Exception as error:  # as pelican.main reports the main site's errors
        logger.critical("The %r site failed: %s", lang, error, exc_info=logger.isEnabledFor(logging.DEBUG))
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def meet(versions: dict) -> None:
    """When every site has read its files: share which items each language publishes.

    `versions` is multilingual's registry, (kind, key) -> {lang: URL}; each process has filled in its
    own language.
    """
    if _MAIN:
        connection = _MAIN[0]
        connection.send(versions)
        try:
            every_language, static_files = connection.recv()
        except EOFError:
            raise LanguageBuildFailed("the main site's build failed") from None
        versions.update(every_language)
        i18n._MAIN_STATIC_FILES = static_files
        return
    for lang, (_pid, connection) in _CHILDREN.items():
        for key, urls in receive(lang, connection).items():
            versions.setdefault(key, {}).update(urls)
    static_files = [MainStaticFile(item.get_relative_source_path(), item.url) for item in i18n._MAIN_STATIC_FILES or []]
    for _pid, connection in _CHILDREN.values():
        connection.send((versions, static_files))


def finish(pelican) -> None:
    """In the main process, before its `finalized` work: wait for every language and take what it hands back.

    First, the work registered with `before_waiting` is done (or started) on the main site's own pages; if
    it fails, the languages' processes are stopped before the failure goes on (nothing is published, and
    none of them writes on after the build has ended).
    """
    try:
        for callback in _BEFORE_WAITING:
            callback(pelican)
    except BaseException:
        for pid, connection in _CHILDREN.values():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            connection.close()
        _CHILDREN.clear()
        raise
    children = list(_CHILDREN.items())
    _CHILDREN.clear()
    for lang, (pid, connection) in children:
        handed = receive(lang, connection)
        os.waitpid(pid, 0)
        for name, state in handed.items():
            _HANDED_BACK[name][1](state)


def receive(lang: str, connection):
    """The next message from a language's process; its failure, if it ended instead."""
    try:
        return connection.recv()
    except EOFError:
        raise LanguageBuildFailed(f"The {lang!r} site's build failed (its messages are above): "
                                  "nothing of this build is published") from None
