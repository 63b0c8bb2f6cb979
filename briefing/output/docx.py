"""The briefing as a Word document (python-docx): real heading styles (Word's
navigation pane and table of contents use them), the marking in every
page's header and footer, the date in the title block, key points as a
list, each sentence with its citation number (a link to its numbered
source), a numbered Sources list with working web links, the analyst's
comments in a style of their own, and the core properties (title, date,
generator). The same briefing gives the same bytes (the zip's dates are
the briefing's)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timezone
from typing import Any

from briefing.model import Briefing
from briefing.output.render import (
    LOOSE_NOTE,
    article_meta,
    story_meta,
    timeline_line,
    briefing_data,
    paragraphs,
    safe_url,
    speaker_name,
)
from briefing.printable import printable

ANALYST_STYLE = "Analyst Comment"
ANALYST_LABEL = "Analyst comment (the analyst's own words, not from the sources)"
LINK_COLOUR = "0563C1"


def render_docx(briefing: Briefing) -> bytes:
    from docx import Document

    data = briefing_data(briefing)
    doc = Document()
    _styles(doc)
    _properties(doc, data, briefing.date)
    marking = _clean(data["marking"])
    if marking:
        for part in (doc.sections[0].header, doc.sections[0].footer):
            paragraph = part.paragraphs[0]
            paragraph.text = marking
            paragraph.alignment = 1  # centred
            for run in paragraph.runs:
                run.bold = True
    doc.add_heading(_clean(data["title"]), level=0)
    doc.add_paragraph(_clean(data["date_long"]), style="Subtitle")
    links = _Links()
    if paragraphs(data["assessment"]):
        doc.add_heading("Assessment", level=1)
        _analyst(doc, data["assessment"])
    if data["key_points"]:
        doc.add_heading("Key points", level=1)
        for s in data["key_points"]:
            _sentence(doc, s, [s["ref"], *(c["ref"] for c in s["also"])], links, "List Bullet")
    if data["topics"]:
        doc.add_heading("Topics", level=1)
        for topic in data["topics"]:
            doc.add_heading(_clean(topic["name"]), level=2)
            _analyst(doc, topic["analyst_note"])
            for s in topic["sentences"]:
                _sentence(doc, s, [s["ref"], *(c["ref"] for c in s["also"])], links, "List Bullet")
            if not topic["sentences"]:
                _tool(doc, "No sentence in the selected articles matches this topic.")
    if data["stories"]:
        doc.add_heading("Stories", level=1)
        for story in data["stories"]:
            heading = doc.add_heading(_clean(story["headline"]) + " ", level=2)
            links.cite(heading, story["headline_ref"])
            doc.add_paragraph(style="Caption").add_run(_clean(story_meta(story)))
            for s in story["sentences"]:
                _sentence(doc, s, [s["ref"], *(c["ref"] for c in s["also"])], links, "List Bullet")
            for article in data["articles"]:
                if article["story"] == story["id"]:
                    _analyst(doc, article["analyst_note"])
            doc.add_heading("Timeline", level=3)
            for entry in story["timeline"]:
                line = doc.add_paragraph(style="List Bullet")
                line.add_run(_clean(timeline_line(entry)) + " ")
                links.cite(line, entry["ref"])
                if entry["date_from"] == "text":
                    line.add_run(" (date stated in the text)").italic = True
    alone = [a for a in data["articles"] if not a["story"]]
    if alone:
        doc.add_heading("Articles", level=1)
    for article in alone:
        heading = doc.add_heading(_clean(article["title"]) + " ", level=2)
        links.cite(heading, article["number"])
        meta = doc.add_paragraph(style="Caption")
        meta.add_run(" · ".join(_clean(part) for part in article_meta(article)))
        _analyst(doc, article["analyst_note"])
        if article["loose"]:
            _tool(doc, LOOSE_NOTE.strip("*"))
        for section in article["sections"]:
            if len(article["sections"]) > 1 and section["heading"] not in (
                None,
                "",
                article["title"],
            ):
                doc.add_heading(_clean(section["heading"]), level=3)
            shown = section["sentences"]
            for n, s in enumerate(shown):
                following = shown[n + 1] if n + 1 < len(shown) else None
                _sentence(doc, s, [article["number"]], links, None, following)
    doc.add_heading("Sources", level=1)
    for article in data["articles"]:
        paragraph = doc.add_paragraph(style="List Number")
        links.bookmark(paragraph, article["number"])
        parts = [article["title"], article["publisher"], article["published"]]
        paragraph.add_run(", ".join(_clean(p) for p in parts if p) + ". ")
        paragraph.add_run(_clean(article["source"])).font.name = "Consolas"
        url = safe_url(article["url"])
        if url:
            paragraph.add_run(" ")
            links.web(paragraph, url)
    _tool(doc, f"Made by {data['generator']}: every sentence above is quoted from its source.")
    out = io.BytesIO()
    doc.save(out)
    return _dated_zip(out.getvalue(), briefing.date)


def _clean(text: object) -> str:
    """Text Word can hold: one line, controls made visible (XML refuses them)."""
    return printable(" ".join(str(text or "").split()))


def _styles(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    style = doc.styles.add_style(ANALYST_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.italic = True
    style.font.color.rgb = RGBColor(0x7A, 0x56, 0x00)
    style.paragraph_format.left_indent = Pt(18)
    style.paragraph_format.space_after = Pt(6)


def _properties(doc: Any, data: dict[str, Any], day: date) -> None:
    when = datetime.combine(day, time(0, 0), tzinfo=timezone.utc)
    props = doc.core_properties
    props.title = _clean(data["title"])
    props.subject = _clean(data["marking"])
    props.author = data["generator"]
    props.last_modified_by = data["generator"]
    props.comments = f"Made by {data['generator']}; every source sentence is quoted and cited."
    props.created = when
    props.modified = when
    props.revision = 1
    props.category = "briefing"


def _analyst(doc: Any, text: Any) -> None:
    found = paragraphs(text)
    if not found:
        return
    label = doc.add_paragraph(style=ANALYST_STYLE)
    label.add_run(ANALYST_LABEL).bold = True
    for paragraph in found:
        doc.add_paragraph(paragraph, style=ANALYST_STYLE)


def _tool(doc: Any, text: str) -> None:
    doc.add_paragraph().add_run(text).italic = True


def _sentence(
    doc: Any,
    s: dict[str, Any],
    refs: list[int],
    links: _Links,
    style: str | None,
    following: Any = None,
) -> None:
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(_clean(s["text"]))
    speaker = speaker_name(s, following)
    if speaker:
        paragraph.add_run(f" — {_clean(speaker)}").italic = True
    for ref in dict.fromkeys(refs):
        paragraph.add_run(" ")
        links.cite(paragraph, ref)


class _Links:
    """Hyperlinks, which python-docx has no API for: ``w:hyperlink`` with a
    relationship to a web address, or an anchor to a bookmark (a numbered
    source)."""

    def __init__(self) -> None:
        self._bookmarks = 0

    def cite(self, paragraph: Any, number: int) -> None:
        link = self._element(paragraph, f"[{number}]")
        from docx.oxml.ns import qn

        link.set(qn("w:anchor"), _bookmark(number))
        paragraph._p.append(link)

    def web(self, paragraph: Any, url: str) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml.ns import qn

        link = self._element(paragraph, url)
        link.set(
            qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        )
        paragraph._p.append(link)

    def bookmark(self, paragraph: Any, number: int) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self._bookmarks += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), _bookmark(number))
        end.set(qn("w:id"), str(self._bookmarks))
        paragraph._p.append(start)
        paragraph._p.append(end)

    @staticmethod
    def _element(paragraph: Any, text: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        link, run, props = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:rPr")
        colour, underline = OxmlElement("w:color"), OxmlElement("w:u")
        colour.set(qn("w:val"), LINK_COLOUR)
        underline.set(qn("w:val"), "single")
        props.append(colour)
        props.append(underline)
        words = OxmlElement("w:t")
        words.text = text
        words.set(qn("xml:space"), "preserve")
        run.append(props)
        run.append(words)
        link.append(run)
        return link


def _bookmark(number: int) -> str:
    return f"source_{number}"


def _dated_zip(data: bytes, day: date) -> bytes:
    """The document's zip with every entry dated ``day`` (python-docx dates
    them now): the same briefing, the same bytes."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
