"""English, the words the archive had before it followed the blog's language (kept byte for byte)."""

from ....report import FIGURE_LABELS
from .record import Words

WORDS = Words(
    plural_rule="one-other",
    home="Home",
    archive="Archive",
    labels="Labels",
    orphans="Orphan comments",
    drafts="Drafts",
    about="About this archive",
    labels_lead="Labels:",
    originally="Originally published at",
    newer_post="← Newer: {title}",
    older_post="Older: {title} →",
    pages_lead="Pages:",
    no_posts="No posts.",
    newer_posts="← Newer posts",
    older_posts="Older posts →",
    untitled="(untitled)",
    untitled_blog="Blog",
    comments={"one": "{n} comment", "other": "{n} comments"},
    label_heading="Label: {label}",
    drafts_heading="Drafts and unpublished posts",
    no_labels="No labels.",
    pages="Pages",
    no_dated_posts="No dated posts.",
    page_heading="{title} — page {n}",
    statuses={"draft": "draft", "scheduled": "scheduled", "trashed": "trashed"},
    footer="An offline archive of {title}, written by blogport {version}.",
    footer_with_url="An offline archive of {title} ({url}), written by blogport {version}.",
    anonymous="Anonymous",
    blog_author="(blog author)",
    comment_removed="This comment has been removed.",
    deeper_replies={"one": "{n} more reply, deeper in this thread", "other": "{n} more replies, deeper in this thread"},
    orphans_lead="These comments belong to posts that are not in the input. They are kept here with their replies.",
    on_post="On post {post}",
    on_post_with_url="On post {post} ({url})",
    about_lead=(
        "This is an offline copy of the blog {title}, written by blogport {version} from a {format} input. "
        "It needs no network, no script and no server: every page opens from disk."
    ),
    about_lead_with_url=(
        "This is an offline copy of the blog {title}, once at {url}, written by blogport {version} from a {format} "
        "input. It needs no network, no script and no server: every page opens from disk."
    ),
    provenance="Provenance",
    input_format="Input format: {format}",
    source_file="Source file: {file}",
    exported="Exported or captured: {time}",
    written_by="Written by: blogport {version}",
    counts="Counts",
    figures={**dict(FIGURE_LABELS), "files": "files in this site"},
    warnings="Warnings",
    no_warnings="None.",
    missing_posts="Links to posts not in this archive",
    links={"one": "{n} link", "other": "{n} links"},
    remote_images="Remote images",
    remote_images_lead="These images are still loaded from their original servers.",
)
