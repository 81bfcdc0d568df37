"""The GitHub Actions workflow (valid, the gate on pull requests, publishing from main); the Makefile's set-up."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(path: Path) -> subprocess.CompletedProcess:
    """Lint a workflow file."""
    return subprocess.run([str(ACTIONLINT), "-no-color", str(path)], capture_output=True, text=True, check=False)


def test_the_workflow_passes_actionlint(tmp_path):
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    # The linter really reads it: the same file with a misspelt key is refused.
    broken = tmp_path / "site.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:", 1))
    assert actionlint(broken).returncode != 0


def test_pull_requests_run_the_gate_and_main_publishes_with_the_official_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    gate, deploy = workflow["jobs"]["gate"], workflow["jobs"]["deploy"]
    assert any(step.get("run") == "bash .ci/run" for step in gate["steps"])
    assert deploy["needs"] == "gate"
    # Publishes from main, on a push or a run started by hand ("Run workflow": publishing again without a new
    # commit did nothing); never for a pull request.
    assert deploy["if"] == ("(github.event_name == 'push' || github.event_name == 'workflow_dispatch') "
                            "&& github.ref == 'refs/heads/main'")
    assert "workflow_dispatch" in triggers
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    runs = [step.get("run", "") for step in deploy["steps"]]
    build = runs.index("make publish-build")
    # The folder uploaded is the one the gate checked, built for the same address, before the upload.
    gate_step = next(index for index, run in enumerate(runs) if "make gate" in run.splitlines())
    upload = uses.index("actions/upload-pages-artifact")
    assert build < gate_step < upload
    assert "bash .ci/packages" in runs[gate_step]
    assert deploy["steps"][build]["env"]["SITEURL"] == deploy["steps"][gate_step]["env"]["SITEURL"]


def test_the_published_artifact_leaves_out_the_copies_made_for_nginx(tmp_path):
    """GitHub Pages compresses by itself: the .gz and .br copies were uploaded, and published, for nothing."""
    deploy = yaml.safe_load(WORKFLOW.read_text())["jobs"]["deploy"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in deploy]
    step = next(index for index, item in enumerate(deploy) if "-delete" in item.get("run", ""))
    assert step < uses.index("actions/upload-pages-artifact")
    for name in ("index.html", "index.html.gz", "theme/css/site.css.br", "images/boat.jpg", "centres.csv.gz"):
        (tmp_path / "output" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "output" / name).write_text("x")
    subprocess.run(["bash", "-c", deploy[step]["run"]], cwd=tmp_path, check=True)
    assert sorted(path.relative_to(tmp_path / "output").as_posix() for path in (tmp_path / "output").rglob("*")
                  if path.is_file()) == ["images/boat.jpg", "index.html"]


def make_in_copy(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`make ARGUMENTS` with the project's Makefile, in a folder of its own (with the requirements it names).

    A file `ready` there is made newer than them: given as READY, make takes the environment as set up.
    """
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "ready").touch()
    return subprocess.run(["make", *arguments], cwd=tmp_path, capture_output=True, text=True, check=False)


def echoing_invoke(tmp_path: Path) -> None:
    """A `bin/` (given as BIN) whose invoke prints each argument it is given in brackets."""
    (tmp_path / "bin").mkdir()
    for name, script in (("python", 'echo ok'), ("invoke", 'for a in "$@"; do echo "[$a]"; done')):
        (tmp_path / "bin" / name).write_text(f"#!/bin/sh\n{script}\n")
        (tmp_path / "bin" / name).chmod(0o755)


def test_a_venv_whose_python_is_gone_is_made_again(tmp_path):
    """After the system's Python was upgraded, `make site` stopped at ".venv/bin/invoke: No such file", for good."""
    (tmp_path / ".venv/bin").mkdir(parents=True)
    (tmp_path / ".venv/.requirements-installed").touch()
    (tmp_path / ".venv/bin/python").symlink_to("/usr/bin/python3.9-removed-by-the-upgrade")
    result = make_in_copy(tmp_path, "--dry-run", "site")
    # The plan: remove the broken .venv, make it again, install; a dry run itself removes nothing.
    plan = result.stdout
    assert "making it again" in plan and "rm -rf .venv" in plan, plan
    assert plan.index("rm -rf .venv") < plan.index("python3 -m venv .venv") < plan.index("pip install")
    assert (tmp_path / ".venv/.requirements-installed").exists()


def test_a_python_older_than_3_11_is_named_before_anything_is_installed(tmp_path):
    """Python 3.10 failed in pip with "No matching distribution found for Markdown==3.11.3"."""
    old = tmp_path / "python3.10"
    old.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12" && exit 0\nexit 1\n')
    old.chmod(0o755)
    result = make_in_copy(tmp_path, "site", f"PYTHON={old}")
    assert result.returncode != 0 and "Python 3.11 or newer is needed" in result.stdout, result.stdout + result.stderr
    assert "Python 3.10.12" in result.stdout and not (tmp_path / ".venv").exists()


def test_make_new_passes_the_title_as_typed(tmp_path):
    """`make new TITLE='...'` lost the title's quotation marks, and "$HOME" in it became "OME"."""
    echoing_invoke(tmp_path)
    title = 'Minister\'s visit to "Pakse" costs $50 (or $HOME)'
    result = make_in_copy(tmp_path, "-s", "new", "BIN=bin", "READY=ready", f"TITLE={title}", "CATEGORY=news")
    assert f"[--title]\n[{title}]\n[--category]\n[news]" in result.stdout, result.stdout + result.stderr


def test_ci_checks_the_content_first_and_shows_its_messages_on_github(tmp_path):
    """CI checks the content first, alone, and shows its messages as annotations.

    A writer who edited on GitHub's website found a mistake's message, if at all, among the test suite's
    output a quarter of an hour later.
    """
    gate = yaml.safe_load(WORKFLOW.read_text())["jobs"]["gate"]["steps"]
    runs = [step.get("run", "") for step in gate]
    assert runs.index("make check FORMAT=github") < runs.index("bash .ci/run")
    echoing_invoke(tmp_path)
    result = make_in_copy(tmp_path, "-s", "check", "BIN=bin", "READY=ready", "FORMAT=github")
    assert result.stdout == "[check]\n[--github]\n", result.stdout + result.stderr
    # On a writer's computer, the plain `file:line: message` lines.
    assert make_in_copy(tmp_path, "-s", "check", "BIN=bin", "READY=ready").stdout == "[check]\n"
