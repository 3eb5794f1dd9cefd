"""Tampering with a signed record is caught, each case with its own reason."""

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from signing.ca import CourtCA
from signing.verify import parse_pdfsig, run_pdfsig, verify_pdf


def codes(report) -> set[str]:
    return {p.code for p in report.problems}


def page_content_offset(pdf: bytes) -> int:
    """An offset inside the first page's content stream (covered by every signature)."""
    return pdf.index(b"stream\n", pdf.index(b"/Length")) + 200


def test_flipped_byte(signed_record, court_ca):
    pdf = bytearray(signed_record.pdf)
    pdf[page_content_offset(signed_record.pdf)] ^= 0x01
    report = verify_pdf(bytes(pdf), court_ca.cert)
    assert not report.ok
    assert codes(report) == {"signature_broken"}
    assert {p.where for p in report.problems} == {s.field_name for s in signed_record.rendered.slots}
    # pdfsig agrees, but only in its text: its exit status stays 0.
    sig = run_pdfsig(bytes(pdf))
    assert sig.returncode == 0 and not sig.ok
    assert all(s.validation == "Digest Mismatch." for s in sig.signatures)


def test_flipped_byte_in_last_revision_only(signed_record, court_ca):
    # Inside the stamp of the presiding judge's revision: only that signature covers it.
    prev_eof = signed_record.pdf.rindex(b"%%EOF", 0, len(signed_record.pdf) - 10)
    offset = signed_record.pdf.index(b"stream\n", prev_eof) + 30
    pdf = bytearray(signed_record.pdf)
    pdf[offset] ^= 0x01
    report = verify_pdf(bytes(pdf), court_ca.cert)
    assert [(p.code, p.where) for p in report.problems] == [("signature_broken", "sig05_presiding_judge")]


def test_appended_revision_rewriting_a_page(signed_record, court_ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_record.pdf))
    page_ref = writer.find_page_for_modification(0)[0]
    page = page_ref.get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (FORGED) Tj ET"))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    forged = out.getvalue()
    report = verify_pdf(forged, court_ca.cert)
    assert not report.ok
    assert codes(report) == {"modified_after_signing", "unsigned_revision"}
    assert {p.where for p in report.problems if p.code == "modified_after_signing"} == {
        s.field_name for s in signed_record.rendered.slots
    }
    # pdfsig does not notice: every digest still matches what it signed.
    sig = run_pdfsig(forged)
    assert sig.ok and not sig.signatures[-1].total_document_signed


def test_harmless_looking_appended_revision_still_reported(signed_record, court_ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_record.pdf))
    writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue(), court_ca.cert)
    assert "unsigned_revision" in codes(report)


def test_untrusted_ca(signed_record):
    report = verify_pdf(signed_record.pdf, CourtCA.create("别的法院").cert)
    assert codes(report) == {"untrusted_signer"}


def test_incomplete_record(rendered_record, court_ca):
    report = verify_pdf(rendered_record.pdf, court_ca.cert)
    assert codes(report) == {"no_signatures", "missing_signatures"}
    assert verify_pdf(b"not a pdf", court_ca.cert).problems[0].code == "pdf_unreadable"


def test_parse_pdfsig_text():
    text = """Digital Signature Info of: x.pdf
Signature #1:
  - Signature Field Name: sig01_plaintiff
  - Signer Certificate Common Name: 张三
  - Signed Ranges: [0 - 10], [20 - 30]
  - Not total document signed
  - Signature Validation: Digest Mismatch.
Signature #2:
  - Signature Field Name: sig02_clerk
  - Signed Ranges: [0 - 40], [50 - 60]
  - Total document signed
  - Signature Validation: Signature is Valid.
"""
    report = parse_pdfsig(text)
    assert [s.field_name for s in report.signatures] == ["sig01_plaintiff", "sig02_clerk"]
    assert [s.valid for s in report.signatures] == [False, True]
    assert report.signatures[1].total_document_signed and not report.signatures[0].total_document_signed
    assert not report.ok
    assert not parse_pdfsig("File 'x.pdf' does not contain any signatures\n").ok
    partial = parse_pdfsig(text.replace("Digest Mismatch.", "Signature is Valid.") + """Signature #3:
  - Signature Field Name: sig03_judge
  The signature form field is not signed.
""")
    assert partial.ok and [s.signed for s in partial.signatures] == [True, True, False]
