"""Links found in a plain-text email, for the mail viewer."""

from __future__ import annotations

from app.notifications.text_links import Part, links_in, split_links


def test_links_are_cut_out_and_the_text_joins_back():
    body = "Confirm: https://x.example/verify/abc-1.\nOr (http://x.example/login), then reply."
    parts = split_links(body)
    assert "".join(p.text for p in parts) == body
    assert [p.text for p in parts if p.is_link] == [
        "https://x.example/verify/abc-1",
        "http://x.example/login",
    ]
    assert parts[0] == Part("Confirm: ")


def test_other_schemes_and_empty_text_have_no_links():
    assert links_in("javascript:alert(1) ftp://x mailto:a@b") == []
    assert split_links("") == []
    assert links_in("https://a.example/x https://a.example/x") == ["https://a.example/x"]
