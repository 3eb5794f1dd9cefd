"""The record PDF: Chinese text really in the file, court layout, page numbering, determinism."""

import dataclasses
import datetime as dt
import re
import subprocess

import pytest

from signing.pades import signature_fields
from signing.record_pdf import (
    RecordLine,
    RecordSigner,
    Refusal,
    render_record_pdf,
    speaker_label,
    wrap_text,
)
from tests.fixtures.signing import CHINA, sample_document


def pdftotext(pdf: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_header_body_and_signature_area(rendered_record, sample_record):
    text = pdftotext(rendered_record.pdf)
    flat = re.sub(r"\s+", "", text)
    for expected in (
        "示范市中级人民法院",
        "庭审笔录",
        "（2024）示01民初123号",
        "买卖合同纠纷",
        "2024年5月1日9时00分至11时02分",
        "本院第三法庭（数字法庭）",
        "审判长：钱审判",
        "审判员：赵法官",
        "书记员：王书记",
        "原告：张三",
        "被告：示范贸易有限公司",
        "记录如下：",
        "审判长：现在开庭。核对当事人身份",
        "原告张三：我请求判令被告支付货款人民币100,000元",
        "（以下无正文）",
        "签名：",
    ):
        assert expected in flat, expected
    assert f"第1页共{rendered_record.page_count}页" in flat
    # Times of utterances on the recording clock, in the margin.
    assert "00:00:12" in text


def test_fonts_embedded_and_pdfa_declared(rendered_record):
    fonts = subprocess.run(["pdffonts", "-"], input=rendered_record.pdf, capture_output=True, check=True).stdout.decode()
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes yes yes " in line for line in rows), fonts
    assert "NotoSansCJKSC" in fonts
    info = subprocess.run(["pdfinfo", "-"], input=rendered_record.pdf, capture_output=True, check=True).stdout.decode()
    assert "PDF version:     1.7" in info
    meta = subprocess.run(["pdfinfo", "-meta", "-"], input=rendered_record.pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r'pdfaid:part(="|>)2', meta) and re.search(r'pdfaid:conformance(="|>)B', meta), meta


def test_signature_fields_in_court_order(rendered_record):
    names = [s.field_name for s in rendered_record.slots]
    assert names == ["sig01_plaintiff", "sig02_defendant", "sig03_clerk", "sig04_judge", "sig05_presiding_judge"]
    assert signature_fields(rendered_record.pdf) == [(n, False) for n in names]
    last = rendered_record.page_count - 1
    assert all(s.page == last for s in rendered_record.slots)


def test_deterministic(sample_record, rendered_record):
    again = render_record_pdf(sample_record)
    assert again.pdf == rendered_record.pdf
    other = render_record_pdf(dataclasses.replace(sample_record, case_number="（2024）示01民初124号"))
    assert other.sha256 != rendered_record.sha256


def test_long_record_pages(tmp_path):
    # A two-hour hearing: 600 utterances, about 30,000 characters.
    doc = sample_document(lines=600)
    assert sum(len(line.text) for line in doc.lines) > 25_000
    rendered = render_record_pdf(doc)
    info = subprocess.run(["pdfinfo", "-"], input=rendered.pdf, capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == rendered.page_count and pages > 20
    last = pdftotext(rendered.pdf, "-f", str(pages), "-l", str(pages))
    assert f"第 {pages} 页 共 {pages} 页" in last
    second = pdftotext(rendered.pdf, "-f", "2", "-l", "2")
    assert f"第 2 页 共 {pages} 页" in second and re.search(r"（2024）示01民初123号\s+庭审笔录", second)
    # Page images render (the layout was checked by eye on these).
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-", str(tmp_path / "p")], input=rendered.pdf, check=True)
    assert (tmp_path / "p-01.png").stat().st_size > 5_000


def test_kinds_and_refusals():
    base = sample_document(lines=3)
    minutes = render_record_pdf(dataclasses.replace(base, kind="deliberation", parties=[]))
    assert "合议笔录" in re.sub(r"\s+", "", pdftotext(minutes.pdf))
    committee = render_record_pdf(dataclasses.replace(base, kind="committee"))
    assert "审判委员会会议记录" in re.sub(r"\s+", "", pdftotext(committee.pdf))
    refusing = dataclasses.replace(
        base, refusals=[Refusal("defendant", "示范贸易有限公司", "认为笔录第3页记录不完整", dt.datetime(2024, 5, 1, 11, 10, tzinfo=CHINA))]
    )
    rendered = render_record_pdf(refusing)
    flat = re.sub(r"\s+", "", pdftotext(rendered.pdf))
    assert "拒绝签名记录：" in flat
    assert "被告示范贸易有限公司拒绝在笔录上签名，理由：认为笔录第3页记录不完整" in flat
    # The refusing party gets no signature field.
    assert [s.role for s in rendered.slots] == ["plaintiff", "clerk", "judge", "presiding_judge"]
    with pytest.raises(ValueError):
        render_record_pdf(dataclasses.replace(base, kind="verdict"))
    with pytest.raises(ValueError):
        render_record_pdf(dataclasses.replace(base, started_at=dt.datetime(2024, 5, 1, 9, 0)))


def test_explicit_signers_keep_the_given_order():
    doc = sample_document(lines=2, signers=[RecordSigner("clerk", "王书记", "staff-1"), RecordSigner("presiding_judge", "钱审判")])
    rendered = render_record_pdf(doc)
    assert [(s.field_name, s.signer_id) for s in rendered.slots] == [("sig01_clerk", "staff-1"), ("sig02_presiding_judge", None)]


def test_wrap_text_kinsoku():
    width = lambda ch: 1.0  # noqa: E731
    lines = wrap_text("一二三四，五六七八。", 4, width)
    assert lines == ["一二三四，", "五六七八。"]  # the comma hangs, never starts a line
    lines = wrap_text("一二三（四五六", 4, width)
    assert lines[0] == "一二三" and lines[1].startswith("（")  # an opening bracket never ends a line
    assert wrap_text("金额100000元", 6, width) == ["金额", "100000", "元"]  # digits stay together
    assert all(len(line) <= 4 for line in wrap_text("A" * 10, 4, width))


def test_speaker_labels():
    assert speaker_label("presiding_judge", "钱审判") == "审判长"
    assert speaker_label("plaintiff", "张三") == "原告张三"
    assert speaker_label("clerk", "王书记") == "书记员"
    assert RecordLine("审判长", "x").start_s is None


def test_missing_font_fails_clearly(monkeypatch):
    from signing import fonts

    monkeypatch.setenv("COURTROOM_CJK_FONT", "/nonexistent/NotoSansCJK-Regular.ttc")
    with pytest.raises(fonts.FontNotFoundError, match="does not exist"):
        fonts.find_cjk_source()
    monkeypatch.delenv("COURTROOM_CJK_FONT")
    monkeypatch.setattr(fonts, "_CANDIDATES", ("/nonexistent/a.ttc",))
    with pytest.raises(fonts.FontNotFoundError, match="fonts-noto-cjk"):
        fonts.find_cjk_source()
