"""The hearing record (庭审笔录) as a PDF, laid out the way Chinese courts write it.

Header block (court, title, case number, cause, time, place, panel, clerk, parties),
then the body, one utterance per paragraph ("审判长：……"), the refusals to sign, and a
signature area with one empty signature field per required signer, in the court's
signing order. Every page carries "第 X 页 共 Y 页".

Minutes of a closed session (合议笔录, 审判委员会会议记录: kind deliberation / committee)
carry, after the discussion, the questions put, every member's vote on each, the result
by majority, the minority named with its opinion (少数意见), and each member's opinion
(`MinutesContent`). They are signed by every member (and the clerk or secretary who
recorded them), presiding member last.

Rendering is deterministic: the same `RecordDocument` gives the same bytes (creation
date, XMP dates and the file ID come from the input), so a record's hash can be
reproduced. The output declares PDF/A-2b (fpdf2's compliance mode: embedded fonts,
sRGB output intent, XMP identification); no PDF/A validator (veraPDF) ran here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
from typing import Literal, Sequence

from fpdf import FPDF
from fpdf.fonts import TTFFont

from signing.fonts import cjk_font_path, skip_cff_seac_closure
from signing.pades import add_signature_fields
from signing.roles import PANEL_ROLES, ROLE_LABELS, role_label, signing_order

RecordKind = Literal["hearing", "deliberation", "committee"]

TITLES: dict[str, str] = {
    "hearing": "庭审笔录",
    "deliberation": "合议笔录",
    "committee": "审判委员会会议记录",
}

PRODUCER = "courtroom-server signing.record_pdf"


@dataclasses.dataclass(frozen=True)
class Person:
    """Someone named in the header: role identifier (see signing.roles), name, optional detail."""

    role: str
    name: str
    detail: str = ""  # e.g. "北京某律师事务所律师" or "原告张三的委托诉讼代理人"


@dataclasses.dataclass(frozen=True)
class RecordLine:
    speaker_label: str  # "审判长", "原告张三"
    text: str
    start_s: float | None = None  # seconds on the recording clock


@dataclasses.dataclass(frozen=True)
class Refusal:
    """A refusal to sign, written into the record with its reason."""

    role: str
    name: str
    reason: str
    at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class Vote:
    """One member's vote on one question: choice label (同意 / 不同意 / 弃权) and reason."""

    role: str
    name: str
    choice_label: str
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class QuestionMinutes:
    number: int
    text: str
    votes: Sequence[Vote]
    counts: str  # "同意 2 票，不同意 1 票，弃权 0 票"
    outcome_label: str  # 通过 / 未通过 / 未形成多数意见
    majority_label: str | None  # the choice of the majority, None without one
    minority: Sequence[Vote] = ()


@dataclasses.dataclass(frozen=True)
class Opinion:
    """A member's opinion, on one question (its number) or on the case (None), with the
    times of the transcript lines it points at."""

    role: str
    name: str
    text: str
    question_number: int | None = None
    quoted_at: Sequence[float] = ()


@dataclasses.dataclass(frozen=True)
class MinutesContent:
    questions: Sequence[QuestionMinutes] = ()
    opinions: Sequence[Opinion] = ()


@dataclasses.dataclass(frozen=True)
class RecordSigner:
    role: str
    name: str
    signer_id: str | None = None


@dataclasses.dataclass(frozen=True)
class RecordDocument:
    court_name: str
    kind: RecordKind
    case_number: str
    cause: str
    place: str
    started_at: dt.datetime
    ended_at: dt.datetime
    panel: Sequence[Person]
    clerk: Person | None
    parties: Sequence[Person]
    lines: Sequence[RecordLine]
    refusals: Sequence[Refusal] = ()
    # Who must sign, in the court's order. Empty: everyone named, in signing order.
    signers: Sequence[RecordSigner] = ()
    show_times: bool = True
    pdfa: bool = True
    minutes: MinutesContent | None = None  # closed sessions: questions, votes, opinions


@dataclasses.dataclass(frozen=True)
class SignatureSlot:
    """An empty signature field the renderer placed for one signer."""

    field_name: str
    role: str
    name: str
    signer_id: str | None
    page: int  # 0-based
    box: tuple[float, float, float, float]  # PDF points, (x1, y1, x2, y2), origin bottom-left


@dataclasses.dataclass(frozen=True)
class RenderedRecord:
    pdf: bytes
    slots: tuple[SignatureSlot, ...]
    page_count: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()

    def slot(self, field_name: str) -> SignatureSlot:
        for slot in self.slots:
            if slot.field_name == field_name:
                return slot
        raise KeyError(field_name)


def speaker_label(role: str, name: str | None = None) -> str:
    """Body-line label: the panel and clerk by office ("审判长"), others by office and name ("原告张三")."""
    label = ROLE_LABELS.get(role, role)
    if role in PANEL_ROLES or role in ("clerk", "judge_assistant") or not name:
        return label
    return f"{label}{name}"


def field_name_for(index: int, signer: RecordSigner) -> str:
    return f"sig{index + 1:02d}_{signer.role}"


def default_signers(doc: RecordDocument) -> list[RecordSigner]:
    people = list(doc.parties) + ([doc.clerk] if doc.clerk else []) + list(doc.panel)
    return [RecordSigner(p.role, p.name) for p in signing_order(people)]


# -- line breaking -------------------------------------------------------------------

# 避头尾: these never start a line (they hang into the margin instead) ...
_NO_LINE_START = set("，。、；：？！）】》」』〉”’…—·%‰,.;:?!)]}>")
# ... and these never end one.
_NO_LINE_END = set("（【《「『〈“‘([{<")


def _tokens(text: str) -> list[str]:
    """Characters, except that runs of Latin letters/digits stay whole."""
    out: list[str] = []
    run = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "._-/:@"):
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        out.append(ch)
    if run:
        out.append(run)
    return out


def wrap_text(text: str, width: float, char_width) -> list[str]:
    """Greedy wrap for CJK with kinsoku; `char_width(ch)` in the same unit as `width`."""
    lines: list[str] = []
    for paragraph in text.replace("\r", "").split("\n"):
        line: list[str] = []
        used = 0.0
        for tok in _tokens(paragraph):
            w = sum(char_width(c) for c in tok)
            if used + w <= width or not line:
                if w > width and len(tok) > 1:  # an overlong Latin run: split by character
                    for c in tok:
                        cw = char_width(c)
                        if used + cw > width and line:
                            lines.append("".join(line))
                            line, used = [], 0.0
                        line.append(c)
                        used += cw
                    continue
                line.append(tok)
                used += w
                continue
            if tok[0] in _NO_LINE_START:
                line.append(tok)  # hanging punctuation
                lines.append("".join(line))
                line, used = [], 0.0
                continue
            carry: list[str] = []
            while line and line[-1][-1] in _NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line))
            line = carry + [tok]
            used = sum(char_width(c) for t in line for c in t)
        if line or not lines or paragraph == "":
            lines.append("".join(line))
    return lines


# -- rendering -------------------------------------------------------------------------

_FONT = "NotoSansSC"
_MARGIN_L = 25.0
_MARGIN_R = 20.0
_MARGIN_T = 22.0
_MARGIN_B = 22.0
_BODY_PT = 12.0
_LINE_MM = 7.2
_SLOT_W = 78.0
_SLOT_H = 18.0
_MM = 72.0 / 25.4


def _fmt_date(t: dt.datetime) -> str:
    return f"{t.year}年{t.month}月{t.day}日"


def _fmt_time(t: dt.datetime) -> str:
    return f"{t.hour}时{t.minute:02d}分"


def format_period(start: dt.datetime, end: dt.datetime) -> str:
    if start.date() == end.date():
        return f"{_fmt_date(start)} {_fmt_time(start)}至{_fmt_time(end)}"
    return f"{_fmt_date(start)} {_fmt_time(start)}至{_fmt_date(end)} {_fmt_time(end)}"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _xmp(doc: RecordDocument, title: str, created: dt.datetime) -> str:
    stamp = created.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    pdfa = "      <pdfaid:part>2</pdfaid:part>\n      <pdfaid:conformance>B</pdfaid:conformance>\n" if doc.pdfa else ""
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        f'    xmp:CreateDate="{stamp}" xmp:ModifyDate="{stamp}" xmp:MetadataDate="{stamp}"\n'
        f'    xmp:CreatorTool="{PRODUCER}" pdf:Producer="{PRODUCER}">\n'
        f"{pdfa}"
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{esc(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"   <dc:creator><rdf:Seq><rdf:li>{esc(doc.court_name)}</rdf:li></rdf:Seq></dc:creator>\n"
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{esc(doc.case_number)}</rdf:li></rdf:Alt></dc:description>\n'
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>"
    )


class _RecordPdf(FPDF):
    def __init__(self, doc: RecordDocument, title: str) -> None:
        super().__init__(format="A4", unit="mm", enforce_compliance="PDF/A-2B" if doc.pdfa else None)
        self.doc = doc
        self.record_title = title
        self.set_margins(_MARGIN_L, _MARGIN_T, _MARGIN_R)
        self.set_auto_page_break(False)
        self.add_font(_FONT, "", str(cjk_font_path()))
        # fpdf2 embeds the subset's CFF table, compiled on its own; recomputing the
        # font bounding box on the way (fontTools' default) runs every glyph program
        # and cost 4 of 6 s for a 2,000-glyph record. The full face's box still bounds
        # the subset.
        ttfont = self.cjk_font().ttfont
        ttfont.recalcBBoxes = False
        skip_cff_seac_closure(ttfont)
        self.alias_nb_pages("{nb}")

    def cjk_font(self) -> TTFFont:
        font = self.fonts[_FONT.lower()]
        if not isinstance(font, TTFFont):  # added from its file above, never a core font
            raise TypeError(f"{_FONT} is not an embedded TrueType font")
        return font

    def text_line(self, text: str, x: float = _MARGIN_L) -> None:
        """One line of text at the current y, then move down a line (much cheaper than cell())."""
        y = self.get_y()
        self.text(x, y + 0.5 * _LINE_MM + 0.3 * self.font_size, text)
        self.set_xy(_MARGIN_L, y + _LINE_MM)

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(_FONT, size=9)
            self.set_text_color(90)
            self.set_xy(_MARGIN_L, 10)
            self.cell(self.epw, 5, f"{self.doc.case_number}  {self.record_title}", align="R")
            self.set_draw_color(160)
            self.line(_MARGIN_L, 16, self.w - _MARGIN_R, 16)
            self.set_text_color(0)
        self.set_xy(_MARGIN_L, _MARGIN_T)

    def footer(self) -> None:
        self.set_font(_FONT, size=10)
        self.set_text_color(0)
        self.set_xy(_MARGIN_L, self.h - 14)
        self.cell(self.epw, 6, f"第 {self.page_no()} 页 共 {{nb}} 页", align="C")

    # The body is placed line by line; we break pages ourselves.
    def ensure_room(self, height: float) -> None:
        if self.get_y() + height > self.h - _MARGIN_B:
            self.add_page()


def render_record_pdf(doc: RecordDocument) -> RenderedRecord:
    """Render the record and add one empty signature field per required signer."""
    if doc.kind not in TITLES:
        raise ValueError(f"unknown record kind {doc.kind!r}; expected one of {', '.join(TITLES)}")
    for t in (doc.started_at, doc.ended_at):
        if t.tzinfo is None:
            raise ValueError("started_at/ended_at must be timezone-aware")
    if doc.ended_at < doc.started_at:
        raise ValueError("ended_at is before started_at")
    title = TITLES[doc.kind]
    pdf = _RecordPdf(doc, title)
    created = doc.ended_at
    pdf.set_creation_date(created)
    pdf.set_title(f"{doc.case_number} {title}")
    pdf.set_author(doc.court_name)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    pdf.set_lang("zh-CN")
    pdf.set_xmp_metadata(_xmp(doc, f"{doc.case_number} {title}", created))
    pdf.add_page()

    widths = pdf.cjk_font().cw

    def char_width_mm(size_pt: float):
        scale = size_pt / 1000.0 / _MM
        return lambda ch: widths[ord(ch)] * scale

    # -- heading
    pdf.set_font(_FONT, size=16)
    pdf.cell(pdf.epw, 9, doc.court_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, size=22)
    pdf.cell(pdf.epw, 13, " ".join(title) if len(title) <= 4 else title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    # -- particulars
    fields: list[tuple[str, str]] = [
        ("案号", doc.case_number),
        ("案由", doc.cause),
        ("时间", format_period(doc.started_at, doc.ended_at)),
        ("地点", doc.place),
    ]
    for p in doc.panel:
        fields.append((role_label(p.role), p.name + (f"（{p.detail}）" if p.detail else "")))
    if doc.clerk:
        fields.append(("书记员", doc.clerk.name))
    for p in doc.parties:
        fields.append((role_label(p.role), p.name + (f"，{p.detail}" if p.detail else "")))
    label_w = 30.0
    head_cw = char_width_mm(_BODY_PT)
    pdf.set_font(_FONT, size=_BODY_PT)
    for label, value in fields:
        wrapped = wrap_text(value, pdf.epw - label_w, head_cw)
        pdf.ensure_room(_LINE_MM * len(wrapped))
        pdf.cell(label_w, _LINE_MM, f"{_justify_label(label)}：")
        for i, part in enumerate(wrapped):
            if i:
                pdf.set_x(_MARGIN_L + label_w)
            pdf.cell(pdf.epw - label_w, _LINE_MM, part, new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 2
    pdf.set_draw_color(0)
    pdf.line(_MARGIN_L, y, pdf.w - _MARGIN_R, y)
    pdf.set_y(y + 3)
    talk = "讨论" if doc.kind == "committee" else "评议"
    pdf.cell(pdf.epw, _LINE_MM, "记录如下：" if doc.kind == "hearing" else f"{talk}记录如下：",
             new_x="LMARGIN", new_y="NEXT")

    # -- body
    body_cw = char_width_mm(_BODY_PT)
    for line in doc.lines:
        text = f"{line.speaker_label}：{line.text.strip()}"
        wrapped = wrap_text(text, pdf.epw, body_cw)
        for i, part in enumerate(wrapped):
            pdf.ensure_room(_LINE_MM)
            if i == 0 and doc.show_times and line.start_s is not None:
                y = pdf.get_y()
                pdf.set_font(_FONT, size=7)
                pdf.set_text_color(110)
                pdf.text(6, y + 0.5 * _LINE_MM + 0.3 * pdf.font_size, _clock(line.start_s))
                pdf.set_text_color(0)
                pdf.set_font(_FONT, size=_BODY_PT)
            pdf.text_line(part)
        pdf.set_y(pdf.get_y() + 0.8)

    if doc.minutes is not None:
        _render_minutes(pdf, doc, doc.minutes, char_width_mm(_BODY_PT))

    # -- refusals
    refused = {(r.role, r.name) for r in doc.refusals}
    if doc.refusals:
        pdf.ensure_room(_LINE_MM * 2)
        pdf.ln(2)
        pdf.cell(pdf.epw, _LINE_MM, "拒绝签名记录：", new_x="LMARGIN", new_y="NEXT")
        for r in doc.refusals:
            when = f"（{_fmt_date(r.at)} {_fmt_time(r.at)}）" if r.at else ""
            text = f"{role_label(r.role)}{r.name}拒绝在笔录上签名，理由：{r.reason.strip()}{when}"
            for part in wrap_text(text, pdf.epw, body_cw):
                pdf.ensure_room(_LINE_MM)
                pdf.text_line(part)
    pdf.ensure_room(_LINE_MM)
    pdf.cell(pdf.epw, _LINE_MM, "（以下无正文）", align="C", new_x="LMARGIN", new_y="NEXT")

    # -- signature area: two slots a row, parties, then clerk, then judges
    signers = list(doc.signers) or default_signers(doc)
    slots: list[SignatureSlot] = []
    rows = (len(signers) + 1) // 2
    pdf.ensure_room(_LINE_MM + min(rows, 2) * (_SLOT_H + 8))
    pdf.ln(3)
    pdf.cell(pdf.epw, _LINE_MM, "签名：", new_x="LMARGIN", new_y="NEXT")
    for index, signer in enumerate(signers):
        col = index % 2
        if col == 0:
            pdf.ensure_room(_SLOT_H + 8)
            row_y = pdf.get_y()
        x = _MARGIN_L + col * (_SLOT_W + (pdf.epw - 2 * _SLOT_W))
        pdf.set_font(_FONT, size=10)
        pdf.set_xy(x, row_y)
        label = f"{role_label(signer.role)}：{signer.name}"
        pdf.cell(_SLOT_W, 5, label)
        box_top = row_y + 5.5
        if (signer.role, signer.name) in refused:
            pdf.set_xy(x, box_top + _SLOT_H / 2 - 3)
            pdf.set_text_color(150, 0, 0)
            pdf.cell(_SLOT_W, 6, "拒绝签名（见拒绝签名记录）", align="C")
            pdf.set_text_color(0)
        else:
            pdf.set_draw_color(170)
            pdf.set_dash_pattern(dash=1, gap=1)
            pdf.rect(x, box_top, _SLOT_W, _SLOT_H)
            pdf.set_dash_pattern()
            page_h_pt = pdf.h * _MM
            slots.append(
                SignatureSlot(
                    field_name=field_name_for(index, signer),
                    role=signer.role,
                    name=signer.name,
                    signer_id=signer.signer_id,
                    page=pdf.page_no() - 1,
                    box=(
                        round(x * _MM, 2),
                        round(page_h_pt - (box_top + _SLOT_H) * _MM, 2),
                        round((x + _SLOT_W) * _MM, 2),
                        round(page_h_pt - box_top * _MM, 2),
                    ),
                )
            )
        if col == 1 or index == len(signers) - 1:
            pdf.set_xy(_MARGIN_L, box_top + _SLOT_H + 3)
    pdf.set_font(_FONT, size=_BODY_PT)
    page_count = pdf.page_no()
    raw = bytes(pdf.output())

    with_fields = add_signature_fields(raw, slots, fixed_time=created)
    return RenderedRecord(pdf=with_fields, slots=tuple(slots), page_count=page_count)


_NUMERALS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五 (question numbers)."""
    if n <= 10:
        return _NUMERALS[n]
    if n < 20:
        return "十" + (_NUMERALS[n % 10] if n % 10 else "")
    if n < 100:
        return _NUMERALS[n // 10] + "十" + (_NUMERALS[n % 10] if n % 10 else "")
    return str(n)


def _person_label(role: str, name: str) -> str:
    return f"{role_label(role)}{name}"


def _render_minutes(pdf: "_RecordPdf", doc: RecordDocument, minutes: MinutesContent, char_width) -> None:
    """Questions with every vote and the result, the minority by name, each member's opinion."""
    talk = "讨论" if doc.kind == "committee" else "评议"

    def paragraph(text: str, indent: float = 0.0) -> None:
        for part in wrap_text(text, pdf.epw - indent, char_width):
            pdf.ensure_room(_LINE_MM)
            pdf.text_line(part, x=_MARGIN_L + indent)

    def heading(text: str) -> None:
        pdf.ensure_room(_LINE_MM * 3)
        pdf.ln(2)
        pdf.set_font(_FONT, size=_BODY_PT + 1)
        pdf.cell(pdf.epw, _LINE_MM, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(_FONT, size=_BODY_PT)

    if minutes.questions:
        heading(f"{talk}事项及表决情况：")
        for q in minutes.questions:
            paragraph(f"{chinese_number(q.number)}、{talk}事项：{q.text.strip()}")
            votes = "；".join(f"{_person_label(v.role, v.name)}：{v.choice_label}" for v in q.votes)
            paragraph(f"表决：{votes}。", indent=7)
            if q.majority_label:
                paragraph(f"结果：{q.counts}。按照少数服从多数的原则，多数意见为“{q.majority_label}”，{q.outcome_label}。",
                          indent=7)
            else:
                paragraph(f"结果：{q.counts}。{q.outcome_label}。", indent=7)
            by_member = {(o.role, o.name): o for o in minutes.opinions if o.question_number == q.number}
            if q.minority:
                for v in q.minority:
                    own = by_member.get((v.role, v.name))
                    reason = own.text.strip() if own else v.reason.strip()
                    paragraph(f"少数意见：{_person_label(v.role, v.name)}（{v.choice_label}）"
                              + (f"：{reason}" if reason else "。"), indent=7)
            elif q.majority_label:
                paragraph("少数意见：无。", indent=7)
            pdf.set_y(pdf.get_y() + 1)

    if minutes.opinions:
        heading("各成员意见：")
        for o in minutes.opinions:
            on = f"（就{talk}事项{chinese_number(o.question_number)}）" if o.question_number else ""
            cited = ""
            if o.quoted_at:
                cited = "（见" + "、".join(_clock(t) for t in o.quoted_at) + "发言）"
            paragraph(f"{_person_label(o.role, o.name)}{on}：{o.text.strip()}{cited}")
            pdf.set_y(pdf.get_y() + 0.8)


def _justify_label(label: str) -> str:
    """Spread a 2- or 3-character label over four character widths, as court forms do."""
    if len(label) == 2:
        return f"{label[0]}\u3000\u3000{label[1]}"
    if len(label) == 3:
        return f"{label[0]}\u2002{label[1]}\u2002{label[2]}"
    return label
