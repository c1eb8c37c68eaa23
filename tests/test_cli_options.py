"""Command-line conventions (issue 10, points 7-10, 12-13): options that do not apply, the output
format from the output's name, pandoc's short options, global options anywhere, help texts,
shell completion, and messages in the user's language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import blogport
import xmlbuild as x
from blogport.cli import main
from blogport.cliargs import EXIT_CODES, build_parser
from blogport.options import OPTION_USES, WriteOptions, misapplied_options
from blogport.report import counted, describe_post
from paths import CLASSIC_SAMPLE, ROOT

COMMANDS = ("convert", "info", "batch", "formats", "completion")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blogport", *args], capture_output=True, text=True, check=False)


# --- point 7: options that do not apply -------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--flavor", "jekyll", "-o", "{out}/site.json"], "--flavor needs --to markdown (not --to json)"),
        (["--flavor", "jekyll", "-o", "{out}/site"], "site: does not tell the output format"),
        (["-t", "json", "--split-size", "2", "-o", "{out}/b.json"], "--split-size needs --to wxr"),
        (["-t", "wxr", "--keep-html", "-o", "{out}/b.xml"], "--keep-html needs --to markdown"),
        (["-t", "json", "--labels-as", "categories", "-o", "{out}/b.json"], "--labels-as needs --to wxr"),
        (["-t", "wxr", "--comments", "none", "-o", "{out}/b.xml"], "--comments needs --to markdown"),
        (["-t", "markdown", "--per-page", "5", "-o", "{out}/site"], "--per-page needs --to html"),
        (["-t", "markdown", "--offline-strict", "-o", "{out}/site"], "--offline-strict needs --to html"),
        (["-t", "json", "--jobs", "2", "-o", "{out}/b.json"], "--jobs needs --to html or --to markdown"),
        (["-t", "json", "--include-trashed", "-o", "{out}/b.json"], "--include-trashed needs"),
        (["-t", "wxr", "--split-size", "2", "-o", "-"], "--split-size needs -o FILE"),
        (["--zstd-dict", "{out}/dict", "-o", "{out}/b.json"], "--zstd-dict needs a warc input"),
        # a typed default value is still an option given where it does not apply
        (["--flavor", "hugo", "-o", "{out}/b.json"], "--flavor needs --to markdown (not --to json)"),
        (["-t", "json", "--labels-as", "tags", "-o", "{out}/b.json"], "--labels-as needs --to wxr"),
        (["-t", "markdown", "--per-page", "20", "-o", "{out}/site"], "--per-page needs --to html"),
        (["-t", "json", "--media", "{out}", "-o", "{out}/b.json"], "--media needs"),
        (["-t", "json", "--keep-links", "-o", "{out}/b.json"], "--keep-links needs"),
        (["-t", "markdown", "--site-url", "https://x.example/", "-o", "{out}/site"], "--site-url needs --to wxr"),
        (["-t", "html", "--media-base-url", "https://x.example/m", "-o", "{out}/site"], "--media-base-url needs"),
    ],
)
def test_an_option_that_does_not_apply_is_a_usage_error(
    extra: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["convert", str(CLASSIC_SAMPLE), *(arg.replace("{out}", str(tmp_path)) for arg in extra)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1
    assert captured.out == "" and list(tmp_path.iterdir()) == []


def test_jobs_zero_is_refused_naming_the_option(tmp_path: Path) -> None:
    result = run("convert", str(CLASSIC_SAMPLE), "-t", "markdown", "--jobs", "0", "-o", str(tmp_path / "site"))
    assert result.returncode == 2 and "--jobs" in result.stderr and "at least 1" in result.stderr
    assert not (tmp_path / "site").exists()


def test_batch_applies_the_same_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(CLASSIC_SAMPLE), "-o", str(tmp_path / "out"), "--flavor", "pelican"]) == 2
    assert "--flavor needs --to markdown" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _changed_value(use_field: str) -> object:
    default = getattr(WriteOptions(), use_field)
    changed = {bool: not default, int: 7, str: "categories" if use_field == "labels_as" else "none"}
    return changed.get(type(default), 3) if use_field != "flavor" else "jekyll"


@pytest.mark.parametrize("use", OPTION_USES, ids=lambda use: use.flag)
def test_every_row_of_the_table_applies_to_its_formats_only(use: object) -> None:
    from blogport import formats
    from blogport.options import OptionUse

    assert isinstance(use, OptionUse)
    import attrs

    options = attrs.evolve(WriteOptions(), **{use.field: _changed_value(use.field)})
    for name in formats.WRITERS:
        reasons = misapplied_options(options, name)
        if name in use.formats:
            assert reasons == []
        else:
            assert len(reasons) == 1 and reasons[0].startswith(f"{use.flag} needs ")
    assert misapplied_options(WriteOptions(), "json") == []


_TYPED = {
    "--labels-as": "categories",
    "--split-size": "3",
    "--flavor": "jekyll",
    "--comments": "none",
    "--jobs": "2",
    "--per-page": "7",
    "--media": "media-dir",
    "--site-url": "https://new.example/",
    "--media-base-url": "https://files.example/m",
}


@pytest.mark.parametrize("use", OPTION_USES, ids=lambda use: use.flag)
def test_every_row_of_the_table_reaches_its_write_option(use: object) -> None:
    from blogport.cliargs import write_options
    from blogport.options import OptionUse

    assert isinstance(use, OptionUse)
    typed = [use.flag, _TYPED[use.flag]] if use.flag in _TYPED else [use.flag]
    args = build_parser().parse_args(["convert", "in.xml", "-o", "out", *typed])
    options = write_options(args, args.jobs)
    assert getattr(options, use.field) != getattr(WriteOptions(), use.field)
    assert getattr(options, use.field) == getattr(args, use.field)
    others = {other.field for other in OPTION_USES} - {use.field}
    assert all(getattr(options, name) == getattr(WriteOptions(), name) for name in others)


def test_every_writer_option_of_the_parser_is_in_the_table() -> None:
    parser = build_parser()
    convert = parser._subparsers._group_actions[0].choices["convert"]  # type: ignore[union-attr]
    writer_flags = {
        action.option_strings[-1]
        for group in convert._action_groups
        if (group.title and "output" in group.title.lower()) or (group.title and "site" in group.title.lower())
        for action in group._group_actions
    }
    assert writer_flags <= {use.flag for use in OPTION_USES}


# --- point 8: the output format follows the output's name ------------------------------------


@pytest.mark.parametrize(
    ("name", "format"),
    [("blog.json", "json"), ("blog.wxr", "wxr"), ("blog.wxr.xml", "wxr"), ("BLOG.XML", "wxr")],
)
def test_the_output_name_gives_the_format(name: str, format: str, tmp_path: Path) -> None:
    out = tmp_path / name
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(out), "-q"]) == 0
    text = out.read_text("utf-8")
    if format == "json":
        assert json.loads(text)["format"] == "blogport-archive"
    else:
        assert text.startswith("<?xml") and "<wp:wxr_version>" in text


@pytest.mark.parametrize("name", ["blog.txt", "blog", "folder/"])
def test_a_name_that_does_not_tell_needs_to(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(tmp_path / name)]) == 2
    assert "give --to" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_library_write_infers_the_format(tmp_path: Path) -> None:
    archive = blogport.read(CLASSIC_SAMPLE)
    written = blogport.write(archive, tmp_path / "blog.wxr.xml")
    assert written.paths == (tmp_path / "blog.wxr.xml",)
    assert "<wp:wxr_version>" in (tmp_path / "blog.wxr.xml").read_text("utf-8")
    assert blogport.write(archive, tmp_path / "blog.json").paths == (tmp_path / "blog.json",)
    assert blogport.read(tmp_path / "blog.json") == archive
    with pytest.raises(blogport.UsageError, match="is a folder"):
        blogport.write(archive, tmp_path)


# --- point 9: short options and global options anywhere --------------------------------------


def test_short_from_and_to(tmp_path: Path) -> None:
    out = tmp_path / "out.data"
    assert main(["convert", "-f", "blogger-classic", "-t", "wxr", str(CLASSIC_SAMPLE), "-o", str(out), "-q"]) == 0
    assert "<wp:wxr_version>" in out.read_text("utf-8")
    result = run("info", str(CLASSIC_SAMPLE), "-f", "blogger-takeout")
    assert result.returncode == 0 and "posts: 0" in result.stdout


def test_force_has_its_long_name_only(tmp_path: Path) -> None:
    out = tmp_path / "blog.json"
    out.write_text("precious")
    assert run("convert", str(CLASSIC_SAMPLE), "-o", str(out), "-f").returncode == 2  # -f is --from now
    assert out.read_text() == "precious"
    assert run("convert", str(CLASSIC_SAMPLE), "-o", str(out), "--force").returncode == 0


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_before_or_after_the_command(where: str) -> None:
    command = ["convert", str(CLASSIC_SAMPLE), "-o", "-"]
    quiet = run("-q", *command) if where == "before" else run(*command, "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    verbose = run("-v", *command) if where == "before" else run(*command, "-v")
    assert "blogport: reading: " in verbose.stderr
    debug = run("--debug", "info", "/no/such/file") if where == "before" else run("info", "/no/such/file", "--debug")
    assert debug.returncode == 3 and "Traceback" in debug.stderr
    version = run("--version") if where == "before" else run("info", "--version")
    assert version.returncode == 0 and version.stdout.startswith("blogport ")


# --- point 10: help texts and shell completion ------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_examples_and_exit_codes(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    text = result.stdout.rstrip()
    assert EXIT_CODES in text and text.index(EXIT_CODES) > len(text) - len(EXIT_CODES) - 120  # at the end
    examples = text.index("examples:\n")
    assert examples < text.index("exit codes:\n")
    assert f"blogport {command}" in text[examples:]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str, tmp_path: Path) -> None:
    result = run("completion", shell)
    assert result.returncode == 0
    script = result.stdout
    for word in ("convert", "--flavor", "--split-size", "blogger-takeout"):
        assert word in script, word
    binary = shutil.which(shell)
    if binary is None:
        pytest.skip(f"{shell} is not installed: syntax not checked")
    path = tmp_path / f"blogport.{shell}"
    path.write_text(script)
    checked = subprocess.run([binary, "-n", str(path)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def _readme_synopsis(command: str) -> set[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Command line") :]
    block = section[section.index("```\n") + 4 : section.index("\n```", section.index("```\n") + 4)]
    lines = block.split("\nblogport ")
    flags: set[str] = set()
    for chunk in lines:
        for line in chunk.splitlines():
            if chunk.removeprefix("blogport ").startswith(command + " ") or line.startswith("global options"):
                flags.update(re.findall(r"(?<![\w-])--?[a-z][\w-]*", line))
    return flags


@pytest.mark.parametrize("command", ["convert", "info"])
def test_readme_synopsis_and_help_agree(command: str) -> None:
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    in_readme = _readme_synopsis(command)
    options = [action.option_strings for action in sub._actions if action.option_strings]
    assert [names for names in options if not in_readme & set(names)] == [["-h", "--help"]]
    assert in_readme <= {name for names in options for name in names}


# --- point 12: messages in the user's language ------------------------------------------------


def test_counts_are_pluralised() -> None:
    assert [counted(1, "page"), counted(2, "page"), counted(0, "reply"), counted(1, "orphan comment")] == [
        "1 page",
        "2 pages",
        "0 replies",
        "1 orphan comment",
    ]


def test_wrote_line_is_pluralised(tmp_path: Path) -> None:
    result = run("convert", str(CLASSIC_SAMPLE), "-o", str(tmp_path / "b.json"))
    assert ": 4 posts, 1 page, 10 comments (5 replies, 0 orphans)" in result.stderr
    assert "(s)" not in result.stderr


def test_a_warning_about_a_post_names_its_title_and_url(tmp_path: Path) -> None:
    path = tmp_path / "twice.xml"
    path.write_bytes(x.classic(x.post("1", title="Un titre"), x.post("1", title="Un titre")))
    result = run("info", str(path))
    line = next(w for w in result.stdout.splitlines() if "more than once" in w)
    assert '"Un titre"' in line and "http://" in line


def test_describe_post_without_title_or_url_gives_the_id() -> None:
    archive = blogport.read(CLASSIC_SAMPLE)
    post = archive.posts[0]
    assert describe_post(post) == f'{post.kind} "{post.title}" ({post.url})'
    import attrs

    assert describe_post(attrs.evolve(post, title="", url=None)) == f"{post.kind} {post.id} (untitled, no URL)"


def test_info_on_wxr_never_prints_id_none(tmp_path: Path) -> None:
    wxr = tmp_path / "blog.xml"
    assert main(["convert", str(CLASSIC_SAMPLE), "-o", str(wxr), "-q"]) == 0
    text = wxr.read_text("utf-8")
    wxr.write_text(
        re.sub(r"<wp:meta_key><!\[CDATA\[blogger_blog\]\]>.*?</wp:postmeta>", "</wp:postmeta>", text, flags=re.S)
    )
    result = run("info", str(wxr))
    assert result.returncode == 0 and "id None" not in result.stdout
    assert "blog: Carnet de bord numérique" in result.stdout


def test_takeout_zip_provenance_names_the_zip_and_the_member(tmp_path: Path) -> None:
    import zipfile

    from paths import TAKEOUT_SAMPLE

    archive_zip = tmp_path / "takeout-20250101.zip"
    feed = next(TAKEOUT_SAMPLE.rglob("feed.atom"))
    with zipfile.ZipFile(archive_zip, "w") as bundle:
        bundle.write(feed, "Takeout/Blogger/Blogs/Carnet/feed.atom")
    archive = blogport.read(archive_zip)
    assert archive.blog.source is not None
    assert archive.blog.source.files == ("takeout-20250101.zip!Takeout/Blogger/Blogs/Carnet/feed.atom",)
    assert blogport.read(archive_zip, blog="Carnet") == archive  # the Takeout folder name still picks it
    result = run("info", str(archive_zip))
    assert "  read from: takeout-20250101.zip!Takeout/Blogger/Blogs/Carnet/feed.atom\n" in result.stdout


def test_info_lists_a_few_of_many_files(tmp_path: Path) -> None:
    for number in range(7):
        (tmp_path / f"export-{number}.xml").write_bytes(x.classic(x.post(str(number))))
    result = run("info", str(tmp_path))
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "read from:" in line)
    assert line.count("export-") == 5 and line.endswith(" and 2 more")


def test_json_files_of_a_folder_get_ascii_names(tmp_path: Path) -> None:
    first = tmp_path / "one.xml"
    first.write_bytes(x.classic(x.post("1"), feed_open=x.FEED_OPEN.replace("Test blog", "Été à Zürich")))
    second = tmp_path / "two.xml"
    second.write_bytes(x.classic(x.post("2"), feed_open=x.FEED_OPEN.replace("blog-111", "blog-222")))
    assert main(["convert", str(first), str(second), "-t", "json", "-o", str(tmp_path / "out") + "/", "-q"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ete-a-zurich.json", "test-blog.json"]


# --- point 13: the README's first commands ----------------------------------------------------


def test_readme_first_commands_make_a_venv_first() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    for block in blocks[:2]:
        lines = block.strip().splitlines()
        assert lines[0] == "python3 -m venv .venv && . .venv/bin/activate", block
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    venv, test_command = blocks[1].strip().splitlines()
    assert ci.index(venv) < ci.index(test_command)  # .ci/run runs the README's test block as written


def test_no_message_counts_with_a_parenthesised_plural() -> None:
    # Messages go through report.counted/agree; "(s)" is kept only where it names a thing, not a count.
    allowed = ("INPUT(s)", "WARC(s)", "http(s)", "len(s)")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src" / "blogport").rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"[a-z]\(s\)", line) and not any(word in line for word in allowed)
    ]
    assert offenders == []
