"""Page furniture that must never reach a summary, and what each line of
an article is (body, heading, attribution line, furniture)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    scope: str
    """``line``: page structure, drops the whole line. ``cta``: a call to
    action, drops a short line whole, or only the sentence in a long one."""
    cues: tuple[str, ...] = ()
    """Lower-case text every match contains at least one of: a line without
    any is passed over before the (slower) pattern runs. Empty: always run."""


def _rule(name: str, scope: str, pattern: str, cues: tuple[str, ...] = ()) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), scope, cues)


RULES: tuple[Rule, ...] = (
    _rule(
        "banner",
        "line",
        r"^(live( updates?| coverage| blog)?|breaking( news)?|advertisement|skip to (main )?content)$",
    ),
    _rule("load-more", "line", r"^(load|show|see) more( updates| stories| posts)?\W*$"),
    _rule("click-here", "line", r"^click here\b"),
    _rule("photo-credit", "line", r"\b(credit|photo|picture|image)\s*:\s*\S", (":",)),
    _rule(
        "caption",
        "line",
        r"^(file photo|pictured:|.{0,60}\bpictured (with|at|in|holding)\b[^.]{0,60}\.?$)",
        ("pictured", "file photo"),
    ),
    _rule(
        "timestamp",
        "line",
        r"^((published|last updated|updated|posted)\b\s*(on|at)?\s*:?\s*([\w ,:/.-]{0,30}\d[\w ,:/.-]{0,30})?\s*)+$",
    ),
    _rule("media-intro", "line", r"^[^.]{0,80}\b(reports|explains|has more)\s*:$", (":",)),
    _rule(
        "share",
        "line",
        r"^(share( this( article| page| story)?)?|subscribe|sign up|follow us|related (topics|stories|articles)|more on this story|copyright\b.*|©.*)\W*$",
    ),
    _rule(
        "call-to-action",
        "cta",
        r"\breport (it|them|this|anything suspicious)\b.{0,40}\b(at|on|via)\s+\S+\.\w|\bgov\.uk/act\b|\b(call|dial) 999\b",
        ("report ", "gov.uk/act", " 999"),
    ),
    _rule(
        "podcast",
        "cta",
        r"\b(listen to|subscribe to|download) (our|the) (latest )?(podcast|newsletter|app)s?\b",
        ("listen to", "subscribe to", "download"),
    ),
    _rule(
        "watch",
        "cta",
        r"^watch (this|the|our) (full )?(report|video|clip)\b|\bwatch this full report\b",
        ("watch ",),
    ),
    _rule(
        "email-disclaimer",
        "line",
        r"\b(intended (solely |only )?for the (use of the )?(named )?(addressee|recipient|individual|person)s?"
        r"|(if|where) you (have )?received this (e-?mail|message|communication) in error"
        r"|this (e-?mail|message)( and any (files|attachments)( transmitted with it)?)? (is|are|may be) "
        r"(confidential|privileged|intended))",
        ("intended", "in error", "confidential", "privileged"),
    ),
    _rule(
        "email-disclaimer-other-languages",
        "line",
        r"\b(nota di riservatezza|informativa (sulla )?privacy|questo messaggio .{0,80}\b(riservat|confidenzial)"
        r"|ricevuto (il presente messaggio|questa e-?mail) per errore"
        r"|vertraulich\w*\b.{0,80}\b(informationen|nachricht|e-?mail)|irrtümlich erhalten"
        r"|nicht der richtige adressat|ce (message|courriel)\b.{0,80}\bconfidentiel"
        r"|reçu ce (message|courriel) par erreur|este (mensaje|correo)\b.{0,80}\bconfidencial"
        r"|recibido este (mensaje|correo) por error)",
        (
            "riservat",
            "confidenzial",
            "per errore",
            "vertraulich",
            "irrtümlich",
            "adressat",
            "confidentiel",
            "par erreur",
            "confidencial",
            "por error",
        ),
    ),
    _rule(
        "mailing-list",
        "line",
        r"\b(unsubscribe from this list|to unsubscribe\b|you (are )?receiv(e|ed|ing) this (e-?mail|message)"
        r" because|manage (your )?(subscription|preferences)|update your preferences"
        r"|view this (e-?mail|message) in your browser|abmelden|abbestellen|disiscriviti"
        r"|cancellare l'iscrizione|se désinscrire|désabonner|darse de baja)",
        (
            "unsubscribe",
            "receiv",
            "manage",
            "preferences",
            "browser",
            "abmelden",
            "abbestellen",
            "disiscriv",
            "iscrizione",
            "désinscrire",
            "désabonner",
            "baja",
        ),
    ),
    _rule(
        "newsletter",
        "cta",
        r"\bsign up (to|for) (our|the)\b.{0,30}\b(newsletter|alerts|emails?)\b",
        ("sign up",),
    ),
)


SHORT_LINE_WORDS = 30


def furniture(text: str, scope: str) -> Rule | None:
    """The first boilerplate rule of ``scope`` that ``text`` matches, if any."""
    lowered = text.lower()
    for rule in RULES:
        if rule.scope != scope or (rule.cues and not any(cue in lowered for cue in rule.cues)):
            continue
        if rule.pattern.search(text):
            return rule
    return None


def line_furniture(line: str) -> Rule | None:
    """The rule that makes a whole line furniture: page structure, or a call
    to action on a short line of its own."""
    rule = furniture(line, "line")
    if rule is None and len(line.split()) <= SHORT_LINE_WORDS:
        rule = furniture(line, "cta")
    return rule


# --------------------------------------------------------------------------
# Line classification.


class LineKind(Enum):
    BODY = "body"
    HEADING = "heading"
    ATTRIBUTION = "attribution"
    ITEM = "item"
    """A list item: body text that was a bullet in the source."""
    FURNITURE = "furniture"


_TERMINAL = ".!?…:;\"”’)]'"
_ATTRIBUTION = re.compile(r"^[–—-]\s*\w")
_HEADING_MAX_WORDS = 16


def classify(line: str) -> LineKind:
    """What one non-empty, space-normalised line of an article is."""
    if line_furniture(line):
        return LineKind.FURNITURE
    if _ATTRIBUTION.match(line) and len(line.split()) <= 15:
        return LineKind.ATTRIBUTION
    if looks_like_heading(line):
        return LineKind.HEADING
    return LineKind.BODY


def looks_like_heading(line: str) -> bool:
    """A short line that starts with a capital and does not end like a sentence.

    Headlines end with a letter, digit or a closing quote after a quoted
    phrase ("... 'Several attack plots disrupted'"), never a full stop.
    """
    words = line.split()
    if not 2 <= len(words) <= _HEADING_MAX_WORDS:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "'‘\"“"):
        return False
    last = line.rstrip()[-1]
    if last in "'’\"”":
        # A quoted headline ends with the quote; a sentence ends ." or .'
        return line.rstrip()[-2] not in ".!?,"
    return last not in _TERMINAL and last != ","
