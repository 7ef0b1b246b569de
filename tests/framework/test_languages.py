"""Words of the framework pages in the page's language: each framework's kind on /frameworks,
and the crosswalk picture's headings, title, description and link tooltips."""

from __future__ import annotations

import re

SPANISH = {"Accept-Language": "es"}


def _kinds(page: str) -> list[str]:
    return re.findall(
        r'<td data-label="[^"]*">(core|specialization|exam|básico|especialización|examen)</td>',
        page,
    )


def test_the_kind_of_each_framework_is_in_the_pages_language(client):
    english = _kinds(client.get("/frameworks").get_data(as_text=True))
    spanish = _kinds(client.get("/frameworks", headers=SPANISH).get_data(as_text=True))
    assert set(english) == {"core", "specialization", "exam"}
    assert set(spanish) == {"básico", "especialización", "examen"}
    assert len(spanish) == len(english)


def _pictures(page: str) -> str:
    return "".join(re.findall(r"<svg xmlns=.*?</svg>", page, flags=re.S))


def test_the_crosswalk_picture_speaks_the_pages_language(client):
    english = _pictures(client.get("/graph?left=justice&right=core").get_data(as_text=True))
    spanish = _pictures(
        client.get("/graph?left=justice&right=core", headers=SPANISH).get_data(as_text=True)
    )
    assert "Crosswalk: Justice-Involved and Core competencies" in english
    assert "on the left" in english and "builds on" in english and "(stated)" in english
    assert "Core competencies" not in spanish and "on the left" not in spanish
    assert "Correspondencias:" in spanish and "a la izquierda" in spanish
    assert "se basa en" in spanish and "builds on" not in spanish
