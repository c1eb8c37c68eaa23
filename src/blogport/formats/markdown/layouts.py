"""The minimal layouts (Hugo, Jekyll) and theme (Pelican) blogport writes for a site that has none.

Rules:

* Every text that comes from the blog (titles, labels, the blog's title, commenters' names) is
  HTML-escaped by the template: Hugo's ``html/template`` escapes by itself, Jekyll's layouts pipe
  through ``escape``, Pelican's theme runs with Jinja's autoescape and marks only the rendered
  content ``safe``.
* Each layout set gives a home page, a page per label and an archive page, the targets of the old
  Blogger label and month URLs, and shows ``--comments data`` (flat thread data, each comment with
  its ``depth``: no recursion in templates).
* Comment anchors are Blogger's ``c<id>``; the blog author's comments carry class ``blog-author``.
"""

from __future__ import annotations

_HUGO_COMMENTS = (
    '{{ with index .Site.Data "comments" }}{{ with index . $.File.ContentBaseName }}<section class="comments">\n'
    "<h2>{{ $.Site.Params.commentsHeading }}</h2>\n{{ range . }}"
    '<div class="comment{{ if eq .status "deleted" }} deleted{{ end }}{{ with .author }}{{ if .is_blog_author }}'
    ' blog-author{{ end }}{{ end }}" id="c{{ .id }}" style="margin-left: {{ mul .depth 2 }}em">\n'
    '<p class="comment-meta"><strong>{{ with .author }}{{ if .uri }}<a href="{{ .uri }}" rel="nofollow">'
    '{{ .name | default "?" }}</a>{{ else }}{{ .name | default "?" }}{{ end }}{{ else }}?{{ end }}'
    '</strong>{{ with .published }} · {{ substr . 0 16 | replaceRE "T" " " }}{{ end }}</p>\n'
    "{{ .content | safeHTML }}\n</div>\n{{ end }}</section>{{ end }}{{ end }}\n"
)

HUGO_LAYOUTS = {
    "layouts/_default/baseof.html": (
        '<!DOCTYPE html>\n<html lang="{{ .Site.LanguageCode }}">\n<head><meta charset="utf-8">'
        '<title>{{ .Title }} | {{ .Site.Title }}</title></head>\n<body>\n{{ block "main" . }}{{ end }}\n'
        "</body>\n</html>\n"
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}<article class="post" data-blogger-id="{{ .Params.blogger_id }}">\n<h1>{{ .Title }}</h1>\n'
        '<p><time>{{ .Date.Format "2006-01-02" }}</time></p>\n'
        '{{ with .Params.tags }}<ul class="tags">{{ range . }}<li><a href="{{ (printf "tags/%s/" (. | urlize)) '
        '| relLangURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}\n<div class="post-body">\n{{ .Content }}\n</div>\n'
        + _HUGO_COMMENTS
        + "</article>{{ end }}\n"
    ),
    "layouts/_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"
    ),
    "layouts/index.html": (
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1>\n<ul>{{ range .Site.RegularPages }}<li><a href="'
        '{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
}

_JEKYLL_COMMENTS = (
    '{% if page.slug %}{% assign key = page.slug %}{% else %}{% assign key = page.name | remove: ".md" %}{% endif %}'
    "{% assign thread = site.data.comments[key] %}{% if thread %}"
    '<section class="comments">\n<h2>{{ site.comments_heading | escape }}</h2>\n{% for c in thread %}'
    '<div class="comment{% if c.status == "deleted" %} deleted{% endif %}{% if c.author.is_blog_author %}'
    ' blog-author{% endif %}" id="c{{ c.id | escape }}" style="margin-left: {{ c.depth | times: 2 }}em">\n'
    '<p class="comment-meta"><strong>{% if c.author.uri %}<a href="{{ c.author.uri | escape }}" rel="nofollow">'
    "{% endif %}{{ c.author.name | default: '?' | escape }}{% if c.author.uri %}</a>{% endif %}</strong>"
    '{% if c.published %} · {{ c.published | slice: 0, 16 | replace: "T", " " }}{% endif %}</p>\n'
    "{{ c.content }}\n</div>\n{% endfor %}</section>\n{% endif %}"
)

_JEKYLL_ARTICLE = '<article class="post" data-blogger-id="{{ page.blogger_id | escape }}">\n'
_JEKYLL_BODY = '<div class="post-body">\n{{ content }}\n</div>\n'

JEKYLL_LAYOUTS = {
    "_layouts/default.html": (
        '<!DOCTYPE html>\n<html lang="{{ site.lang | escape }}">\n<head><meta charset="utf-8"><title>'
        "{% if page.title %}{{ page.title | escape }} | {% endif %}{{ site.title | escape }}</title></head>\n"
        "<body>\n{{ content }}\n</body>\n</html>\n"
    ),
    "_layouts/post.html": (
        "---\nlayout: default\n---\n" + _JEKYLL_ARTICLE + "<h1>{{ page.title | escape }}</h1>\n"
        '<p><time>{{ page.date | date: "%Y-%m-%d" }}</time></p>\n'
        '{% if page.tags.size > 0 %}<ul class="tags">{% for tag in page.tags %}<li>{{ tag | escape }}</li>'
        "{% endfor %}</ul>{% endif %}\n" + _JEKYLL_BODY + _JEKYLL_COMMENTS + "</article>\n"
    ),
    "_layouts/page.html": (
        "---\nlayout: default\n---\n"
        + _JEKYLL_ARTICLE
        + "<h1>{{ page.title | escape }}</h1>\n"
        + _JEKYLL_BODY
        + _JEKYLL_COMMENTS
        + "</article>\n"
    ),
}

_JEKYLL_POST_LIST = (
    '<ul>{% for post in posts %}<li><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a> '
    '<time>{{ post.date | date: "%Y-%m-%d" }}</time></li>{% endfor %}</ul>\n'
)

JEKYLL_HOME = (
    "---\nlayout: default\n---\n<h1>{{ site.title | escape }}</h1>\n{% assign posts = site.posts %}"
    + _JEKYLL_POST_LIST
    + '<p><a href="{{ "/archives.html" | relative_url }}">Archives</a></p>\n'
)

JEKYLL_ARCHIVES = (
    "---\nlayout: default\ntitle: Archives\n---\n<h1>Archives</h1>\n"
    '{% assign months = site.posts | group_by_exp: "post", "post.date | date: \'%Y-%m\'" %}'
    '{% for month in months %}<h2 id="{{ month.name }}">{{ month.name }}</h2>\n{% assign posts = month.items %}'
    + _JEKYLL_POST_LIST
    + "{% endfor %}"
)


def jekyll_tag_page(label: str) -> str:
    """The page listing the posts of one label (Jekyll makes none without a plugin)."""
    from .content import to_yaml

    head = to_yaml({"layout": "default", "title": label, "tag": label})
    return f"---\n{head}---\n<h1>{{{{ page.tag | escape }}}}</h1>\n{{% assign posts = site.tags[page.tag] %}}" + (
        _JEKYLL_POST_LIST
    )


_PELICAN_LIST = (
    '<ul>{% for article in articles %}<li><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a> '
    "<time>{{ article.date.strftime('%Y-%m-%d') }}</time></li>{% endfor %}</ul>\n"
)


def _pelican_comments(item: str) -> str:
    # The filter ``blogport_comments`` (defined in the pelicanconf.py blogport writes) reads comments/<slug>.json.
    return (
        f"{{% set thread = {item}.slug | blogport_comments %}}{{% if thread %}}"
        '<section class="comments">\n<h2>{{ COMMENTS_HEADING }}</h2>\n{% for c in thread %}'
        "<div class=\"comment{% if c.status == 'deleted' %} deleted{% endif %}"
        '{% if c.author and c.author.is_blog_author %} blog-author{% endif %}" id="c{{ c.id }}"'
        ' style="margin-left: {{ c.depth * 2 }}em">\n<p class="comment-meta"><strong>'
        '{% if c.author and c.author.uri %}<a href="{{ c.author.uri }}" rel="nofollow">{% endif %}'
        "{{ (c.author.name if c.author else none) or '?' }}{% if c.author and c.author.uri %}</a>{% endif %}</strong>"
        "{% if c.published %} · {{ c.published[:16] | replace('T', ' ') }}{% endif %}</p>\n"
        "{{ c.content|safe }}\n</div>\n{% endfor %}</section>\n{% endif %}"
    )


PELICAN_THEME = {
    "theme/templates/base.html": (
        '<!DOCTYPE html>\n<html lang="{{ DEFAULT_LANG }}">\n<head><meta charset="utf-8">'
        "<title>{% block title %}{{ SITENAME }}{% endblock %}</title></head>\n<body>\n"
        '<header><a href="{{ SITEURL }}/">{{ SITENAME }}</a></header>\n{% block content %}{% endblock %}\n'
        "</body>\n</html>\n"
    ),
    "theme/templates/index.html": (
        '{% extends "base.html" %}\n{% block content %}<h1>{{ SITENAME }}</h1>\n'
        + _PELICAN_LIST
        + '<p><a href="{{ SITEURL }}/archives.html">Archives</a></p>\n{% endblock %}\n'
    ),
    "theme/templates/article.html": (
        '{% extends "base.html" %}\n{% block title %}{{ article.title }} | {{ SITENAME }}{% endblock %}\n'
        '{% block content %}<article class="post" data-blogger-id="{{ article.blogger_id }}">\n'
        "<h1>{{ article.title }}</h1>\n"
        "<p><time>{{ article.date.strftime('%Y-%m-%d') }}</time></p>\n"
        '{% if article.tags %}<ul class="tags">{% for tag in article.tags %}<li><a href="{{ SITEURL }}/'
        '{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>{% endif %}\n<div class="post-body">\n'
        "{{ article.content|safe }}\n</div>\n" + _pelican_comments("article") + "</article>{% endblock %}\n"
    ),
    "theme/templates/page.html": (
        '{% extends "base.html" %}\n{% block title %}{{ page.title }} | {{ SITENAME }}{% endblock %}\n'
        '{% block content %}<article class="post" data-blogger-id="{{ page.blogger_id }}">\n'
        '<h1>{{ page.title }}</h1>\n<div class="post-body">\n{{ page.content|safe }}\n</div>\n'
        + _pelican_comments("page")
        + "</article>{% endblock %}\n"
    ),
    **{
        f"theme/templates/{what}.html": (
            f'{{% extends "base.html" %}}\n{{% block title %}}{{{{ {what} }}}} | {{{{ SITENAME }}}}{{% endblock %}}\n'
            f"{{% block content %}}<h1>{{{{ {what} }}}}</h1>\n" + _PELICAN_LIST + "{% endblock %}\n"
        )
        for what in ("tag", "category", "author")
    },
    "theme/templates/tags.html": (
        '{% extends "base.html" %}\n{% block content %}<h1>Tags</h1>\n<ul>{% for tag, articles in tags %}'
        '<li><a href="{{ SITEURL }}/{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>\n{% endblock %}\n'
    ),
    "theme/templates/archives.html": (
        '{% extends "base.html" %}\n{% block content %}<h1>Archives</h1>\n'
        "{% for month, articles in dates|groupby('date.year')|reverse %}"
        "<h2>{{ month }}</h2>\n" + _PELICAN_LIST + "{% endfor %}{% endblock %}\n"
    ),
}
