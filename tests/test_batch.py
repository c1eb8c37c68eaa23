"""``blogport batch`` on the local process pool: items, statuses, the log, resume, isolation, identity."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import blogport
import blogport.batch.task as task
import pagebuild as pb
from batchbuild import CLASSIC_IDS, TAKEOUT_IDS, classic_export, make_exports, mtimes, takeout_blog, tree, untimed
from blogport import parallel
from blogport.batch import BatchOptions, plan_items, run
from blogport.batch.engine import DIED
from blogport.batch.items import _safe, _unique_keys
from blogport.cli import main
from blogport.errors import InputError


def batch(*args: str) -> int:
    return main(["batch", *args, "-q"])


def records(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "_batch" / "results.jsonl").read_text("utf-8").splitlines()
    return {r["blog_key"]: r for r in map(json.loads, lines)}


def fork_pool(jobs: int = 2) -> Executor:
    # Forked workers inherit the test's monkeypatches (the default pool starts fresh processes).
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    return make_exports(tmp_path / "in")


def test_every_item_gets_a_record_and_failures_stay_alone(exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert batch(f"@{exports}", "-o", str(out), "--to", "json", "--jobs", "2") == 0
    log = records(out)
    assert len(log) == len(CLASSIC_IDS) + len(TAKEOUT_IDS) + 2
    ok = {key for key, r in log.items() if r["status"] == "ok"}
    assert ok == set(CLASSIC_IDS) | set(TAKEOUT_IDS)  # the multi-blog Takeout fanned out, keyed by blog id
    failed = {r["blog_key"]: r for r in log.values() if r["status"] == "failed"}
    assert sorted(failed) == ["9999", next(k for k in log if k.startswith("empty-"))]  # the broken export has an id
    assert all(r["exit_code"] == 3 and "\n" not in str(r["error"]) and r["outputs"] == [] for r in failed.values())
    assert not any((out / key).exists() for key in failed)  # nothing half-written
    for blog_id in CLASSIC_IDS:
        record = log[blog_id]
        assert record["counts"] == {"posts": 3, "pages": 0, "comments": 6, "replies": 3, "drafts": 0}
        assert record["outputs"] == [f"{blog_id}/blog.json"]
        assert record["input"] == str(exports.parent / f"blog-{blog_id}.xml")
        # hashed by the worker (planning leaves it to the pool): the bytes that were converted
        assert record["input_sha256"] == hashlib.sha256(Path(str(record["input"])).read_bytes()).hexdigest()
        assert record["options_hash"] and record["blogport_version"]
        # what a reader of the output sees is what the input holds: the same model as convert reads
        assert blogport.read(out / blog_id / "blog.json") == blogport.read(exports.parent / f"blog-{blog_id}.xml")
    takeout = blogport.read(out / "8002" / "blog.json")
    assert takeout.blog.title == "T8002" and takeout.posts[0].comments[0].replies[0].id == "21"
    summary = json.loads((out / "_batch" / "summary.json").read_text("utf-8"))
    assert (summary["items"], summary["ok"], summary["failed"]) == (14, 12, 2)
    assert summary["totals"]["posts"] == 3 * len(CLASSIC_IDS) + len(TAKEOUT_IDS)
    assert not (out / "_batch" / "work").exists()


def test_strict_makes_failures_exit_3(exports: Path, tmp_path: Path) -> None:
    assert batch(f"@{exports}", "-o", str(tmp_path / "out"), "--jobs", "1", "--strict") == 3


def test_one_screen_summary_and_one_line_errors(
    exports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", f"@{exports}", "-o", str(tmp_path / "out"), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert "14 items" in err and "12 ok" in err and "2 failed" in err
    assert "broken.xml" in err and "the file is empty" in err
    assert len(err.splitlines()) < 25 and "Traceback" not in err


def test_resume_rebuilds_exactly_the_missing_outputs(exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert batch(f"@{exports}", "-o", str(out), "--jobs", "2") == 0
    before = mtimes(out)
    removed = ["9001", "9004", "8001"]
    for key in removed:
        (out / key / "blog.json").unlink()
    time.sleep(0.01)
    assert batch(f"@{exports}", "-o", str(out), "--jobs", "2") == 0
    log = records(out)
    assert sorted(k for k, r in log.items() if r["status"] == "ok") == sorted(removed)
    assert all(log[k]["status"] == "skipped" for k in set(CLASSIC_IDS) - set(removed))
    after = mtimes(out)
    assert sorted(name for name in after if after[name] != before.get(name)) == sorted(
        f"{k}/blog.json" for k in removed
    )
    assert all(r["status"] == "failed" for k, r in log.items() if k == "9999" or k.startswith("empty-"))
    summary = json.loads((out / "_batch" / "summary.json").read_text("utf-8"))
    assert summary["failures_not_retried"] == 1  # broken.xml was not rerun; the empty file cannot be planned


def test_changed_options_or_input_rebuild(exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert batch(f"@{exports}", "-o", str(out), "--jobs", "2") == 0
    assert batch(f"@{exports}", "-o", str(out), "--jobs", "2", "--keep-emails") == 0
    assert sorted(k for k, r in records(out).items() if r["status"] == "ok") == sorted(CLASSIC_IDS + TAKEOUT_IDS)
    (exports.parent / "broken.xml").write_bytes(classic_export("9999"))  # the user fixed the file
    (exports.parent / "blog-9003.xml").write_bytes(classic_export("9003", posts=4))
    assert batch(f"@{exports}", "-o", str(out), "--jobs", "2", "--keep-emails") == 0
    log = records(out)
    rebuilt = sorted(k for k, r in log.items() if r["status"] == "ok")
    assert rebuilt == sorted(["9003", "9999"])
    assert log["9003"]["counts"]["posts"] == 4


def test_failures_rerun_only_when_asked(exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    items = plan_items([f"@{exports}"])
    first = {r["blog_key"]: r for r in run(items, BatchOptions(output=out, jobs=2)).records}
    broken = "9999"
    kept = {r["blog_key"]: r for r in run(items, BatchOptions(output=out, jobs=2)).records}
    assert kept[broken] == first[broken]  # the same record: not rerun
    seen: list[str] = []
    retried = run(
        items, BatchOptions(output=out, jobs=2, retry_failed=True, on_record=lambda r: seen.append(r["status"]))
    )
    again = {r["blog_key"]: r for r in retried.records}
    assert again[broken]["status"] == "failed" and again[broken]["worker"] != first[broken]["worker"]
    assert seen.count("skipped") == 12 and retried.failures == 2


def test_byte_identical_trees_for_one_and_two_jobs(exports: Path, tmp_path: Path) -> None:
    for to in ("json", "markdown", "wxr"):
        one, two = tmp_path / f"one-{to}", tmp_path / f"two-{to}"
        assert batch(f"@{exports}", "-o", str(one), "--to", to, "--jobs", "1") == 0
        assert batch(f"@{exports}", "-o", str(two), "--to", to, "--jobs", "2") == 0
        assert tree(one) == tree(two) and len(tree(one)) >= 12
        assert untimed(one / "_batch" / "results.jsonl") == untimed(two / "_batch" / "results.jsonl")


def _slow_for(key: str, seconds: float):  # type: ignore[no-untyped-def]
    real = task.convert

    def convert(item, options, target):  # type: ignore[no-untyped-def]
        if item.key == key:
            time.sleep(seconds)
        return real(item, options, target)

    return convert


def test_a_slow_blog_times_out_alone(exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task, "convert", _slow_for("9002", 30))
    started = time.monotonic()
    result = run(
        plan_items([f"@{exports}"]), BatchOptions(output=tmp_path / "out", jobs=2, timeout_per_blog=1), fork_pool
    )
    assert time.monotonic() - started < 15
    statuses = {r["blog_key"]: r["status"] for r in result.records}
    assert statuses["9002"] == "timeout" and not (tmp_path / "out" / "9002").exists()
    assert sum(s == "ok" for s in statuses.values()) == 11


def test_a_dead_worker_fails_only_its_blog(exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = task.convert

    def convert(item, options, target):  # type: ignore[no-untyped-def]
        if item.key == "9005":
            os._exit(9)
        return real(item, options, target)

    monkeypatch.setattr(task, "convert", convert)
    result = run(plan_items([f"@{exports}"]), BatchOptions(output=tmp_path / "out", jobs=2), fork_pool)
    by_key = {r["blog_key"]: r for r in result.records}
    assert by_key["9005"]["status"] == "failed" and by_key["9005"]["error"] == DIED
    assert sum(r["status"] == "ok" for r in result.records) == 11  # every other blog, after the pool was rebuilt
    assert len(result.records) == 14
    # the worker died before hashing its input: the record has the hash all the same, so a rerun keeps it
    assert by_key["9005"]["input_sha256"] == hashlib.sha256((exports.parent / "blog-9005.xml").read_bytes()).hexdigest()
    again = run(plan_items([f"@{exports}"]), BatchOptions(output=tmp_path / "out", jobs=2))
    assert {r["blog_key"]: r for r in again.records}["9005"] == by_key["9005"]
    assert again.summary["failures_not_retried"] == 2 and again.summary["skipped"] == 11


def test_a_blog_over_the_memory_limit_fails_alone(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(classic_export("6001", posts=3000))
    small = tmp_path / "small.xml"
    small.write_bytes(classic_export("6002"))
    out = tmp_path / "out"
    assert batch(str(big), str(small), "-o", str(out), "--max-memory-per-blog", "2", "--jobs", "1") == 0
    log = records(out)
    assert log["6001"]["status"] == "failed"
    # a MemoryError is caught in the worker; an allocation failing in C code may kill the worker instead
    assert log["6001"]["error"] in ("ran out of memory (limit 2 MB)", f"{DIED}; likely over the memory limit (2 MB)")
    assert log["6002"]["status"] == "ok"  # the same worker, its limit lifted after the big blog
    assert batch(str(big), "-o", str(out), "--max-memory-per-blog", "500", "--retry-failed") == 0
    assert records(out)["6001"]["status"] == "ok" and records(out)["6001"]["peak_rss_mb"] > 0


def test_workers_never_fork(exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def convert(item, options, target):  # type: ignore[no-untyped-def]
        raise InputError(f"may fork: {parallel.may_fork()}")

    monkeypatch.setattr(task, "convert", convert)
    assert parallel.may_fork()  # this process still may
    result = run(
        plan_items([exports.parent / "blog-9000.xml"]), BatchOptions(output=tmp_path / "out", jobs=1), fork_pool
    )
    assert result.records[0]["error"] == "may fork: False"


def test_ctrl_c_exits_130_with_the_log_intact(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"b{n}.xml").write_bytes(classic_export(f"7{n:03d}", posts=20))
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "blogport", "batch", str(folder), "-o", str(out), "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    log = out / "_batch" / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (log.exists() and log.read_text("utf-8").count("\n") >= 3):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    lines = log.read_text("utf-8").splitlines()
    assert 3 <= len(lines) < 300 and all(json.loads(line)["status"] == "ok" for line in lines)
    done = {json.loads(line)["blog_key"] for line in lines}
    assert all((out / key / "blog.json").is_file() for key in done)


def test_a_killed_batch_resumes_where_it_stopped(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    blogs = 120
    for n in range(blogs):
        (folder / f"b{n}.xml").write_bytes(classic_export(f"6{n:03d}", posts=20))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "blogport", "batch", str(folder), "-o", str(out), "--jobs", "2", "-q"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    log = out / "_batch" / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (log.exists() and log.read_text("utf-8").count("\n") >= 5):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # power loss, the OOM killer: no handler runs
    process.communicate(timeout=60)
    finished = set()
    for line in log.read_text("utf-8").splitlines():
        with contextlib.suppress(ValueError):  # a line cut by the kill
            finished.add(json.loads(line)["blog_key"])
    assert 5 <= len(finished) < blogs, "the kill came too late to test a resume"
    built = {key: (out / key / "blog.json").stat().st_mtime_ns for key in finished}

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    final = records(out)
    assert len(final) == blogs and all(r["status"] in ("ok", "skipped") for r in final.values())
    assert {k for k, r in final.items() if r["status"] == "skipped"} == finished  # not converted again
    assert all((out / key / "blog.json").stat().st_mtime_ns == built[key] for key in finished)
    assert all((out / key / "blog.json").is_file() for key in final)
    work = out / "_batch" / "work"
    assert not (work.exists() and any(work.iterdir())), "the killed run's half-made outputs are cleared"


def test_planning_fans_out_a_multi_blog_zip_and_keeps_keys_unique(tmp_path: Path) -> None:
    archive = tmp_path / "takeout-001.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for blog_id in ("8001", "8002"):
            zipped.writestr(f"Takeout/Blogger/Blogs/B{blog_id}/feed.atom", takeout_blog(blog_id))
    same = tmp_path / "copy.xml"
    same.write_bytes(classic_export("8001"))  # the same blog id as a Takeout blog
    items = plan_items([archive, same, f"@{_listing(tmp_path, [archive])}"])
    assert [item.blog_id for item in items] == ["8001", "8001", "8002"]
    keys = [item.key for item in items]
    assert len(set(keys)) == 3 and keys[2] == "8002" and all(k.startswith("8001-") for k in keys[:2])
    assert [len(item.members) for item in items if item.files[0][0] == str(archive)] == [1, 1]
    assert plan_items([same, archive]) == items  # stable whatever the order given
    out = tmp_path / "out"
    result = run(items, BatchOptions(output=out, jobs=2))
    assert [r["status"] for r in result.records] == ["ok"] * 3
    assert blogport.read(out / "8002" / "blog.json").blog.title == "T8002"


def test_saved_pages_are_one_item_per_site_folder(tmp_path: Path) -> None:
    mirror = tmp_path / "mirrors"
    post = pb.sample_post()
    for site in ("site-a", "site-b"):
        (mirror / site / "2013" / "02").mkdir(parents=True)
        (mirror / site / "2013" / "02" / f"{post.slug}.html").write_text(pb.layouts_item(post, "fr"), "utf-8")
        (mirror / site / "2013" / "02" / "index.html").write_text(pb.listing_page([post], "fr"), "utf-8")
    items = plan_items([mirror])
    assert [(item.reader, len(item.files)) for item in items] == [("blogger-html", 2), ("blogger-html", 2)]
    assert [item.key.rpartition("-")[0] for item in items] == ["site-a", "site-b"]
    result = run(items, BatchOptions(output=tmp_path / "out", jobs=2))
    assert [r["status"] for r in result.records] == ["ok", "ok"]
    expected = blogport.read(mirror / "site-a")
    written = blogport.read(tmp_path / "out" / items[0].key / "blog.json")
    assert written.posts == expected.posts and written.blog.title == expected.blog.title
    assert written.blog.source is not None and written.blog.source.files[0].startswith("site-a/")
    assert result.records[0]["counts"]["comments"] == 6


def test_a_folder_of_several_blogs_pages_fans_out_one_item_per_blog(tmp_path: Path) -> None:
    saved = tmp_path / "in" / "saved"  # pages of two blogs side by side, as "Save page as" leaves them
    saved.mkdir(parents=True)
    post = pb.sample_post()
    page = pb.layouts_item(post, "fr")
    other = page.replace("carnet-de-test", "autre-carnet").replace(pb.BLOG_ID, "1357924680135792468")
    (saved / "carnet.html").write_text(page, "utf-8")
    (saved / "carnet-listing.html").write_text(pb.listing_page([post], "fr"), "utf-8")
    (saved / "autre.html").write_text(other, "utf-8")
    (saved / "notes.md").write_text("About `tag:blogger.com,1999:blog-1` and `term='...kind#post'` exports.", "utf-8")
    ignored: list[str] = []
    items = plan_items([tmp_path / "in"], ignored=ignored)
    assert [(item.key, sorted(Path(f).name for f, _ in item.files)) for item in items] == [
        ("1357924680135792468", ["autre.html"]),
        (pb.BLOG_ID, ["carnet-listing.html", "carnet.html"]),
    ]
    assert [Path(name).name for name in ignored] == ["notes.md"]  # a note quoting export markup is not one
    result = run(items, BatchOptions(output=tmp_path / "out", jobs=2))
    assert [r["status"] for r in result.records] == ["ok", "ok"]
    for item in items:
        written = blogport.read(tmp_path / "out" / item.key / "blog.json")
        assert written.blog.id == item.key and [p.title for p in written.posts] == [post.title]


def _listing(folder: Path, paths: list[Path]) -> Path:
    listing = folder / "again.txt"
    listing.write_text("".join(f"{p}\n" for p in paths), "utf-8")
    return listing


def test_refuses_a_folder_it_does_not_own(exports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", "utf-8")
    assert batch(str(exports.parent / "blog-9000.xml"), "-o", str(out)) == 4
    assert "no batch log" in capsys.readouterr().err and (out / "notes.txt").read_text("utf-8") == "keep me"
    assert batch(str(exports.parent / "blog-9000.xml"), "-o", str(tmp_path / "no" / "such")) == 4


def test_one_batch_at_a_time_per_folder(exports: Path, tmp_path: Path) -> None:
    from blogport.batch.log import ResultsLog
    from blogport.errors import OutputError

    out = tmp_path / "out"
    assert batch(str(exports.parent / "blog-9000.xml"), "-o", str(out)) == 0
    holder = ResultsLog(out)  # as a running batch holds it
    try:
        with pytest.raises(OutputError, match="another batch is running"):
            run([exports.parent / "blog-9001.xml"], BatchOptions(output=out, jobs=1))
    finally:
        holder.close()
    assert run([exports.parent / "blog-9001.xml"], BatchOptions(output=out, jobs=1)).summary["ok"] == 1


def test_dask_without_the_extra_is_a_usage_error(
    exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    assert batch(str(exports.parent / "blog-9000.xml"), "-o", str(tmp_path / "out"), "--executor", "dask") == 2
    assert "blogport[dask]" in capsys.readouterr().err


@given(st.lists(st.text(max_size=30), min_size=1, max_size=8))
def test_keys_are_safe_and_unique(names: list[str]) -> None:
    items = [
        blogport.batch.Item(key=_safe(name), input=name, reader="json", files=((name, None),), input_sha256="ab" * 32)
        for name in names
    ]
    keys = [item.key for item in _unique_keys(items)]
    assert len(set(keys)) == len(keys)
    assert all(key and "/" not in key and not key.startswith((".", "_")) and key.isascii() for key in keys)


def test_a_warc_of_two_blogs_fans_out(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    import warcbuild as wb

    post = pb.sample_post()
    other = "1112223334445556667"
    other_page = (
        pb.layouts_item(post, "fr").replace(pb.BLOG_ID, other).replace("carnet-de-test", "autre-carnet")
    ).replace("Carnet de test", "Autre carnet")
    records = [
        wb.Rec(post.url, pb.layouts_item(post, "fr").encode()),
        wb.Rec(post.url.replace("carnet-de-test", "autre-carnet"), other_page.encode()),
    ]
    crawl = wb.write_warc(tmp_path / "crawl.warc.gz", records)
    single = wb.write_warc(tmp_path / "single.warc.gz", records[:1])
    items = plan_items([crawl, single])

    def hashed(path: Path) -> str:  # a blog id in two inputs: the input hash tells them apart
        return pb.BLOG_ID + "-" + hashlib.sha256(path.read_bytes()).hexdigest()[:8]

    assert [(item.key, item.input) for item in items] == [
        (other, str(crawl)),
        (hashed(crawl), str(crawl)),
        (hashed(single), str(single)),
    ]
    result = run(items, BatchOptions(output=tmp_path / "out", jobs=2))
    assert [r["status"] for r in result.records] == ["ok", "ok", "ok"]
    expected = {archive.blog.id: archive for archive in blogport.read_all(crawl)}
    for blog_id, key in ((other, other), (pb.BLOG_ID, hashed(crawl))):
        written = blogport.read(tmp_path / "out" / key / "blog.json")
        assert written.blog.id == blog_id and written.posts == expected[blog_id].posts
    assert blogport.read(tmp_path / "out" / items[2].key / "blog.json").posts == expected[pb.BLOG_ID].posts


class _NoWorkers(Executor):
    """An executor whose cluster has lost every worker: what is submitted never runs."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        return Future()


def test_an_executor_left_without_workers_ends_the_batch(
    exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import blogport.batch.engine as engine

    monkeypatch.setattr(engine, "_NO_WORKERS_SECONDS", 0.5)
    out = tmp_path / "out"
    started = time.monotonic()
    result = run(plan_items([f"@{exports}"]), BatchOptions(output=out, jobs=2), _NoWorkers(), workers_left=lambda: 0)
    assert time.monotonic() - started < 10
    failed = [r for r in result.records if r["error"] == engine.NO_WORKERS]
    assert len(failed) == 13 and all(r["status"] == "failed" and r["exit_code"] == 1 for r in failed)
    assert len(result.records) == 14  # and the empty file, which could not be planned
    rerun = run(plan_items([f"@{exports}"]), BatchOptions(output=out, jobs=2, retry_failed=True))
    assert rerun.summary["ok"] == 12  # nothing lost: --retry-failed converts them


def test_one_more_task_per_worker_only_where_the_executor_queues_them() -> None:
    from blogport.batch.engine import Engine

    queued = Engine(_NoWorkers(), 3, queues=True)  # a Dask scheduler that holds tasks until a worker is free
    assert (queued.in_flight(timed=False), queued.in_flight(timed=True)) == (6, 3)  # a timeout's clock starts at once
    assert Engine(_NoWorkers(), 3).in_flight(timed=False) == 3  # any other executor: one per worker


@pytest.mark.parametrize(
    ("head", "host"),
    [
        (b"<link rel='canonical' href='https://carnet.blogspot.fr/2013/02/x.html'>", "carnet.blogspot.com"),
        (b'<link href="https://web.archive.org/web/20160124230112/http://autre.blogspot.com/" rel="canonical"/>',
         "autre.blogspot.com"),
        (b"<link rel=canonical href=http://www.example.org/p.html>", "www.example.org"),
        (b"<link rel='stylesheet' href='https://a.blogspot.com/s.css'>", None),
    ],
)  # fmt: skip
def test_a_saved_pages_blog_host_comes_from_its_canonical_link(head: bytes, host: str | None) -> None:
    from blogport.batch.items import _page_host

    assert _page_host(b"<html><head>" + head + b"</head>") == host
