"""Builders of saved Blogger pages for tests: our own fixtures, one per template family.

The markup follows what Blogger renders (see ../shared/docs/blogger-html-markup.md): the
threaded comment widget, the legacy ``dl#comments-block``, the 2017+ themes, the mobile view,
Google's corporate template and a Dynamic Views shell, with the UI words of several languages,
plus the distortions of wget mirrors and Wayback Machine captures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import escape

BLOG_ID = "2468013579246801357"
HOST = "http://carnet-de-test.blogspot.com"
PARIS = timezone(timedelta(hours=1))

UI = {
    "fr": {
        "comments": "{n} commentaires:",
        "reply": "Répondre",
        "delete": "Supprimer",
        "replies": "Réponses",
        "posted": "Publié par",
        "at": "à",
        "said": "a dit…",
        "more": "Charger plus...",
        "labels": "Libellés :",
    },
    "de": {
        "comments": "{n} Kommentare:",
        "reply": "Antworten",
        "delete": "Löschen",
        "replies": "Antworten",
        "posted": "Eingestellt von",
        "at": "um",
        "said": "hat gesagt…",
        "more": "Weitere laden...",
        "labels": "Labels:",
    },
    "es": {
        "comments": "{n} comentarios:",
        "reply": "Responder",
        "delete": "Eliminar",
        "replies": "Respuestas",
        "posted": "Publicado por",
        "at": "en",
        "said": "dijo...",
        "more": "Cargar más...",
        "labels": "Etiquetas:",
    },
}


@dataclass
class C:
    """A comment to render."""

    id: str
    author: str
    when: datetime
    text: str
    uri: str | None = None
    replies: list[C] = field(default_factory=list)
    deleted: bool = False
    owner: bool = False


@dataclass
class P:
    """A post to render."""

    id: str
    title: str
    slug: str
    when: datetime
    body: str
    labels: list[str] = field(default_factory=list)
    author: str = "Élodie"
    comments: list[C] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{HOST}/{self.when:%Y/%m}/{self.slug}.html"


def millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def data_context(page_type: str, post: P | None, lang: str, mobile: bool = False) -> str:
    url = post.url if post else HOST + "/"
    post_part = f", 'postId': '{post.id}'" if post else ""
    return (
        "<script type='text/javascript'>_WidgetManager._Init('//www.blogger.com/rearrange?blogID\\x3d"
        f"{BLOG_ID}', '//carnet\\x3d');_WidgetManager._SetDataContext([{{'name': 'blog', 'data': {{'blogId': "
        f"'{BLOG_ID}', 'title': 'Carnet de test', 'url': '{url}', 'canonicalUrl': '{url}', 'homepageUrl': "
        f"'{HOST}/', 'pageType': '{page_type}'{post_part}, 'locale': '{lang}', 'localeUnderscoreDelimited': "
        f"'{lang}', 'isMobileRequest': {'true' if mobile else 'false'}}}}}, {{'name': 'view', 'data': "
        f"{{'title': 'ignored'}}}}]);</script>"
    )


def head(title: str, canonical: str | None, extra: str = "") -> str:
    canon = f"<link href='{canonical}' rel='canonical'/>" if canonical else ""
    return (
        f"<!DOCTYPE html><html><head><meta content='blogger' name='generator'/>{canon}"
        f"<link rel='service.post' type='application/atom+xml' "
        f"href='https://www.blogger.com/feeds/{BLOG_ID}/posts/default'/><title>{escape(title)}</title>{extra}"
        "</head>"
    )


def threaded_comment(comment: C, post: P, lang: str) -> str:
    ui = UI[lang]
    who = (
        f'<a href="{comment.uri}" rel="nofollow">{escape(comment.author)}</a>'
        if comment.uri
        else escape(comment.author)
    )
    owner = " blog-author" if comment.owner else ""
    content = f'<span class="deleted-comment">{escape(comment.text)}</span>' if comment.deleted else comment.text
    replies = ""
    if comment.replies:
        inner = "".join(threaded_comment(reply, post, lang) for reply in comment.replies)
        replies = (
            f'<div class="comment-replies"><div id="c{comment.id}-rt" class="comment-thread inline-thread">'
            f'<span class="thread-toggle thread-expanded"><span class="thread-arrow"></span>'
            f'<span class="thread-count"><a target="_self">{ui["replies"]}</a></span></span>'
            f'<ol id="c{comment.id}-ra" class="thread-chrome thread-expanded"><div>{inner}</div>'
            f'<div id="c{comment.id}-continue" class="continue"><a class="comment-reply" target="_self" '
            f'data-comment-id="{comment.id}">{ui["reply"]}</a></div></ol></div></div>'
        )
    return (
        f'<li class="comment" id="c{comment.id}"><div class="avatar-image-container">'
        '<img src="//resources.blogblog.com/img/blank.gif" alt=""/></div><div class="comment-block">'
        f'<div class="comment-header"><cite class="user">{who}</cite><span class="icon user{owner}"></span>'
        f'<span class="datetime secondary-text"><a rel="nofollow" href="{post.url}?showComment='
        f'{millis(comment.when)}#c{comment.id}">{comment.when:%d/%m/%Y %H:%M}</a></span></div>'
        f'<p class="comment-content">{content}</p><span class="comment-actions secondary-text">'
        f'<a class="comment-reply" target="_self" data-comment-id="{comment.id}">{ui["reply"]}</a>'
        f'<span class="item-control blog-admin pid-1"><a target="_self" href="https://www.blogger.com/'
        f'delete-comment.g?blogID={BLOG_ID}&amp;postID={comment.id}">{ui["delete"]}</a></span></span></div>'
        f'{replies}<div class="comment-replybox-single" id="c{comment.id}-ce"></div></li>'
    )


def count(comments: list[C]) -> int:
    return sum(1 + count(c.replies) for c in comments)


def threaded_block(
    post: P, lang: str, shown: list[C] | None = None, announced: int | None = None, loadmore_hidden: bool = True
) -> str:
    shown = post.comments if shown is None else shown
    total = count(post.comments) if announced is None else announced
    items = "".join(threaded_comment(c, post, lang) for c in shown)
    hidden = " hidden" if loadmore_hidden else ""
    return (
        f"<div class='comments' id='comments'><a name='comments'></a><h4>{UI[lang]['comments'].format(n=total)}</h4>"
        "<div class='comments-content'><script async='async' type='text/javascript'>var x = 1;</script>"
        f'<div id=\'comment-holder\'><div class="comment-thread toplevel-thread"><ol id="top-ra">{items}</ol></div>'
        f'<div class="loadmore{hidden}" data-post-id="{post.id}"><a target="_self">{UI[lang]["more"]}</a>'
        "</div></div></div></div>"
    )


def post_block(post: P, lang: str, with_date_header: bool = True, item: bool = True) -> str:
    ui = UI[lang]
    labels = "".join(
        f"<a href='{HOST}/search/label/{escape(label)}' rel='tag'>{escape(label)}</a>, " for label in post.labels
    ).rstrip(", ")
    date_header = f"<h2 class='date-header'><span>{post.when:%A %d %B %Y}</span></h2>" if with_date_header else ""
    title = escape(post.title) if item else f"<a href='{post.url}'>{escape(post.title)}</a>"
    return (
        f"<div class='date-outer'>{date_header}<div class='date-posts'><div class='post-outer'>"
        "<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' "
        f"itemtype='http://schema.org/BlogPosting'><meta content='{BLOG_ID}' itemprop='blogId'/>"
        f"<meta content='{post.id}' itemprop='postId'/><a name='{post.id}'></a>"
        f"<h3 class='post-title entry-title' itemprop='name'>{title}</h3>"
        f"<div class='post-header'><div class='post-header-line-1'></div></div>"
        f"<div class='post-body entry-content' id='post-body-{post.id}' itemprop='description articleBody'>"
        f"{post.body}<div style='clear: both;'></div></div>"
        "<div class='post-footer'><div class='post-footer-line post-footer-line-1'>"
        f"<span class='post-author vcard'>{ui['posted']} <span class='fn' itemprop='author' itemscope='itemscope' "
        "itemtype='http://schema.org/Person'><meta content='https://www.blogger.com/profile/111' itemprop='url'/>"
        "<a class='g-profile' href='https://www.blogger.com/profile/111' rel='author' title='author profile'>"
        f"<span itemprop='name'>{escape(post.author)}</span></a></span></span> "
        f"<span class='post-timestamp'>{ui['at']} <meta content='{post.url}' itemprop='url'/>"
        f"<a class='timestamp-link' href='{post.url}' rel='bookmark' title='permanent link'>"
        f"<abbr class='published' itemprop='datePublished' title='{post.when.isoformat()}'>{post.when:%H:%M}</abbr>"
        f"</a></span> <span class='post-comment-link'><a class='comment-link' href='{post.url}#comment-form'>"
        f"{ui['comments'].format(n=count(post.comments))}</a></span></div>"
        f"<div class='post-footer-line post-footer-line-2'><span class='post-labels'>{ui['labels']} {labels}"
        "</span></div></div></div>"
    )


def layouts_item(post: P, lang: str, **comment_options: object) -> str:
    """A Layouts v1 (Simple/Watermark-like) item page with the threaded comment widget."""
    return (
        head(post.title, post.url) + "<body><div class='content'>"
        f"<div class='header section' id='header'><div class='widget Header' id='Header1'><h1 class='title'>"
        f"<a href='{HOST}/'>Carnet de test</a></h1><div class='descriptionwrapper'><p class='description'>"
        "<span>Un carnet pour les tests</span></p></div></div></div>"
        f"<div class='main section' id='main'><div class='widget Blog' data-version='1' id='Blog1'>"
        f"<div class='blog-posts hfeed'>{post_block(post, lang)}"
        f"{threaded_block(post, lang, **comment_options)}</div></div></div></div></div></div></div></div>"  # type: ignore[arg-type]
        f"{data_context('item', post, lang)}</body></html>"
    )


def listing_page(posts: list[P], lang: str, page_type: str = "archive", counts: bool = False) -> str:
    """A listing page (home, monthly archive, label): posts with snippets, one date header per day;
    each post's comment link counts its comments with ``counts``, else none."""
    blocks = []
    last_day = None
    for post in posts:
        day = post.when.date()
        blocks.append(
            post_block(
                P(
                    post.id,
                    post.title,
                    post.slug,
                    post.when,
                    post.body[:40] + "…",
                    post.labels,
                    post.author,
                    post.comments if counts else [],
                ),
                lang,
                with_date_header=day != last_day,
                item=False,
            )
        )
        last_day = day
    return (
        head("Carnet de test", None) + "<body><div class='widget Blog' data-version='1' id='Blog1'>"
        f"<div class='blog-posts hfeed'>{''.join(blocks)}</div></div></div></div>"
        f"{data_context(page_type, None, lang)}</body></html>"
    )


def legacy_item(post: P, lang: str, uppercase: bool = False) -> str:
    """A Layouts page with the legacy, non-threaded dl#comments-block (as old Internet Explorer saved it)."""
    items = []
    for comment in post.comments:
        who = (
            f'<a href="{comment.uri}" rel="nofollow">{escape(comment.author)}</a>'
            if comment.uri
            else escape(comment.author)
        )
        owner = " blog-author" if comment.owner else ""
        body = (
            f"<span class='deleted-comment'>{escape(comment.text)}</span>"
            if comment.deleted
            else f"<p>{comment.text}</p>"
        )
        items.append(
            f"<dt class='comment-author{owner}' id='c{comment.id}'><a name='c{comment.id}'></a>"
            "<div class='avatar-image-container avatar-stock'><span dir='ltr'><img width='16' height='16' "
            f"src='https://resources.blogblog.com/img/blank.gif'/></span></div>{who} {UI[lang]['said']}</dt>"
            f"<dd class='comment-body' id='Blog1_cmt-{comment.id}'>{body}</dd>"
            f"<dd class='comment-footer'><span class='comment-timestamp'><a href='{post.url}?showComment="
            f"{millis(comment.when)}#c{comment.id}' title='comment permalink'>{comment.when:%d/%m/%Y %H:%M}</a>"
            "</span></dd>"
        )
    block = (
        f"<div class='comments' id='comments'><a name='comments'></a><h4>"
        f"{UI[lang]['comments'].format(n=len(post.comments))}</h4><div id='Blog1_comments-block-wrapper'>"
        f"<dl class='avatar-comment-indent' id='comments-block'>{''.join(items)}</dl></div></div>"
    )
    if uppercase:
        block = (
            block.replace("<dl ", "<DL ")
            .replace("</dl>", "</DL>")
            .replace("<dt ", "<DT ")
            .replace("</dt>", "</DT>")
            .replace("<dd ", "<DD ")
            .replace("</dd>", "</DD>")
        )
    return (
        head(post.title, post.url) + f"<body><div class='widget Blog' id='Blog1'>{post_block(post, lang)}"
        f"{block}</div></div></div></div>{data_context('item', post, lang)}</body></html>"
    )


def contempo_item(post: P, lang: str) -> str:
    """A 2017+ theme (Contempo-like) item page: time[datetime], section.comments[data-num-comments]."""
    items = "".join(threaded_comment(c, post, lang) for c in post.comments)
    labels = "".join(
        f"<a href='{HOST}/search/label/{escape(label)}' rel='tag'>{escape(label)}</a>" for label in post.labels
    )
    return (
        head(post.title, post.url) + "<body class='item-view version-1-3-3 variant-indie_light'>"
        "<div class='widget Blog' data-version='2' id='Blog1'><article class='post-outer-container'>"
        "<div class='post-outer'><div class='post'>"
        f"<h3 class='post-title entry-title'>{escape(post.title)}</h3>"
        f"<div class='post-header'><span class='byline post-author vcard'><span class='byline-label'>"
        f"{UI[lang]['posted']}</span><span class='fn'><meta content='https://www.blogger.com/profile/111'/>"
        f"<a class='g-profile' href='https://www.blogger.com/profile/111' rel='author'><span>{escape(post.author)}"
        "</span></a></span></span><span class='byline post-timestamp'>"
        f"<meta content='{post.url}'/><a class='timestamp-link' href='{post.url}?m=1' rel='bookmark' "
        f"title='permanent link'><time class='published' datetime='{post.when.isoformat()}' "
        f"title='{post.when.isoformat()}'>{post.when:%d %B %Y}</time></a></span></div>"
        f"<div class='post-body entry-content float-container' id='post-body-{post.id}'>{post.body}</div>"
        f"<div class='post-footer'><span class='byline post-labels'>{labels}</span></div></div></div>"
        f"<section class='comments threaded' data-num-comments='{count(post.comments)}' id='comments'>"
        "<a name='comments'></a><h3 class='title'>Comments</h3><div class='comments-content'>"
        f'<div id=\'comment-holder\'><div class="comment-thread toplevel-thread"><ol id="top-ra">{items}</ol>'
        f'</div><div class="loadmore hidden" data-post-id="{post.id}"><a>{UI[lang]["more"]}</a></div></div>'
        f"</div></section></article></div>{data_context('item', post, lang)}</body></html>"
    )


def mobile_item(post: P, lang: str) -> str:
    """The mobile view (?m=1): comment ids on .comment-block, replies nested in .comment-replies."""

    def one(comment: C) -> str:
        content = f'<span class="deleted-comment">{escape(comment.text)}</span>' if comment.deleted else comment.text
        replies = "".join(one(reply) for reply in comment.replies)
        replies_html = (
            f'<div class="comment-replies"><div class="comment-thread">{replies}</div></div>' if replies else ""
        )
        return (
            f'<div class="comment"><div class="comment-block" id="c{comment.id}">'
            f'<div class="comment-header"><cite class="user">{escape(comment.author)}</cite>'
            f'<span class="datetime secondary-text"><a rel="nofollow" href="{post.url}?showComment='
            f'{millis(comment.when)}&amp;m=1#c{comment.id}">{comment.when:%d/%m/%Y}</a></span></div>'
            f'<p class="comment-content">{content}</p></div>{replies_html}</div>'
        )

    comments = "".join(one(c) for c in post.comments)
    return (
        head(post.title, post.url + "?m=1") + "<body class='mobile'><div class='mobile-post-outer'>"
        f"<div class='post hentry'><meta content='{post.id}' itemprop='postId'/>"
        f"<h3 class='post-title entry-title'>{escape(post.title)}</h3>"
        f"<div class='post-body entry-content' id='post-body-{post.id}'>{post.body}</div>"
        f"<div class='post-footer'><span class='post-timestamp'><a class='timestamp-link' href='{post.url}?m=1' "
        f"rel='bookmark'><abbr class='published' title='{post.when.isoformat()}'>x</abbr></a></span></div></div>"
        f"<div class='comments' id='comments'><h4>{UI[lang]['comments'].format(n=count(post.comments))}</h4>"
        f"<div class='comment-thread'>{comments}</div></div></div>"
        f"{data_context('item', post, lang, mobile=True)}</body></html>"
    )


def corporate_item(post: P) -> str:
    """Google's corporate blog template: the body inside <script type='text/template'>, date as text only."""
    return (
        head(post.title, post.url) + "<body><div class='post' itemscope='' itemtype='http://schema.org/BlogPosting'>"
        f"<h2 class='title' itemprop='name'><a href='{post.url}' itemprop='url' title='{escape(post.title)}'>"
        f"{escape(post.title)}</a></h2><div class='post-header'><div class='published'>"
        f"<span class='publishdate' itemprop='datePublished'>{post.when:%B %d, %Y}</span></div></div>"
        f"<div class='post-body'><div class='post-content' itemprop='articleBody'>"
        f"<script type='text/template'>{post.body}</script><noscript>{post.body}</noscript></div></div></div>"
        f"{data_context('item', post, 'en')}</body></html>"
    )


def dynamic_views_page(post: P) -> str:
    return (
        head(post.title, post.url) + "<body class='variant-magazine'><div class='main section'></div>"
        f"{data_context('item', post, 'de')}</body></html>"
    )


def wayback(page: str, stamp: str = "20160124230112") -> str:
    """The page as the Wayback Machine serves it: toolbar, scripts, rewritten URLs, trailing comments."""
    rewritten = page.replace(
        "http://carnet-de-test.blogspot.com", f"https://web.archive.org/web/{stamp}/http://carnet-de-test.blogspot.com"
    )
    rewritten = rewritten.replace(
        "href='https://www.blogger.com/profile", f"href='/web/{stamp}/https://www.blogger.com/profile"
    )
    rewritten = rewritten.replace(
        'src="//resources.blogblog.com', f'src="/web/{stamp}im_/http://resources.blogblog.com'
    )
    rewritten = rewritten.replace(
        "<head>",
        '<head><script src="//archive.org/includes/analytics.js"></script><script type="text/javascript" '
        'src="/_static/js/wombat.js"></script><script>__wm.init("https://web.archive.org/web");</script>'
        '<link rel="stylesheet" href="https://web-static.archive.org/_static/css/banner-styles.css"/>'
        "<!-- End Wayback Rewrite JS Include -->",
        1,
    )
    rewritten = rewritten.replace(
        "<body>",
        "<body><!-- BEGIN WAYBACK TOOLBAR INSERT --><div id='wm-ipp'>Wayback toolbar "
        f"<a href='/web/{stamp}*/carnet'>captures</a></div><!-- END WAYBACK TOOLBAR INSERT -->",
        1,
    )
    return rewritten + (
        "\n<!--\n     FILE ARCHIVED ON 23:01:12 Jan 24, 2016 AND RETRIEVED FROM THE\n     "
        "INTERNET ARCHIVE ON 10:00:00 Nov 26, 2026.\n-->\n<!--\n    playback timings (ms):\n"
        "  captures_list: 0.5\n-->"
    )


def comment_feed(post: P, comments: list[tuple[C, str | None]]) -> str:
    """A saved per-post comment feed (/feeds/<postId>/comments/default), Atom."""
    entries = []
    for comment, parent in comments:
        related = (
            f"<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/"
            f"{BLOG_ID}/{post.id}/comments/default/{parent}'/>"
            if parent
            else ""
        )
        removed = "<gd:extendedProperty name='blogger.contentRemoved' value='true'/>" if comment.deleted else ""
        entries.append(
            f"<entry><id>tag:blogger.com,1999:blog-{BLOG_ID}.post-{comment.id}</id>"
            f"<published>{comment.when.isoformat(timespec='milliseconds')}</published>"
            f"<updated>{comment.when.isoformat(timespec='milliseconds')}</updated>"
            f"<title type='text'>x</title><content type='html'>{escape(comment.text)}</content>"
            f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG_ID}/{post.id}"
            f"/comments/default/{comment.id}'/><link rel='self' type='application/atom+xml' href='https://www."
            f"blogger.com/feeds/{BLOG_ID}/{post.id}/comments/default/{comment.id}'/><link rel='alternate' "
            f"type='text/html' href='{post.url}?showComment={millis(comment.when)}#c{comment.id}' title=''/>"
            f"{related}<author><name>{escape(comment.author)}</name><email>noreply@blogger.com</email></author>"
            f"<thr:in-reply-to href='{post.url}' ref='tag:blogger.com,1999:blog-{BLOG_ID}.post-{post.id}' "
            f"source='https://www.blogger.com/feeds/{BLOG_ID}/posts/default/{post.id}' type='text/html'/>"
            f"{removed}<gd:extendedProperty name='blogger.itemClass' value='pid-1'/></entry>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch="
        "'http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr="
        f"'http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-{BLOG_ID}.post{post.id}..comments"
        f"</id><updated>2013-03-01T00:00:00.000+01:00</updated><title type='text'>Commentaires</title>"
        f"<link rel='self' type='application/atom+xml' href='{HOST}/feeds/{post.id}/comments/default'/>"
        f"{''.join(entries)}</feed>"
    )


def sample_post() -> P:
    """A French post with a real thread: replies to replies, a deleted comment with a reply under it."""
    base = datetime(2013, 2, 15, 9, 30, tzinfo=PARIS)
    thread = [
        C(
            "5001",
            "Camille",
            base + timedelta(hours=2),
            "Très clair, merci.<br>La partie sur l'écoute m'a parlé.",
            uri="https://www.blogger.com/profile/222",
            replies=[
                C(
                    "5002",
                    "Élodie",
                    base + timedelta(hours=3),
                    "Merci Camille !",
                    owner=True,
                    uri="https://www.blogger.com/profile/111",
                ),
                C("5003", "Julien", base + timedelta(hours=5), "Pareil pour moi, <b>vraiment</b>."),
            ],
        ),
        C("5004", "Anonyme", base + timedelta(hours=8), "Et pour les petites associations ?"),
        C(
            "5005",
            "Marc",
            base + timedelta(hours=9),
            "Ce commentaire a été supprimé par l'auteur.",
            deleted=True,
            replies=[C("5006", "Léa", base + timedelta(hours=10), "Dommage, la question était bonne.")],
        ),
    ]
    return P(
        "4001",
        "Animer une communauté : sept habitudes",
        "animer-une-communaute",
        base,
        "<p>Écouter avant de publier.</p><div class='separator'><a href='http://x/s1600/a.jpg'>"
        "<img src='http://x/s320/a.jpg'/></a></div>",
        labels=["réseaux sociaux", "stratégie"],
        comments=thread,
    )


def flatten(comments: list[C], parent: str | None = None) -> list[tuple[C, str | None]]:
    out: list[tuple[C, str | None]] = []
    for comment in comments:
        out.append((comment, parent))
        out.extend(flatten(comment.replies, comment.id))
    return out
