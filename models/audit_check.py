"""`courtroom audit verify`: the audit chains in the database checked against the signed
anchors written outside it (signing/anchor.py), naming every stretch that was rewritten,
deleted or truncated.

What each finding means:
- rewritten  the entries in [first, last] no longer hash to what was anchored (or to
             their own hash): changed after the anchor, and the chain re-hashed after them;
- deleted    entries [first, last] are gone (a gap in the chain, or a chain shorter than
             anchored: removed and the rest re-numbered);
- truncated  every anchored entry of the chain is gone (TRUNCATE, or all rows deleted);
- head       the recorded head does not match the chain's last entry;
- anchor_log the anchor log itself is damaged (bad signature, broken link, unreadable line);
- timestamp  an anchor's RFC 3161 time-stamp does not verify.

Entries written after the last anchor are listed as unanchored (not a finding: the
next anchor covers them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import asyncpg
from cryptography import x509

from models.audit import _entry_body
from signing.anchor import UNTRUSTED_TIMESTAMP, Anchor, AnchorLog, check_timestamp, verify_log
from signing.chain import GENESIS, link_hash


@dataclasses.dataclass(frozen=True)
class Finding:
    kind: str
    scope: str | None
    first_seq: int | None
    last_seq: int | None
    zh: str
    en: str

    def __str__(self) -> str:
        where = f"[{self.scope}] " if self.scope else ""
        span = ""
        if self.first_seq is not None:
            span = (f" seq {self.first_seq}" if self.first_seq == self.last_seq
                    else f" seq {self.first_seq}-{self.last_seq}")
        return f"{self.kind}{span} {where}{self.zh} ({self.en})"


@dataclasses.dataclass(frozen=True)
class TrailReport:
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...]
    anchors: int
    scopes: int
    entries: int
    unanchored: dict[str, tuple[int, int]]

    @property
    def ok(self) -> bool:
        return not self.findings

    def by_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


@dataclasses.dataclass(frozen=True)
class _Checkpoint:
    seq: int
    hash: str
    anchor: int
    at: dt.datetime


def _checkpoints(anchors: list[Anchor]) -> dict[str, list[_Checkpoint]]:
    out: dict[str, dict[int, _Checkpoint]] = {}
    for anchor in anchors:
        for scope, head in anchor.heads.items():
            out.setdefault(scope, {}).setdefault(head.seq, _Checkpoint(head.seq, head.hash, anchor.index,
                                                                          anchor.at_time))
    return {scope: sorted(points.values(), key=lambda c: c.seq) for scope, points in out.items()}


async def _rows(conn: asyncpg.Connection, scope: str) -> list[dict[str, Any]]:
    rows = await conn.fetch("select * from audit_events where scope = $1 order by seq", scope)
    return [{"seq": int(r["seq"]), "at": r["at"], "prev_hash": r["prev_hash"], "hash": r["hash"],
             "computed": link_hash(r["prev_hash"], _entry_body(r["scope"], r["seq"], r["at"], r["actor"],
                                                                r["actor_role"], r["action"], r["hearing_id"],
                                                                r["case_id"], r["detail"]))}
            for r in rows]


def _check_scope(scope: str, rows: list[dict[str, Any]], points: list[_Checkpoint],
                 head: tuple[int, str] | None) -> list[Finding]:
    findings: list[Finding] = []
    by_seq = {r["seq"]: r for r in rows}

    if points and not rows:
        last = points[-1]
        return [Finding("truncated", scope, 1, last.seq,
                        f"整条审计链被清空：锚点 #{last.anchor} 记录了 {last.seq} 条，数据库中一条也没有",
                        f"the whole chain is gone: anchor #{last.anchor} recorded {last.seq} entries, "
                        f"the database holds none")]

    # Inside the chain: gaps, and entries whose content or link does not hash.
    expected_seq, prev_hash = 1, GENESIS
    for r in rows:
        seq = r["seq"]
        if seq > expected_seq:
            gone_all = points and all(expected_seq <= p.seq < seq for p in points)
            kind = "truncated" if gone_all and expected_seq == 1 else "deleted"
            findings.append(Finding(kind, scope, expected_seq, seq - 1,
                                    f"第 {expected_seq}–{seq - 1} 条审计记录被删除（链中缺口）",
                                    f"entries {expected_seq}-{seq - 1} were removed (a gap in the chain)"))
        elif r["prev_hash"] != prev_hash:
            findings.append(Finding("rewritten", scope, seq, seq, f"第 {seq} 条与前一条的链接不符",
                                    f"entry {seq} does not link to the entry before it"))
        if r["computed"] != r["hash"]:
            findings.append(Finding("rewritten", scope, seq, seq, f"第 {seq} 条内容与其哈希不符（被改动）",
                                    f"entry {seq}: its content no longer matches its hash (edited)"))
        expected_seq, prev_hash = seq + 1, r["hash"]

    # Against the anchors: the first anchored head the database no longer has.
    db_last = rows[-1]["seq"] if rows else 0
    matched: _Checkpoint | None = None
    first_bad: _Checkpoint | None = None
    for point in points:
        row = by_seq.get(point.seq)
        if row is not None and row["hash"] == point.hash:
            matched = point
            continue
        if row is None and point.seq <= db_last:
            continue  # inside a gap: named above
        first_bad = point
        break
    if first_bad is not None:
        lo = (matched.seq + 1) if matched else 1
        row = by_seq.get(first_bad.seq)
        last = points[-1]
        shorter = last.seq - db_last
        # An honest chain's first entry is older than every anchor of it.
        restarted = matched is None and rows and rows[0]["seq"] == 1 and rows[0]["at"] > points[0].at
        if restarted:
            findings.append(Finding("truncated", scope, 1, last.seq,
                                    f"锚点记录的第 1–{last.seq} 条都已不在：链被清空后重新开始"
                                    f"（现在的第 1 条写于锚点 #{points[0].anchor} 之后）",
                                    f"every anchored entry 1-{last.seq} is gone: the chain was emptied and began "
                                    f"again (its entry 1 is dated after anchor #{points[0].anchor})"))
        elif row is None:
            # The chain ends before an anchored head.
            covered = any(f.kind in ("deleted", "truncated") and (f.last_seq or 0) >= lo for f in findings)
            if not covered:
                findings.append(Finding("deleted", scope, db_last + 1, first_bad.seq,
                                        f"锚点 #{first_bad.anchor} 记录到第 {first_bad.seq} 条，数据库只到第 {db_last} 条："
                                        f"第 {db_last + 1}–{first_bad.seq} 条被删除",
                                        f"anchor #{first_bad.anchor} recorded entries up to {first_bad.seq}, the database "
                                        f"ends at {db_last}: entries {db_last + 1}-{first_bad.seq} removed"))
        elif shorter > 0:
            findings.append(Finding("deleted", scope, lo, first_bad.seq,
                                    f"从第 {lo}–{first_bad.seq} 条之间起有 {shorter} 条记录被删除，其后各条被重新编号、"
                                    f"重新计算哈希（锚点 #{last.anchor} 记录 {last.seq} 条，数据库只有 {db_last} 条）",
                                    f"{shorter} entries were removed, starting within {lo}-{first_bad.seq}, and the rest "
                                    f"re-numbered and re-hashed ({shorter} fewer than anchor #{last.anchor} recorded)"))
        else:
            findings.append(Finding("rewritten", scope, lo, first_bad.seq,
                                    f"第 {lo}–{first_bad.seq} 条之间有记录被改写，其后各条哈希被重新计算"
                                    f"（与锚点 #{first_bad.anchor} 不符）",
                                    f"an entry within {lo}-{first_bad.seq} was rewritten and the chain re-hashed after "
                                    f"it (differs from anchor #{first_bad.anchor})"))

    if head is not None and rows and (rows[-1]["seq"], rows[-1]["hash"]) != head:
        findings.append(Finding("head", scope, head[0], head[0],
                                f"链头记录（第 {head[0]} 条）与最后一条（第 {rows[-1]['seq']} 条）不符",
                                f"the recorded head (seq {head[0]}) differs from the last entry (seq {rows[-1]['seq']})"))
    return findings


async def verify_trail(conn: asyncpg.Connection | asyncpg.Pool, anchors: list[Anchor], *,
                       scopes: list[str] | None = None) -> TrailReport:
    """Compare the database's chains (all, or `scopes`) with `anchors` (already read and,
    for a trustworthy answer, checked with `signing.anchor.verify_log`)."""
    if isinstance(conn, asyncpg.Pool):
        async with conn.acquire() as c:
            return await verify_trail(c, anchors, scopes=scopes)
    points = _checkpoints(anchors)
    heads = {r["scope"]: (int(r["seq"]), r["hash"]) for r in await conn.fetch("select scope, seq, hash from audit_heads")}
    if scopes is None:
        in_db = {r["scope"] for r in await conn.fetch("select distinct scope from audit_events")}
        scopes = sorted(in_db | set(points) | {s for s, h in heads.items() if h[0] > 0})
    findings: list[Finding] = []
    unanchored: dict[str, tuple[int, int]] = {}
    total = 0
    async with conn.transaction(isolation="repeatable_read", readonly=True):
        for scope in scopes:
            rows = await _rows(conn, scope)
            total += len(rows)
            findings += _check_scope(scope, rows, points.get(scope, []), heads.get(scope))
            anchored_to = points[scope][-1].seq if scope in points else 0
            if rows and rows[-1]["seq"] > anchored_to:
                unanchored[scope] = (max(anchored_to + 1, rows[0]["seq"]), rows[-1]["seq"])
    return TrailReport(findings=tuple(findings), warnings=(), anchors=len(anchors), scopes=len(scopes), entries=total,
                       unanchored=unanchored)


async def verify_with_log(conn: asyncpg.Connection | asyncpg.Pool, log_path: Path, ca_cert: x509.Certificate, *,
                          tsa_root: x509.Certificate | None = None) -> TrailReport:
    """The whole check behind `courtroom audit verify`: the log's signatures, links and
    time-stamps, then the database against it."""
    anchors, unreadable = AnchorLog(log_path).read()
    log_findings = [Finding("anchor_log", None, None, None, f"锚点日志损坏：{p}", f"anchor log: {p}")
                    for p in unreadable + verify_log(anchors, ca_cert)]
    warnings: list[str] = []
    if not anchors:
        warnings.append(f"no anchors in {log_path}: nothing outside the database to compare with")
    for anchor in anchors:
        if anchor.timestamp:
            _, problem = await check_timestamp(anchor, tsa_root)
            if problem and tsa_root is None and problem.startswith(UNTRUSTED_TIMESTAMP):
                warnings.append(f"anchor {anchor.index}: {problem}")  # intact, but no root to judge it by
            elif problem:
                log_findings.append(Finding("timestamp", None, None, None, f"锚点 #{anchor.index} 的时间戳无效",
                                            f"anchor {anchor.index}: {problem}"))
        elif anchor.timestamp_error:
            warnings.append(f"anchor {anchor.index}: not time-stamped ({anchor.timestamp_error})")
    report = await verify_trail(conn, anchors)
    return dataclasses.replace(report, findings=tuple(log_findings) + report.findings,
                               warnings=tuple(warnings) + report.warnings)


def format_report(report: TrailReport) -> str:
    lines = [f"审计链核验 (audit verify): {report.scopes} chains, {report.entries} entries, {report.anchors} anchors"]
    for f in report.findings:
        lines.append(f"  问题 PROBLEM {f}")
    for w in report.warnings:
        lines.append(f"  提示 warning {w}")
    for scope, (lo, hi) in sorted(report.unanchored.items()):
        lines.append(f"  未锚定 unanchored [{scope}] seq {lo}-{hi} (the next anchor covers them)")
    lines.append("结果：完好 (intact)" if report.ok else f"结果：发现 {len(report.findings)} 处问题 (tampering found)")
    return "\n".join(lines)
