"""Tiny builders of Blogger export XML for tests (our own fixtures, not corpus copies)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

BLOG = "111"
KIND = "http://schemas.google.com/blogger/2008/kind#"
FEED_OPEN = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:gd='http://schemas.google.com/g/2005' "
    "xmlns:thr='http://purl.org/syndication/thread/1.0' xmlns:georss='http://www.georss.org/georss'>"
    f"<id>tag:blogger.com,1999:blog-{BLOG}.archive</id><updated>2020-01-01T00:00:00.000+01:00</updated>"
    "<title type='text'>Test blog</title><link rel='alternate' type='text/html' href='http://t.blogspot.com/'/>"
)


def classic(*entries: str, feed_open: str = FEED_OPEN) -> bytes:
    return (feed_open + "".join(entries) + "</feed>").encode()


def author(
    name: str = "Ann",
    uri: str | None = "https://www.blogger.com/profile/1",
    email: str = "noreply@blogger.com",
    avatar: str | None = None,
) -> str:
    out = f"<author><name>{escape(name)}</name>"
    if uri:
        out += f"<uri>{escape(uri)}</uri>"
    out += f"<email>{escape(email)}</email>"
    if avatar:
        out += f"<gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' src={quoteattr(avatar)}/>"
    return out + "</author>"


def post(
    pid: str,
    title: str = "A post",
    kind: str = "post",
    published: str = "2019-05-01T10:00:00.000+02:00",
    labels: tuple[str, ...] = (),
    draft: bool = False,
    url: str | None = "auto",
    content: str = "<p>Hi</p>",
    extra: str = "",
    author_xml: str | None = None,
    updated: str | None = None,
) -> str:
    cats = "".join(f"<category scheme='http://www.blogger.com/atom/ns#' term={quoteattr(label)}/>" for label in labels)
    control = (
        "<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>" if draft else ""
    )
    if url == "auto":
        url = f"http://t.blogspot.com/2019/05/{pid}.html"
    alt = f"<link rel='alternate' type='text/html' href={quoteattr(url)} title={quoteattr(title)}/>" if url else ""
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{BLOG}.{kind}-{pid}</id><published>{published}</published>"
        f"<updated>{updated or published}</updated>{control}"
        f"<category scheme='http://schemas.google.com/g/2005#kind' term='{KIND}{kind}'/>{cats}"
        f"<title type='text'>{escape(title)}</title><content type='html'>{escape(content)}</content>{alt}"
        f"{author_xml if author_xml is not None else author()}{extra}</entry>"
    )


def comment(
    cid: str,
    post_id: str | None,
    parent: str | None = None,
    published: str = "2019-05-02T10:00:00.000+02:00",
    content: str = "Nice",
    removed: bool = False,
    in_reply_to: bool = True,
    edit_link: bool = True,
    permalink: str | None = None,
    author_xml: str | None = None,
) -> str:
    links = ""
    if edit_link and post_id:
        links += f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG}/{post_id}/comments/default/{cid}'/>"
    if permalink:
        links += f"<link rel='alternate' type='text/html' href={quoteattr(permalink)}/>"
    if parent:
        links += f"<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG}/{post_id}/comments/default/{parent}'/>"
    thr = ""
    if in_reply_to and post_id:
        thr = (
            f"<thr:in-reply-to href='http://t.blogspot.com/x.html' ref='tag:blogger.com,1999:blog-{BLOG}.post-{post_id}' "
            f"source='https://www.blogger.com/feeds/{BLOG}/posts/default/{post_id}' type='text/html'/>"
        )
    gone = "<gd:extendedProperty name='blogger.contentRemoved' value='true'/>" if removed else ""
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{BLOG}.post-{cid}</id><published>{published}</published>"
        f"<updated>{published}</updated><category scheme='http://schemas.google.com/g/2005#kind' term='{KIND}comment'/>"
        f"<title type='text'></title><content type='html'>{escape(content)}</content>{links}"
        f"{author_xml if author_xml is not None else author('Bob', None)}{thr}{gone}</entry>"
    )


def setting(key: str, value: str) -> str:
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{BLOG}.settings.{key}</id>"
        f"<category scheme='http://schemas.google.com/g/2005#kind' term='{KIND}settings'/>"
        f"<title type='text'>Localized {key}</title><content type='text'>{escape(value)}</content></entry>"
    )


TAKEOUT_OPEN = (
    "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
    "xmlns:blogger='http://schemas.google.com/blogger/2018'>"
    f"<id>tag:blogger.com,1999:blog-{BLOG}</id><title>Takeout blog</title>"
)


def takeout(*entries: str, feed_open: str = TAKEOUT_OPEN) -> bytes:
    return (feed_open + "".join(entries) + "</feed>").encode()


def t_post(
    pid: str,
    status: str = "LIVE",
    kind: str = "POST",
    title: str = "T",
    labels: tuple[str, ...] = (),
    filename: str | None = "/2020/01/t.html",
    trashed: str = "",
    published: str = "2020-01-01T10:00:00Z",
) -> str:
    cats = "".join(f"<category scheme='tag:blogger.com,1999:blog-{BLOG}' term={quoteattr(label)}/>" for label in labels)
    fname = f"<blogger:filename>{filename}</blogger:filename>" if filename else "<blogger:filename/>"
    trash = f"<blogger:trashed>{trashed}</blogger:trashed>" if trashed else "<blogger:trashed/>"
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{BLOG}.post-{pid}</id><blogger:type>{kind}</blogger:type>"
        f"<blogger:status>{status}</blogger:status><author><name>Owner</name><uri>https://o.example/</uri>"
        f"<blogger:type>BLOGGER</blogger:type></author><title>{escape(title)}</title>"
        f"<content type='html'>&lt;p&gt;x&lt;/p&gt;</content><published>{published}</published>"
        f"<updated>{published}</updated>{cats}{fname}<link/><enclosure/>{trash}</entry>"
    )


def t_comment(
    cid: str,
    post_id: str,
    in_reply_to: str | None = None,
    status: str = "LIVE",
    published: str = "2020-01-02T10:00:00Z",
    author_uri: str | None = None,
) -> str:
    reply = f"<blogger:inReplyTo>{in_reply_to}</blogger:inReplyTo>" if in_reply_to else "<blogger:inReplyTo/>"
    uri = f"<uri>{author_uri}</uri>" if author_uri else ""
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{BLOG}.post-{cid}</id><blogger:type>COMMENT</blogger:type>"
        f"<blogger:status>{status}</blogger:status><author><name>C{cid}</name>{uri}"
        f"<blogger:type>ANONYMOUS</blogger:type></author><title></title>"
        f"<content type='html'>comment {cid}</content><published>{published}</published>"
        f"<updated>{published}</updated>"
        f"<blogger:parent>tag:blogger.com,1999:blog-{BLOG}.post-{post_id}</blogger:parent>{reply}</entry>"
    )
