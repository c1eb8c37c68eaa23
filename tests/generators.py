"""Build a Markdown site the way its user would: with the flavor's real generator.

Hugo, Jekyll and Pelican are run as commands (a test is skipped when one is missing; ``.ci/run``
installs them). ``plain`` files have no generator of their own: they are rendered with a CommonMark
renderer (markdown-it-py, strikethrough on, raw HTML allowed), each into a page shaped like the
generated layouts (``article[data-blogger-id] > div.post-body``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

GENERATORS = {
    "hugo": (["hugo", "--quiet"], "public"),
    "jekyll": (["jekyll", "build", "--quiet"], "_site"),
    "pelican": ([sys.executable, "-m", "pelican", "-q", "-s", "pelicanconf.py", "-o", "output"], "output"),
}
PLAIN_OUTPUT = "_plain_html"


def built(site: Path, flavor: str) -> Path:
    """The folder of HTML pages ``flavor``'s generator builds from ``site``."""
    if flavor == "plain":
        return render_plain(site)
    command, out = GENERATORS[flavor]
    if shutil.which(command[0]) is None and command[0] != sys.executable:
        pytest.skip(f"{command[0]} is not installed (.ci/run installs it)")
    if flavor == "pelican":
        pytest.importorskip("pelican")
        pytest.importorskip("markdown")
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / out


def render_plain(site: Path) -> Path:
    """Every ``plain`` Markdown file of ``site`` rendered by CommonMark into ``site/_plain_html/``."""
    markdown_it = pytest.importorskip("markdown_it")
    from html import escape

    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("strikethrough")
    out = site / PLAIN_OUTPUT
    out.mkdir(exist_ok=True)
    for path in sorted(site.glob("*.md")):
        _, header, body = path.read_text("utf-8").split("---\n", 2)
        meta = yaml.safe_load(header)
        page = (
            f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(str(meta.get("title", "")))}</title>'
            f'</head><body>\n<article class="post" data-blogger-id="{escape(str(meta.get("blogger_id", "")))}">\n'
            f'<div class="post-body">\n{renderer.render(body)}</div>\n</article>\n</body></html>\n'
        )
        (out / f"{path.stem}.html").write_text(page, "utf-8")
    return out
