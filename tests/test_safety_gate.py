"""The fast test for markup that might script agrees exactly with the one regular expression it replaces."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from blogport.safety import _SUSPECT, could_script, sanitise_comment, without_scripts

PIECES = [
    *("script", "SCRIPT", "srcdoc", "formaction", "data", "DaTa", ":", "&", "#", "colon", "amp", ";"),
    *("on", "ON", "click", "=", "<", "/", "iframe", "IFRAME", "svg", "form", " ", "\t", "\n", "x", "_", "1"),
    *("é", "\u0130", "\u0131", "\u017f", "\u212a", "\u00a0", "ß", "-", '"', "'", ">"),
]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@example("onclick=")
@example("x onload =1")
@example("xonload=1")
@example("<\u0131frame>")
@example("\u017fcript")
@example("&\u212a;:")
@example("data :")
@example("< / IFRAME")
@example("éonclick=")
def test_could_script_is_the_regular_expression(text: str) -> None:
    assert could_script(text) == (_SUSPECT.search(text) is not None)


def test_what_could_script_is_still_removed() -> None:
    assert without_scripts('<p onclick="x()">a</p><script>b()</script>') == "<p>a</p>"
    assert sanitise_comment('<a href="jav&#x61;script:x()">l</a><IFRAME src=x></IFRAME>') == "<a>l</a>"
    assert without_scripts("<p>plain <b>text</b></p>") == "<p>plain <b>text</b></p>"


URL_PIECES = [
    *("href", "HREF", "src", "Src", "=", " ", "\t", "\n", '"', "'", "x", "_", "1", "é", "\u0130", "\u0131"),
    *("\u017f", "\u212a", "<a ", ">", "data-src", "/", "h", "ref", "s", "rc"),
]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=14).map("".join))
@example('<a href=" x">')
@example("href=' x'")
@example('xhref=" x"')
@example('data-src="x "')
@example('\u017frc=" x"')
def test_the_padded_url_test_is_the_regular_expression(text: str) -> None:
    from blogport.formats.markdown.convert import _PADDED_URL, _has_padded_url
    from blogport.safety import lowered_for_matching

    assert _has_padded_url(text, lowered_for_matching(text)) == (_PADDED_URL.search(text) is not None)
