"""Saved pages cut off before their end (a download broken mid-page).

Rules: a page without its closing ``</html>`` is cut off. By default that is an input error
(exit 3). With ``--salvage`` the page is read as usual, then what was still open when the bytes
ended is found (the chain of last elements of the parsed tree: the HTML parser closes them at the
end of the input), and every comment whose own text lies on that chain is dropped as incomplete;
comments before it are kept. The warnings say where the page broke and which comments were lost.
"""

from __future__ import annotations

import re

from ....errors import InputError
from ....report import agree, counted
from .dom import Node, first_element, has_class, xp

_CLOSING_HTML = re.compile(r"</html\s*>", re.I)
_COMMENT_ID = re.compile(r"c(\d+)")


def is_cut_off(text: str) -> bool:
    """True for a page whose text has no closing ``</html>``."""
    # the usual page ends in a lower-case </html>: found from the end, before a case-blind scan of it all
    end = text.rfind("</html")
    if end >= 0 and _CLOSING_HTML.match(text, end):
        return False
    return _CLOSING_HTML.search(text) is None


def refuse(name: str, raw: bytes) -> InputError:
    """The default for a cut-off page: an input error that says how to read what it holds."""
    return InputError(
        f"the page is cut off after {len(raw)} bytes (no </html>); --salvage reads every comment complete before "
        "the break",
        name,
    )


def open_at_end(root: Node) -> set[Node]:
    """The elements still open where the input ended: the root's last child, its last child, and so on."""
    chain: set[Node] = set()
    element = root
    while element is not None:
        chain.add(element)
        children = [child for child in element if isinstance(child.tag, str)]
        element = children[-1] if children else None
    return chain


def incomplete_comments(chain: set[Node]) -> set[str]:
    """The ids of the comments whose own text was still open at the end of the input (a comment open only
    because its replies were is complete)."""
    cut = set()
    for own in chain:
        match = _COMMENT_ID.fullmatch(own.get("id") or "")
        if not match:
            continue
        text = first_element(own, f".//*[{has_class('comment-content')}]")
        if text is None and own.tag == "dt":  # legacy markup: the text is in the following <dd>
            text = first_element(own, "following-sibling::dd[1]")
        if text is None or text in chain:
            cut.add(match.group(1))
    return cut


def damage_warnings(name: str, raw: bytes, kept: int, lost: list[str], post_ids: list[str]) -> list[str]:
    """What the salvaged read of a cut-off page says: where it broke, what was kept and lost."""
    line = raw.count(b"\n") + 1
    column = len(raw) - (raw.rfind(b"\n") + 1) + 1
    read = f"{counted(kept, 'comment')} complete before it {agree(kept, 'was', 'were')} read"
    if lost:
        not_read = agree(len(lost), "was", "were")
        read += f"; {counted(len(lost), 'comment')} cut off at the break {not_read} not read: {', '.join(lost)}"
    notes = [
        f"{name}: salvaged: the page is cut off at line {line}, column {column}, byte {len(raw)} (no </html>); {read}"
    ]
    if post_ids:
        posts = "post" if len(post_ids) == 1 else "posts"
        notes.append(
            f"{name}: salvaged: the comment list of {posts} {', '.join(post_ids)} may be incomplete: the page "
            "ended before its comments did"
        )
    return notes


def body_cut(post: Node, chain: set[Node]) -> bool:
    """True when a post's body was still open at the end of the input."""
    return any(body in chain for body in xp(post, f".//*[{has_class('post-body')}]"))
