"""Rendering the whole offline site into a staging folder (the work behind ``--to html``).

Kept apart from the package's entry point so that ``import blogport.formats.html_site`` (the
registry, the CLI) costs nothing: Jinja2 and nh3 load only when a site is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from ... import parallel
from ...model import Archive
from ...options import WriteOptions
from ...report import FIGURE_LABELS, agree, counted, summarize
from .plan import Entry, SitePlan, month_path, plan_site
from .render import PageResult, Renderer
from .stage import Staging, write_into

STYLE_SHEET = (Path(__file__).with_name("style.css")).read_text("utf-8")


@attrs.frozen
class _Job:
    renderer: Renderer
    folder: Path


def _render_posts(job: _Job, start: int, stop: int) -> PageResult:
    # Runs in a forked worker (or in this process): writes the pages, returns what the indexes need.
    result = PageResult()
    made: set[str] = set()
    for entry in job.renderer.plan.entries[start:stop]:
        write_into(job.folder, entry.path, job.renderer.post_page(entry, result), made)
    return result


def _merge(results: list[PageResult]) -> PageResult:
    merged = PageResult()
    for result in results:
        merged.excerpts.update(result.excerpts)
        merged.remote_images.extend(result.remote_images)
        merged.missing.update(result.missing)
        merged.unresolved += result.unresolved
        merged.local_images.update(result.local_images)
    return merged


def render_site(archive: Archive, options: WriteOptions, staging: Staging) -> list[str]:
    """Render every file of the site into ``staging``; returns the writer's warnings."""
    site_plan = plan_site(archive, options)
    renderer = Renderer(archive, site_plan, options)
    weights = [
        len(e.post.content) + sum(len(c.content) + 200 for c in e.post.all_comments()) for e in site_plan.entries
    ]
    results = parallel.map_ranges(_render_posts, _Job(renderer, staging.folder), weights, options.jobs, 1_000_000)
    merged = _merge(results)
    _write_listings(renderer, site_plan, merged, staging)
    if renderer.media is not None:
        for key in sorted(merged.local_images):
            image = renderer.media.entry(key)
            stored = renderer.media.file_for(image) if image is not None else None
            if stored is not None:
                staging.copy(renderer.image_paths[key], stored)
    if archive.orphan_comments:
        staging.write("orphans.html", renderer.orphans_page(merged))
    warnings = list(site_plan.warnings)
    if merged.missing:
        links = sum(merged.missing.values())
        warnings.append(
            f"{counted(links, 'link')} {agree(links, 'points', 'point')} to "
            f"{counted(len(merged.missing), 'post')} of the blog that {agree(len(merged.missing), 'is', 'are')} "
            f"not in the input; {agree(links, 'it keeps its', 'they keep their')} original address "
            "(listed in about.html)"
        )
    if merged.unresolved:
        warnings.append(
            f"{counted(merged.unresolved, 'relative link')} could not be resolved (no blog address); "
            f"{agree(merged.unresolved, 'its', 'their')} text is kept"
        )
    if merged.remote_images and not options.offline_strict:
        count = len(set(merged.remote_images))
        warnings.append(
            f"{counted(count, 'image')} {agree(count, 'stays', 'stay')} on remote servers (listed in about.html; "
            f"--offline-strict links {agree(count, 'it', 'them')})"
        )
    figures = summarize(archive)
    names = renderer.words.figures
    counts: list[tuple[str, Any]] = [(names[key], figures[key]) for key, _ in FIGURE_LABELS]
    counts.append((names["files"], len(site_plan.entries)))
    staging.write("about.html", renderer.about_page(counts, [*archive.warnings, *warnings], merged))
    staging.write("style.css", STYLE_SHEET)
    return warnings


def _write_listings(renderer: Renderer, site_plan: SitePlan, merged: PageResult, staging: Staging) -> None:
    excerpts = merged.excerpts
    per_page, listed = site_plan.per_page, site_plan.listed
    count = site_plan.index_count()
    for number in range(1, count + 1):
        path = site_plan.index_path(number)
        root = "../" if number > 1 else ""
        newer = root + site_plan.index_path(number - 1) if number > 1 else None
        older = root + site_plan.index_path(number + 1) if number < count else None
        title = renderer.site.title
        heading = title if number == 1 else renderer.words.page_heading.format(title=title, n=number)
        chunk = listed[(number - 1) * per_page : number * per_page]
        staging.write(path, renderer.listing(path, heading, chunk, excerpts, newer=newer, older=older))
    by_label: dict[str, list[Entry]] = {label: [] for label in site_plan.labels}
    for entry in listed:
        for label in dict.fromkeys(entry.post.labels):
            by_label[label].append(entry)
    for label, path in site_plan.labels.items():
        staging.write(
            path, renderer.listing(path, renderer.words.label_heading.format(label=label), by_label[label], excerpts)
        )
    for (year, month), entries in site_plan.months.items():
        path = month_path(year, month)
        staging.write(path, renderer.listing(path, f"{year:04d}-{month:02d}", entries, excerpts))
    if site_plan.unlisted:
        staging.write(
            "drafts.html", renderer.listing("drafts.html", renderer.words.drafts_heading, site_plan.unlisted, excerpts)
        )
    staging.write("labels.html", renderer.labels_page())
    staging.write("archive.html", renderer.archive_page())
