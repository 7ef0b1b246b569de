"""Whether a syllabus states the prerequisite of a specialization, in English or Spanish (pure).

A specialization builds on the core training (§212), and syllabi say so in many forms: a field
("Prerequisite: …", "Requisito: …", "Eligibility: …"), or a sentence of what a participant must
already have done or be ("must have completed the core training", "haber aprobado la capacitación
básica", "estar certificado"). Both forms are read the same way: a *requirement* (a field label of
requirements, or a verb of having completed, holding or being certified) and, in the same line or
sentence, *what* is required (the core training or the peer certification). Either half alone
proves nothing: "a certificate is given at the end" and "attendance is required" state no
prerequisite.
"""

from __future__ import annotations

import re

from app.syllabus.folding import fold

# A field that lists what is required before a participant may enroll.
_FIELD = re.compile(
    r"^\W*(?:pre-?requisites?|requirements?|eligibility|who (?:may|can|should) "
    r"(?:enroll|attend|register)|admission|requisitos?(?: previos?)?|prerrequisitos?|"
    r"elegibilidad|quien puede (?:inscribirse|participar)|admision)\s*[:\-]",
    re.M,
)
# A verb of what a participant must already have done or be.
_DONE = re.compile(
    r"\b(?:must(?= (?:have|hold|be|already))|must first|should have|(?:who|that) (?:have|has|hold|holds)"
    r" (?:completed|passed|finished|earned|obtained)|have (?:completed|passed|finished)|"
    r"completion of|after completing|upon completion of the core|already (?:hold|have|be)|"
    r"(?:is|are) (?:open only|only open)|"
    r"haber (?:aprobado|completado|terminado|cursado|obtenido|concluido)|"
    r"(?:deben?|necesitan?)(?= (?:tener|contar|estar|haber))|contar con|"
    r"(?:que|quienes) (?:hayan|ya) )"
)
# What is required: the core training or the peer certification.
_WHAT = re.compile(
    r"\b(?:core (?:training|course|curriculum|competenc)|80-hour|80 hours?|"
    r"(?:peer (?:support )?specialist |medi-cal )certification|(?<!to )be certified|"
    r"already certified|capacitacion basica|formacion basica|curso basico|entrenamiento basico|"
    r"80 horas|certificacion (?:vigente|de medi-cal|como)|(?<!para )estar certificad|"
    r"ya certificad)"
)
_DASHES = {0x2013: ":", 0x2014: ":"}  # folding drops them, and a field may end with one
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n")


def states_prerequisite(text: str) -> bool:
    """Whether ``text`` states the core training or certification as a requirement."""
    folded = fold(text.translate(_DASHES))
    for line in folded.splitlines():
        if _FIELD.search(line) and _WHAT.search(line):
            return True
    return any(_requirement(sentence) for sentence in _SENTENCE_END.split(folded))


def _requirement(sentence: str) -> bool:
    """A verb of having done or being, followed in the same sentence by the core or certification."""
    done = _DONE.search(sentence)
    return done is not None and _WHAT.search(sentence, done.end()) is not None
