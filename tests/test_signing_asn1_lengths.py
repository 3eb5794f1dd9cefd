"""A time-stamped SignerInfo of 128 + 256·k bytes is encoded once, not re-encoded exponentially.

The cause of the 10-70 s staff signatures with a TSA (see signing/asn1_lengths.py):
asn1crypto took the definite length `82 07 80` for BER's indefinite one and re-encoded
the whole RFC 3161 token below it, doubling the work at each of its ~15 levels.
"""

import asyncio
import datetime as dt
import hashlib

import pytest
from asn1crypto import algos, cms, core
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import timestamps
from pyhanko.sign.general import simple_cms_attribute

import signing  # noqa: F401  (installs the fix, as every signing module does)
from signing import asn1_lengths
from signing.ca import CourtCA


@pytest.mark.parametrize(
    "header, indefinite",
    [
        (b"\x30\x80", True),  # BER indefinite
        (b"\x30\x81\x80", False),  # 128 bytes
        (b"\x30\x82\x07\x80", False),  # 1920 bytes: the length of the slow SignerInfo
        (b"\x30\x7f", False),
        (b"\xa0\x82\x07\x84\x30\x82\x07\x80", False),  # explicit tagging: outer pair first
        (b"\xa0\x80\x30\x80", True),
        (b"\x9f\x81\x00\x80", True),  # high tag number (multi-octet identifier), indefinite
        (b"\x9f\x81\x00\x81\x80", False),
        (b"\x30", True),  # unreadable: asn1crypto keeps its own behaviour
        (b"\x30\x82\x07", True),
    ],
)
def test_indefinite_length_is_read_from_the_length_octets(header, indefinite):
    assert asn1_lengths.last_length_is_indefinite(header) is indefinite


def _token(tsa_url: str) -> cms.ContentInfo:
    stamper = timestamps.HTTPTimeStamper(tsa_url)
    return asyncio.run(stamper.async_timestamp(hashlib.sha256(b"signature").digest(), "sha256"))


def _signer_info(ca: CourtCA, token: cms.ContentInfo, signature_len: int) -> cms.SignerInfo:
    cert = cms.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))
    return cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber(
            {"issuer": cert.issuer, "serial_number": cert.serial_number})}),
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
        "signed_attrs": cms.CMSAttributes([simple_cms_attribute("signing_time", cms.Time(
            {"utc_time": core.UTCTime(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))}))]),
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        "signature": b"\x01" * signature_len,
        "unsigned_attrs": cms.CMSAttributes([simple_cms_attribute("signature_time_stamp_token", token)]),
    })


def test_a_signer_info_of_128_mod_256_bytes_with_a_tsa_token_is_encoded_once(local_tsa, monkeypatch):
    ca = CourtCA.create("测试中级人民法院")
    # Pad the signature value until the SignerInfo's DER length ends in 0x80, as pyHanko's
    # did for the slow signers (their name and the two ECDSA signature lengths decided it).
    token_der = _token(local_tsa.url).dump()
    signature_len = 300  # a two-octet length already, so padding moves the total one for one
    signature_len += (0x80 - len(_signer_info(ca, cms.ContentInfo.load(token_der), signature_len).contents)) % 256
    token = cms.ContentInfo.load(token_der)
    si = _signer_info(ca, token, signature_len)
    encoded = si.dump()
    assert encoded[1] == 0x82 and encoded[3] == 0x80, encoded[:4].hex()  # e.g. 30 82 07 80
    # pyHanko then touches the token (nonce, certificates) and wraps the SignerInfo in SignedData.
    assert token["content"]["encap_content_info"]["content"].parsed["nonce"].native

    calls = {"n": 0}
    original = core.Sequence._set_contents

    def counting(self, force=False):
        calls["n"] += 1
        return original(self, force)

    monkeypatch.setattr(core.Sequence, "_set_contents", counting)
    signed_data = cms.SignedData({
        "version": "v1",
        "digest_algorithms": cms.DigestAlgorithms([algos.DigestAlgorithm({"algorithm": "sha256"})]),
        "encap_content_info": {"content_type": "data"},
        "signer_infos": [si],
    })
    out = cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
    # Before the fix this took some 800,000 re-encodings (10-20 s); a handful is expected.
    assert calls["n"] < 200, calls["n"]
    # And the encoding is unchanged: the SignerInfo inside is the one encoded above.
    assert encoded in out
    assert cms.ContentInfo.load(out)["content"]["signer_infos"][0].dump() == encoded


def test_the_fix_is_installed_and_can_be_removed_for_benchmarks():
    assert asn1_lengths.installed()
    asn1_lengths.uninstall()
    try:
        assert not asn1_lengths.installed()
        assert "__asn1_lengths_original__" not in core.Sequence.dump.__dict__
    finally:
        assert asn1_lengths.install()
    assert core.Sequence.dump.__asn1_lengths_original__ is not None
