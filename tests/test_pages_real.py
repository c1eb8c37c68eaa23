"""Real pages (issue 9, points 1-6 and 12): static pages, XHTML, title and URL fallbacks, feeds on their
own, stable comment ids, UTF-16 exports, out-of-range comment times. Each on our own fixture."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import blogport
import pagebuild as pb
import warcbuild as wb
from blogport.cli import main
from paths import CLASSIC_SAMPLE

STATIC_URL = f"{pb.HOST}/p/a-propos.html"


def static_page() -> str:
    """A saved static page: pageType static_page, /p/ address, the threaded comment widget."""
    post = pb.sample_post()
    html = pb.layouts_item(post, "fr").replace("'pageType': 'item'", "'pageType': 'static_page'")
    return html.replace(post.url, STATIC_URL)


# 1. static pages


def test_static_page_reads_as_one_page_with_its_url_and_every_comment(tmp_path: Path) -> None:
    path = tmp_path / "a-propos.html"
    path.write_text(static_page(), "utf-8")
    archive = blogport.read(path)
    [page] = archive.posts
    assert (page.kind, page.id, page.url) == ("page", "4001", STATIC_URL)
    assert [c.id for c in page.all_comments()] == ["5001", "5002", "5003", "5004", "5005", "5006"]
    assert not any("listing page" in w for w in archive.warnings)


def test_static_page_kind_from_its_address_when_the_page_type_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "a-propos.html"
    path.write_text(static_page().replace("'pageType': 'static_page', ", ""), "utf-8")
    [page] = blogport.read(path).posts
    assert page.kind == "page" and len(list(page.all_comments())) == 6


# 2. XHTML pages; unreadable files inside a folder


def xhtml_page() -> str:
    page = pb.layouts_item(pb.sample_post(), "fr").replace(
        "<!DOCTYPE html><html>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml">',
    )
    return '<?xml version="1.0" encoding="utf-8"?>\n' + page


def test_xhtml_page_with_an_xml_prolog_reads(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    path.write_text(xhtml_page(), "utf-8")
    [post] = blogport.read(path).posts
    assert post.title == pb.sample_post().title and len(list(post.all_comments())) == 6


def test_xhtml_prolog_encoding_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    text = xhtml_page().replace('encoding="utf-8"', 'encoding="iso-8859-1"').replace("Écouter", "Écouter ½")
    path.write_bytes(text.encode("iso-8859-1", errors="xmlcharrefreplace"))
    [post] = blogport.read(path).posts
    assert "Écouter ½" in post.content


def test_unreadable_file_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "post.html").write_text(xhtml_page(), "utf-8")
    # a broken feed and a page with Blogger's marks but nothing of a blog in it
    (mirror / "comments.xml").write_bytes(b"<?xml version='1.0'?><feed>blogger <entry")
    (mirror / "shell.html").write_bytes(b"<html><head><meta content='blogger' name='generator'/></head></html>")
    out = tmp_path / "out.json"
    assert main(["convert", str(mirror), "--to", "json", "-o", str(out)]) == 0
    archive = blogport.read(out)
    assert len(archive.posts) == 1 and len(list(archive.all_comments())) == 6
    assert any("comments.xml" in w and "skipped" in w for w in archive.warnings)
    assert any("shell.html" in w and "not a Blogger page" in w for w in archive.warnings)


def test_a_folder_of_only_unreadable_files_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "comments.xml").write_bytes(b"<?xml version='1.0'?><feed>blogger <entry")
    assert main(["info", str(tmp_path)]) == 3


# 3. titles and URLs of less usual templates


def test_bare_h1_title_falls_back_to_the_data_context_then_og_title_then_title(tmp_path: Path) -> None:
    post = pb.sample_post()
    bare = pb.layouts_item(post, "fr").replace(
        f"<h3 class='post-title entry-title' itemprop='name'>{pb.escape(post.title)}</h3>", "<h1>x</h1>"
    )
    with_name = bare.replace("'pageType': 'item'", "'pageType': 'item', 'pageName': 'Nom du contexte'")
    og = bare.replace("<title>", "<meta property='og:title' content='Titre og'/><title>")
    for html, expected in ((with_name, "Nom du contexte"), (og, "Titre og"), (bare, post.title)):
        path = tmp_path / "p.html"
        path.write_text(html, "utf-8")
        assert blogport.read(path).posts[0].title == expected


def relative_mirror_page(post: pb.P) -> str:
    """The item page as `wget --convert-links -nH` leaves it: every link to the blog relative, no data
    context, the feed links (not downloaded) absolute."""
    html = pb.layouts_item(post, "fr")
    html = html[: html.index("<script type='text/javascript'>_WidgetManager")] + "</body></html>"
    html = html.replace(f"{pb.HOST}/2013/02/", "../../2013/02/").replace(f"{pb.HOST}/", "../../")
    return html.replace(
        "<title>", f"<link rel='alternate' type='application/atom+xml' href='{pb.HOST}/feeds/posts/default'/><title>"
    )


def test_relative_mirror_gets_absolute_permalinks(tmp_path: Path) -> None:
    post = pb.sample_post()
    path = tmp_path / "2013" / "02" / "animer-une-communaute.html"
    path.parent.mkdir(parents=True)
    path.write_text(relative_mirror_page(post), "utf-8")
    archive = blogport.read(path)
    assert archive.posts[0].url == post.url
    assert all(c.url and c.url.startswith(post.url + "?showComment=") for c in archive.all_comments())
    site = tmp_path / "site"
    assert main(["convert", str(path), "--to", "markdown", "--flavor", "hugo", "-o", str(site)]) == 0
    text = next((site / "content").rglob("*.md")).read_text("utf-8")
    assert "/2013/02/animer-une-communaute.html" in text and "../" not in text.split("---")[1]


# 4. feeds read on their own


def test_posts_feed_gives_the_blog_its_title(tmp_path: Path) -> None:
    path = tmp_path / "posts.xml"
    path.write_text(wb.atom_posts_feed([pb.sample_post()]), "utf-8")
    assert blogport.read(path).blog.title == "Carnet de test"


def test_comment_feed_does_not_make_the_post_the_blog(tmp_path: Path) -> None:
    post = pb.sample_post()
    feed = pb.comment_feed(post, pb.flatten(post.comments)).replace(
        "<link rel='self'", f"<link rel='alternate' type='text/html' href='{post.url}'/><link rel='self'"
    )
    path = tmp_path / "comments.xml"
    path.write_text(feed, "utf-8")
    archive = blogport.read(path)
    assert archive.blog.url == f"{pb.HOST}/" and archive.blog.title != "Commentaires"


def test_posts_feed_with_fewer_entries_than_announced_is_partial(tmp_path: Path) -> None:
    feed = wb.atom_posts_feed([pb.sample_post()]).replace(
        "<title type='text'>Carnet", "<openSearch:totalResults>40</openSearch:totalResults><title type='text'>Carnet"
    )
    path = tmp_path / "posts.xml"
    path.write_text(feed, "utf-8")
    archive = blogport.read(path)
    assert any("partial" in w and "1-1 of 40" in w and "start-index=2" in w for w in archive.warnings)
    as_json = wb.json_posts_feed([pb.sample_post()])
    as_json["feed"]["openSearch$totalResults"] = {"$t": "40"}
    json_path = tmp_path / "posts.json"
    json_path.write_text(json.dumps(as_json), "utf-8")
    assert [w.split(": ", 1)[1] for w in blogport.read(json_path).warnings if "partial" in w] == [
        w.split(": ", 1)[1] for w in archive.warnings if "partial" in w
    ]


# 5. stable ids for comments without one


def legacy_without_ids() -> str:
    post = pb.sample_post()
    post.comments = post.comments[1:2]
    html = pb.legacy_item(post, "fr")
    return html.replace(" id='c5004'", "").replace("<a name='c5004'></a>", "").replace("#c5004", "")


def test_comment_ids_are_the_same_in_every_process(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_text(legacy_without_ids(), "utf-8")
    script = "import sys, blogport; print([c.id for c in blogport.read(sys.argv[1]).all_comments()])"
    seen = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        seen.add(run.stdout.strip())
    assert len(seen) == 1 and "legacy-" in seen.pop()


# 6. UTF-16


def test_utf16_export_with_a_bom_reads(tmp_path: Path) -> None:
    text = CLASSIC_SAMPLE.read_text("utf-8")
    for codec in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{codec}.xml"
        body = text.replace("encoding='UTF-8'", "encoding='UTF-16'").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        path.write_bytes(body.encode("utf-16") if codec == "utf-16" else b"\xfe\xff" + body.encode(codec))
        assert blogport.summarize(blogport.read(path)) == blogport.summarize(blogport.read(CLASSIC_SAMPLE))


# 12. a showComment= value out of range


def test_out_of_range_comment_time_is_no_time_with_a_warning(tmp_path: Path) -> None:
    post = pb.sample_post()
    html = pb.layouts_item(post, "fr").replace(
        f"showComment={pb.millis(post.comments[0].when)}", "showComment=9999999999999999"
    )
    path = tmp_path / "p.html"
    path.write_text(html, "utf-8")
    archive = blogport.read(path)
    first = next(c for c in archive.all_comments() if c.id == "5001")
    assert first.published is None
    assert any("5001" in w and "out of range" in w for w in archive.warnings)


# rescue mode: a saved page cut off mid-comment


def cut_page(tmp_path: Path) -> Path:
    html = pb.layouts_item(pb.sample_post(), "fr")
    path = tmp_path / "cut.html"
    path.write_text(html[: html.index("Et pour les petites") + 6], "utf-8")
    return path


def test_cut_off_page_is_refused_by_default(tmp_path: Path) -> None:
    assert main(["info", str(cut_page(tmp_path))]) == 3


def test_salvage_reads_every_comment_complete_before_the_break(tmp_path: Path) -> None:
    path = cut_page(tmp_path)
    archive = blogport.read(path, options=blogport.ReadOptions(salvage=True))
    [post] = archive.posts
    assert [(c.id, c.parent_id) for c in post.all_comments()] == [("5001", None), ("5002", "5001"), ("5003", "5001")]
    notes = [w for w in archive.warnings if "salvaged" in w]
    assert any(f"byte {path.stat().st_size}" in w and "5004" in w for w in notes)
    assert any("4001" in w and "may be incomplete" in w for w in notes)


def test_files_no_reader_recognizes_are_named_in_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "mirror"
    folder.mkdir()
    (folder / "blog.xml").write_bytes(CLASSIC_SAMPLE.read_bytes())
    (folder / "not-a-blog.html").write_text("<html><body><p>a page of another site</p></body></html>", "utf-8")
    (folder / "style.css").write_text("body { color: black }", "utf-8")
    archive = blogport.read(folder)
    assert len(archive.posts) == len(blogport.read(CLASSIC_SAMPLE).posts)
    [note] = [w for w in archive.warnings if w.startswith("skipped ")]
    assert "skipped 2 files" in note and "not-a-blog.html" in note and "style.css" in note
