"""The Hub interface's own words, in each language a stored page may show them: declared once here,
read by workstream.py, discussion.py and periods.py.

The Hub's English interface is what the stored pages show; a page crawled with the French or
Spanish interface labels the same markers in that language ("Calendrier :" for "Timeline:",
"Soumis par" for "Submitted by", "13 septembre 2022" for "Sep 13, 2022"), and an older forum layout
has its own furniture ("Posted by X on 25/02/2021", "Reply", "Log in or register to post comments").
A word missing here is read as page text, never guessed.
"""

from __future__ import annotations

import re

# --- workstream pages ----------------------------------------------------------------------------
TIMELINE_LABELS = ("Timeline", "Calendrier", "Échéancier", "Cronograma", "Calendario")
STATUS_OPTIONS = (
    "Yet to start",
    "In progress",
    "Completed",
    "Ongoing",
    "Pas encore commencé",
    "Non commencé",
    "En cours",
    "Terminé",
    "Achevé",
    "Por iniciar",
    "No iniciado",
    "En curso",
    "En progreso",
    "Completado",
    "Terminado",
)
BULLETS = "\u2022\u25cf\u25e6*\\-\u2013\u2014"  # • ● ◦ * - – — (a character class body, for patterns)

# --- the timeline grammar: a quarter's letter, the word between two years ------------------------
QUARTER_LETTERS = ("Q", "T")  # quarter; trimestre (fr, es)
YEAR_JOINERS = ("and", "et", "y")

# --- discussion pages ----------------------------------------------------------------------------
DISCUSSION_MARKERS = (
    "discussion questions & comments",
    "discussion questions",
    "questions de discussion et commentaires",
    "questions de discussion",
    "preguntas y comentarios de la discusión",
    "preguntas de discusión",
)
FOOTER_STARTS = (
    "About the Migration Network Hub",
    "Disclaimer: The opinions expressed",
    "À propos du Hub",
    "Avertissement : Les opinions exprimées",
    "Acerca del Hub",
    "Descargo de responsabilidad: Las opiniones expresadas",
)
FURNITURE = frozenset(
    {
        "Login to post comment",
        "Anonymous",
        "Moderators",
        "Skip to main content",
        "Discussion Spaces",
        "Log in or register to post comments",
        "Reply",
        "Quote",
        "Permalink",
        "Connectez-vous pour publier un commentaire",
        "Répondre",
        "Citer",
        "Anonyme",
        "Modérateurs",
        "Aller au contenu principal",
        "Espaces de discussion",
        "Inicie sesión para publicar comentarios",
        "Responder",
        "Citar",
        "Anónimo",
        "Moderadores",
        "Pasar al contenido principal",
        "Espacios de discusión",
    }
)
SUBMITTED_BY = ("Submitted by", "Soumis par", "Enviado por")  # 'Submitted by NAME - 25 February 2021'
POSTED_BY = (("Posted by", "on"), ("Publié par", "le"), ("Publicado por", "el"))  # 'Posted by NAME on 25/02/2021'
IN_REPLY_TO = ("In reply to", "En réponse à", "En respuesta a")  # 'In reply to by NAME'
READ_MORE = ("read more", "lire la suite", "leer más")

# --- dates ---------------------------------------------------------------------------------------
# Month names and their abbreviations (lower case, without a final full stop) -> month number.
MONTHS: dict[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("janvier", "janv", "enero", "ene"),
                ("février", "fevrier", "févr", "fevr", "febrero", "feb"),
                ("mars", "marzo", "mar"),
                ("avril", "avr", "abril", "abr"),
                ("mai", "mayo", "may"),
                ("juin", "junio", "jun"),
                ("juillet", "juil", "julio", "jul"),
                ("août", "aout", "agosto", "ago"),
                ("septembre", "sept", "septiembre", "sep", "setiembre", "set"),
                ("octobre", "oct", "octubre"),
                ("novembre", "nov", "noviembre"),
                ("décembre", "decembre", "déc", "dec", "diciembre", "dic"),
            ],
            start=1,
        )
        for name in names
    },
}
# A numeric date ('25/02/2021') in the older forum layout is read day first. That is an assumption
# (no stored page shows one); a date that cannot be day first ('02/25/2021') is not read at all.
NUMERIC_DATE_DAY_FIRST = True


def alternatives(words) -> str:
    """The words as a regex alternation, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
