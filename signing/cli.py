"""`courtroom verify PACKAGE_OR_DIR [--ca PEM] [--tsa-ca PEM]`: offline check of a dossier package.

Exit status: 0 when every check holds, 1 when any fails (reasons printed in Chinese
and English), 2 when the package or CA file cannot be read at all.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TextIO

from signing.ca import load_certificate
from signing.package import verify_package


def _certificate_arg(args: argparse.Namespace, name: str, zh: str, en: str):
    """The certificate a command-line option names, None when not given; ValueError saying why it is unreadable."""
    path = getattr(args, name, None)
    if not path:
        return None
    try:
        return load_certificate(Path(path))
    except (OSError, ValueError) as exc:
        raise ValueError(f"无法读取{zh} / cannot read {en} {path}: {exc}") from None


def verify_main(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    # pyHanko logs every failed path build with a traceback; the report says it better.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    try:
        ca_cert = _certificate_arg(args, "ca", " CA 证书", "the CA certificate")
        tsa_ca_cert = _certificate_arg(args, "tsa_ca", "时间戳服务根证书", "the TSA root certificate")
    except ValueError as exc:
        print(exc, file=out)
        return 2
    path = Path(args.package)
    if not path.exists():
        print(f"找不到卷宗包 / no such package: {path}", file=out)
        return 2
    report = verify_package(path, ca_cert, tsa_ca_cert)
    if any(p.code == "package_unreadable" for p in report.problems):
        for p in report.problems:
            print(f"  ✗ {p}", file=out)
        return 2

    head = report.chain_head[:16] + "…" if report.chain_head else "-"
    print(f"卷宗包 / package: {report.source}", file=out)
    print(f"  案号 / case: {report.case_number or '-'}", file=out)
    print(f"  文件 / files checked: {report.files_checked}", file=out)
    print(f"  哈希链 / chain: {report.chain_length} 条 entries, 链头 head {head}", file=out)
    print(f"  电子印章 / seal: {'有 present' if report.sealed else '无 none'}", file=out)
    for s in report.signatures:
        mark = "✓" if s.ok else "✗"
        kind = "拒签记录 refusal" if s.refusal else "签名 signature"
        when = s.signing_time.isoformat() if s.signing_time else "?"
        stamped = f" (时间戳 TSA {s.timestamp_time.isoformat()})" if s.timestamp_time else ""
        print(f"  {mark} {kind} {s.field_name}: {s.signer_role or ''} {s.signer_name or '?'} @ {when}{stamped}", file=out)
    for w in report.warnings:
        print(f"  ! {w}", file=out)
    if report.ok:
        print("验证通过 / VERIFIED: 所有文件哈希、签名与哈希链均完好 / every file hash, signature and chain link holds", file=out)
        return 0
    print(f"验证失败 / VERIFICATION FAILED: {len(report.problems)} 个问题 problem(s)", file=out)
    for p in report.problems:
        print(f"  ✗ {p}", file=out)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="courtroom verify")
    parser.add_argument("package")
    parser.add_argument("--ca", default=None)
    return verify_main(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
