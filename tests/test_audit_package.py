"""Each dossier package carries the audit anchor that covers it: signed by the court CA,
naming the hearing's audit-chain head the manifest states; verify checks both."""

from __future__ import annotations

import os

import pytest

from signing.anchor import GENESIS, Head, sign_anchor
from signing.ca import CourtCA
from signing.package import AUDIT_ANCHOR_FILE, build_package, verify_package

HEARING = "5f0c8a7e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
HEAD = Head(42, "cd" * 32)
SEGMENTS = [{"speaker_label": "审判长", "start": 0.0, "end": 2.0, "text": "现在开庭。", "id": "s1"}]


def build(base, signed_record, court_ca, *, anchor: bytes | None, name: str):
    recording = base / f"{name}.webm"
    recording.write_bytes(os.urandom(1000))
    return build_package(base / name, case_number="（2026）吉01民初7号", hearing_id=HEARING,
                         signed_pdf=signed_record.pdf, recordings=[recording], segments=SEGMENTS,
                         audit_chain_head=HEAD.hash, audit_chain_seq=HEAD.seq, ca_cert=court_ca.cert,
                         audit_anchor=anchor)


def anchor_bytes(ca: CourtCA, heads: dict[str, Head]) -> bytes:
    return sign_anchor(ca.key, ca.cert, index=1, prev=GENESIS, reason="filing", heads=heads,
                       court=ca.court_name).to_json() + b"\n"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return tmp_path_factory.mktemp("anchored")


def test_the_anchor_travels_with_the_package_and_verifies(base, signed_record, court_ca):
    built = build(base, signed_record, court_ca, anchor=anchor_bytes(court_ca, {HEARING: HEAD}), name="good")
    assert built.manifest["audit_anchor"] == AUDIT_ANCHOR_FILE
    assert any(f["path"] == AUDIT_ANCHOR_FILE for f in built.manifest["files"])
    assert any(e.get("path") == AUDIT_ANCHOR_FILE for e in built.chain)  # on the dossier chain too
    report = verify_package(built.directory, court_ca.cert)
    assert report.ok and {w.code for w in report.warnings} == {"unsealed"}, (report.problems, report.warnings)


def test_an_anchor_for_another_head_or_from_another_key_fails(base, signed_record, court_ca):
    other_head = build(base, signed_record, court_ca, name="other-head",
                       anchor=anchor_bytes(court_ca, {HEARING: Head(41, "ab" * 32)}))
    report = verify_package(other_head.directory, court_ca.cert)
    assert {p.code for p in report.problems} == {"audit_anchor_mismatch"}, report.problems

    forged = build(base, signed_record, court_ca, name="forged",
                   anchor=anchor_bytes(CourtCA.create(court_ca.court_name), {HEARING: HEAD}))
    report = verify_package(forged.directory, court_ca.cert)
    assert {p.code for p in report.problems} == {"audit_anchor_invalid"}, report.problems


def test_an_edited_anchor_file_is_caught(base, signed_record, court_ca, tmp_path):
    built = build(base, signed_record, court_ca, anchor=anchor_bytes(court_ca, {HEARING: HEAD}), name="edited")
    path = built.directory / AUDIT_ANCHOR_FILE
    path.write_bytes(path.read_bytes().replace(b'"seq":42', b'"seq":43'))
    codes = {p.code for p in verify_package(built.directory, court_ca.cert).problems}
    assert {"file_hash_mismatch", "audit_anchor_invalid", "audit_anchor_mismatch"} <= codes


def test_a_package_without_an_anchor_says_so(base, signed_record, court_ca):
    built = build(base, signed_record, court_ca, anchor=None, name="old")
    report = verify_package(built.directory, court_ca.cert)
    assert report.ok and "audit_anchor_missing" in {w.code for w in report.warnings}
