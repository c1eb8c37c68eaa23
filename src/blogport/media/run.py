"""One ``blogport media`` run: what is already stored, what is on disk, what must be fetched.

Rules: an image whose manifest entry is ``ok`` and whose file is whole is never fetched again
(a rerun after a complete run makes no request and opens no client); offline copies (saved
pages, mirrors, WARCs) come before the web; each finished image is journaled at once, so an
interrupted run (Ctrl-C, kill) loses nothing it finished; the manifest is compacted only at
the end of a run that was not interrupted; entries of earlier runs that this run does not use
are kept. A reference that must not be fetched (an inline ``data:`` URI, a non-http(s) URL) is
recorded ``skipped`` without a request, as is an image whose every copy is over the size cap;
skipped entries are looked at again by every run (a larger ``--max-size`` may take them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path

from attrs import evolve

from .. import __version__
from .download import Downloader, Failed, Fetched, FetchPolicy
from .imageurls import SKIPPED_FAMILIES
from .manifest import MANIFEST_NAME, Journal, ManifestEntry, compact, read_entries
from .offline import find_offline
from .pacing import Pacing
from .references import ImageUse
from .sniff import dimensions
from .store import MediaStore, friendly_name

USER_AGENT = f"blogport/{__version__} (Blogger blog rescue; +https://pypi.org/project/blogport/)"


def fetch_media(
    uses: Mapping[str, ImageUse],
    media_dir: Path,
    *,
    inputs: Iterable[Path] = (),
    warcs: Iterable[Path] = (),
    zstd_dict: str | None = None,
    policy: FetchPolicy | None = None,
    pacing: Pacing | None = None,
    on_done: Callable[[ManifestEntry, int], None] | None = None,
) -> list[ManifestEntry]:
    """Store every image of ``uses`` in ``media_dir``; the entries of this run, in the blog's order.

    ``inputs``: the folders and saved pages to look beside for copies; ``warcs``: WARC inputs
    holding images; ``on_done(entry, remaining)`` is called as each image is settled (progress).
    """
    policy = policy or FetchPolicy()
    store = MediaStore(media_dir)
    earlier = {entry.key: entry for entry in read_entries(media_dir / MANIFEST_NAME)}
    settled: dict[str, ManifestEntry] = {}
    todo: dict[str, ImageUse] = {}
    for key, use in uses.items():
        known = earlier.get(key)
        if known is not None and store.holds(known):
            settled[key] = evolve(known, urls=use.urls, used_by=use.used_by)
        else:
            todo[key] = use
    with Journal(media_dir) as journal:

        def record(entry: ManifestEntry) -> None:
            settled[entry.key] = entry
            todo.pop(entry.key, None)
            journal.append(entry)
            if on_done is not None:
                on_done(entry, len(todo))

        for use in [use for use in todo.values() if use.image.family in SKIPPED_FAMILIES]:
            record(_skipped(use))
        for found in find_offline(inputs, todo, warcs, zstd_dict):
            path, sha256 = store.keep_bytes(found.data, found.type)
            size = dimensions(found.data[: 512 * 1024], found.type)
            use = todo[found.key]
            fetched = Fetched(
                path,
                friendly_name(use.image, found.type),
                sha256,
                len(found.data),
                found.type,
                size[0] if size else None,
                size[1] if size else None,
                found.fetched_from,
                found.origin,
            )
            record(_entry(use, fetched))
        if todo:
            _fetch_all(list(todo.values()), store, policy, pacing or Pacing(), record)
    compact(media_dir, [*earlier.values(), *settled.values()])
    return [settled[key] for key in uses]


def _fetch_all(
    uses: list[ImageUse],
    store: MediaStore,
    policy: FetchPolicy,
    pacing: Pacing,
    record: Callable[[ManifestEntry], None],
) -> None:
    import httpx

    stop = threading.Event()
    client = httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(policy.timeout, connect=min(policy.timeout, 10.0)),
        limits=httpx.Limits(max_connections=policy.jobs, max_keepalive_connections=policy.jobs),
        follow_redirects=False,  # followed by hand: http/https only, counted
        trust_env=True,  # HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY, as curl and pip
        verify=httpx.create_ssl_context(),  # one context for the direct and the proxy transports (~0.2 s each)
    )
    downloader = Downloader(client, store, policy, pacing, stop)
    pool = ThreadPoolExecutor(max_workers=policy.jobs, thread_name_prefix="blogport-media")
    try:
        running: dict[Future[Fetched | Failed], ImageUse] = {pool.submit(downloader.fetch, use): use for use in uses}
        for future in as_completed(running):
            record(_entry(running[future], future.result()))
    except BaseException:
        stop.set()  # workers stop between chunks; their .part files stay for the next run
        pool.shutdown(wait=True, cancel_futures=True)
        client.close()
        raise
    pool.shutdown(wait=True)
    client.close()


def _skipped(use: ImageUse) -> ManifestEntry:
    reason = SKIPPED_FAMILIES[use.image.family]
    what = "an inline data: URI (already in the page)" if reason == "inline" else f"a {use.image.scheme}: URL"
    return ManifestEntry(
        key=use.key,
        urls=use.urls,
        status="skipped",
        error=f"not fetched: {what}; only http and https images are fetched",
        reason=reason,
        used_by=use.used_by,
    )


# Failures that are a choice, not a fault: the image is there but the options said not to take it.
_SKIP_REASONS = frozenset(("too-large",))


def _entry(use: ImageUse, outcome: Fetched | Failed) -> ManifestEntry:
    if isinstance(outcome, Failed):
        return ManifestEntry(
            key=use.key,
            urls=use.urls,
            status="skipped" if outcome.reason in _SKIP_REASONS else "failed",
            error=outcome.error,
            reason=outcome.reason,
            used_by=use.used_by,
        )
    return ManifestEntry(
        key=use.key,
        urls=use.urls,
        status="ok",
        path=outcome.path,
        name=outcome.name,
        sha256=outcome.sha256,
        bytes=outcome.bytes,
        type=outcome.type,
        width=outcome.width,
        height=outcome.height,
        fetched_from=outcome.fetched_from,
        origin=outcome.origin,
        used_by=use.used_by,
    )


__all__ = ["USER_AGENT", "FetchPolicy", "fetch_media"]
