"""Word-level differences of modules' text between versions."""

from __future__ import annotations

from app.submissions.textdiff import (
    DELETED,
    INSERTED,
    PREAMBLE,
    SAME,
    Segment,
    diff_module_texts,
    module_texts,
    tokens,
    word_diff,
)

OLD = """# Core training

## Module 1: Hope and recovery (5 hours) [core-1]
The five stages of recovery and a wellness-focused approach.
Assessment: quiz

## Module 2: Advocacy (4 hours) [core-2]
Rights and laws, building an advocacy plan.
"""


def _modules(text):
    return [
        {"title": line[3:].split(" (")[0], "line": n}
        for n, line in enumerate(text.splitlines(), 1)
        if line.startswith("## ")
    ]


def test_tokens_join_back_to_the_text():
    text = "two  words\nand\ta tab"
    assert "".join(tokens(text)) == text


def test_word_diff_marks_inserted_and_deleted_words():
    segments = word_diff("the quick brown fox", "the slow brown fox jumps")
    assert [s for s in segments if s.kind != SAME] == [
        Segment(DELETED, "quick"),
        Segment(INSERTED, "slow"),
        Segment(INSERTED, " jumps"),
    ]
    assert "".join(s.text for s in segments if s.kind != DELETED) == "the slow brown fox jumps"
    assert "".join(s.text for s in segments if s.kind != INSERTED) == "the quick brown fox"


def test_word_diff_of_equal_texts_and_of_white_space_alone_is_unchanged():
    assert word_diff("a b c", "a b c") == [Segment(SAME, "a b c")]
    assert all(s.kind == SAME for s in word_diff("a b\nc", "a  b c"))


def test_white_space_added_alone_merges_into_the_unchanged_text():
    assert word_diff("one two", "one two ") == [Segment(SAME, "one two ")]


def test_a_syllabus_opening_with_a_module_has_no_preamble():
    text = "## Ethics (2 hours)\nDual relationships."
    assert module_texts(text, [{"title": "Ethics", "line": 1}]) == [("Ethics", text)]


def test_word_diff_keeps_markup_as_plain_text():
    segments = word_diff("hello", "hello <script>alert(1)</script>")
    assert "".join(s.text for s in segments if s.kind == INSERTED) == " <script>alert(1)</script>"


def test_module_texts_cut_the_syllabus_at_each_module_heading():
    blocks = module_texts(OLD, _modules(OLD))
    assert [title for title, _ in blocks] == [
        PREAMBLE,
        "Module 1: Hope and recovery",
        "Module 2: Advocacy",
    ]
    assert blocks[1][1].endswith("Assessment: quiz")
    assert "Rights and laws" in blocks[2][1] and "Assessment" not in blocks[2][1]


def test_module_texts_ignore_lines_outside_the_text():
    blocks = module_texts("one\ntwo", [{"title": "x", "line": 9}, {"title": "y", "line": "2"}])
    assert blocks == [(PREAMBLE, "one\ntwo")]


def test_rewritten_description_is_a_change_with_its_words():
    new = OLD.replace(
        "The five stages of recovery and a wellness-focused approach.",
        "The stages of recovery, hope and a strengths-based approach.",
    )
    result = diff_module_texts(OLD, _modules(OLD), new, _modules(new))
    assert [(m.title, m.status) for m in result] == [("Module 1: Hope and recovery", "changed")]
    assert "strengths-based" in " ".join(result[0].inserted)
    assert "wellness-focused" in " ".join(result[0].deleted)
    assert "five" in " ".join(result[0].deleted)


def test_hours_and_objectives_are_compared_too():
    new = OLD.replace("(4 hours)", "(6 hours)").replace("Assessment: quiz", "Assessment: role play")
    result = {m.title: m for m in diff_module_texts(OLD, _modules(OLD), new, _modules(new))}
    assert result["Module 2: Advocacy"].deleted == ["4"] and result[
        "Module 2: Advocacy"
    ].inserted == ["6"]
    assert "quiz" in result["Module 1: Hope and recovery"].deleted


def test_added_removed_and_renamed_modules():
    new = (
        OLD.replace("## Module 2: Advocacy (4 hours)", "## Module 2: Advocacy and rights (4 hours)")
        + "\n## Module 3: Ethics (2 hours) [core-11]\nDual relationships.\n"
    )
    result = diff_module_texts(OLD, _modules(OLD), new, _modules(new))
    by_title = {m.title: m for m in result}
    assert by_title["Module 3: Ethics"].status == "added"
    assert by_title["Module 3: Ethics"].inserted == [
        "## Module 3: Ethics (2 hours) [core-11]\nDual relationships."
    ]
    renamed = by_title["Module 2: Advocacy and rights"]
    assert renamed.status == "changed" and renamed.old_title == "Module 2: Advocacy"
    assert renamed.inserted == ["and rights"]
    gone = diff_module_texts(new, _modules(new), OLD, _modules(OLD))
    assert [m.status for m in gone if m.title == "Module 3: Ethics"] == ["removed"]


def test_an_unlike_module_is_not_taken_for_a_rename():
    new = OLD.replace(
        "## Module 2: Advocacy (4 hours) [core-2]\nRights and laws, building an advocacy plan.",
        "## Module 2: Group facilitation (4 hours) [core-7]\nFacilitating self-help groups together.",
    )
    result = diff_module_texts(OLD, _modules(OLD), new, _modules(new))
    assert sorted((m.title, m.status) for m in result) == [
        ("Module 2: Advocacy", "removed"),
        ("Module 2: Group facilitation", "added"),
    ]


def test_unchanged_versions_have_no_text_changes():
    assert diff_module_texts(OLD, _modules(OLD), OLD, _modules(OLD)) == []
