"""Dossier package: build, export, verify offline; each tamper case fails with its reason."""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from signing.anchor import Head, sign_anchor
from signing.chain import GENESIS, append_entry, link_hash, verify_chain
from signing.cli import verify_main
from signing.package import build_package, export_zip, verify_package
from signing.transcript_export import export_transcript_json, export_webvtt

SEGMENTS = [
    {"speaker_label": "审判长", "start": 0.0, "end": 3.25, "text": "现在开庭。", "id": "s1"},
    {"speaker_label": "原告张三", "start": 4.0, "end": 9.5, "text": "请求判令被告支付货款 <100,000元> & 利息。"},
]


@pytest.fixture(scope="module")
def package(tmp_path_factory, signed_record, court_ca):
    base = tmp_path_factory.mktemp("package")
    recordings = []
    for name, size in (("plaintiff-张三.webm", 300_000), ("bench.webm", 200_000)):
        path = base / name
        path.write_bytes(os.urandom(size))
        recordings.append(path)
    earlier: list[dict] = []
    append_entry(earlier, {"entry_id": "case:起诉状", "kind": "filing", "sha256": "ab" * 32})
    seal_key, seal_cert = court_ca.issue_server_held_key("电子卷宗系统", "电子卷宗系统")
    built = build_package(
        base / "pkg",
        case_number="（2024）示01民初123号",
        hearing_id="hearing-1",
        signed_pdf=signed_record.pdf,
        recordings=recordings,
        segments=SEGMENTS,
        audit_chain_head="cd" * 32,
        audit_chain_seq=7,
        audit_anchor=sign_anchor(court_ca.key, court_ca.cert, index=1, prev=GENESIS, reason="filing",
                                 heads={"hearing-1": Head(7, "cd" * 32)}, court=court_ca.court_name).to_json(),
        ca_cert=court_ca.cert,
        dossier_chain=earlier,
        seal=(seal_key, seal_cert),
    )
    return built


def copy_of(package, tmp_path) -> Path:
    dest = tmp_path / "copy"
    shutil.copytree(package.directory, dest)
    return dest


def codes(report) -> set[str]:
    return {p.code for p in report.problems}


def run_cli(path, ca_pem=None) -> tuple[int, str]:
    out = io.StringIO()
    rc = verify_main(argparse.Namespace(package=str(path), ca=str(ca_pem) if ca_pem else None), out=out)
    return rc, out.getvalue()


def test_layout_and_manifest(package, signed_record):
    names = sorted(p.relative_to(package.directory).as_posix() for p in package.directory.rglob("*") if p.is_file())
    assert names == [
        "audit-anchor.json", "ca.pem", "chain.json", "manifest.json", "manifest.json.p7s", "record.pdf",
        "recordings/bench.webm", "recordings/plaintiff-张三.webm", "transcript/transcript.json", "transcript/transcript.vtt",
    ]
    m = json.loads((package.directory / "manifest.json").read_text("utf-8"))
    assert m["case_number"] == "（2024）示01民初123号" and m["volume"] == "main" and m["category"] == "庭审笔录"
    assert m["audit_chain_head"] == "cd" * 32
    assert [s["name"] for s in m["signers"]] == ["张三", "示范贸易有限公司", "王书记", "赵法官", "钱审判"]
    kinds = {f["path"]: (f["kind"], f["category"]) for f in m["files"]}
    assert kinds["recordings/bench.webm"] == ("recording", "庭审录音录像")
    assert kinds["record.pdf"] == ("record_pdf", "庭审笔录")
    chain = json.loads((package.directory / "chain.json").read_text("utf-8"))["entries"]
    assert chain[0]["entry_id"] == "case:起诉状"  # continues the case's dossier chain
    assert [e["kind"] for e in chain[1:]] == ["record_pdf", "recording", "recording", "transcript_json", "transcript_vtt",
                                          "audit_anchor", "manifest"]
    assert m["dossier_chain"]["head"] == chain[-2]["hash"] and package.chain_head == chain[-1]["hash"]
    assert verify_chain(chain) == []


def test_verify_directory_and_zip(package, court_ca, court_ca_pem, tmp_path):
    report = verify_package(package.directory, court_ca.cert)
    assert report.ok, [str(p) for p in report.problems]
    assert report.sealed and report.files_checked == 7 and len(report.signatures) == 5 and not report.warnings
    zip_path = export_zip(package.directory, tmp_path / "dossier.zip")
    assert export_zip(package.directory, tmp_path / "again.zip").read_bytes() == zip_path.read_bytes()  # reproducible
    assert verify_package(zip_path, court_ca.cert).ok
    rc, out = run_cli(zip_path, court_ca_pem)
    assert rc == 0 and "验证通过 / VERIFIED" in out and "钱审判" in out
    # Without --ca the package's own CA is used, with a warning.
    rc, out = run_cli(package.directory)
    assert rc == 0 and "ca_from_package" in out


def test_cli_entry_point(package, court_ca_pem):
    proc = subprocess.run(
        [sys.executable, "-m", "web.cli", "verify", str(package.directory), "--ca", str(court_ca_pem)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run([sys.executable, "-m", "web.cli", "verify", "/nonexistent"], capture_output=True, text=True)
    assert proc.returncode == 2 and "no such package" in proc.stdout
    for option, what in (("--ca", "cannot read the CA certificate"), ("--tsa-ca", "cannot read the TSA root certificate")):
        proc = subprocess.run([sys.executable, "-m", "web.cli", "verify", str(package.directory), option,
                               "/nonexistent.pem"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and what in proc.stdout, proc.stdout


def test_swapped_recording(package, court_ca, court_ca_pem, tmp_path):
    pkg = copy_of(package, tmp_path)
    target = pkg / "recordings" / "bench.webm"
    target.write_bytes(os.urandom(target.stat().st_size))
    report = verify_package(pkg, court_ca.cert)
    assert codes(report) == {"file_hash_mismatch"}
    assert report.problems[0].where == "recordings/bench.webm"
    rc, out = run_cli(pkg, court_ca_pem)
    assert rc == 1 and "文件哈希与清单不符" in out and "sha256 differs from the manifest" in out


def test_flipped_byte_in_record(package, court_ca, tmp_path):
    pkg = copy_of(package, tmp_path)
    pdf = bytearray((pkg / "record.pdf").read_bytes())
    pdf[len(pdf) // 3] ^= 0x01
    (pkg / "record.pdf").write_bytes(bytes(pdf))
    report = verify_package(pkg, court_ca.cert)
    assert "file_hash_mismatch" in codes(report)
    assert codes(report) & {"signature_broken", "signature_unreadable", "modified_after_signing", "pdf_unreadable"}


def _rewrite_chain(pkg: Path, change) -> None:
    path = pkg / "chain.json"
    doc = json.loads(path.read_text("utf-8"))
    change(doc["entries"])
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def test_removed_chain_entry(package, court_ca, tmp_path):
    pkg = copy_of(package, tmp_path)
    _rewrite_chain(pkg, lambda entries: entries.pop(2))
    report = verify_package(pkg, court_ca.cert)
    assert "chain_broken" in codes(report) and "chain_entry_missing" in codes(report)


def test_reordered_chain_entries(package, court_ca, tmp_path):
    pkg = copy_of(package, tmp_path)

    def swap(entries):
        entries[2], entries[3] = entries[3], entries[2]

    _rewrite_chain(pkg, swap)
    assert codes(verify_package(pkg, court_ca.cert)) == {"chain_broken"}


def test_edited_chain_entry(package, court_ca, tmp_path):
    pkg = copy_of(package, tmp_path)

    def edit(entries):
        entries[2]["sha256"] = "00" * 32

    _rewrite_chain(pkg, edit)
    assert codes(verify_package(pkg, court_ca.cert)) == {"chain_broken", "chain_file_mismatch"}


def test_edited_manifest(package, court_ca, court_ca_pem, tmp_path):
    pkg = copy_of(package, tmp_path)
    path = pkg / "manifest.json"
    path.write_text(path.read_text("utf-8").replace("（2024）示01民初123号", "（2024）示01民初999号"), "utf-8")
    report = verify_package(pkg, court_ca.cert)
    assert codes(report) == {"manifest_mismatch", "seal_invalid"}
    rc, out = run_cli(pkg, court_ca_pem)
    assert rc == 1 and "manifest.json 已被改动" in out


def test_manifest_hash_edited_to_match_a_swapped_file(package, court_ca, tmp_path):
    pkg = copy_of(package, tmp_path)
    (pkg / "recordings" / "bench.webm").write_bytes(b"forged")
    m = json.loads((pkg / "manifest.json").read_text("utf-8"))
    import hashlib

    for f in m["files"]:
        if f["path"] == "recordings/bench.webm":
            f["sha256"], f["size"] = hashlib.sha256(b"forged").hexdigest(), 6
    (pkg / "manifest.json").write_text(json.dumps(m, ensure_ascii=False), "utf-8")
    assert codes(verify_package(pkg, court_ca.cert)) == {"chain_file_mismatch", "manifest_mismatch", "seal_invalid"}


def test_extra_file_and_missing_file(package, court_ca, tmp_path):
    pkg = copy_of(package, tmp_path)
    (pkg / "recordings" / "extra.webm").write_bytes(b"x")
    (pkg / "transcript" / "transcript.vtt").unlink()
    assert codes(verify_package(pkg, court_ca.cert)) == {"unlisted_file", "file_missing"}


def test_tampered_zip_member(package, court_ca, tmp_path):
    src = export_zip(package.directory, tmp_path / "ok.zip")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "transcript/transcript.json":
                data = data.replace("现在开庭".encode(), "现在休庭".encode())
            zout.writestr(info, data)
    assert codes(verify_package(bad, court_ca.cert)) == {"file_hash_mismatch"}
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"PK not really")
    assert codes(verify_package(garbage, court_ca.cert)) == {"package_unreadable"}


def test_unsigned_record_is_refused(court_ca, rendered_record, tmp_path):
    built = build_package(
        tmp_path / "p", case_number="c", hearing_id="h", signed_pdf=rendered_record.pdf, recordings=[],
        segments=[], audit_chain_head=GENESIS, ca_cert=court_ca.cert,
    )
    report = verify_package(built.directory, court_ca.cert)
    assert {"no_signatures", "missing_signatures"} <= codes(report)
    with pytest.raises(FileExistsError):
        build_package(built.directory, case_number="c", hearing_id="h", signed_pdf=b"", recordings=[], segments=[],
                      audit_chain_head=GENESIS, ca_cert=court_ca.cert)


def test_transcript_exports():
    data = json.loads(export_transcript_json(SEGMENTS))
    assert data["format"] == "courtroom-transcript/1"
    assert data["segments"][0] == {"start": 0.0, "end": 3.25, "speaker_label": "审判长", "text": "现在开庭。", "id": "s1"}
    vtt = export_webvtt(SEGMENTS)
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.250\n<v 审判长>现在开庭。\n")
    assert "<v 原告张三>请求判令被告支付货款 &lt;100,000元&gt; &amp; 利息。" in vtt
    with pytest.raises(ValueError):
        export_webvtt([{"speaker_label": "x", "start": 5, "end": 1, "text": "t"}])
    with pytest.raises(ValueError):
        export_transcript_json([{"start": 0, "end": 1, "text": "t"}])


def test_chain_helpers_match_the_audit_chain_rules():
    chain: list[dict] = []
    first = append_entry(chain, {"kind": "a", "sha256": "00" * 32})
    second = append_entry(chain, {"kind": "b", "sha256": "11" * 32})
    assert first["seq"] == 1 and first["prev_hash"] == GENESIS
    body = {"kind": "b", "sha256": "11" * 32, "seq": 2}
    assert second["hash"] == link_hash(first["hash"], body)
    assert verify_chain(chain) == []
    assert verify_chain(chain[1:]) != []
