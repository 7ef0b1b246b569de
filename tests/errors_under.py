"""Which field each error of a page sits under (the forms macro's ``<ul id="FIELD-error">``)."""

from __future__ import annotations

import re

_ERRORS = re.compile(r'<ul class="errors" id="([\w-]+)-error">(.*?)</ul>', re.S)


def errors_under(page: str) -> dict[str, str]:
    """Each field's id and the text of the errors shown under it."""
    return {field: re.sub(r"<[^>]+>", " ", text) for field, text in _ERRORS.findall(page)}
