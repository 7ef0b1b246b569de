"""The words by which a title names what is not instruction: breaks, admin, homework, practicum, exams."""

from __future__ import annotations

BREAK_WORDS = frozenset(
    {
        "break",
        "breaks",
        "lunch",
        "breakfast",
        "dinner",
        "recess",
        "coffee",
        "snack",
        "meal",
        "descanso",
        "receso",
        "almuerzo",
        "comida",
        "refrigerio",
        "pausa",
    }
)
ADMIN_WORDS = frozenset(
    {
        "registration",
        "housekeeping",
        "adjourn",
        "adjournment",
        "dismissal",
        "registro",
        "graduation",
        "ceremony",
        "graduacion",
        "ceremonia",
        "survey",
        "encuesta",
        "constancias",
        "certificados",
    }
)
HOMEWORK_WORDS = frozenset(
    {"homework", "assignment", "assignments", "take-home", "prework", "tarea", "tareas"}
)
PRACTICUM_WORDS = frozenset(
    {"practicum", "internship", "fieldwork", "shadowing", "externship", "practicas"}
)
# "Exam prep", "Exam readiness", "Exam review": teaching for the exam is instruction.
EXAM_PREPARATION = frozenset(
    {
        "taking",
        "prep",
        "preparation",
        "readiness",
        "review",
        "skills",
        "tips",
        "study",
        "strategies",
    }
)
EXAM_WORDS = frozenset(
    {
        "exam",
        "exams",
        "examination",
        "quiz",
        "quizzes",
        "test",
        "posttest",
        "pretest",
        "examen",
    }
)
EXAM_QUALIFIERS = frozenset(
    {"final", "written", "knowledge", "certification", "course", "practice", "comprehensive"}
)
# "Review and Practice Exam" ends with its exam; "… and the Certification Exam" is a topic.
CLOSING_EXAM_QUALIFIERS = frozenset({"practice", "final", "written", "knowledge", "comprehensive"})
# Words by which a syllabus says a part's hours are not instruction ("not counted as instructional time").
NOT_COUNTED_PHRASES = (
    "not counted",
    "not instructional",
    "not instruction",
    "not included in the",
    "not for credit",
    "no credit",
    "does not count",
    "do not count",
    "not credited",
    "no se cuenta",
    "no cuenta",
)
# Headings over what does not count ("## Not part of the classroom hours"): read in a heading
# only, since a closing sentence "… is not part of the course hours" speaks of something else,
# and never "what is not part of the peer role", a topic.
NOT_PART_HEADINGS = (
    "not part of the classroom",
    "not part of the instruction",
    "not part of the contact hours",
    "not part of the course hours",
    "not part of the training hours",
    "no forman parte de las horas",
    "no forma parte de las horas",
)
