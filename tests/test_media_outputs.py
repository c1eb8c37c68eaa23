"""``convert --media MEDIA_DIR`` (issue 11 §3): every output points its images at the local copies.

The MEDIA_DIR is built by hand (tests/mediabuild.py), so these tests do not depend on the fetcher.
Markdown sites are built with the real Hugo, Jekyll and Pelican: every ok image is in the built
site, and no Blogger image URL is left for them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import blogport
from blogport.errors import InputError
from blogport.media.imageurls import image_key
from blogport.media.manifest import ManifestEntry, MediaManifest, compact
from blogport.media.rewrite import ImageCounts, rewrite_images
from blogport.options import WriteOptions
from mediabuild import GONE, OK_URLS, archive, media_dir, png, stored_entry

BLOGGER_IMAGE = re.compile(r"(?:bp\.blogspot\.com|googleusercontent\.com)[^\"')\s]*")


def write_site(tmp_path: Path, flavor: str, **options: object) -> tuple[Path, blogport.Written]:
    media = media_dir(tmp_path)
    root = tmp_path / flavor
    written = blogport.write(
        archive(), root, "markdown", WriteOptions(flavor=flavor, jobs=1, media=str(media), **options)
    )  # type: ignore[arg-type]
    return root, written


IMAGES = {
    "hugo": ["content/posts/photos/photo.png", "content/posts/photos/pic.png", "content/posts/encore/pic.png"],
    "jekyll": ["assets/images/photos/photo.png", "assets/images/photos/pic.png", "assets/images/encore/pic.png"],
    "pelican": ["content/images/photos/photo.png", "content/images/photos/pic.png", "content/images/encore/pic.png"],
    "plain": ["media/photos/photo.png", "media/photos/pic.png", "media/encore/pic.png"],
}


@pytest.mark.parametrize("flavor", sorted(IMAGES))
def test_images_are_copied_beside_their_posts(tmp_path: Path, flavor: str) -> None:
    root, written = write_site(tmp_path, flavor)
    for relative in IMAGES[flavor]:
        assert (root / relative).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = "".join(p.read_text() for p in root.rglob("*.md"))
    assert [url for url in BLOGGER_IMAGE.findall(text) if "Gone" not in url] == []
    assert GONE in text  # the failed image stays as written, and is reported
    assert any("1 Blogger image reference has no local copy" in w for w in written.warnings)


def test_hugo_posts_become_leaf_bundles_and_thumbnails_keep_their_size(tmp_path: Path) -> None:
    root, _ = write_site(tmp_path, "hugo")
    text = (root / "content/posts/photos/index.md").read_text()
    assert '[<img border="0" src="photo.png" width="320" height="240" alt="ma photo">](photo.png)' in text
    assert not (root / "content/posts/photos.md").exists()


def test_without_media_the_output_is_unchanged(tmp_path: Path) -> None:
    plain = blogport.write(archive(), tmp_path / "a", "markdown", WriteOptions(flavor="hugo", jobs=1))
    assert (tmp_path / "a/content/posts/photos.md").exists()
    assert not [p for p in plain.paths if p.suffix == ".png"]
    assert OK_URLS[1] in (tmp_path / "a/content/posts/photos.md").read_text()


def test_a_folder_without_manifest_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"manifest\.jsonl"):
        blogport.write(archive(), tmp_path / "s", "markdown", WriteOptions(jobs=1, media=str(tmp_path)))


def test_cli_media_option(tmp_path: Path) -> None:
    media = media_dir(tmp_path)
    source = tmp_path / "blog.json"
    blogport.write(archive(), source)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "blogport",
            "convert",
            str(source),
            "--to",
            "markdown",
            "--flavor",
            "plain",
            "--media",
            str(media),
            "-o",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/media/photos/photo.png").is_file()
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "blogport",
            "convert",
            str(source),
            "--to",
            "markdown",
            "--media",
            str(tmp_path / "none"),
            "-o",
            str(tmp_path / "other"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 3 and len(missing.stderr.strip().splitlines()) == 1


# --- the real generators -----------------------------------------------------------------------------

GENERATORS = {
    "hugo": (["hugo", "--quiet", "-b", "https://example.org/sub/"], "public"),
    "jekyll": (["jekyll", "build", "--quiet", "--baseurl", "/sub"], "_site"),
    "pelican": ([sys.executable, "-m", "pelican", "-q", "-s", "pelicanconf.py", "-o", "output"], "output"),
}


def build(root: Path, flavor: str) -> Path:
    command, out = GENERATORS[flavor]
    if flavor == "pelican":
        pytest.importorskip("pelican")
    elif shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (.ci/run installs it)")
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / out


def resolve(public: Path, page: Path, url: str) -> Path:
    if url.startswith("/sub/"):
        return public / url.removeprefix("/sub/")
    return (page.parent / url).resolve()


@pytest.mark.parametrize("flavor", sorted(GENERATORS))
@pytest.mark.parametrize("keep_html", [False, True])
def test_built_site_shows_every_ok_image_from_its_local_copy(tmp_path: Path, flavor: str, keep_html: bool) -> None:
    root, _ = write_site(tmp_path, flavor, keep_html=keep_html)
    public = build(root, flavor)
    pages = list(public.rglob("*.html"))
    post_pages = [
        p
        for p in pages
        if re.search(r"(photos|encore)(/index)?\.html$", str(p)) and 'http-equiv="refresh"' not in p.read_text()
    ]
    assert len(post_pages) == 2, post_pages
    shown: set[str] = set()
    for page in post_pages:
        text = page.read_text()
        images = re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)
        links = re.findall(r'<a[^>]*\shref="([^"]+\.png)"', text)
        for url in [u for u in images + links if u != GONE]:  # the failed image stays remote
            target = resolve(public, page, url)
            assert target.is_file(), (flavor, page, url)
            shown.add(str(target.relative_to(public.resolve() if target.is_absolute() else public)))
        left = [url for url in BLOGGER_IMAGE.findall(text) if "Gone" not in url]
        assert left == [], (flavor, page, left)
    assert len(shown) == 3, shown  # photo and pic of post 1, pic of post 2


# --- the HTML site -------------------------------------------------------------------------------------


@pytest.mark.parametrize("strict", [False, True])
def test_html_site_copies_the_images_in_and_links_them_relatively(tmp_path: Path, strict: bool) -> None:
    media = media_dir(tmp_path)
    site = tmp_path / "site"
    written = blogport.write(archive(), site, "html", WriteOptions(jobs=1, media=str(media), offline_strict=strict))
    assert sorted(p.name for p in (site / "media").iterdir()) == ["photo.png", "pic.png"]
    assert site / "media/photo.png" in written.paths
    page = (site / "2013/01/photos.html").read_text()
    images = re.findall(r'<img[^>]*\ssrc="([^"]+)"', page)
    assert "../../media/photo.png" in images and "../../media/pic.png" in images
    assert 'href="../../media/photo.png"' in page  # the thumbnail links to the local original
    comment_page = (site / "2013/02/encore.html").read_text()
    assert 'src="../../media/pic.png"' in comment_page  # in the post and in its comment
    assert [u for u in BLOGGER_IMAGE.findall(page + comment_page) if "Gone" not in u] == []
    if strict:
        assert not [u for u in images if u.startswith("http")]
        assert f'<a class="remote-image" href="{GONE}">[perdue]</a>' in page
    else:
        assert GONE in images


def test_html_site_without_media_is_unchanged(tmp_path: Path) -> None:
    blogport.write(archive(), tmp_path / "site", "html", WriteOptions(jobs=1))
    assert not (tmp_path / "site/media").exists()
    assert OK_URLS[1] in (tmp_path / "site/2013/01/photos.html").read_text()


# --- WXR ------------------------------------------------------------------------------------------------

WXR_NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wp": "http://wordpress.org/export/1.2/",
}


def wxr_items(text: str) -> list[etree._Element]:
    return etree.fromstring(text.encode()).findall("channel/item")


def write_wxr(archive_: blogport.Archive, options: WriteOptions) -> tuple[str, tuple[str, ...]]:
    stream = StringIO()
    written = blogport.write(archive_, stream, "wxr", options)
    return stream.getvalue(), written.warnings


def _field(item: etree._Element, name: str) -> str:
    return item.findtext(name, namespaces=WXR_NS) or ""


@pytest.mark.parametrize("base", [None, "https://files.example.org/blog-media/"])
def test_wxr_attachments_and_every_variant_at_exactly_the_attachment_url(tmp_path: Path, base: str | None) -> None:
    media = media_dir(tmp_path)
    text, warnings = write_wxr(archive(), WriteOptions(media=str(media), media_base_url=base))
    items = wxr_items(text)
    attachments = [i for i in items if _field(i, "wp:post_type") == "attachment"]
    posts = {_field(i, "wp:post_id"): i for i in items if _field(i, "wp:post_type") == "post"}
    assert [_field(a, "title") for a in attachments] == ["photo.png", "pic.png"]
    for attachment in attachments:
        assert posts[_field(attachment, "wp:post_parent")].findtext("title") == "Photos"  # the first user
        metas = {
            m.findtext("wp:meta_key", namespaces=WXR_NS): m.findtext("wp:meta_value", namespaces=WXR_NS)
            for m in attachment.findall("wp:postmeta", WXR_NS)
        }
        assert metas["_wp_attached_file"] == f"2013/01/{_field(attachment, 'title')}"
        assert metas["blogger_image_key"].startswith(("picasa:", "imgb:"))
    urls = {_field(a, "wp:attachment_url") for a in attachments}
    if base:
        assert all(url.startswith(base.rstrip("/") + "/objects/") for url in urls)
    bodies = [_field(i, "content:encoded") for i in posts.values()]
    comments = [
        c.findtext("wp:comment_content", namespaces=WXR_NS) or ""
        for c in etree.fromstring(text.encode()).iterfind(".//wp:comment", WXR_NS)
    ]
    referenced = re.findall(r'(?:src|href)="([^"]+)"', "".join(bodies + comments))
    # Every reference to an ok image is exactly an attachment URL (the importer replaces exact strings).
    assert {u for u in referenced if u != GONE} <= urls
    assert {u for u in referenced if u != GONE} == urls
    assert GONE in referenced
    assert any("comments" in w and "never in comments" in w for w in warnings)


def test_wxr_extensionless_images_need_a_base_url(tmp_path: Path) -> None:
    url = "https://lh3.googleusercontent.com/AbCdEfGhIjKlMnOp=s1600"
    media = tmp_path / "media"
    media.mkdir()
    key = image_key(url)
    assert key is not None
    compact(media, [stored_entry(media, key, (url,), "image-1.png", png(4, 4, 1), (4, 4))])
    post = blogport.Post(
        id="9", title="t", url="https://carnet.blogspot.com/2013/05/t.html", content=f'<img src="{url}">'
    )
    one = blogport.Archive(blog=blogport.Blog(title="b", url="https://carnet.blogspot.com/"), posts=(post,))
    text, warnings = write_wxr(one, WriteOptions(media=str(media)))
    assert "attachment" not in [_field(i, "wp:post_type") for i in wxr_items(text)]
    assert any("without a file extension" in w for w in warnings)
    text, _ = write_wxr(one, WriteOptions(media=str(media), media_base_url="https://f.example"))
    [attachment] = [i for i in wxr_items(text) if _field(i, "wp:post_type") == "attachment"]
    assert _field(attachment, "wp:attachment_url").endswith(".png")


def test_wxr_without_media_is_unchanged(tmp_path: Path) -> None:
    plain, _ = write_wxr(archive(), WriteOptions())
    assert "attachment" not in plain and OK_URLS[1] in plain


# --- JSON ------------------------------------------------------------------------------------------------


def test_json_archive_is_unchanged_and_attach_joins_the_manifest(tmp_path: Path) -> None:
    from blogport.media.rewrite_json import attach

    media = media_dir(tmp_path)
    blogport.write(archive(), tmp_path / "plain.json")
    blogport.write(archive(), tmp_path / "media.json", options=WriteOptions(media=str(media)))
    assert (tmp_path / "plain.json").read_bytes() == (tmp_path / "media.json").read_bytes()
    attached = attach(blogport.read(tmp_path / "media.json"), media)
    assert [entry.name for entry in attached.images_of("1")] == ["photo.png", "pic.png"]
    assert [entry.name for entry in attached.images_of("51")] == ["pic.png"]  # a comment
    assert attached.images_of("2") == attached.images_of("51")
    stored = attached.local_file(OK_URLS[1])  # the thumbnail variant finds the original's file
    assert stored is not None and stored.read_bytes()[:4] == b"\x89PNG"
    assert attached.local_file(GONE) is None
    assert attached.counts.left_remote == 1


def test_wxr_attachments_through_the_real_importers_parsers(tmp_path: Path) -> None:
    """With PHP and the wordpress-importer plugin's src/ in $BLOGPORT_WP_IMPORTER (never committed here):
    each of its three parsers reads both attachments with their parent, and after its exact-string
    backfill only the failed image is left pointing at Blogger in post content."""
    importer = os.environ.get("BLOGPORT_WP_IMPORTER")
    if not importer or shutil.which("php") is None:
        pytest.skip("needs php and BLOGPORT_WP_IMPORTER=<wordpress-importer>/src")
    path = tmp_path / "blog.wxr.xml"
    blogport.write(archive(), path, "wxr", WriteOptions(media=str(media_dir(tmp_path))))
    result = subprocess.run(
        ["php", str(Path(__file__).with_name("wxr_attachments_check.php")), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BLOGPORT_WP_IMPORTER": importer},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for parser in ("WXR_Parser_SimpleXML", "WXR_Parser_XML", "WXR_Parser_Regex"):
        assert f"{parser}: 2 attachments, 1 Blogger image URLs left in posts" in result.stdout
        assert f"{parser} left in post 1: {GONE}" in result.stdout
        assert result.stdout.count(f"{parser} attachment parent=1 ") == 2


# --- the rewrite rule itself ----------------------------------------------------------------------------


@given(
    st.lists(
        st.sampled_from(
            ["<img ", "<a ", "src=", "href=", '"', "'", ">", "&amp;", " ", "x", GONE, "https://e.org/a.png"]
        )
    ).map("".join)
)
def test_rewrite_images_leaves_fragments_without_local_images_byte_for_byte(fragment: str) -> None:
    manifest = MediaManifest(Path("."), [ManifestEntry(key=str(image_key(GONE)), urls=(GONE,), status="failed")])
    assert rewrite_images(fragment, manifest, lambda entry: "local.png", ImageCounts()) == fragment


def test_rewrite_images_every_variant_and_quoting_lands_on_one_file(tmp_path: Path) -> None:
    from blogport.media.manifest import read_manifest

    manifest = read_manifest(media_dir(tmp_path))
    fragment = (
        f"<a href='{OK_URLS[0]}'><IMG SRC={OK_URLS[1]} alt=x></a>"
        f'<img src="{OK_URLS[3].replace("&", "&amp;")}"><img src="{OK_URLS[2]}" width="10">'
    )
    counts = ImageCounts()
    out = rewrite_images(fragment, manifest, lambda entry: f"local/{entry.name}", counts)
    assert out == (
        '<a href="local/photo.png"><IMG SRC="local/photo.png" width="320" height="240" alt=x></a>'
        '<img src="local/pic.png"><img src="local/pic.png" width="10">'
    )
    assert (counts.local, counts.left_remote) == (4, 0)


# --- --comments data (issue 11 pt 2) ---------------------------------------------------------------------


def _archive_with_comment_link() -> blogport.Archive:
    from attrs import evolve

    from mediabuild import BLOG

    blog = archive()
    second = blog.posts[1]
    [comment] = second.comments
    content = comment.content + f' <a href="{BLOG.replace("https:", "http:")}/2013/01/photos.html#c1">the photos</a>'
    return evolve(blog, posts=(blog.posts[0], evolve(second, comments=(evolve(comment, content=content),))))


@pytest.mark.parametrize("flavor", sorted(GENERATORS))
def test_comment_data_images_and_links_land_on_the_built_site(tmp_path: Path, flavor: str) -> None:
    media = media_dir(tmp_path)
    root = tmp_path / flavor
    options = WriteOptions(flavor=flavor, jobs=1, media=str(media), comments="data")
    blogport.write(_archive_with_comment_link(), root, "markdown", options)
    data = "".join(p.read_text() for p in root.rglob("*.json"))
    assert "googleusercontent.com" not in data and "carnet.blogspot.com" not in data
    public = build(root, flavor)
    [page] = [
        p
        for p in public.rglob("*.html")
        if re.search(r"encore(/index)?\.html$", str(p)) and 'http-equiv="refresh"' not in p.read_text()
    ]
    comments = page.read_text().split('class="comments"', 1)[1]
    [image] = re.findall(r'<img[^>]*\ssrc="([^"]+)"', comments)
    assert resolve(public, page, image).is_file(), (flavor, image)
    [link] = re.findall(r'<a[^>]*\shref="([^"]+#c1)"', comments)
    target = resolve(public, page, link.split("#")[0])
    assert (target / "index.html" if target.is_dir() else target).is_file(), (flavor, link)


def test_comment_data_without_media_keeps_images_and_with_keep_links_keeps_links(tmp_path: Path) -> None:
    blog = _archive_with_comment_link()
    blogport.write(blog, tmp_path / "a", "markdown", WriteOptions(flavor="jekyll", jobs=1, comments="data"))
    linked = (tmp_path / "a/_data/comments/encore.json").read_text()
    assert "googleusercontent.com" in linked and 'href=\\"../01/photos.html#c1\\"' in linked
    options = WriteOptions(flavor="jekyll", jobs=1, comments="data", keep_links=True)
    blogport.write(blog, tmp_path / "b", "markdown", options)
    kept = (tmp_path / "b/_data/comments/encore.json").read_text()
    assert "http://carnet.blogspot.com/2013/01/photos.html#c1" in kept
