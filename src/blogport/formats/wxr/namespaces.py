"""What the WXR reader and writer share: the namespaces of WordPress's exporter (WXR 1.2)."""

from __future__ import annotations

WXR_VERSION = "1.2"
WP = "http://wordpress.org/export/1.2/"
EXCERPT = "http://wordpress.org/export/1.2/excerpt/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
WFW = "http://wellformedweb.org/CommentAPI/"
DC = "http://purl.org/dc/elements/1.1/"
