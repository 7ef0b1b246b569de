"""Everyday Spanish words syllabi use for each competency, beside the English ones of
``app.syllabus.lexicon`` (pure).

The framework's Spanish terms (competencies/terms.yaml) hold the formal names; course plans in
Spanish also speak plainly ("contar tu historia", "cuidarse a uno mismo", "derechos"). Each cue
is a stem or a short phrase, lower case, matched at a word start like the English cues, so a stem
without its ending ("recuperaci") reads "recuperación" and "recuperaciones" alike.
"""

from __future__ import annotations

_SELF_CARE = ("autocuidado", "agotamiento", "cuidarse")
_ETHICS = ("ética", "etica", "límites", "limites", "regalos")
_OWN_STORY = ("experiencia vivida", "mi historia", "tu historia", "su historia")

CUES_ES: dict[str, tuple[str, ...]] = {
    "core-1": ("esperanza", "recuperaci", "bienestar", "optimismo", "resilien"),
    "core-2": ("defensa de derechos", "abogac", "derechos", "estigma", "autodefensa"),
    "core-3": (
        "experiencia vivida",
        "experiencia propia",
        "familiares",
        "personas usuarias",
        "tu historia",
        "su historia",
        "mi historia",
        "participación de usuarios",
        "familia",
    ),
    "core-4": (
        "rehabilitaci",
        "entrevista motivacional",
        "etapas del cambio",
        "reducción de daños",
        "plan de acción",
    ),
    "core-5": (
        "cultura",
        "cultural",
        "equidad",
        "sesgo",
        "prejuicio",
        "racismo",
        "diversidad",
        "humildad",
    ),
    "core-6": ("trauma", "traumático", "experiencias adversas"),
    "core-7": ("grupo", "facilitaci", "facilitar", "círculo"),
    "core-8": (
        "autocuidado",
        "cuidado propio",
        "cuidarse",
        "agotamiento",
        "desgaste",
        "autoconocimiento",
        "conocerse",
        "fatiga por compasión",
        "bienestar personal",
        "plan personal de bienestar",
    ),
    "core-9": (
        "consumo de sustancias",
        "trastornos concurrentes",
        "adicci",
        "alcohol",
        "drogas",
        "doble diagnóstico",
    ),
    "core-10": ("conflicto", "desacuerdo", "mediaci", "negociaci"),
    "core-11": ("ética", "etica", "límites", "limites", "relaciones duales", "regalos"),
    "core-12": (
        "empleo",
        "currículum",
        "curriculum vitae",
        "entrevista de trabajo",
        "examen",
    ),
    "core-13": ("crisis", "suicidio", "plan de seguridad", "señales de alerta", "desescala"),
    "core-14": ("derivaci", "referencia", "recursos", "navegaci", "vincular", "enlace"),
    "core-15": ("documentaci", "notas de progreso", "registro", "expediente"),
    "core-16": ("confidencial", "privacidad", "consentimiento", "divulgaci"),
    "core-17": (
        "digital",
        "teléfono",
        "celular",
        "videollamada",
        "telesalud",
        "internet",
        "contraseña",
        "computadora",
        "en línea",
    ),
    # The specializations, with the ideas several of them hold as a competency of their own.
    "crisis-2": ("desescala", "prevención del suicidio", "señales tempranas"),
    "crisis-9": ("poblaciones especiales", "jóvenes", "veteranos", "personas mayores"),
    "crisis-11": ("cuidado propio", *_SELF_CARE),
    "unhoused-1": _OWN_STORY,
    "unhoused-5": ("trauma",),
    "unhoused-6": _SELF_CARE,
    "unhoused-8": _ETHICS,
    "unhoused-10": ("refugio", "albergue", "vivienda", "situación de calle"),
    "justice-1": _OWN_STORY,
    "justice-2": ("derechos", "asistencia legal", "ayuda legal", "antecedentes penales"),
    "justice-6": ("trauma",),
    "justice-7": _SELF_CARE,
    "justice-9": _ETHICS,
    "justice-11": ("reingreso", "libertad condicional", "salir de prisión", "sistema de justicia"),
    "justice-12": ("criminógen", "reincidencia"),
}
