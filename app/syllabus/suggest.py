"""Explainable lexical suggestions of the competencies a module's text covers (pure).

Each competency gets a bag of weighted terms from its title, statements, topics and summary,
plus the everyday cue words of app.syllabus.lexicon. A module is scored with BM25 against every
competency of the framework; the matched words and cue phrases are returned as evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from app.framework.models import Catalog
from app.framework.per_catalog import once_per_catalog
from app.syllabus.lexicon import CUES, SYNONYMS
from app.syllabus.lexicon_es import CUES_ES
from app.syllabus.references import fold_apart
from app.syllabus.stopwords_es import SPANISH_STOPWORDS

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "include",
        "includes",
        "including",
        "understand",
        "knowledge",
        "ability",
        "able",
        "skills",
        "skill",
        "use",
        "using",
        "know",
        "how",
        "basic",
        "individual",
        "individuals",
        "member",
        "members",
        "peer",
        "peers",
        "support",
        "specialist",
        "specialists",
        "certified",
        "medi",
        "cal",
        "role",
        "help",
        "helping",
        "provide",
        "services",
        "service",
        "person",
        "people",
        "within",
        "well",
        "e",
        "g",
        "i.e",
        "etc",
        "based",
        "various",
    ]
)
# The opening of a learning objective ("Trainees will describe…", "Participants can explain…")
# names who learns and how they show it, never what is taught: evidence for no competency.
OBJECTIVE_WORDS = frozenset(
    [
        "trainee",
        "trainees",
        "learner",
        "learners",
        "participant",
        "participants",
        "attendee",
        "attendees",
        "describe",
        "describes",
        "explain",
        "explains",
        "list",
    ]
)
STOPWORDS |= OBJECTIVE_WORDS
STOPWORDS |= SPANISH_STOPWORDS
TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUFFIXES = (
    "ational",
    "ization",
    "ations",
    "ation",
    "ating",
    "ated",
    "ates",
    "ate",  # "advocate" as "advocating" and "advocates"
    "acy",  # "advocacy", "privacy" as "advocate", "private"
    "ness",
    "ments",
    "ment",
    "ingly",
    "ities",
    "ity",
    "ings",
    "ing",
    "ies",
    "ive",
    "ous",
    "ers",
    "er",
    "ed",
    "ly",
    "es",
    "s",
)
FIELD_WEIGHTS = {"title": 3.0, "topic": 1.5, "statement": 1.0, "summary": 1.0}
CUE_WEIGHT = 2.5
# Longest first, so "ending their life" is taken before "end their life" could be.
_SYNONYM_PHRASES = tuple(sorted(SYNONYMS, key=len, reverse=True))
K1, B = 1.2, 0.5


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude, stable suffix-stripping stem (good enough to match "facilitating" and "facilitation")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def terms(text: str) -> list[str]:
    """Stemmed content words of ``text``; hyphenated words also count as their parts."""
    found = []
    for token in TOKEN.findall(fold_apart(text)):
        parts = [token, *token.split("-")] if "-" in token else [token]
        for part in parts:
            if part not in STOPWORDS and len(part) > 2 and not part.isdigit():
                found.append(stem(part))
    return found


@dataclass(frozen=True)
class Suggestion:
    id: str
    score: float  # 0..1, relative to the best possible match for this module
    evidence: tuple[str, ...]


@dataclass
class _Document:
    id: str
    weights: Counter
    length: float
    cues: tuple[str, ...]


def _weights(competency, names) -> Counter:
    """Weighted stemmed terms of a competency: title, statements, topics, summary, names."""
    weights: Counter = Counter()
    fields = [
        ("title", [competency.title]),
        ("statement", [s.text for s in competency.statements]),
        ("topic", list(competency.topics)),
        ("summary", [competency.summary]),
        # Aliases and the Spanish names weigh like training topics.
        ("topic", [*names.phrases(), *names.es_terms] if names is not None else []),
    ]
    for field_name, texts in fields:
        for text in texts:
            for term in terms(text):
                weights[term] += FIELD_WEIGHTS[field_name]
    return weights


class Suggester:
    """BM25 over competency documents of the catalog, built once and reused for every module."""

    def __init__(self, catalog: Catalog):
        self.documents: dict[str, list[_Document]] = {}
        document_frequency: Counter = Counter()
        all_documents: list[_Document] = []
        for framework in catalog.frameworks.values():
            if framework.kind == "exam":
                continue
            documents = []
            for competency in framework.competencies:
                weights = _weights(competency, catalog.terms.get(competency.id))
                cues = CUES.get(competency.id, ()) + CUES_ES.get(competency.id, ())
                document = _Document(competency.id, weights, sum(weights.values()), cues)
                documents.append(document)
                all_documents.append(document)
                document_frequency.update(weights.keys())
            self.documents[framework.id] = documents
        count = max(len(all_documents), 1)
        self.average_length = sum(d.length for d in all_documents) / count
        self.idf = {
            t: math.log(1 + (count - df + 0.5) / (df + 0.5)) for t, df in document_frequency.items()
        }
        # Inverted indexes, so a module is scored only against the competencies it shares a word
        # or a cue with: term -> [(document, BM25 term score)], cue prefix -> [(document, cue)].
        self.postings: dict[str, dict[str, list[tuple[_Document, float]]]] = {}
        self.cue_index: dict[str, dict[str, list[tuple[_Document, str]]]] = {}
        for framework_id, documents in self.documents.items():
            postings: dict[str, list[tuple[_Document, float]]] = {}
            cues: dict[str, list[tuple[_Document, str]]] = {}
            for document in documents:
                norm = K1 * (1 - B + B * document.length / self.average_length)
                for term, weight in document.weights.items():
                    value = self.idf.get(term, 0.0) * weight * (K1 + 1) / (weight + norm)
                    postings.setdefault(term, []).append((document, value))
                for cue in document.cues:
                    cues.setdefault(cue.strip()[:3], []).append((document, cue))
            self.postings[framework_id] = postings
            self.cue_index[framework_id] = cues

    def within(self, texts: list[str]) -> SyllabusSuggester:
        """This suggester with each word weighed by how specific it is among ``texts`` (a
        syllabus's sessions): a word that every session uses is evidence for none of them."""
        return SyllabusSuggester(self, syllabus_weights(texts))

    def suggest(
        self,
        text: str,
        framework_ids: tuple[str, ...],
        *,
        limit: int = 3,
        weights: dict[str, float] | None = None,
    ) -> list[Suggestion]:
        """The best ``limit`` competencies of ``framework_ids`` for ``text``, with evidence.

        ``weights`` scale the evidence of each stemmed word (1 when absent), see syllabus_weights.
        """
        weights = weights or {}
        lowered = " " + text.lower() + " "
        expansions = _synonyms_in(lowered)
        expanded_text = text + " " + " ".join(SYNONYMS[phrase] for phrase in sorted(expansions))
        query = Counter(terms(expanded_text))
        lowered = " " + expanded_text.lower() + " "
        if not query and not lowered.strip():
            return []
        totals: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}
        for framework_id in framework_ids:
            self._score_terms(framework_id, query, weights, totals, evidence)
            self._score_cues(framework_id, lowered, weights, totals, evidence)
        scored = [
            (score, identifier, evidence.get(identifier, []))
            for identifier, score in totals.items()
            if score > 0
        ]
        if not scored:
            return []
        scored.sort(key=lambda item: (-item[0], item[1]))
        best = scored[0][0]
        return [
            Suggestion(
                identifier,
                round(min(1.0, score / max(best, 1e-9)) * _confidence(best), 3),
                tuple(evidence[:6]),
            )
            for score, identifier, evidence in scored[:limit]
        ]

    def _score_terms(
        self,
        framework_id: str,
        query: Counter,
        weights: dict[str, float],
        totals: dict[str, float],
        evidence: dict[str, list[str]],
    ) -> None:
        """BM25 of the query's words against the framework's competencies, each word weighed."""
        postings = self.postings.get(framework_id, {})
        for term, frequency in query.items():
            weight = weights.get(term, 1.0)
            if weight <= 0:
                continue
            for document, value in postings.get(term, ()):
                score = value * min(frequency, 2) * weight
                totals[document.id] = totals.get(document.id, 0.0) + score
                evidence.setdefault(document.id, []).append(term)

    def _score_cues(
        self,
        framework_id: str,
        lowered: str,
        weights: dict[str, float],
        totals: dict[str, float],
        evidence: dict[str, list[str]],
    ) -> None:
        """The everyday cue phrases of each competency found at a word start of the text."""
        cues = self.cue_index.get(framework_id, {})
        for start in _word_starts(lowered):
            for document, cue in cues.get(start, ()):
                weight = _cue_weight(cue, weights) if weights else 1.0
                if weight > 0 and _at_word_start(lowered, cue):
                    score = CUE_WEIGHT * (1 + cue.count(" ")) * weight
                    totals[document.id] = totals.get(document.id, 0.0) + score
                    evidence.setdefault(document.id, []).insert(0, f'"{cue.strip()}"')


MIN_SESSIONS_FOR_WEIGHTS = 4  # fewer sessions say too little about which words are common
COMMON_SHARE = 0.5  # a word in more than this share of the sessions starts to lose its weight


def syllabus_weights(texts: list[str]) -> dict[str, float]:
    """How specific each stemmed word is among a syllabus's sessions, 0..1 (absent: 1).

    A word in at most half the sessions keeps its full weight; above that its weight falls
    linearly to 0 for a word that every session uses (the stem that opens each objective list,
    the syllabus's word for a class), which is evidence for no competency in particular.
    """
    if len(texts) < MIN_SESSIONS_FOR_WEIGHTS:
        return {}
    frequency: Counter = Counter()
    for text in texts:
        frequency.update(set(terms(text)))
    count = len(texts)
    weights = {}
    for term, df in frequency.items():
        share = df / count
        if share > COMMON_SHARE:
            weights[term] = max(0.0, (1 - share) / (1 - COMMON_SHARE))
    return weights


def _cue_weight(cue: str, weights: dict[str, float]) -> float:
    """A cue phrase weighs what its most specific word weighs."""
    found = terms(cue)
    return max((weights.get(t, 1.0) for t in found), default=1.0)


class SyllabusSuggester:
    """A Suggester that weighs words by how specific they are within one syllabus."""

    def __init__(self, base: Suggester, weights: dict[str, float]):
        self.base, self.weights = base, weights

    def suggest(
        self, text: str, framework_ids: tuple[str, ...], *, limit: int = 3
    ) -> list[Suggestion]:
        return self.base.suggest(text, framework_ids, limit=limit, weights=self.weights)


def _synonyms_in(lowered: str) -> set[str]:
    """The everyday phrases of SYNONYMS that ``lowered`` holds as whole words.

    A substring test per phrase (78 of them) and a look at the characters around each hit: no
    alternation of every phrase tried at every word of the text.
    """
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for phrase in _SYNONYM_PHRASES:
        start = lowered.find(phrase)
        while start != -1:
            end = start + len(phrase)
            whole = (
                not lowered[start - 1 : start].isalnum() and not lowered[end : end + 1].isalnum()
            )
            if whole and not any(a <= start < b for a, b in taken):
                found.add(phrase)
                taken.append((start, end))
                break
            start = lowered.find(phrase, start + 1)
    return found


def _word_starts(lowered: str) -> frozenset[str]:
    """The first three characters of every word in ``lowered`` (words start after a non-word character)."""
    # One pass of a pattern without repetition (a fixed-width look-behind): linear in the text.
    return frozenset(lowered[m.start() : m.start() + 3] for m in _WORD_START.finditer(lowered))


_WORD_START = re.compile(r"(?<!\w)[^\W_]")


def _at_word_start(lowered: str, cue: str) -> bool:
    """Cues match at a word start ("facilitat" matches "facilitating"), never inside a word."""
    if not cue[:1].isalnum():
        return _cue_pattern(cue).search(lowered) is not None
    start = lowered.find(cue)
    while start != -1:
        before = lowered[start - 1 : start]
        if not (before.isalnum() or before == "_"):
            return True
        start = lowered.find(cue, start + 1)
    return False


@lru_cache(maxsize=1024)
def _cue_pattern(cue: str) -> re.Pattern:
    """The pattern for a cue that opens with a space or a sign, where a word start is its own rule."""
    return re.compile(r"\b" + re.escape(cue))


def _confidence(best: float) -> float:
    """Scale scores down when even the best match is weak, so a thin match never reads as 1.0."""
    return min(1.0, best / 8.0)


# One Suggester per catalog, built once per process.
suggester_for = once_per_catalog(Suggester)
