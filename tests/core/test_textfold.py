"""Folding text for matching (pure)."""

from app.textfold import fold


def test_fold_removes_case_and_accents():
    assert fold("Recuperación") == "recuperacion"
    assert fold("NIÑOS Y ADOLESCENTES") == "ninos y adolescentes"
    assert fold("Straße") == "strasse"
    assert fold("plain") == "plain"
