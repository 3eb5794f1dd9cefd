"""PAdES signing: five signers (two with keys outside the server), checked by pdfsig and pyHanko."""

import dataclasses
import shutil
import subprocess
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from signing import pades
from signing.ca import CourtCA
from signing.pades import ExternalSignatureError, SigningError, StampInfo
from signing.record_pdf import render_record_pdf
from signing.verify import run_pdfsig, verify_pdf
from tests.fixtures.signing import sample_document, webcrypto_sign


def test_five_signers_accepted_by_pyhanko(signed_record, court_ca):
    report = verify_pdf(signed_record.pdf, court_ca.cert)
    assert report.ok, [str(p) for p in report.problems]
    assert [s.field_name for s in report.signatures] == [s.field_name for s in signed_record.rendered.slots]
    assert report.signers == ["张三", "示范贸易有限公司", "王书记", "赵法官", "钱审判"]
    assert [s.signer_role for s in report.signatures] == ["原告", "被告", "书记员", "审判员", "审判长"]
    assert all(s.intact and s.valid and s.trusted for s in report.signatures)
    # Each signature closes its own revision; only the last covers the whole file.
    assert [s.revision for s in report.signatures] == [2, 3, 4, 5, 6]
    assert [s.coverage for s in report.signatures] == ["entire_revision"] * 4 + ["entire_file"]
    assert all(s.modification_level in ("form_filling", "none") for s in report.signatures)
    assert not report.unsigned_fields


def test_five_signers_accepted_by_pdfsig(signed_record):
    report = run_pdfsig(signed_record.pdf)
    assert report.ok, report.text
    assert [s.field_name for s in report.signatures] == [s.field_name for s in signed_record.rendered.slots]
    assert all(s.validation == "Signature is Valid." for s in report.signatures)
    assert report.signatures[-1].total_document_signed
    assert "ETSI.CAdES.detached" in report.text  # PAdES


def test_pdfsig_trusts_the_chain_to_the_court_ca_only(signed_record, court_ca, court_ca_pem):
    """pdfsig with an NSS database holding only the court CA: every signer chains to it;
    against another court's CA the same signatures are still intact but not trusted."""
    report = run_pdfsig(signed_record.pdf, trust=court_ca_pem)
    assert report.trusted and len(report.signed) == 5, report.text
    assert report.text.count("Certificate is Trusted.") == 5
    stranger = CourtCA.create("另一中级人民法院")
    report = run_pdfsig(signed_record.pdf, trust=stranger.cert)
    assert report.ok and not report.trusted, report.text
    assert not any(s.trusted for s in report.signed)


def test_five_signers_accepted_by_pyhanko_cli(signed_record, court_ca_pem, tmp_path):
    exe = shutil.which("pyhanko")
    if exe is None:
        pytest.skip("pyhanko CLI not installed (pip install pyhanko-cli)")
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(signed_record.pdf)
    proc = subprocess.run(
        [exe, "sign", "validate", "--trust", str(court_ca_pem), "--trust-replace", "--executive-summary", str(pdf)],
        capture_output=True, text=True, timeout=120,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("sig")]
    assert len(lines) == 5 and all(line.endswith(":VALID") for line in lines), proc.stdout + proc.stderr
    assert proc.returncode == 0


def test_stays_pdf_17_and_keeps_pdfa_identification(signed_record):
    info = subprocess.run(["pdfinfo", "-"], input=signed_record.pdf, capture_output=True, check=True).stdout.decode()
    assert "PDF version:     1.7" in info
    meta = subprocess.run(["pdfinfo", "-meta", "-"], input=signed_record.pdf, capture_output=True, check=True).stdout.decode()
    assert 'pdfaid:part="2"' in meta or "<pdfaid:part>2" in meta


def test_stamp_text_visible(signed_record):
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=signed_record.pdf, capture_output=True, check=True).stdout.decode()
    assert "审判长：钱审判" in text and "签名时间：" in text


def test_order_is_enforced(court_ca, rendered_record):
    key, cert = court_ca.issue_server_held_key("钱审判", "presiding_judge")
    with pytest.raises(SigningError, match="signs after sig01_plaintiff"):
        pades.sign_pdf(rendered_record.pdf, key, cert, court_ca.cert, "sig05_presiding_judge", StampInfo("钱审判", "审判长"))
    with pytest.raises(SigningError, match="no signature field"):
        pades.sign_pdf(rendered_record.pdf, key, cert, court_ca.cert, "nope", StampInfo("钱审判", "审判长"))


def test_field_created_on_the_fly(court_ca):
    rendered = render_record_pdf(sample_document(lines=2, signers=[]))
    pdf = rendered.pdf
    for slot in rendered.slots:
        key, cert = court_ca.issue_server_held_key(slot.name, slot.role)
        pdf = pades.sign_pdf(pdf, key, cert, court_ca.cert, slot.field_name, StampInfo(slot.name, "x"))
    key, cert = court_ca.issue_server_held_key("孙助理", "judge_assistant")
    pdf = pades.sign_pdf(
        pdf, key, cert, court_ca.cert, "extra", StampInfo("孙助理", "法官助理"),
        new_field=pades.FieldPlacement(page=-1, box=(300, 100, 520, 150)),
    )
    report = verify_pdf(pdf, court_ca.cert)
    assert report.ok, [str(p) for p in report.problems]
    assert report.signatures[-1].field_name == "extra"


def test_wrong_key_or_foreign_certificate_refused(court_ca, rendered_record):
    from signing.ca import CourtCA

    key, cert = court_ca.issue_server_held_key("张三", "plaintiff")
    other_key, _ = court_ca.issue_server_held_key("张三", "plaintiff")
    with pytest.raises(SigningError, match="does not match"):
        pades.sign_pdf(rendered_record.pdf, other_key, cert, court_ca.cert, "sig01_plaintiff", StampInfo("张三", "原告"))
    foreign_key, foreign_cert = CourtCA.create("别的法院").issue_server_held_key("张三", "plaintiff")
    with pytest.raises(SigningError, match="not issued by the court CA"):
        pades.sign_pdf(rendered_record.pdf, foreign_key, foreign_cert, court_ca.cert, "sig01_plaintiff", StampInfo("张三", "原告"))


@pytest.fixture(scope="module")
def prepared(court_ca, rendered_record):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = court_ca.issue_certificate(key.public_key(), name="张三", role="plaintiff")
    return key, pades.prepare_external(rendered_record.pdf, cert, court_ca.cert, "sig01_plaintiff", StampInfo("张三", "原告"))


def test_prepared_signature_is_consistent(prepared, rendered_record):
    key, prep = prepared
    assert pades.byte_range_digest(prep.prepared_pdf, prep.byte_range) == prep.document_digest
    a, b, c, d = prep.byte_range
    assert a == 0 and c + d == len(prep.prepared_pdf)
    assert prep.prepared_pdf[b : b + 1] == b"<" and set(prep.prepared_pdf[b + 1 : c - 1]) == {ord("0")}
    assert prep.to_be_signed[0] == 0x31  # DER SET: what CMS signs
    assert prep.document_digest in prep.to_be_signed
    assert prep.input_sha256 == rendered_record.sha256
    again = pades.PreparedSignature.from_json(prep.to_json())
    assert again == prep


def test_finish_refuses_bad_signature(prepared, rendered_record):
    key, prep = prepared
    other = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(ExternalSignatureError, match="does not verify"):
        pades.finish_external(prep, webcrypto_sign(other, prep.to_be_signed))
    with pytest.raises(ExternalSignatureError, match="does not verify"):
        pades.finish_external(prep, webcrypto_sign(key, prep.to_be_signed + b"x"))
    with pytest.raises(ExternalSignatureError, match="64-byte"):
        pades.finish_external(prep, b"\x30" * 70)


def test_finish_refuses_changed_document(prepared, rendered_record):
    key, prep = prepared
    good = webcrypto_sign(key, prep.to_be_signed)
    with pytest.raises(ExternalSignatureError, match="changed since"):
        pades.finish_external(prep, good, current_pdf=rendered_record.pdf + b"\n")
    tampered = bytearray(prep.prepared_pdf)
    tampered[100] ^= 1
    with pytest.raises(ExternalSignatureError, match="does not match its digest"):
        pades.finish_external(dataclasses.replace(prep, prepared_pdf=bytes(tampered)), good)
    with pytest.raises(ExternalSignatureError, match="expired"):
        pades.finish_external(dataclasses.replace(prep, created_at=time.time() - 3600), good)
    signed = pades.finish_external(prep, good, current_pdf=rendered_record.pdf)
    assert pades.signature_fields(signed)[0] == ("sig01_plaintiff", True)


def test_proof_of_possession():
    key = ec.generate_private_key(ec.SECP256R1())
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    nonce = bytes(range(32))
    sig = webcrypto_sign(key, pades.possession_message(spki, nonce))
    assert pades.verify_possession(spki, nonce, sig)
    assert not pades.verify_possession(spki, bytes(32), sig)
    assert not pades.verify_possession(spki, nonce, sig[:-1] + bytes([sig[-1] ^ 1]))
    assert not pades.verify_possession(spki, nonce, sig[:10])
    p384 = ec.generate_private_key(ec.SECP384R1()).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(ValueError):
        pades.verify_possession(p384, nonce, sig)
    with pytest.raises(ValueError):
        pades.verify_possession(spki, b"short", sig)


def test_refusal_is_signed_by_the_clerk(court_ca):
    rendered = render_record_pdf(sample_document(lines=2))
    clerk_key, clerk_cert = court_ca.issue_server_held_key("王书记", "clerk")
    key, cert = court_ca.issue_server_held_key("张三", "plaintiff")
    pdf = pades.sign_pdf(rendered.pdf, key, cert, court_ca.cert, "sig01_plaintiff", StampInfo("张三", "原告"))
    pdf = pades.sign_refusal(
        pdf, clerk_key, clerk_cert, court_ca.cert, "sig02_defendant",
        refuser_name="示范贸易有限公司", refuser_role_label="被告", reason="认为笔录未记录其全部质证意见",
        recorded_by=StampInfo("王书记", "书记员"),
    )
    pdf = pades.sign_pdf(pdf, clerk_key, clerk_cert, court_ca.cert, "sig03_clerk", StampInfo("王书记", "书记员"))
    report = verify_pdf(pdf, court_ca.cert, require_all_signed=False)
    assert report.ok, [str(p) for p in report.problems]
    refusal = report.signatures[1]
    assert refusal.refusal and refusal.signer_name == "王书记"
    assert refusal.reason == "拒绝签名：被告示范贸易有限公司：认为笔录未记录其全部质证意见"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "被告示范贸易有限公司拒绝签名" in text
    with pytest.raises(SigningError, match="reason"):
        pades.sign_refusal(pdf, clerk_key, clerk_cert, court_ca.cert, "sig04_judge", refuser_name="x",
                           refuser_role_label="x", reason=" ", recorded_by=StampInfo("王书记", "书记员"))


def test_blocking_api_refuses_running_loop(rendered_record, court_ca):
    import asyncio

    key, cert = court_ca.issue_server_held_key("张三", "plaintiff")

    async def inside():
        pades.sign_pdf(rendered_record.pdf, key, cert, court_ca.cert, "sig01_plaintiff", StampInfo("张三", "原告"))

    with pytest.raises(RuntimeError, match="to_thread"):
        asyncio.run(inside())


def openssl_verifies_timestamps(pdf: bytes, tsa_root_pem, tmp_path) -> int:
    """`openssl ts -verify` on each signature's time-stamp token, over that signature's value
    (RFC 3161 in CMS: the token's imprint is the SignerInfo's signature). Returns how many verified."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    verified = 0
    for i, emb in enumerate(PdfFileReader(io.BytesIO(pdf)).embedded_regular_signatures):
        attrs = {a["type"].native: a for a in emb.signer_info["unsigned_attrs"]}
        token = attrs["signature_time_stamp_token"]["values"][0]
        (tmp_path / f"tst{i}.der").write_bytes(token.dump())
        (tmp_path / f"sig{i}.bin").write_bytes(emb.signer_info["signature"].native)
        proc = subprocess.run(
            ["openssl", "ts", "-verify", "-data", str(tmp_path / f"sig{i}.bin"), "-in", str(tmp_path / f"tst{i}.der"),
             "-token_in", "-CAfile", str(tsa_root_pem)], capture_output=True, text=True, timeout=30)
        assert proc.returncode == 0 and "Verification: OK" in proc.stdout, proc.stdout + proc.stderr
        verified += 1
    return verified


def test_rfc3161_timestamp_from_an_http_tsa(court_ca, local_tsa, tmp_path):
    """Both signing paths time-stamp at the configured TSA URL (OpenSSL's responder, its own root).

    Trusting that root, every time-stamp verifies; trusting only the court CA, each is named
    untrusted; with the TSA down, signing stops with a retryable error and signs nothing."""
    rendered = render_record_pdf(sample_document(lines=2, signers=[]))
    first, second = rendered.slots[:2]
    key, cert = court_ca.issue_server_held_key(first.name, first.role)
    served = local_tsa.requests
    pdf = pades.sign_pdf(rendered.pdf, key, cert, court_ca.cert, first.field_name, StampInfo(first.name, "原告"),
                         timestamp_url=local_tsa.url)
    ext_key = ec.generate_private_key(ec.SECP256R1())
    ext_cert = court_ca.issue_certificate(ext_key.public_key(), name=second.name, role=second.role)
    prep = pades.prepare_external(pdf, ext_cert, court_ca.cert, second.field_name, StampInfo(second.name, "被告"),
                                  timestamp_url=local_tsa.url)
    signed = pades.finish_external(prep, webcrypto_sign(ext_key, prep.to_be_signed))
    assert local_tsa.requests > served

    report = verify_pdf(signed, court_ca.cert, require_all_signed=False, tsa_roots=[local_tsa.root_cert])
    assert report.ok, [str(p) for p in report.problems]
    assert len(report.signatures) == 2 and all(s.timestamp_time is not None for s in report.signatures)
    assert run_pdfsig(signed).ok
    assert openssl_verifies_timestamps(signed, local_tsa.root_pem_path, tmp_path) == 2
    untrusted = verify_pdf(signed, court_ca.cert, require_all_signed=False)
    assert [p.code for p in untrusted.problems] == ["timestamp_untrusted"] * 2

    local_tsa.down = True
    try:
        with pytest.raises(pades.TimestampUnavailable, match="时间戳服务不可用"):
            pades.sign_pdf(pdf, key, cert, court_ca.cert, second.field_name, StampInfo(second.name, "被告"),
                           timestamp_url=local_tsa.url)
        with pytest.raises(pades.TimestampUnavailable):
            pades.finish_external(prep, webcrypto_sign(ext_key, prep.to_be_signed))
    finally:
        local_tsa.down = False
