"""Hostile fixtures for the rendering check: bodies and comments whose text and links are easy to
alter on the way through Markdown (URLs full of Markdown punctuation, TeX, ``&``, ``<br>`` in
comments, ``~~``, code, nested lists, tables, Markdown-looking text, template syntax, blog-author
comments).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from blogport import Archive, Blog, Comment, Post
from blogport.model import Author

URLS = (
    '<p>See <a href="https://example.com/some-page/#/detail/7">the detail</a>, '
    '<a href="https://example.com/a_b_c*d*-e#x_y">stars_and_underscores</a> and '
    '<a href="https://en.wikipedia.org/wiki/Foo_(bar)">Foo (bar)</a>.</p>'
    "<p>Bare: https://example.com/some-page/#/detail/7 and http://example.org/~user/a_b*c*d-e.html?q=1&amp;r=2_3</p>"
    '<p><img src="https://example.com/img/pic_1-2*3.png" alt="a [bracketed] alt"> '
    '<a href="https://example.com/q?a=1&amp;b=2">query &amp; more</a> '
    '<a href="mailto:someone@example.com">mail me</a></p>'
)
TEX = (
    "<p>Metric: \\(ds^2 = -c^2 dt^2 + dx^2\\) and $$E = mc^2$$ and $x_1 * y_2$ inline.</p>"
    "<p>\\[ \\int_0^1 f(x)\\,dx \\]</p>"
)
AMPERSANDS = (
    "<p>Tom &amp; Jerry, AT&amp;T, &amp;amp; written out, &lt;script&gt;alert(1)&lt;/script&gt; as text, "
    "a &lt; b &gt; c, 5 &gt; 3 and x &lt;= y, &quot;quoted&quot; and 'single' -- dashes --- and... dots.</p>"
)
MARKDOWN_LOOKING = (
    "<p># not a heading</p><p>1. not a list</p><p>- not a bullet</p><p>&gt; not a quote</p>"
    "<p>[not](a link) *not em* _not em_ `not code` ~~not struck~~ ==not marked== ^not sup^</p>"
    "<p>: not a definition</p><p>{: .not-an-attribute}</p><p>| not | a | table |</p>"
    "<p>a \\ backslash, a\\*b, C:\\path\\to_file, {{ not liquid }} {% not a tag %} {{&lt; not a shortcode &gt;}}</p>"
    "<p>&lt;!-- not a comment --&gt; &lt;b&gt;not bold&lt;/b&gt; +++ *** ___</p>"
)
STRUCTURE = (
    "<p>Some <del>deleted</del>, <s>struck</s> and <strike>old struck</strike> text; <b>bold</b>, <i>it</i>, "
    "<code>a_b*c&lt;d&gt;</code>, <sup>up</sup><sub>down</sub>.</p>"
    "<pre>line one\n  line two with &lt;tag&gt; and * stars\n\nafter a blank line</pre>"
    "<ul><li>one<ul><li>one.a<ol><li>deep 1</li><li>deep 2</li></ol></li></ul></li><li>two</li></ul>"
    "<ol start='3'><li>three</li><li>four</li></ol>"
    "<table><tr><th>Head &amp; more</th><th>H2</th></tr><tr><td>a_b</td><td><a href='https://example.com/t_1'>t</a></td></tr></table>"
    "<blockquote>quoted<br>on two lines</blockquote>"
    "<div>Line one<br>Line two<br><br>Line after a blank</div>"
    "<h2>Heading with #hash and trailing #</h2>"
)

COMMENT_BODIES = (
    "Liebste Grüße,<br>Sana",
    "First line<br />second line<br/>third line",
    'A <a href="https://example.com/some-page/#/detail/7">link_with-marks</a> and https://example.com/a_b*c#d',
    "~~struck~~ and 2*3*4 and a_b_c and Tom &amp; Jerry and &lt;b&gt;",
    "\\(x^2\\) and $$y$$ and {{ liquid }} {% raw %} and {{&lt; shortcode &gt;}}",
    "<i>italic</i> <b>bold</b> <code>code_x*</code>",
    '<a href="javascript:alert(1)">click</a> <img src="x" onerror="alert(1)">',
    "# hash at start<br>- dash at start<br>&gt; quote at start<br>1. number at start",
)


def hostile_archive() -> Archive:
    """One blog whose posts and comments hold every hostile case above."""
    start = datetime(2015, 3, 1, 12, 0, tzinfo=UTC)
    bodies = {"URLs": URLS, "TeX": TEX, "Ampersands": AMPERSANDS, "Markdown-looking text": MARKDOWN_LOOKING}
    bodies["Structure"] = STRUCTURE
    author = Author(name="Blog Owner", uri="https://www.blogger.com/profile/1", is_blog_author=True)
    reader = Author(name="Reader *star* _under_ & co", uri="https://example.com/~reader_1")
    posts = []
    for number, (title, body) in enumerate(bodies.items(), start=1):
        post_id = str(1000 + number)
        comments = []
        for index, text in enumerate(COMMENT_BODIES):
            comment_id = f"{post_id}{index:02d}"
            reply = Comment(
                id=comment_id + "9",
                post_id=post_id,
                parent_id=comment_id,
                author=author,
                content=f"Reply to {index}:<br>{text}",
                published=start + timedelta(days=number, minutes=2 * index + 1),
            )
            comments.append(
                Comment(
                    id=comment_id,
                    post_id=post_id,
                    author=reader if index % 2 else author,
                    content=text,
                    published=start + timedelta(days=number, minutes=2 * index),
                    replies=(reply,),
                )
            )
        posts.append(
            Post(
                id=post_id,
                title=f"{title}: *x* & <y> {{{{ z }}}}",
                content=body,
                published=start + timedelta(days=number),
                url=f"https://hostile.example.com/2015/03/post-{number}.html",
                labels=("a&b", "c_d"),
                author=author,
                comments=tuple(comments),
            )
        )
    return Archive(blog=Blog(title="Hostile & <blog>", locale="de"), posts=tuple(posts))
