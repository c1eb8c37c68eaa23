"""The HTML site in a real browser: Debian's headless Chromium opens it from file://, offline.

Skipped (with the reason) only when Chromium or its driver is not installed; ``.ci/run``
installs them. Selenium drives ``/usr/bin/chromium`` through ``/usr/bin/chromedriver``: no
browser download, and every page comes from disk.
"""

from __future__ import annotations

import base64
import http.server
import shutil
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from htmlsite_fixtures import build, rich_archive

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,800",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sites")
    return {
        "strict": build(rich_archive(deep=40), folder / "strict", offline_strict=True),
        "rtl": build(rich_archive(locale="ar"), folder / "rtl", offline_strict=True),
    }


def open_page(browser: object, site: Path, page: str) -> None:
    path, _, fragment = page.partition("#")
    browser.get((site / path).as_uri() + (f"#{fragment}" if fragment else ""))  # type: ignore[attr-defined]


def not_blank(png: bytes) -> bool:
    """True when a PNG screenshot has real content (many distinct byte values), not one flat colour."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data = 8, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        if kind == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    return len(set(zlib.decompress(data))) > 32


def test_threads_render_nested(browser: object, sites: dict[str, Path]) -> None:
    open_page(browser, sites["strict"], "2013/02/premier.html")
    run = browser.execute_script  # type: ignore[attr-defined]
    assert run("return document.querySelector('li#c2').parentElement.closest('li').id") == "c1"
    assert run("return document.querySelector('li#c3').parentElement.closest('li').id") == "c2"
    assert run("return document.querySelector('li#c5').parentElement.closest('li').id") == "c4"  # under a tombstone
    # nested replies are shown indented under their parent
    left = run("return [1, 2, 3].map(n => document.querySelector('li#c' + n).getBoundingClientRect().left)")
    assert left[0] < left[1] < left[2]
    assert run("return document.scripts.length") == 0


def test_no_network_request_under_offline_strict(browser: object, sites: dict[str, Path]) -> None:
    for page in ("index.html", "2013/02/premier.html", "2013/03/mars.html", "about.html"):
        open_page(browser, sites["strict"], page)
        resources = browser.execute_script(  # type: ignore[attr-defined]
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert all(name.startswith("file://") for name in resources), (page, resources)
        loaded = browser.execute_script(  # type: ignore[attr-defined]
            "return getComputedStyle(document.body).maxWidth"
        )
        assert loaded != "none"  # style.css applied from disk


@pytest.fixture
def loopback_image() -> Iterator[tuple[str, list[str]]]:
    """A one-pixel PNG served on 127.0.0.1 (the only address a test may use); yields its URL and the request log."""
    served: list[str] = []
    pixel = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(pixel)))
            self.end_headers()
            self.wfile.write(pixel)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    worker = threading.Thread(target=server.serve_forever, daemon=True)
    worker.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pixel.png", served
    finally:
        server.shutdown()
        server.server_close()


def test_the_network_check_sees_a_remote_image_and_strict_mode_removes_it(
    browser: object, loopback_image: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, served = loopback_image
    archive = rich_archive()
    post = attrs.evolve(archive.posts[1], content=f'<p>image <img src="{url}" alt="pixel"></p>')
    archive = attrs.evolve(archive, posts=(archive.posts[0], post, *archive.posts[2:]))
    script = "return performance.getEntriesByType('resource').map(e => e.name)"
    open_page(browser, build(archive, tmp_path / "remote"), "2013/02/second.html")
    assert url in browser.execute_script(script) and served == ["/pixel.png"]  # type: ignore[attr-defined]
    open_page(browser, build(archive, tmp_path / "strict", offline_strict=True), "2013/02/second.html")
    assert browser.execute_script(script) == [] and served == ["/pixel.png"]  # type: ignore[attr-defined]
    assert browser.execute_script("return document.querySelector('a.remote-image').textContent") == "[pixel]"  # type: ignore[attr-defined]


def test_comment_permalinks_land(browser: object, sites: dict[str, Path]) -> None:
    open_page(browser, sites["strict"], "2013/02/second.html#c1360000000000")
    assert browser.execute_script("return document.querySelector(':target').id") == "c1360000000000"  # type: ignore[attr-defined]


def test_screenshots(browser: object, sites: dict[str, Path], tmp_path: Path) -> None:
    shots = {}
    for name, site, page in (
        ("home", sites["strict"], "index.html"),
        ("deep-thread", sites["strict"], "2013/03/mars.html"),
        ("rtl-post", sites["rtl"], "2013/02/premier.html"),
    ):
        open_page(browser, site, page)
        if name == "deep-thread":
            browser.execute_script("document.querySelector('#c1030').scrollIntoView()")  # type: ignore[attr-defined]
        png = browser.get_screenshot_as_png()  # type: ignore[attr-defined]
        (tmp_path / f"{name}.png").write_bytes(png)
        shots[name] = png
        assert len(png) > 10_000 and not_blank(png), name
    assert browser.execute_script("return document.documentElement.dir") == "rtl"  # type: ignore[attr-defined]
    depth = browser.execute_script  # type: ignore[attr-defined]
    open_page(browser, sites["strict"], "2013/03/mars.html")
    nesting = depth(
        "let n = document.querySelector('li#c1039'), d = 0; while (n) { n = n.parentElement.closest('li'); d++ } return d"
    )
    assert nesting == 40  # 40 replies deep, each inside the one it answers


def test_media_images_load_from_disk_and_nothing_remote_is_requested(browser: object, tmp_path: Path) -> None:
    import blogport
    from blogport.options import WriteOptions
    from mediabuild import archive as media_archive
    from mediabuild import media_dir

    site = tmp_path / "site"
    options = WriteOptions(jobs=1, media=str(media_dir(tmp_path)), offline_strict=True)
    blogport.write(media_archive(), site, "html", options)
    open_page(browser, site, "2013/01/photos.html")
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")  # type: ignore[attr-defined]
    assert all(name.startswith("file://") for name in resources), resources
    widths = browser.execute_script("return [...document.images].map(i => i.naturalWidth)")  # type: ignore[attr-defined]
    assert widths == [160, 80]  # the stored files, decoded: photo and pic (the failed one is a link)
    sources = browser.execute_script("return [...document.images].map(i => i.src)")  # type: ignore[attr-defined]
    assert sources == [(site / "media/photo.png").as_uri(), (site / "media/pic.png").as_uri()]
