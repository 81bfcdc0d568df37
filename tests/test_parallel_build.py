"""The languages are built side by side (plugins/multilingual/parallel.py): the same site, the same failures."""

from __future__ import annotations

import pytest
from invoke.exceptions import Exit

import tasks
from conftest import different_files


def test_side_by_side_and_one_after_another_give_the_same_bytes(tmp_path):
    """The shipped site, each time from an empty cache: languages in parallel, and one after another as upstream."""
    outputs = []
    for parallel in ("true", "false"):
        output = tmp_path / f"parallel-{parallel}"
        tasks.build_site(tasks.CONFIG["settings_base"], output,
                         f"-e 'CACHE_PATH=\"{tmp_path / parallel}\"' MULTILINGUAL_PARALLEL={parallel}")
        outputs.append(output)
    assert sum(1 for _ in outputs[0].glob("en/**/*.html")) > 60  # the English site is there
    assert different_files(*outputs) == []


def test_a_failure_in_another_language_fails_the_build(minimal_site, capfd):
    """An English page Pelican cannot render: nothing is published, and the message names the language."""
    site = minimal_site.build()
    before = sorted(path.relative_to(site.root) for path in site.root.rglob("*"))
    minimal_site.page("rules", "en", "Rules", extra="Template: no-such-template\n")
    minimal_site.page("rules", "th", "กฎ")
    capfd.readouterr()
    with pytest.raises(Exit) as failure:
        minimal_site.build()
    printed = capfd.readouterr().out
    assert "The build failed (above): nothing was published" in failure.value.message
    assert "The 'en' site failed" in printed and "no-such-template" in printed, printed
    assert sorted(path.relative_to(site.root) for path in site.root.rglob("*")) == before
