"""The GitHub Actions workflow: valid (actionlint), the gate on pull requests, publishing only from main."""

from __future__ import annotations

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
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
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
