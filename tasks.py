"""Tasks for building, checking and previewing the site (Pelican quickstart shape, run with invoke).

Extra arguments after `--` pass through to Pelican, e.g. `invoke build -- --debug`.
"""

import atexit
import contextlib
import fcntl
import html
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from invoke import task
from invoke.exceptions import Exit
from invoke.main import program

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    # The tests preview a copy of the content, into a folder and port of their own, through these variables
    # (and SITE_CACHE, read by pelicanconf.py).
    "content": os.environ.get("SITE_CONTENT", "content"),
    "output": os.environ.get("SITE_OUTPUT", "output"),
    "host": "localhost",
    "port": int(os.environ.get("SITE_PORT", "8000")),
    # The release gate `invoke publish` runs on the built folder before publishing it (see tests/test_gate.py).
    "gate": [sys.executable, "-m", "pytest", "-m", "gate", "-q", "-p", "no:cacheprovider"],
    "releases_kept": 3,
    # Debian's Chromium (apt): what Playwright drives for the browser tests and the link-preview cards.
    "chromium": "/usr/bin/chromium",
}


def read_settings(settings_file):
    """Return Pelican's settings as Pelican itself reads them."""
    from pelican.settings import read_settings as pelican_read_settings

    return pelican_read_settings(str(ROOT / settings_file))


def check_content(settings_file, content=None, report=False, github=False):
    """Print every content problem as `path:line: message`; return the number of errors.

    With `report`, print first the translation report: every slug and the languages it exists in. With
    `github`, print each problem as a GitHub Actions annotation instead, and list them on the run's page.
    """
    from content_guard.content_guard import check_content_and_translations

    settings = read_settings(settings_file)
    settings["PATH"] = os.path.relpath(ROOT / (content or CONFIG["content"]), ROOT)
    with contextlib.chdir(ROOT):  # PATH and the paths printed are the repository's, wherever invoke runs from
        problems, table = check_content_and_translations(settings)
    if report:
        print_translation_report(table, list(settings["LANGUAGES"]))
    for problem in problems:
        label = "" if problem.severity == "error" else "warning: "
        line = f"{problem.path}:{problem.line}: {label}{problem.message}"
        print(github_annotation(problem, line) if github else line)
    errors = sum(problem.severity == "error" for problem in problems)
    for kind, count in (("error", errors), ("warning", len(problems) - errors)):
        if github and count > GITHUB_ANNOTATIONS:
            more = count - GITHUB_ANNOTATIONS
            print(f"::notice title=make check::{more} more {kind}{'' if more == 1 else 's'} than GitHub shows on "
                  "the files: the run's Summary lists them all")
    if github and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(github_summary(problems))
    return errors


# Staff who edit on GitHub's website never see a terminal: a mistake's message must reach them there. A
# workflow command (docs.github.com, "Workflow commands for GitHub Actions") puts it on the file's line in a
# pull request's changes, on the commit and on the run's page. GitHub reads `%`, CR and LF as escapes in the
# message, and also `:` and `,` in the file's name (the same rules as @actions/core's escapeData/escapeProperty).
GITHUB_DATA_ESCAPES = {ord("%"): "%25", ord("\r"): "%0D", ord("\n"): "%0A"}
GITHUB_PROPERTY_ESCAPES = {**GITHUB_DATA_ESCAPES, ord(":"): "%3A", ord(","): "%2C"}


def github_annotation(problem, line):
    """`line`, the problem's message, as an `::error` or `::warning` workflow command on its file and line."""
    kind = "error" if problem.severity == "error" else "warning"
    where = f"file={str(problem.path).translate(GITHUB_PROPERTY_ESCAPES)},line={problem.line}"
    return f"::{kind} {where},title=make check::{line.translate(GITHUB_DATA_ESCAPES)}"


GITHUB_ANNOTATIONS = 10  # GitHub shows at most 10 errors and 10 warnings of a step on the files; the rest here
EDITED_ON_GITHUB = {".md", ".yaml", ".yml", ".csv", ".txt"}  # GitHub's web editor opens these; not photos, PDFs


def github_summary(problems):
    """The check's result for the run's page: what a writer sees on clicking the red cross.

    An HTML list (GitHub's summaries take GitHub's Markdown, and a block of HTML is shown as it is): as
    Markdown, a message's examples were read as markup (`![...](...)` became a broken image, `&lt;` was shown
    inside code). Each entry links to the file, a text file to GitHub's editor on the branch checked.
    """
    errors = sorted((problem for problem in problems if problem.severity == "error"), key=github_order)
    warnings = sorted((problem for problem in problems if problem.severity != "error"), key=github_order)

    def counted(items, word):
        return f"{len(items)} {word}{'' if len(items) == 1 else 's'}"

    files = github_files()

    def listed(items):
        return "<ul>\n" + "".join(f"<li>{github_item(problem, files)}</li>\n" for problem in items) + "</ul>\n\n"

    if not errors:
        head = "### Content check: no errors\n\n"
    else:
        head = (f"### Content check: {counted(errors, 'error')}, nothing was published\n\nFix each in the file "
                "named (click it to open it), commit, and the site is checked again.\n\n")
    return (head + (listed(errors) if errors else "")
            + (f"{counted(warnings, 'warning')} (published all the same):\n\n" + listed(warnings) if warnings else ""))


def github_order(problem):
    """Problems by file, then line: as the writer goes through them."""
    return str(problem.path), problem.line


def github_branch():
    """(repository, branch) whose files the run checked: a pull request's own, from a fork too, else the run's.

    A writer without the right to write to the repository who edits on GitHub's website makes a fork of it,
    with a branch `patch-1`: the base repository has no such branch (or another one of that name).
    """
    if os.environ.get("GITHUB_EVENT_NAME", "").startswith("pull_request") and os.environ.get("GITHUB_EVENT_PATH"):
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            head = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))["pull_request"]["head"]
            return head["repo"]["full_name"], head["ref"]
    return os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_HEAD_REF") or os.environ.get("GITHUB_REF_NAME")


def github_files():
    """(`SERVER/OWNER/REPO`, the branch checked) for the addresses of its files on GitHub; or None.

    Read once for the whole Summary: a pull request's branch comes from the run's event file.
    """
    server = os.environ.get("GITHUB_SERVER_URL")
    repository, branch = github_branch()
    return (f"{server}/{repository}", quote(branch)) if server and repository and branch else None


def github_item(problem, files):
    """One problem as HTML: its file (a link, when `files` says where the repository is) and message."""
    where = f"<code>{html.escape(str(problem.path))}</code>, line {problem.line}"
    if files:
        path = Path(problem.path)
        kind = "edit" if path.suffix.lower() in EDITED_ON_GITHUB else "blob"
        address = f"{files[0]}/{kind}/{files[1]}/{quote(path.as_posix())}#L{problem.line}"
        where = f'<a href="{html.escape(address)}">{where}</a>'
    # Escaped whole, then each `code` span drawn as code: the examples keep every character.
    message = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(problem.message).replace("\n", " "))
    return f"{where}: {message}"


CHECK_FOUND_ERRORS = 3  # how the check's own process says it found errors (a crash exits with 1)


def start_content_check(settings_file, content, lock=None):
    """Start `check_content` in a process of its own; it prints the problems and exits CHECK_FOUND_ERRORS or 0.

    In this process, what the check reads and parses (115 MB at 2000 article pairs) would stay held for
    the rest of the build, beside Pelican and Pagefind; its own process gives it back when it ends.
    """
    code = f"import sys, tasks; sys.exit({CHECK_FOUND_ERRORS} if tasks.check_content(*sys.argv[1:]) else 0)"
    return subprocess.Popen([sys.executable, "-c", code, settings_file, str(content)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            pass_fds=(lock,) if lock is not None else ())


def failure_lines(logged: str) -> list[str]:
    """Pelican's messages from its first WARNING, ERROR or CRITICAL on, each line without Rich's padding.

    The build runs with `--fatal warnings`: the WARNING says what is wrong (the file, the link), and the CRITICAL
    after it only that a warning stopped the build.
    """
    lines = [" ".join(line.split()) for line in logged.splitlines()]
    first = next((index for index, line in enumerate(lines) if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)),
                 len(lines))
    return [line for line in lines[first:] if line]


class Refused(Exit):
    """A build the content check or Pelican refused; `problems`: the lines that say why (for `make serve`'s page)."""

    def __init__(self, message, code, problems):
        super().__init__(message, code=code)
        self.problems = problems


def echoed(stream, into):
    """A thread that prints a process's output as it comes and keeps its lines (`into`)."""
    def echo():
        for line in stream:
            text = line.decode("utf-8", errors="replace")
            into.append(text.rstrip("\n"))
            sys.stdout.write(text)
            sys.stdout.flush()
    thread = threading.Thread(target=echo, daemon=True)
    thread.start()
    return thread


RUNNING_BUILDS = {}  # Pelican's processes now running, each leading a process group of its own: their staging


@atexit.register
def stop_running_builds():
    """On the way out (Ctrl-C in `make serve`, while a background thread builds), stop what still builds."""
    for process, staging in list(RUNNING_BUILDS.items()):
        stop_process_group(process)
        shutil.rmtree(staging, ignore_errors=True)


STOPPING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # SIGHUP: the terminal or the ssh connection closed


def exit_on_sigterm():
    """Let SIGTERM and SIGHUP end this process as Ctrl-C does, through `finally` blocks and atexit hooks.

    Those stop the process group of a running build, which a signal sent to this process's group misses.
    Returns the handlers it replaces, or None off the main thread, where Python cannot set one.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    return {number: signal.signal(number, lambda signum, _frame: sys.exit(128 + signum))
            for number in STOPPING_SIGNALS}


def stop_process_group(process, patience=10.0):
    """Kill `process` and every process in its group, and wait, up to `patience` seconds, until none runs.

    The processes it forked are not its children to `wait()` for, and once it is gone they belong to
    whatever adopts orphans, which may leave them as zombies: so a member counts as gone when it is a
    zombie or no longer listed in /proc.
    """
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline and running_in_group(process.pid):
        time.sleep(0.01)


def running_in_group(group):
    """Whether any process of process group `group` still runs."""
    return any(process_group == group for process_group, _command in running_processes())


def running_processes():
    """(process group, command line) of each process now running, zombies left out (Linux's /proc; elsewhere none)."""
    for process in Path("/proc").glob("[0-9]*"):
        try:
            # pid (command) state ppid pgrp ...; the command may itself hold spaces and parentheses
            state, _ppid, group = (process / "stat").read_text().rpartition(")")[2].split()[:3]
            command = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError):  # the process ended while being read
            continue
        if state not in ("Z", "X"):
            yield int(group), command


def print_translation_report(table, languages):
    """A plain-text table: one row per article or page slug, a column per language."""
    width = max([len(item.slug) for item in table] + [4])
    print("Translations (-- = missing):")
    print(f"  {'kind':8} {'slug':{width}}  " + "  ".join(f"{lang:3}" for lang in languages))
    for item in table:
        cells = "  ".join(f"{lang if lang in item.files else '--':3}" for lang in languages)
        note = ""
        if item.draft:
            note = "  (draft)"
        elif len(item.published) < len(languages):
            note = "  untranslated"
            if item.drafts:
                verb = "is a draft" if len(item.drafts) == 1 else "are drafts"
                note += f": {' and '.join(sorted(item.drafts))} {verb}"
        print(f"  {item.kind:8} {item.slug:{width}}  {cells}{note}".rstrip())
    complete = sum(len(item.published) == len(languages) for item in table)
    print(f"{complete} of {len(table)} items are published in every language.\n")


def pelican_options(extra_args, settings):
    """`extra_args` for Pelican, its `-e` settings and `settings` given as one `-e`.

    Pelican keeps only the last `-e` of its command line: a second one would drop the first's settings.
    """
    options, overrides = [], []
    words = iter(shlex.split(extra_args))
    for word in words:
        if word not in ("-e", "--extra-settings"):
            options.append(word)
            continue
        for value in words:
            if value in ("-e", "--extra-settings"):
                continue
            if value.startswith("-"):  # the next option
                options.append(value)
                break
            overrides.append(value)
    return [*options, "--extra-settings", *settings, *overrides]


BUILD_LOCK = ROOT / ".build.lock"


@contextlib.contextmanager
def one_build_at_a_time():
    """Hold this checkout's build lock: a second `make site` (or `make site` beside `make serve`) waits.

    Two builds at once share the staging folder and the cache: both failed, with tracebacks, though
    `output/` stayed whole. The lock is the kernel's (flock), so a build that is killed lets go of it; its
    file is open in the build's own processes too (`pass_fds`), so that the lock is held until the last of
    them ends, even if this one is gone. Yields the lock file's descriptor.
    """
    with open(BUILD_LOCK, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build of this folder is running (make serve, make site or make publish): "
                  "this one starts when it has finished.", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield lock.fileno()


def build_site(settings_file, output, extra_args="", content=None, preview=False, only=None):
    """Check the content, build into a staging folder, and swap it in only if the build succeeds.

    A failed check or build, at any stage, leaves the previous `output` exactly as it was. A `preview`
    build (`make serve`) shows the last search index rather than indexing again. With `only` (content
    files just edited), a preview writes the pages of those files alone, straight into `output`
    (plugins/preview): the full preview build that follows brings the other pages up to date. Builds of
    one checkout take turns (`one_build_at_a_time`).
    """
    with one_build_at_a_time() as lock:
        build_unlocked(settings_file, output, extra_args, content, preview, only, lock)


def build_unlocked(settings_file, output, extra_args, content, preview, only, lock):
    """`build_site`, once this checkout's other builds have finished (`lock`: the lock's file descriptor)."""
    output = ROOT / output
    content = content or CONFIG["content"]
    staging = output.with_name(output.name + (".staging-pages" if only else ".staging"))
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        sys.executable, "-m", "pelican", str(content),
        "--settings", settings_file, "--output", str(staging),
        # A problem Pelican only logs (an unreadable file, a broken {filename} link) fails the build.
        "--fatal", "warnings",
        *pelican_options(extra_args, [
            # Checked here, beside it: content_guard need not read every file again inside Pelican.
            "CONTENT_GUARD_CHECKED=true",
            *(["SEARCH_REUSE_LAST_INDEX=true"] if preview else []),
            # livereload puts an inline script in each page it serves, which the policy would block: the
            # preview, on the writer's own machine, goes without it (content_guard still refuses scripts).
            *(['CONTENT_SECURITY_POLICY=""'] if preview else []),
            *([f"PREVIEW_ONLY={json.dumps([str(Path(path).resolve()) for path in only])}"] if only else []),
        ]),
    ]
    # Rich, which Pelican logs through, wraps at 80 columns when not on a terminal.
    env = {**os.environ, "COLUMNS": os.environ.get("COLUMNS", "200")}
    # Pelican builds on one core while the content is checked on the other; its messages are held back
    # until the check has passed, and a failed check stops it: nothing it wrote is kept. It runs in a
    # process group of its own, so that stopping it stops the processes it forked too (one per language,
    # the search's): left running, they would go on writing into the staging folder after its removal.
    pelican = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               process_group=0, pass_fds=(lock,))
    messages = []
    reader = threading.Thread(target=lambda: messages.extend(pelican.stdout), daemon=True)
    reader.start()
    check = start_content_check(settings_file, content, lock)
    checked = []
    check_echo = echoed(check.stdout, checked)
    RUNNING_BUILDS[pelican] = staging
    previous_handlers = exit_on_sigterm()
    try:
        status = check.wait()
        returncode = pelican.wait() if status == 0 else None
    except BaseException:  # Ctrl-C or SIGTERM, which no longer reach Pelican's own process group
        check.kill()
        returncode = None
        raise
    finally:
        # A failed Pelican's language processes may still be writing: whatever the outcome, none is left.
        stop_process_group(pelican)
        RUNNING_BUILDS.pop(pelican, None)
        if returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
        for number, handler in (previous_handlers or {}).items():
            signal.signal(number, handler)
    check_echo.join()
    if status != 0:
        problem = "has errors" if status == CHECK_FOUND_ERRORS else f"check stopped (exit {status})"
        raise Refused(f"The content {problem} (above): nothing was built, {output.name}/ is unchanged.", 1,
                      [line for line in checked if line.strip() and ": warning: " not in line])  # the errors
    reader.join()
    logged = b"".join(messages).decode("utf-8", errors="replace")
    sys.stdout.write(logged)
    sys.stdout.flush()
    if returncode != 0:
        raise Refused(f"The build failed (above): nothing was published, {output.name}/ is unchanged.",
                      returncode, failure_lines(logged))
    if only:
        for written in sorted(path for path in staging.rglob("*") if not path.is_dir()):
            target = output / written.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(written, target)
        shutil.rmtree(staging, ignore_errors=True)
        return
    previous = output.with_name(output.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    if preview:  # the preview is served already; removing thousands of old files can wait
        threading.Thread(target=shutil.rmtree, args=(previous, True), daemon=True).start()
    else:
        shutil.rmtree(previous, ignore_errors=True)


def pelican_arguments():
    """What followed `--` on the invoke command line, for Pelican (nothing when called from Python)."""
    core = getattr(program, "core", None)
    return core.remainder if core else ""


@task
def clean(c):
    """Remove the generated files."""
    for folder in (CONFIG["output"], "cache"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task(help={"github": "print the problems as GitHub Actions annotations and list them on the run's page"})
def check(c, github=False):
    """Check all content without building; exit non-zero on errors."""
    errors = check_content(CONFIG["settings_base"], CONFIG["content"], report=True, github=github)
    if errors:
        again = "commit again" if github else "run `make check` again"
        raise Exit(f"{errors} error(s): fix them, then {again}.", code=1)
    print("Content is valid.")


@task
def build(c):
    """Build the whole site, every language, into output/."""
    build_site(CONFIG["settings_base"], CONFIG["output"], pelican_arguments())


@task
def publish_build(c):
    """Build the site for publishing, with publishconf.py (absolute URLs)."""
    build_site(CONFIG["settings_publish"], CONFIG["output"], pelican_arguments())


@task(help={"target": "a folder to publish to; it becomes a link to the new release, switched atomically",
            "gh_pages": "a git remote (URL or path) whose branch receives the site, with ghp-import",
            "branch": "the branch for --gh-pages (default gh-pages)"})
def publish(c, target="", gh_pages="", branch="gh-pages"):
    """Build with publishconf.py, run the release gate, and only then publish (to a folder or a git branch)."""
    if bool(target) == bool(gh_pages):
        raise Exit("Say where to publish, one of: make publish TARGET=/path/to/folder (invoke publish --target ...) "
                   "or make publish GH_PAGES=<git remote> (invoke publish --gh-pages ...).", code=2)
    # Before the build and the gate (minutes): a mistyped or unwritable destination is said at once.
    remote = git_remote(gh_pages) if gh_pages else None
    if target:
        check_target(Path(target))
    commit, changed = built_from()
    if changed:  # published as they are, but never without a word: a test article went live unnoticed
        shown = "\n  ".join(changed[:10]) + (f"\n  ... and {len(changed) - 10} more" if len(changed) > 10 else "")
        print(f"Warning: these files differ from commit {commit} and are published as they are in this "
              f"folder:\n  {shown}\nCommit them (or remove them) to publish exactly what is in git.")
    # Built into a folder of its own, not output/: a `make site` or `make serve` in this checkout while
    # the gate runs replaces output/, and a preview build (links to localhost) was published unchecked.
    output = ROOT / CONFIG["output"]
    site = Path(tempfile.mkdtemp(prefix=f"{output.name}.publish-", dir=output.parent))
    try:
        build_site(CONFIG["settings_publish"], site, pelican_arguments())
        if run_gate(site).returncode != 0:
            raise Exit("The release gate failed (above): nothing was published.", code=1)
        if target:
            release = publish_to_folder(site, Path(target), (commit, changed))
            print(f"Published {target} -> {release}")
        else:
            publish_to_branch(site, remote, branch, (commit, changed))
            print(f"Published to the {branch} branch of {gh_pages}")
    finally:
        shutil.rmtree(site, ignore_errors=True)


def check_target(target):
    """Refuse a publishing target whose folder does not exist or cannot be written in (the releases go there)."""
    folder = target.absolute().parent
    if not folder.is_dir():
        raise Exit(f"TARGET {target}: the folder {folder} does not exist. Check the path for a typing mistake; "
                   "on a first publish, create that folder first (the target itself is made).", code=2)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Exit(f"TARGET {target}: this user cannot write in {folder}, where the release folders are made "
                   f"beside {target.name}. Publish as a user who may write there.", code=2)


def git_remote(remote):
    """What to push to for GH_PAGES (a URL, a remote's name, or a local repository's path), checked now.

    The push runs from a temporary folder, where a relative path or a remote's name means nothing: a remote
    of this checkout (`origin`) becomes its URL, a path becomes absolute. Each is then reached once with
    `git ls-remote`, so that a mistyped path, an unknown host or a missing key is said before the build
    and the gate (minutes), not after them.
    """
    if "://" in remote or re.match(r"^[\w.-]+@[\w.-]+:|^[\w-]+(\.[\w-]+)+:", remote):
        url = remote  # https://host/..., ssh://..., git@github.com:owner/repo.git
    elif (named := subprocess.run(["git", "remote", "get-url", remote], cwd=ROOT, capture_output=True,
                                  text=True, check=False)).returncode == 0:
        url = named.stdout.strip()
    elif Path(remote).expanduser().is_dir():
        url = str(Path(remote).expanduser().resolve())
    else:
        raise Exit(f"GH_PAGES {remote}: not a git URL, nor a remote of this checkout (`git remote -v` lists "
                   "them), nor a folder. Check it for a typing mistake.", code=2)
    reached = subprocess.run(["git", "ls-remote", "--heads", url], cwd=ROOT, capture_output=True, text=True,
                             check=False, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    if reached.returncode != 0:
        raise Exit(f"GH_PAGES {remote}: git cannot reach {url}: {reached.stderr.strip()}", code=2)
    return url


@task(help={"site": "the built folder to check (default output/, as `make publish-build` leaves it)"})
def gate(c, site=""):
    """Run the release gate on a site built for publishing; publish nothing."""
    site = site or CONFIG["output"]
    folder = ROOT / site
    if not (folder / "index.html").exists():
        raise Exit(f"There is no built site in {site}: run `make publish-build` first.", code=2)
    if run_gate(folder).returncode != 0:
        raise Exit("The release gate failed (above).", code=1)


def run_gate(site, siteurl=None, pytest_args=(), **options):
    """Run the release gate (tests/test_gate.py) on the folder `site`, exactly the files to be published.

    The gate serves that folder with nginx and follows its links, which point at the public address
    (`siteurl`, by default publishconf.py's SITEURL) and are fetched from the local server instead.
    `options` go to subprocess.run; returns its CompletedProcess.
    """
    siteurl = siteurl or read_settings(CONFIG["settings_publish"])["SITEURL"]
    command = [*CONFIG["gate"], *pytest_args]
    print(f"Running the release gate on {site} (built for {siteurl}):", " ".join(command))
    environment = {**os.environ, "GATE_SITE": str(Path(site).resolve()), "GATE_SITEURL": siteurl}
    return subprocess.run(command, cwd=ROOT, env=environment, check=False, **options)


def publish_to_folder(site, target, source=None):
    """Copy the site into a new release folder beside `target`, then switch the `target` link to it.

    The switch is one rename of a symbolic link, so a web server whose root is `target` serves either the
    old site or the new one, never a mixture. A release is copied under a `.partial` name and renamed once
    whole: a copy stopped half-way (Ctrl-C) is never linked, nor counted among the CONFIG["releases_kept"]
    releases kept (it took the place of a whole one). The releases and every file in them are made
    readable by all: built under a strict umask, the gate passed and the web server's user got "403
    Forbidden". The link is relative, so the folder may be mounted elsewhere on the web server. The
    release that was live until now is always kept, besides the newest ones: after a rollback to an older
    one, it is the last known good. Two publishes to one target take turns (`.<target>.lock` beside it).
    `source`: what `built_from` said before the build (asked now if not given), which names the release.
    """
    target = target.absolute()
    releases = target.with_name(f".{target.name}.releases")
    releases.mkdir(exist_ok=True)
    releases.chmod(0o755)
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stopped in releases.glob("*.partial"):  # left by a publish that was stopped
            shutil.rmtree(stopped, ignore_errors=True)
        was_live = target.parent / os.readlink(target) if target.is_symlink() else None
        # The release's name says when, and from which commit: `ls` then tells which to roll back to.
        commit, changed = source or built_from()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f") + f"-{commit}" + ("-uncommitted" if changed else "")
        release, partial = releases / stamp, releases / f"{stamp}.partial"
        shutil.copytree(site, partial, symlinks=False)
        for folder, _folders, files in os.walk(partial):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        partial.rename(release)
        if target.exists() and not target.is_symlink():  # a folder published by hand: keep it as a release
            # Named by its own time, so that it sorts before the new release.
            made = datetime.fromtimestamp(target.stat().st_mtime).strftime("%Y%m%d-%H%M%S-%f")
            target.rename(releases / f"{made}-before")
        link = target.with_name(f".{target.name}.switch")
        link.unlink(missing_ok=True)
        link.symlink_to(os.path.relpath(release, target.parent))
        os.replace(link, target)
        kept = {release.resolve(), *([was_live.resolve()] if was_live else [])}
        older = sorted(path for path in releases.iterdir() if path.is_dir() and path.resolve() not in kept)
        for old in older[:len(older) - max(0, CONFIG["releases_kept"] - len(kept))]:
            shutil.rmtree(old)
    return release


def built_from():
    """The commit the working tree is at, and the files changed or added since (`git status`), for a publish."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False).stdout.strip() or "unknown"
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.splitlines()
    # Files git does not know first: a new article left in the checkout is what most surprises on the site.
    return commit, [line[3:] for line in sorted(status, key=lambda line: not line.startswith("??")) if line.strip()]


def publish_to_branch(site, remote, branch, source=None):
    """Commit the site on top of the remote branch with ghp-import, and push it (a push is atomic).

    ghp-import replaces the branch's whole tree: the `CNAME` file that gives GitHub Pages the site's own
    domain (publishconf.py's SITEURL) is written each time, or a publish would drop the domain.
    """
    commit, changed = source or built_from()  # as before the build, when the warning was given
    if changed:
        commit += " with changes not committed"
    # GitHub Pages compresses by itself and never serves the .gz and .br copies: they only made the branch
    # grow twice as fast.
    for copy in [*site.rglob("*.gz"), *site.rglob("*.br")]:
        if copy.with_suffix("").is_file():  # a copy of a page or file; not a download that is itself .gz
            copy.unlink()
    host = urlsplit(read_settings(CONFIG["settings_publish"])["SITEURL"]).hostname or ""
    cname = [] if host.endswith(".github.io") or host in ("", "localhost") else ["--cname", host]
    with tempfile.TemporaryDirectory(prefix="publish-") as work:
        def git(*arguments, check=True):
            return subprocess.run(["git", *arguments], cwd=work, check=check, capture_output=True, text=True)

        git("init", "-q")
        git("config", "user.name", "NTS-Mekong Watch publisher")
        git("config", "user.email", "publisher@localhost")
        git("remote", "add", "origin", str(remote))
        git("fetch", "-q", "origin", f"{branch}:{branch}", check=False)  # none yet on a first publish
        result = subprocess.run(
            [str(Path(sys.executable).parent / "ghp-import"), "--no-jekyll", *cname, "--push", "--remote", "origin",
             "--branch", branch, "--message", f"Publish the site built from {commit}", str(site)],
            cwd=work, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise Exit(f"Publishing to {remote} failed: {result.stderr.strip()}", code=1)


def ask(question, example):
    """What the person typed after `question`; without a keyboard (a script, CI), say how to give it instead."""
    try:
        return input(question).strip()
    except EOFError:
        raise Exit(f"\nNothing was typed: give it on the command line, as in make new {example}", code=2) from None


def english_slug(title):
    """An ASCII slug from an English title: lower case, hyphens, at most about 60 characters."""
    # Accents dropped, not their letters: `Pakxé` is `pakxe`, not `pakx` (a published slug is never changed).
    # An apostrophe, straight or as Word types it, joins its word (women's, women’s: womens); Đ has no accent
    # to drop (Đà Nẵng: da-nang).
    title = re.sub("['’]", "", title).translate(str.maketrans("Đđ", "Dd"))
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", plain.lower()).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


@task(help={"title": "the English title", "category": "news, activities or impact-stories",
            "date": "YYYY-MM-DD HH:MM (default: now, Bangkok time)", "settings": "settings file"})
def new(c, title="", category="", date="", settings=CONFIG["settings_base"]):
    """Create the Thai and English files of a new article pair."""
    from zoneinfo import ZoneInfo

    from content_guard.content_guard import (
        BUDDHIST_ERA_FROM,
        NEW_ARTICLE,
        content_files,
        read_header,
        suggested_category,
        written_date,
    )

    settings = read_settings(settings)
    categories = list(settings["CATEGORIES"])
    title = title or ask("English title: ", 'TITLE="English title"')
    category = category or ask(f"Category ({', '.join(categories)}): ", f"CATEGORY={categories[0]}")
    if category not in categories:
        close = suggested_category(category, settings["CATEGORIES"])
        hint = f" Did you mean `{close}`?" if close else ""
        raise Exit(f"Category `{category}` is not one of {', '.join(categories)}.{hint}", code=1)
    now = datetime.now(ZoneInfo(settings["TIMEZONE"]))
    when = date.strip() or now.strftime("%Y-%m-%d %H:%M")
    try:
        day = datetime.fromisoformat(when)
    except ValueError:
        raise Exit(f"The date `{when}` is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, "
                   f"e.g. {written_date(when) or '2026-11-20 09:30'}", code=1) from None
    if day.year >= BUDDHIST_ERA_FROM:
        raise Exit(f"The date `{when}`: {day.year} is a Buddhist Era year; write the year of the Western "
                   f"calendar (543 less), e.g. {day.year - 543}{when[4:]}", code=1)
    if day.date() > now.date():  # `make check` would refuse the pair: the site would publish it now
        raise Exit(f"The date `{when}` is in the future (today is {now.date()}): write the day the article is "
                   "about, or leave the date out for today. To prepare an article ahead of its day, make it today, "
                   "add `Status: draft` to both files, and on the day set `Date` and remove that line.", code=1)
    slug = english_slug(title)
    if not slug:
        raise Exit("The English title needs at least one English letter or digit, to make the web address.", code=1)
    for path, kind in content_files(settings):
        header, _problems = read_header(path, kind) if path.suffix == ".md" else (None, [])
        if kind == "article" and header and header.get("slug") == slug:
            raise Exit(f"An article with the slug `{slug}` already exists: {path}. Choose another title, or "
                       "edit that file.", code=1)
    paths = {lang: Path(settings["PATH"]) / "articles" / f"{when[:7]}-{slug}.{lang}.md" for lang in NEW_ARTICLE}
    if existing := [path for path in paths.values() if path.exists()]:  # its Slug was changed since: kept as it is
        raise Exit(f"The file {existing[0]} already exists (with another slug in it). Choose another title, or "
                   "edit that file: nothing was written.", code=1)
    created = []
    for lang, (title_form, summary, comment) in NEW_ARTICLE.items():
        with paths[lang].open("x", encoding="utf-8") as file:  # "x": never over a file made in the meantime
            file.write(f"Title: {title_form.format(title=title)}\nSlug: {slug}\nLang: {lang}\nDate: {when}\n"
                       f"Category: {category}\nSummary: {summary}\n\n{comment}\n")
        created.append(paths[lang])
    print("Created:", *created, sep="\n  ")


@task
def translations(c):
    """Extract the theme's interface strings and update every language's catalogue."""
    theme = ROOT / "theme"
    template = theme / "translations" / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    # Lists of arguments, not a shell's command line: a checkout's path may hold a space.
    subprocess.run([pybabel, "extract", "--mapping-file", theme / "babel.cfg", "--output-file", template,
                    "--no-location", "--sort-output", "--project", "NTS-Mekong Watch theme", theme], check=True)
    subprocess.run([pybabel, "update", "--input-file", template, "--output-dir", theme / "translations",
                    "--ignore-obsolete", "--no-fuzzy-matching"], check=True)
    template.unlink()
    print("Now fill in every empty msgstr in theme/translations/*/LC_MESSAGES/messages.po.")


SHARE_CARD_FIELDS = ("SITENAME", "SITE_TAGLINE", "AGENCY_NAME")  # the words on a language's link-preview card
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")


def share_card_paths(folder=None):
    """Where the link-preview cards are kept: the folder of the `<lang>.png` images, and the record of their words.

    The words are recorded beside the theme, not in the images: published images carry no metadata.
    """
    if folder:
        return Path(folder), Path(folder) / "share-cards.json"
    return ROOT / "theme" / "static" / "images", ROOT / "theme" / "share-cards.json"


def render_share_cards(folder=None):
    """Draw each language's link-preview card with Chromium (the theme's fonts and logo); return the files.

    The cards are PNG files kept in the theme, drawn again by hand when a language's name, tagline or
    agency changes: a build cannot draw Thai text and the SVG logo without a browser, and should not need
    one. The words each card shows are recorded, so that a test notices a card left out of date.
    """
    import jinja2
    from playwright.sync_api import sync_playwright

    settings = read_settings(CONFIG["settings_base"])
    width, height = settings["SHARE_CARD_SIZE"]
    static = ROOT / "theme" / "static"
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme"), autoescape=True) \
        .get_template("share-card.html")
    images, record = share_card_paths(folder)
    images.mkdir(parents=True, exist_ok=True)
    written, shown = [], {}
    # The theme's own faces again, drawn only once loaded (`block`): the site's bold faces are `optional`, used
    # only if they arrive within about 0.1 s, and a card came out in another font on every other run.
    css = (static / "css" / "site.css").read_text(encoding="utf-8")
    faces = re.sub(r"font-display:\s*\w+", "font-display: block", "\n".join(FONT_FACE.findall(css)))
    faces = faces.replace('url("../fonts/', f'url("{(static / "fonts").as_uri()}/')
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as work:
        browser = playwright.chromium.launch(executable_path=CONFIG["chromium"], args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        for lang, language in settings["LANGUAGES"].items():
            shown[lang] = {name: language["settings"][name] for name in SHARE_CARD_FIELDS}
            html = Path(work) / f"{lang}.html"
            html.write_text(template.render(lang=lang, width=width, height=height, **shown[lang],
                                            stylesheet=(static / "css" / "site.css").as_uri(), font_faces=faces,
                                            logo=(static / "images" / "logo.svg").as_uri()), encoding="utf-8")
            page.goto(html.as_uri())
            loaded = page.evaluate("document.fonts.ready.then(set => [...set].filter(f => f.status == 'loaded'))"
                                   ".then(faces => faces.map(face => face.family))")
            if not loaded:  # the words would be drawn in whatever font the machine has, or as boxes
                raise RuntimeError(f"share cards: the theme's fonts did not load for the {lang} card")
            # The site's name on one line, as large as fits (a longer name, a wider font: smaller, not cut).
            page.evaluate("""() => { const name = document.querySelector('.name');
                let size = parseFloat(getComputedStyle(name).fontSize);
                while (name.scrollWidth > name.clientWidth && size > 40) { name.style.fontSize = --size + 'px'; } }""")
            target = images / f"share-card-{lang}.png"
            page.screenshot(path=target)
            written.append(target)
        browser.close()
    record.write_text(json.dumps(shown, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return [*written, record]


@task(help={"settings": "settings file"})
def strip_photos(c, settings=CONFIG["settings_base"]):
    """Remove the metadata (GPS position, camera, owner) from the content's photos, in place, before a commit."""
    from photos.photos import strip_content_images

    rewritten = strip_content_images(read_settings(settings))
    for path in rewritten:
        print(f"Removed the metadata of {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"{len(rewritten)} photo(s) rewritten; the others hold no metadata.")


@task
def share_cards(c):
    """Draw the link-preview cards again (after a change to a language's site name, tagline or agency)."""
    if not Path(CONFIG["chromium"]).exists():
        raise Exit(f"make share-cards draws the cards with Chromium, and there is none at {CONFIG['chromium']}: "
                   "install Debian's (sudo apt-get install chromium), then run it again. The cards in "
                   "theme/static/images/ are unchanged.", code=2)
    for path in render_share_cards():
        print(f"Wrote {path.relative_to(ROOT)}")


@task
def serve(c):
    """Serve output/ on http://localhost:8000/ (no rebuilds)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    server = RootedHTTPServer(ROOT / CONFIG["output"], (CONFIG["host"], CONFIG["port"]),
                              ComplexHTTPRequestHandler)
    print(f"Serving on http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


def watched_patterns():
    """What make serve rebuilds after: the content, then the theme, the plugins and the settings."""
    return [str(ROOT / CONFIG["content"] / "**/*"),
            *(str(ROOT / pattern) for pattern in ("theme/**/*", "plugins/**/*.py", "*.py"))]


def edited_markdown(changed):
    """The Markdown files among the content files livereload saw change, or None if any other file did.

    livereload gives the files edited or added under a pattern as a list, and a removal as no list.
    """
    if not isinstance(changed, list) or not changed or not all(name.endswith(".md") for name in changed):
        return None
    return sorted(changed)


def port_is_free(host, port):
    """Stop, saying what to do, when another program (another `make serve`) already listens on the port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: a port just let go is free
        try:
            probe.bind((socket.gethostbyname(host), port))
        except OSError:
            raise Exit(f"Port {port} is in use: another `make serve` may be running (stop it with Ctrl-C in its "
                       f"window), or another program. To preview on another port: SITE_PORT={port + 1} make serve",
                       code=2) from None


REFUSED_NOTICE = (
    '<div role="alert" style="background:#7a1616;color:#fff;padding:1rem 1.25rem;font:16px/1.5 sans-serif">\n'
    '<p lang="th" style="margin:0 0 .5rem"><strong>หน้านี้ยังไม่ใช่ฉบับล่าสุด:</strong> '
    "การแก้ไขที่บันทึกครั้งล่าสุดมีปัญหา จึงยังไม่ได้สร้างเว็บไซต์ใหม่ กรุณาแก้ไขตามรายการด้านล่าง แล้วบันทึกอีกครั้ง "
    "(หน้าที่เห็นด้านล่างคือฉบับล่าสุดที่สร้างสำเร็จ)</p>\n"
    '<p lang="en" style="margin:0 0 .5rem"><strong>This preview is out of date:</strong> your last save was '
    "refused, so the site was not rebuilt. Fix what is listed below and save again (the page under this box is "
    "the last good build).</p>\n"
    '<pre style="margin:0;white-space:pre-wrap;max-height:40vh;overflow:auto;font-size:14px">{problems}</pre>\n'
    "</div>")
NOTICE_LINES = 30  # the rest are in the terminal


def with_refused_notice(page: bytes, problems: list[str]) -> bytes:
    """A page of `make serve`'s preview with, at its top, why the last build was refused (`problems`).

    The preview keeps serving the last good build after a refused save: without this, the browser reloaded
    the old page and only the terminal said why, which the writer was not looking at. The box carries its own
    style: the page's security policy, which `make site`'s pages have (the preview's own have none), goes.
    """
    shown = problems[:NOTICE_LINES] or ["(see the terminal)"]
    if len(problems) > NOTICE_LINES:
        shown.append(f"... and {len(problems) - NOTICE_LINES} more: see the terminal")
    notice = REFUSED_NOTICE.format(problems=html.escape("\n".join(shown)))
    page = re.sub(rb'<meta http-equiv="Content-Security-Policy"[^>]*>', b"", page, count=1)
    body = re.search(rb"<body[^>]*>", page)
    at = body.end() if body else 0
    return page[:at] + notice.encode("utf-8") + page[at:]


def preview_file_handler(refused: list[str]):
    """The file handler of livereload's server: each page opens with `refused` (the last build's problems) if any."""
    from livereload.handlers import StaticFileHandler

    # The page get_content_size measured, which get_content serves: tornado calls them one after the other in
    # one request, on its one thread, while a build may change `refused` on another.
    measured = {}

    class RefusedNoticeHandler(StaticFileHandler):
        @classmethod
        def get_content(cls, abspath, start=None, end=None):
            page = measured.pop(abspath, None)
            return super().get_content(abspath, start, end) if page is None else page[start:end]

        def get_content_size(self):
            path = self.absolute_path
            problems = list(refused)
            if not problems or not path.endswith(".html"):
                measured.pop(path, None)
                return super().get_content_size()
            measured[path] = with_refused_notice(Path(path).read_bytes(), problems)
            return len(measured[path])

    return RefusedNoticeHandler


@task
def livereload(c):
    """Build, serve, and rebuild and reload the browser whenever content, theme or settings change.

    After an edit to Markdown content only, the pages of the edited files are written first and the
    browser reloads at once; the full preview build follows in the background, and the browser reloads
    again when it is in (so lists, feeds and the other pages catch up). Any other change rebuilds in full.
    """
    from livereload import Server

    port_is_free(CONFIG["host"], CONFIG["port"])  # before the build: it took a minute, then a traceback
    exit_on_sigterm()  # so that the atexit hook stops a build running in the background
    output = CONFIG["output"]
    full_build_wanted = threading.Event()
    marker = Path(tempfile.mkdtemp(prefix="preview-")) / "full-build-done"
    marker.touch()
    atexit.register(shutil.rmtree, marker.parent, True)  # each preview left its folder in /tmp

    # Two builds at once would share the cache files, and one could swap the output while the other merges into it.
    one_at_a_time = threading.Lock()

    refused = []  # why the last build was refused, shown at the top of every page until a build passes

    def build(only=None):
        try:
            with one_at_a_time:
                build_site(CONFIG["settings_base"], output, pelican_arguments(), CONFIG["content"], preview=True,
                           only=only)
            refused.clear()
            return True
        except Exit as failure:
            # Keep serving the last good build; the messages above, and the box on each page, say what to fix.
            print(failure.message, file=sys.stderr)
            refused[:] = [*getattr(failure, "problems", []), failure.message]
            return False

    def full_builds():
        while True:
            full_build_wanted.wait()
            full_build_wanted.clear()
            build()
            marker.touch()  # watched: the browser reloads, to the pages or to why they were refused

    def rebuild_content(changed=None):
        edited = edited_markdown(changed)
        if edited:
            if build(only=edited):  # if not, the full build would fail on the same problem
                full_build_wanted.set()
        else:
            build()

    def rebuild_all():
        build()

    build()
    threading.Thread(target=full_builds, daemon=True).start()
    server = Server()
    server.SFH = preview_file_handler(refused)
    content, *code = watched_patterns()
    server.watch(content, rebuild_content)
    for pattern in code:
        server.watch(pattern, rebuild_all)
    server.watch(str(marker))
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=str(ROOT / output), open_url_delay=None)
