"""Fetching images (issue 11 §2) against a loopback server only, with a fake clock (no real waits)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from blogport.media.download import FetchPolicy
from blogport.media.manifest import read_manifest
from blogport.media.run import fetch_media
from mediaserve import FakePacing, Reply, Script, fetch_into, images_in, jpeg, png

BASE = "http://2.bp.blogspot.com/-AbC/XyZ/AAAAAAAAAA/q1w2"
OTHER = "http://3.bp.blogspot.com/-DeF/UvW/AAAAAAAAAB/r3t4"
PHOTO = png(40, 30, b"photo")


_uses = images_in


_run = fetch_into


def test_the_original_is_stored_with_its_type_size_and_a_valid_manifest(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(body=PHOTO, headers={"Content-Type": "image/jpeg"}))
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'))
    assert (entry.status, entry.type, entry.width, entry.height) == ("ok", "image/png", 40, 30)
    assert entry.fetched_from == f"{BASE}/s0/photo.jpg" and entry.name == "photo.png"
    assert (tmp_path / "media" / entry.path).read_bytes() == PHOTO
    assert server.urls() == [f"{BASE}/s0/photo.jpg"]
    assert server.log[0].headers["user-agent"].startswith("blogport/")
    schema = json.loads(resources.files("blogport").joinpath("schema/manifest-v1.schema.json").read_text("utf-8"))
    for line in (tmp_path / "media" / "manifest.jsonl").read_text("utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_s0_missing_falls_back_to_the_largest_size_the_blog_links(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s2230/photo.jpg", Reply(body=PHOTO))
    body = f'<a href="{BASE}/s2230/photo.jpg"><img src="{BASE}/s320/photo.jpg"></a>'
    [entry] = _run(tmp_path, _uses(body))
    assert entry.status == "ok" and entry.fetched_from == f"{BASE}/s2230/photo.jpg"
    assert server.urls() == [f"{BASE}/s0/photo.jpg", f"{BASE}/s2230/photo.jpg"]


def test_an_html_page_served_with_200_is_not_an_image(tmp_path: Path, server: Script) -> None:
    server.on(
        f"{BASE}/s0/photo.jpg", Reply(body=b"<!DOCTYPE html><html>quota</html>", headers={"Content-Type": "image/jpeg"})
    )
    server.on(f"{BASE}/s320/photo.jpg", Reply(body=PHOTO))
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'))
    assert entry.fetched_from == f"{BASE}/s320/photo.jpg"
    assert not list((tmp_path / "media" / ".partial").iterdir())


def test_every_candidate_failing_is_a_failure_with_its_reason(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s320/photo.jpg", Reply(body=b"GIF? no, text"))
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'))
    assert (entry.status, entry.reason, entry.path) == ("failed", "not-an-image", None)
    assert "s320/photo.jpg" in entry.error


def test_a_truncated_body_is_not_a_success_and_resumes_with_range(tmp_path: Path, server: Script) -> None:
    whole = jpeg(800, 600) + b"\x00" * 5000
    tag = {"ETag": '"v1"'}
    server.on(
        f"{BASE}/s0/photo.jpg", Reply(body=whole, headers=tag, cut=3000), Reply(body=whole, headers=tag, ranges=True)
    )
    pacing = FakePacing()
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'), pacing)
    assert entry.status == "ok" and (tmp_path / "media" / entry.path).read_bytes() == whole
    assert (entry.width, entry.height) == (800, 600)
    assert "range" not in server.log[0].headers
    assert server.log[1].headers["range"] == "bytes=3000-" and server.log[1].headers["if-range"] == '"v1"'
    assert pacing.waits == [1.5]


def test_retry_after_in_seconds_and_as_a_date_and_503_bursts_back_off(tmp_path: Path, server: Script) -> None:
    server.on(
        f"{BASE}/s0/photo.jpg",
        Reply(429, headers={"Retry-After": "7"}),
        Reply(429, headers={"Retry-After": "Thu, 01 Jan 2026 00:00:27 GMT"}),
        Reply(body=PHOTO),
    )
    server.on(f"{OTHER}/s0/b.png", Reply(503), Reply(503), Reply(503), Reply(body=png(2, 2)))
    pacing = FakePacing()
    entries = _run(tmp_path, _uses(f'<img src="{BASE}/s1/photo.jpg"><img src="{OTHER}/s1/b.png">'), pacing, jobs=1)
    assert [entry.status for entry in entries] == ["ok", "ok"]
    # 7 s as asked, then until 00:00:27 (the fake clock is at 7 s), then 1.5, 3 and 6 s of backoff.
    assert pacing.waits == [7, 20, 1.5, 3.0, 6.0]


def test_retry_after_is_capped(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(503, headers={"Retry-After": "86400"}), Reply(body=PHOTO))
    pacing = FakePacing()
    _run(tmp_path, _uses(f'<img src="{BASE}/s1/photo.jpg">'), pacing, max_wait=30.0)
    assert pacing.waits == [30.0]


def test_403_forever_fails_that_image_and_the_run_goes_on(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(403))
    server.on(f"{OTHER}/s0/b.png", Reply(body=PHOTO))
    first, second = _run(tmp_path, _uses(f'<img src="{BASE}/s9/photo.jpg"><img src="{OTHER}/s9/b.png">'), retries=2)
    assert (first.status, first.reason) == ("failed", "http-403") and "3 tries" in first.error
    assert second.status == "ok"
    assert server.urls().count(f"{BASE}/s0/photo.jpg") == 3
    # Issue 11 pt 3: once s0's retries are spent the next candidate (the size shown) is asked, once
    # (it answers 404: nothing to retry); the first refusal stays the reason reported.
    assert server.urls().count(f"{BASE}/s9/photo.jpg") == 1


def test_redirects_are_followed_and_a_redirect_to_file_is_refused(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(302, headers={"Location": "file:///etc/passwd"}))
    server.on(f"{BASE}/s320/photo.jpg", Reply(301, headers={"Location": "/moved/photo.jpg"}))
    server.on("http://2.bp.blogspot.com/moved/photo.jpg", Reply(302, headers={"Location": f"{OTHER}/final.png"}))
    server.on(f"{OTHER}/final.png", Reply(body=PHOTO))
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'))
    assert entry.status == "ok" and entry.fetched_from == f"{OTHER}/final.png"
    assert not Path("/etc/passwd").samefile(tmp_path / "media" / entry.path)


def test_more_than_five_redirects_are_not_followed(tmp_path: Path, server: Script) -> None:
    for hop in range(7):
        server.on(f"http://2.bp.blogspot.com/hop{hop}", Reply(302, headers={"Location": f"/hop{hop + 1}"}))
    server.on(f"{BASE}/s0/photo.jpg", Reply(302, headers={"Location": "/hop0"}))
    server.on(f"{BASE}/s320/photo.jpg", Reply(302, headers={"Location": "/hop0"}))
    server.on("http://2.bp.blogspot.com/hop7", Reply(body=PHOTO))
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'))
    assert (entry.status, entry.reason) == ("failed", "redirect")
    assert "http://2.bp.blogspot.com/hop5" not in server.urls()


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(body=PHOTO + b"\x00" * 5000))
    server.on(f"{BASE}/s320/photo.jpg", Reply(body=PHOTO))
    [entry] = _run(tmp_path, _uses(f'<img src="{BASE}/s320/photo.jpg">'), max_bytes=1000)
    assert entry.fetched_from == f"{BASE}/s320/photo.jpg"


def test_two_keys_with_identical_bytes_share_one_stored_file(tmp_path: Path, server: Script) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(body=PHOTO))
    server.on(f"{OTHER}/s0/copy.jpg", Reply(body=PHOTO))
    first, second = _run(tmp_path, _uses(f'<img src="{BASE}/s1/photo.jpg">', f'<img src="{OTHER}/s1/copy.jpg">'))
    assert first.key != second.key and first.path == second.path
    assert len(list((tmp_path / "media" / "objects").rglob("*.png"))) == 1


def test_an_interrupted_run_resumes_and_asks_only_for_what_is_missing(tmp_path: Path, server: Script) -> None:
    names = [f"n{i}" for i in range(4)]
    for name in names:
        server.on(f"{BASE}/s0/{name}.png", Reply(body=png(5, 5, name.encode())))
    uses = _uses("".join(f'<img src="{BASE}/s9/{name}.png">' for name in names))
    settled: list[str] = []

    def stop_after_two(entry: object, _remaining: int) -> None:
        settled.append(entry.key)  # type: ignore[attr-defined]
        if len(settled) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch_media(uses, tmp_path / "media", policy=FetchPolicy(jobs=1), pacing=FakePacing(), on_done=stop_after_two)
    assert {e.key for e in read_manifest(tmp_path / "media").entries()} == set(settled)
    asked_before = len(server.log)
    entries = fetch_media(uses, tmp_path / "media", policy=FetchPolicy(jobs=1), pacing=FakePacing())
    assert [entry.status for entry in entries] == ["ok"] * 4
    again = server.urls()[asked_before:]
    assert sorted(again) == sorted(f"{BASE}/s0/{name}.png" for name in names if not any(name in key for key in settled))


def test_a_rerun_after_a_complete_run_makes_no_request_and_the_manifest_is_deterministic(
    tmp_path: Path, server: Script
) -> None:
    server.on(f"{BASE}/s0/photo.jpg", Reply(body=PHOTO))
    server.on(f"{OTHER}/s0/b.png", Reply(404))
    uses = _uses(f'<img src="{BASE}/s1/photo.jpg">', f'<img src="{OTHER}/s1/b.png">')
    _run(tmp_path, uses, jobs=2)
    manifest = (tmp_path / "media" / "manifest.jsonl").read_bytes()
    ok_only = {key: use for key, use in uses.items() if key.endswith("photo.jpg")}
    asked = len(server.log)
    _run(tmp_path, ok_only)
    assert len(server.log) == asked
    assert (tmp_path / "media" / "manifest.jsonl").read_bytes() == manifest  # the failed entry is kept too
    fresh = tmp_path / "again"
    fresh.mkdir()
    _run(fresh, uses, jobs=1)
    assert (fresh / "media" / "manifest.jsonl").read_bytes() == manifest


def test_the_per_host_cap_holds_and_the_rate_spaces_requests(tmp_path: Path, server: Script) -> None:
    names = [f"m{i}" for i in range(8)]
    for name in names:
        server.on(f"{BASE}/s0/{name}.png", Reply(body=png(3, 3, name.encode()), delay=0.05))
    uses = _uses("".join(f'<img src="{BASE}/s9/{name}.png">' for name in names))
    _run(tmp_path, uses, jobs=6, per_host=2)
    assert server.peak["2.bp.blogspot.com"] == 2
    pacing = FakePacing()
    _run(
        tmp_path / "paced",
        _uses(f'<img src="{OTHER}/s1/a.png"><img src="{OTHER}/s1/b.png">'),
        pacing,
        jobs=1,
        rate=2.0,
        retries=0,
    )
    asked = [url for url in server.urls() if url.startswith(OTHER)]
    assert len(asked) == 4  # s0, then s1 as shown, for each image
    assert pacing.waits == [0.5, 0.5, 0.5]  # each request 0.5 s after the one before


def test_wayback_is_tried_for_an_image_whose_original_is_gone(tmp_path: Path, server: Script) -> None:
    archived = f"http://web.archive.org/web/2im_/{BASE}/s320/photo.jpg"
    server.on(archived, Reply(body=PHOTO))
    uses = _uses(f'<img src="{BASE}/s320/photo.jpg">')
    [without] = _run(tmp_path / "a", uses)
    assert without.status == "failed" and archived not in server.urls()
    [entry] = _run(tmp_path / "b", uses, wayback=True, wayback_base="http://web.archive.org")
    assert (entry.status, entry.origin, entry.fetched_from) == ("ok", "wayback", archived)
