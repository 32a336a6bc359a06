"""Hub discussion pages to one row per comment (and one per discussion question).

What the stored page text looks like, and how each piece is read:

* Everything above the line ``Discussion Questions & Comments`` (or, in the older forum layout,
  ``Discussion questions``) is the space's introduction: never a question or a comment. A page
  without that line has neither (intro-only copies).
* Everything from ``About the Migration Network Hub`` or the disclaimer on is page footer. A page
  without a footer stopped part-way: its last post may be cut off.
* A date line right below a question (and its explanation) is the question's date: the Hub prints
  it under the question, and the comments below it show none. Every dated line on the stored Hub
  pages is of this kind (``Sep 28, 2021`` under both questions of the climate page, the first of
  which has no comment).
* Post headers: a date line after a comment, followed by a name line (``Sep 13, 2022`` /
  ``Cecilia Nicoletti``), ``Submitted by NAME - 25 February 2021``, or in the older forum layout
  ``Posted by NAME on 25/02/2021`` (day first). The post below is by that name on that date. A date
  line after a comment with nothing after it is a header the stored copy cut off: the post it heads
  is not on the page.
* A page in the Hub's French or Spanish interface has the same markers in that language
  (``Questions de discussion et commentaires``, ``Soumis par``, ``Enviado por``, ``En réponse à``,
  ``lire la suite``, ``13 septembre 2022``, ``3 de marzo de 2021``): every interface word is declared
  in :mod:`workbooks.ingest.interface_words`, and so is the older forum's furniture (``Reply``,
  ``Quote``, ``Log in or register to post comments``).
* A name line directly above a question names who posted the question (``Florence Kim``,
  ``Migration Netw…``). A name line ending in a space (``UN Network ``, ``Florence Kim ``) names
  the user a comment replies to, not its author; so does ``In reply to by NAME`` below a comment.
  ``Profile picture for user ...``, ``Login to post comment``, ``Anonymous`` and ``Moderators`` are
  furniture.
* A question is a line ending in ``?`` where a new post can start (after the marker, a header, a
  poster line, a reply marker, another question or a cut teaser). A second, unnumbered ``?`` line
  right after a question is the same question in another language.
* On pages with post headers, text below a question and above the next header is the question's
  own explanation; on pages without headers, it is a comment.
* A comment ends at the next header, reply marker, question, or a teaser cut (``...``, ``…`` or
  ``read more`` at the end of a line). Its text is kept as shown, minus the ``read more`` link.
* Where no header names the author, a first line like ``Mohamed Osman The Roundtable ...`` holds
  the author inline: two or three capitalised names, then a capitalised sentence start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..errors import PageFormatError
from ..tables.layouts import COMMENTS, QUESTIONS
from ..tables.sources import source_for_file
from .interface_words import (
    DISCUSSION_MARKERS,
    FOOTER_STARTS,
    FURNITURE,
    IN_REPLY_TO,
    MONTHS,
    NUMERIC_DATE_DAY_FIRST,
    POSTED_BY,
    READ_MORE,
    SUBMITTED_BY,
    alternatives,
)
from .organisation_mentions import organisation_from_author, organisation_named_in
from .page_text import PageText, read_page

COMMENT_COLUMNS = COMMENTS.column_names  # declared once, in tables/layouts.py
QUESTION_COLUMNS = QUESTIONS.column_names

_START_MARKERS = DISCUSSION_MARKERS
_FOOTER_STARTS = FOOTER_STARTS
_FURNITURE = FURNITURE
_PROFILE_PICTURE = re.compile(r"^Profile picture for user\b")
_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y")
_DATE_IN_WORDS = re.compile(r"^(?P<day>\d{1,2})(?:er)? (?:de )?(?P<month>[^\W\d_]+)\.? (?:de )?(?P<year>\d{4})$")
_NUMERIC_DATE = re.compile(r"^(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})$")
_SUBMITTED = re.compile(rf"^(?:{alternatives(SUBMITTED_BY)}) (?P<name>.+?) - (?P<date>.+)$")
_POSTED = re.compile(
    "^(?:"
    + "|".join(rf"{re.escape(by)} (?P<name{i}>.+?) {on}" for i, (by, on) in enumerate(POSTED_BY))
    + r") (?P<date>\S.*)$"
)
_REPLY = re.compile(rf"^(?:{alternatives(IN_REPLY_TO)})(?:(?: .*?)? (?:by|par|por))? (?P<name>\S.*?)\s*$")
_READ_MORE = re.compile(rf"\s*\b(?:{alternatives(READ_MORE)})\s*$", re.IGNORECASE)
_TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
_QUESTION_NUMBER = re.compile(r"^(?:Question\s+)?(?P<number>\d+)\s*[.)]\s+")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'.-]*|[A-Z][\w’'.-]*…|de|da|del|der|di|van|von|la|le|bin|al),?$")
_SENTENCE_STARTS = (
    "The",
    "We",
    "I",
    "Our",
    "In",
    "As",
    "This",
    "It",
    "My",
    "Thank",
    "Thanks",
    "Dear",
    "On",
    "For",
    "Regarding",
    "A",
    "An",
    "These",
    "There",
    "With",
    "To",
    "At",
    "Please",
    "Migrants",
)
_INLINE_AUTHOR = re.compile(
    r"^(?P<name>[^\W\d_][^\W\d_’'-]+(?: [^\W\d_][^\W\d_’'-]+){1,2}) (?P<rest>(?:%s)\b.*)$" % "|".join(_SENTENCE_STARTS)
)


def parse_posted(text: str) -> date | None:
    """A post's date as the page writes it: 'Sep 13, 2022', '25 February 2021', '13 septembre 2022',
    '13 de septiembre de 2022', '25/02/2021' (day first); None for anything else."""
    text = " ".join(str(text).split())
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    words, numeric = _DATE_IN_WORDS.match(text), _NUMERIC_DATE.match(text)
    try:
        if words and words.group("month").lower() in MONTHS:
            return date(int(words.group("year")), MONTHS[words.group("month").lower()], int(words.group("day")))
        if numeric:
            first, second = int(numeric.group("first")), int(numeric.group("second"))
            day, month = (first, second) if NUMERIC_DATE_DAY_FIRST else (second, first)
            return date(int(numeric.group("year")), month, day)
    except ValueError:  # no such day
        return None
    return None


def is_date_line(text: str) -> bool:
    return len(text) <= 40 and parse_posted(text) is not None


def is_name_line(raw: str) -> bool:
    """A short line of capitalised words (a display name), such as 'Florence Kim' or 'Sarah Doyel, IOM'."""
    text = raw.strip()
    if not text or len(text) > 60 or re.search(r"[.:;?!()\"“”]\s*$|[:;?!]", text.rstrip("…")):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    if tokens[0].lower() in {word.lower() for word in _SENTENCE_STARTS} and tokens[0] not in {"Migrants"}:
        # 'The Network', 'In Brief' read as text, not names
        return False
    return all(_NAME_TOKEN.match(token) for token in tokens)


def is_question_line(text: str) -> bool:
    return text.rstrip().endswith("?")


@dataclass
class Post:
    kind: str  # "question" | "comment"
    first_line: int
    author: str = ""
    posted: date | None = None
    in_reply_to: str = ""
    paragraphs: list[list[str]] = field(default_factory=list)
    truncated: bool = False
    closed_by_teaser: bool = False
    question_lines: int = 0
    label: str = ""

    def add_line(self, text: str, new_paragraph: bool) -> None:
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append([text])
        else:
            self.paragraphs[-1].append(text)

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(lines) for lines in self.paragraphs).strip()


@dataclass
class ParsedDiscussion:
    questions: list[Post]
    comments: list[tuple[int, Post]]  # (question position, comment)
    has_footer: bool


def _body_bounds(page: PageText) -> tuple[int | None, int, bool]:
    start = None
    for index, line in enumerate(page.lines):
        if line.strip().lower() in _START_MARKERS:
            start = index + 1
            break
    end, footer = len(page.lines), False
    for index in range(start or 0, len(page.lines)):
        if page.lines[index].strip().startswith(_FOOTER_STARTS):
            end, footer = index, True
            break
    return start, end, footer


class _DiscussionParser:
    """Reads the body of one discussion page, line by line, into questions and comments: one method
    per kind of line (see the module's docstring for what each kind looks like)."""

    def __init__(self, page: PageText, start: int, end: int):
        self.page, self.start, self.end = page, start, end
        self.has_headers = any(
            is_date_line(page.lines[i].strip()) or self._header(page.lines[i].strip()) for i in range(start, end)
        )
        self.questions: list[Post] = []
        self.comments: list[tuple[int, Post]] = []  # (question position, comment)
        self.current: Post | None = None  # the post the next text line belongs to
        self.last_comment: Post | None = None
        self.pending_date: date | None = None
        self.pending_author, self.pending_reply = "", ""  # from headers, for the next post (with pending_date)
        self.blank_before = True  # a new paragraph starts at the next text line
        self.consumed: set[int] = set()  # lines already read as part of an earlier one (a header's name line)

    def parse(self) -> None:
        for index in range(self.start, self.end):
            if index in self.consumed:
                continue
            raw = self.page.lines[index]
            text = raw.strip()
            if not text or text in _FURNITURE or _PROFILE_PICTURE.match(text):
                self.blank_before = True
                continue
            if is_date_line(text) and self._question_date(text):
                continue
            if is_date_line(text) and self._next_text_line(index) is None:
                self._close()  # the copy stops in a post's header: that post is not on the page
                continue
            if not (
                self._submitted_header(text)
                or self._dated_header(index, text)
                or self._reply_marker(text)
                or self._name_line(raw, text)
                or self._question(index, text)
            ):
                self._text(index, text)

    # --- post headers and markers: each closes the current post --------------------------------------
    def _close(self) -> None:
        self.current = None
        self.blank_before = True

    @staticmethod
    def _header(text: str) -> tuple[str, date] | None:
        """(name, date) of a one-line header: 'Submitted by NAME - 25 February 2021', 'Posted by NAME
        on 25/02/2021' (and the same in French or Spanish)."""
        for pattern in (_SUBMITTED, _POSTED):
            match = pattern.match(text)
            posted = parse_posted(match.group("date")) if match else None
            if match and posted:
                name = next(value for key, value in match.groupdict().items() if key.startswith("name") and value)
                return name.strip(), posted
        return None

    def _submitted_header(self, text: str) -> bool:
        """'Submitted by NAME - 25 February 2021' or 'Posted by NAME on 25/02/2021'."""
        header = self._header(text)
        if header:
            self._close()
            self.pending_author, self.pending_date = header
        return bool(header)

    def _question_date(self, text: str) -> bool:
        """A date line right below a question (and its explanation), before any comment on it, is the
        question's date: the Hub prints it under the question. The comment below shows no date."""
        current = self.current
        if current is None or current.kind != "question" or current.posted is not None or self.pending_author:
            return False
        current.posted = parse_posted(text)
        self._close()
        return True

    def _dated_header(self, index: int, text: str) -> bool:
        """A date line followed by a name line: 'Sep 13, 2022' / 'Cecilia Nicoletti'."""
        following = self._next_text_line(index)
        if not (is_date_line(text) and following is not None and is_name_line(self.page.lines[following].strip())):
            return False
        self._close()
        self.pending_date = parse_posted(text)
        self.pending_author = self.page.lines[following].strip()
        self.consumed.add(following)
        return True

    def _reply_marker(self, text: str) -> bool:
        """'In reply to by NAME' below a comment names whom it replies to."""
        reply = _REPLY.match(text)
        if reply:
            if self.last_comment is not None:
                self.last_comment.in_reply_to = reply.group("name").strip()
            self._close()
        return bool(reply)

    def _name_line(self, raw: str, text: str) -> bool:
        """A name line ending in a space names the user replied to; at a boundary, the next post's author."""
        replied_to = raw.endswith((" ", "\u00a0"))
        if not (is_name_line(raw) and (replied_to or self._at_boundary())):
            return False
        self._close()
        if replied_to:
            self.pending_reply = text
        else:
            self.pending_author = text  # a poster above a question, or an author above a comment
        return True

    # --- posts ---------------------------------------------------------------------------------------
    def _question(self, index: int, text: str) -> bool:
        """A line ending in '?' where a new post can start; right after a question, the same question
        in another language."""
        if not (is_question_line(text) and self._at_boundary()):
            return False
        number = _QUESTION_NUMBER.match(text)
        current = self.current
        same_question = (
            current is not None
            and current.kind == "question"
            and current.question_lines
            and len(current.paragraphs) == current.question_lines
            and not number
            and not self.pending_author
            and not self.pending_reply
        )
        if current is not None and same_question:
            current.add_line(text, new_paragraph=True)
            current.question_lines += 1
        else:
            question = self.current = Post(
                "question",
                self._line_number(index),
                author=self.pending_author,
                posted=self.pending_date,
                label=number.group("number") if number else "",
            )
            self.pending_author, self.pending_date, self.pending_reply = "", None, ""
            question.add_line(text, new_paragraph=True)
            question.question_lines = 1
            self.questions.append(question)
        self.blank_before = False
        return True

    def _text(self, index: int, text: str) -> None:
        """Ordinary text: a question's own explanation, the start of a comment, or more of the current post."""
        current = self.current
        if (
            current is not None
            and current.kind == "question"
            and self.has_headers
            and not (self.pending_author or self.pending_reply)
        ):
            current.add_line(text, new_paragraph=self.blank_before)  # the question's own explanation
        elif self._at_boundary():
            current = self.current = self._start_comment(index)
            if not current.author:
                inline = _INLINE_AUTHOR.match(text)
                if inline:
                    current.author, text = inline.group("name"), inline.group("rest")
            current.add_line(text, new_paragraph=True)
        else:
            assert current is not None  # not at a boundary: a post is open
            current.add_line(text, new_paragraph=self.blank_before)
        if current.kind == "comment":
            if _READ_MORE.search(text):
                current.paragraphs[-1][-1] = _READ_MORE.sub("", current.paragraphs[-1][-1]).rstrip()
                current.truncated = current.closed_by_teaser = True
            elif _TEASER_END.search(text):
                current.truncated = current.closed_by_teaser = True
        self.blank_before = False

    def _start_comment(self, index: int) -> Post:
        post = Post(
            "comment",
            self._line_number(index),
            author=self.pending_author,
            posted=self.pending_date,
            in_reply_to=self.pending_reply,
        )
        self.pending_author, self.pending_date, self.pending_reply = "", None, ""
        self.comments.append((len(self.questions), post))
        self.last_comment = post
        return post

    # --- helpers -------------------------------------------------------------------------------------
    def _at_boundary(self) -> bool:
        """Whether a new post can start here: nothing open, after a question, or after a cut teaser."""
        return self.current is None or self.current.kind == "question" or self.current.closed_by_teaser

    def _next_text_line(self, index: int) -> int | None:
        for later in range(index + 1, self.end):
            if self.page.lines[later].strip():
                return later
        return None

    def _line_number(self, index: int) -> int:
        return self.page.first_line_number + index


def parse_discussion(page: PageText) -> ParsedDiscussion:
    start, end, has_footer = _body_bounds(page)
    if start is None:
        return ParsedDiscussion([], [], has_footer=has_footer)
    parser = _DiscussionParser(page, start, end)
    parser.parse()
    if not has_footer and parser.comments and parser.current is parser.comments[-1][1]:
        parser.current.truncated = True  # the stored copy stops inside this comment
    return ParsedDiscussion(parser.questions, parser.comments, has_footer=has_footer)


def discussion_rows(
    page: PageText, discussion: str, source_id: str, known_organisations: Iterable[str] = ()
) -> tuple[list[dict], list[dict]]:
    """Comment rows (:data:`COMMENT_COLUMNS`) and question rows (:data:`QUESTION_COLUMNS`) of one page.

    ``known_organisations`` (names and aliases from data/organisations.csv) lets a sentence that
    opens with a registered organisation name it as the speaker."""
    known_organisations = list(known_organisations)
    parsed = parse_discussion(page)
    question_rows = []
    for position, question in enumerate(parsed.questions, start=1):
        lines = [line for paragraph in question.paragraphs[: question.question_lines] for line in paragraph]
        question_rows.append(
            {
                "discussion": discussion,
                "question": position,
                "label": question.label,
                "text": "\n".join(lines),
                "poster": question.author,
                "posted": question.posted.isoformat() if question.posted else "",
                "source": source_id,
                "page_line": question.first_line,
            }
        )
    comment_rows = []
    for number, (position, comment) in enumerate(parsed.comments, start=1):
        text = comment.text
        if not text:
            raise PageFormatError(page.path, comment.first_line, "a comment with no text")
        organisation = organisation_from_author(comment.author) or organisation_named_in(text, known_organisations)
        comment_rows.append(
            {
                "discussion": discussion,
                "question": position if position else "",
                "comment_id": f"{source_id}-c{number:02d}",
                "author": comment.author,
                "organisation": organisation,
                "posted": comment.posted.isoformat() if comment.posted else "",
                "in_reply_to": comment.in_reply_to,
                "text": text,
                "truncated": "true" if comment.truncated else "false",
                "source": source_id,
            }
        )
    return comment_rows, question_rows


def read_discussion_page(
    path: Path | str, discussion: str, source_id: str, known_organisations: Iterable[str] = ()
) -> tuple[list[dict], list[dict]]:
    return discussion_rows(read_page(path), discussion, source_id, known_organisations)


def build_discussions(
    page_paths, sources, root: Path | None = None, known_organisations: Iterable[str] = ()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Comments and questions tables from several discussion pages registered in data/sources.csv."""

    comments, questions = [], []
    known_organisations = list(known_organisations)
    for page_path in page_paths:
        source = source_for_file(sources, page_path, root)
        if source["kind"] != "discussion":
            raise PageFormatError(
                page_path, None, f"registered as a {source['kind']} page ({source['source_id']}), not a discussion page"
            )
        page_comments, page_questions = read_discussion_page(
            page_path, source["source_id"], source["source_id"], known_organisations
        )
        comments += page_comments
        questions += page_questions
    return (
        pd.DataFrame(comments, columns=COMMENT_COLUMNS).astype(str),
        pd.DataFrame(questions, columns=QUESTION_COLUMNS).astype(str),
    )


def questions_file_for(comments_file: Path | str) -> Path:
    """Where the questions of a comments table go, beside it: questions.csv beside a comments.csv
    (data/comments.csv and data/questions.csv), NAME.questions.csv beside any other NAME.csv, so
    that ingesting into data/mine.csv never replaces the project's data/questions.csv."""
    comments_file = Path(comments_file)
    if comments_file.name == "comments.csv":
        return comments_file.with_name("questions.csv")
    return comments_file.with_name(f"{comments_file.stem}.questions.csv")
