// The record desk (clerk, judges): correct the transcript, play any sentence's audio, lock,
// reopen, sign, invite parties to sign, and see what was filed into the dossier.
import { api, ApiError, el, clear, hms, localTime, showError } from "/static/common.js";
import { markedText, refreshDoubts } from "/static/record-doubt.js";

const hearingId = location.pathname.split("/").filter(Boolean).pop();
const $ = (id) => document.getElementById(id);

const state = {
  segments: new Map(),      // id -> segment
  participants: [],
  recordings: [],
  locked: false,
  canEdit: false,
  since: null,
  status: null,
  editing: null,            // id of the segment being edited
  openHistory: new Set(),
  stopAt: null,
};

function say(text, isError) {
  const box = clear($("message"));
  if (text) box.append(el("span", { class: isError ? "error" : "notice" }, text));
}

function sorted() {
  return [...state.segments.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

function editable() {
  return state.canEdit && !state.locked;
}

// --- playback ----------------------------------------------------------------------------

// The pieces of recordings that hold a segment's span, in order: the speaker's own audio
// first (their microphone), across recording boundaries (a dropped link, a crash) and
// skipping what no recording covers (a pause). Each piece: {rec, from, to} in seconds of
// that recording's own media time.
function playPlan(seg) {
  const overlaps = (r) => r.hearing_start_s < seg.end &&
    (r.duration_s === null || r.hearing_start_s + r.duration_s > seg.start);
  const pick = (list) => list.filter(overlaps).sort((a, b) => a.hearing_start_s - b.hearing_start_s);
  const candidates = [
    state.recordings.filter((r) => r.participant_id === seg.participant_id && r.kind === "audio"),
    state.recordings.filter((r) => r.participant_id === seg.participant_id),
    state.recordings.filter((r) => r.kind === "audio"),
    state.recordings,
  ];
  const recs = candidates.map(pick).find((list) => list.length) || [];
  const plan = [];
  let t = seg.start;
  for (const rec of recs) {
    const recEnd = rec.duration_s === null ? Infinity : rec.hearing_start_s + rec.duration_s;
    const from = Math.max(t, rec.hearing_start_s);
    const to = Math.min(seg.end, recEnd);
    if (to - from < 0.05) continue;
    plan.push({ rec, from: from - rec.hearing_start_s, to: to - rec.hearing_start_s });
    t = to;
    if (t >= seg.end) break;
  }
  return plan;
}

let playing = null; // {plan, index, seg}

function playPiece() {
  const player = $("player");
  const piece = playing.plan[playing.index];
  const { rec } = piece;
  state.stopAt = piece.to;
  const seek = () => { player.currentTime = piece.from; player.play().catch(() => {}); watchStop(); };
  if (player.dataset.recording === rec.id) {
    seek();
  } else {
    player.dataset.recording = rec.id;
    player.src = `/api/recordings/${rec.id}/media#t=${piece.from.toFixed(2)}`;   // media fragment; currentTime again once loaded
    player.addEventListener("loadedmetadata", seek, { once: true });
    player.load();
  }
  const seg = playing.seg;
  $("now-playing").textContent =
    `播放：${rec.participant || ""} ${rec.kind === "audio" ? "录音" : "录像"}第${rec.segment_index + 1}段，` +
    `庭审时间 ${hms(seg.start)}–${hms(seg.end)}` + (playing.plan.length > 1 ? `（共 ${playing.plan.length} 段录音）` : "");
}

// Stop at the segment's end to within a frame (timeupdate alone fires only every ~250 ms),
// or go on with the next recording that holds the rest of it.
function watchStop() {
  const player = $("player");
  const tick = () => {
    if (state.stopAt === null || player.paused) return;
    if (player.currentTime >= state.stopAt || player.ended) {
      if (playing && playing.index + 1 < playing.plan.length) {
        playing.index += 1;
        playPiece();
        return;
      }
      player.pause();
      state.stopAt = null;
      playing = null;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function play(seg) {
  document.querySelectorAll(".seg.playing").forEach((n) => n.classList.remove("playing"));
  const plan = playPlan(seg);
  if (!plan.length) {
    $("now-playing").textContent = `没有覆盖 ${hms(seg.start)} 的录音录像`;
    return;
  }
  playing = { plan, index: 0, seg };
  playPiece();
  document.querySelector(`[data-id="${seg.id}"]`)?.classList.add("playing");
}

$("player").addEventListener("timeupdate", () => {
  const player = $("player");
  if (state.stopAt !== null && player.currentTime >= state.stopAt) {
    if (playing && playing.index + 1 < playing.plan.length) { playing.index += 1; playPiece(); return; }
    player.pause();
    state.stopAt = null;
    playing = null;
  }
});
window.recordPlayback = { playPlan, get playing() { return playing; } }; // for browser tests

// --- transcript rendering ----------------------------------------------------------------

function speakerSelect(current) {
  return el("select", { class: "speaker" },
    state.participants.map((p) => el("option", { value: p.id, selected: p.id === current }, `${p.role_label} ${p.name}`)));
}

function row(seg) {
  const node = el("div", { class: "seg" + (seg.deleted ? " deleted" : ""), dataset: { id: seg.id } });
  const editingThis = state.editing === seg.id;
  node.append(
    el("span", { class: "t", title: "播放这一句", onclick: () => play(seg) }, "▶ " + hms(seg.start)),
    el("span", { class: "who" }, seg.speaker_label || "未识别发言人",
      el("div", { class: "v" }, `第 ${seg.version} 版${seg.source === "clerk" ? " · 书记员补录" : ""}`)),
  );
  if (editingThis) {
    const area = el("textarea", { "aria-label": "笔录内容" });
    area.value = seg._draft ?? seg.text;
    const speaker = speakerSelect(seg.participant_id);
    node.append(
      el("div", {}, area, el("div", { class: "muted" }, "改发言人：", speaker)),
      el("div", { class: "ops" },
        el("button", { onclick: () => saveText(seg, area.value, speaker.value) }, "保存"),
        el("button", { class: "secondary", title: "在光标处拆为两段",
                       onclick: () => edit("split", { segment_id: seg.id, expected_version: seg.version,
                                                       at_char: area.selectionStart }) }, "在光标处拆分"),
        el("button", { class: "secondary", onclick: () => { state.editing = null; delete seg._draft; renderAll(); } }, "取消")),
    );
    if (seg._conflict) node.append(el("div", { class: "conflict" }, seg._conflict));
  } else {
    const ops = el("div", { class: "ops" });
    if (editable()) {
      if (!seg.deleted) {
        ops.append(
          el("button", { class: "secondary", onclick: () => { state.editing = seg.id; renderAll(); } }, "编辑"),
          el("button", { class: "secondary", title: "与下一段合并", onclick: () => mergeNext(seg) }, "合并下段"),
          el("button", { class: "secondary", onclick: () => edit("delete", { segment_id: seg.id, expected_version: seg.version }) }, "删除"));
      } else {
        ops.append(el("button", { class: "secondary",
          onclick: () => edit("delete", { segment_id: seg.id, expected_version: seg.version, restore: true }) }, "恢复"));
      }
    }
    ops.append(el("button", { class: "secondary", onclick: () => toggleHistory(seg) }, "修改记录"));
    node.append(el("div", { class: "text" }, markedText(seg)), ops);
  }
  if (state.openHistory.has(seg.id)) node.append(el("div", { class: "history", id: `hist-${seg.id}` }, "加载中…"));
  return node;
}

function renderAll() {
  const box = clear($("transcript"));
  const showDeleted = $("show-deleted").checked;
  const list = sorted().filter((s) => showDeleted || !s.deleted);
  if (!list.length) box.append(el("p", { class: "muted" }, "暂无笔录内容。"));
  for (const seg of list) box.append(row(seg));
  for (const id of state.openHistory) loadHistory(id);
  $("lock-badge").textContent = state.locked ? "已锁定" : "可校对";
  $("lock-badge").className = "badge " + (state.locked ? "closed" : "open");
  $("add-box").hidden = !editable();
  refreshDoubts();
}

function applySegments(list) {
  for (const seg of list) {
    const old = state.segments.get(seg.id);
    if (old && old.version > seg.version) continue;
    if (old && state.editing === seg.id && old.version !== seg.version) {
      seg._draft = document.querySelector(`[data-id="${seg.id}"] textarea`)?.value ?? old._draft;
      seg._conflict = `他人已将此段改为第 ${seg.version} 版：“${seg.text}”。再次保存将以您的文字覆盖。`;
    }
    state.segments.set(seg.id, seg);
  }
}

// --- edits -------------------------------------------------------------------------------

async function edit(op, body) {
  try {
    const result = await api(`/api/hearings/${hearingId}/transcript/${op}`, { method: "POST", body });
    state.editing = null;
    applySegments(result.segments);
    renderAll();
    say("已保存");
    return result;
  } catch (err) {
    if (err instanceof ApiError && err.code === "edit_conflict") {
      // Show the colleague's version; keep what was typed so nothing is lost.
      const current = await currentOf(body.segment_id || body.first_id);
      if (current) {
        current._draft = document.querySelector(`[data-id="${current.id}"] textarea`)?.value;
        current._conflict = `保存失败：他人已修改此段（现为第 ${current.version} 版：“${current.text}”）。请核对后再保存。`;
        state.segments.set(current.id, current);
        state.editing = current.id;
        renderAll();
      }
    }
    say(err.message, true);
    return null;
  }
}

async function currentOf(id) {
  const data = await api(`/api/hearings/${hearingId}/transcript`);
  const seg = data.segments.find((s) => s.id === id);
  return seg || null;
}

async function saveText(seg, text, participantId) {
  let version = seg.version;
  if (participantId && participantId !== seg.participant_id) {
    const moved = await edit("reattribute", { segment_id: seg.id, expected_version: version, participant_id: participantId });
    if (!moved) return;
    version = moved.segments[0].version;
  }
  if (text.trim() !== seg.text) await edit("edit", { segment_id: seg.id, expected_version: version, text });
  else { state.editing = null; renderAll(); }
}

function mergeNext(seg) {
  const list = sorted().filter((s) => !s.deleted);
  const next = list[list.findIndex((s) => s.id === seg.id) + 1];
  if (!next) return say("已是最后一段", true);
  edit("merge", { first_id: seg.id, second_id: next.id, expected_versions: [seg.version, next.version] });
}

function toggleHistory(seg) {
  if (state.openHistory.has(seg.id)) state.openHistory.delete(seg.id);
  else state.openHistory.add(seg.id);
  renderAll();
}

const ACTIONS = { create: "创建", edit: "修改文字", split: "拆分", merge: "合并", reattribute: "改发言人",
                  delete: "删除", restore: "恢复" };

async function loadHistory(id) {
  const box = $(`hist-${id}`);
  if (!box) return;
  try {
    const { revisions } = await api(`/api/hearings/${hearingId}/transcript/revisions?segment_id=${id}`);
    clear(box);
    for (const r of revisions) {
      const diff = el("span");
      for (const part of r.diff) {
        diff.append(part.op === "delete" ? el("del", {}, part.text) : part.op === "insert" ? el("ins", {}, part.text) : part.text);
      }
      const who = r.before && r.after && r.before.speaker_name !== r.after.speaker_name
        ? `（发言人：${r.before.speaker_name || "?"} → ${r.after.speaker_name || "?"}）` : "";
      box.append(el("div", {}, el("b", {}, `第 ${r.version} 版 · ${ACTIONS[r.action] || r.action}`),
        ` ${r.editor} ${localTime(r.at)} ${who} `, diff));
    }
  } catch (err) {
    showError(box, err);
  }
}

$("show-deleted").addEventListener("change", renderAll);

$("add-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const done = await edit("add", { participant_id: f.get("participant_id") || null, start: Number(f.get("start")),
                                   end: Number(f.get("end")), text: f.get("text") });
  if (done) ev.target.reset();
});

// --- record status, signing, dossier ------------------------------------------------------

function renderStatus() {
  const s = state.status;
  const me = s.me || {};
  $("record-state").textContent = s.state_label + (s.superseded ? `（此前作废 ${s.superseded} 次）` : "");
  $("lock-btn").hidden = !(me.can_lock && (s.state === "draft" || (s.state === "locked" && !s.record)));
  $("reopen-btn").hidden = !(me.can_reopen && s.locked && s.state !== "filed");
  const links = clear($("pdf-links"));
  if (s.record) {
    links.append(el("a", { href: s.pdf_url, target: "_blank" }, `查看笔录 PDF（${s.record.page_count} 页，当前签名版本）`),
      " · ", el("a", { href: s.pdf_url + "?version=rendered", target: "_blank" }, "未签名原版"));
  }
  const rows = clear($("signer-rows"));
  const invitations = Object.fromEntries((s.invitations || []).map((i) => [i.field_name, i]));
  for (const signer of s.signers) {
    const actions = el("td");
    const inv = invitations[signer.field_name];
    if (signer.state === "pending" && signer.key_holder === "browser" && me.can_lock) {
      actions.append(el("button", { class: "secondary", onclick: () => invite(signer) }, inv ? "重新邀请" : "签名邀请"), " ",
        el("button", { class: "secondary", onclick: () => recordRefusal(signer) }, "记录拒签"));
    }
    let how = signer.key_holder === "browser" ? "本人浏览器密钥" : "服务器保管密钥";
    if (inv && !inv.revoked_at) how += inv.certified ? " · 已取得证书" : " · 已邀请";
    const st = signer.state === "refused" ? `拒签：${signer.refusal_reason}` :
      signer.state === "signed" ? `已签 ${localTime(signer.signed_at)}` : (signer.may_act ? "待签（可签）" : "待签");
    rows.append(el("tr", { dataset: { field: signer.field_name } },
      el("td", {}, `${signer.role_label} ${signer.name}`), el("td", { class: "muted" }, how),
      el("td", { class: signer.state === "refused" ? "error" : "" }, st), actions));
  }
  $("sign-form").hidden = !me.may_sign;
  renderDossier();
}

function renderDossier() {
  const s = state.status;
  const box = clear($("dossier"));
  if (s.state !== "filed") {
    box.append(el("span", { class: "muted" }, "签名齐全后自动归档。"));
    return;
  }
  box.append(el("p", {}, el("a", { href: s.package_url }, "导出卷宗包（zip，可离线核验）"), " ",
    el("button", { class: "secondary", onclick: verify }, "核验")));
  const list = el("ul");
  for (const e of s.entries) {
    list.append(el("li", {}, `[${e.volume_label} #${e.seq}] ${e.category} · `,
      el("a", { href: `/api/dossier/entries/${e.id}/content`, target: "_blank" }, e.title),
      el("span", { class: "muted" }, ` ${(e.size / 1024).toFixed(1)} KB · sha256 ${e.sha256.slice(0, 12)}…`)));
  }
  box.append(list, el("div", { id: "verify-out" }));
  for (const p of s.push || []) {
    box.append(el("p", { class: "muted" }, `推送至外部卷宗系统：${{ pending: "等待重试", delivered: "已送达", rejected: "被拒收" }[p.state]}` +
      `（尝试 ${p.attempts} 次${p.last_error ? "，" + p.last_error : ""}）`));
  }
}

async function verify() {
  const out = clear($("verify-out"));
  out.append("核验中…");
  try {
    const r = await api(`/api/records/${state.status.record.id}/verify`);
    clear(out).append(el("p", { class: r.ok ? "notice" : "error" },
      r.ok ? `验证通过：${r.files_checked} 个文件、${r.signatures.length} 个签名与哈希链均完好` : "验证失败"),
      el("ul", {}, [...r.problems, ...r.dossier_chain_problems].map((p) => el("li", { class: "error" }, p))));
  } catch (err) {
    showError(out, err);
  }
}

function invite(signer) {
  const dialog = $("invite-dialog");
  $("invite-who").textContent = `${signer.role_label} ${signer.name}`;
  $("invite-form").reset();
  dialog.returnValue = "";
  dialog.onclose = async () => {
    if (dialog.returnValue !== "ok") return;
    const f = new FormData($("invite-form"));
    try {
      const r = await api(`/api/records/${state.status.record.id}/invitations`, { method: "POST", body: {
        participant_id: signer.participant_id, identity_method: f.get("identity_method"),
        identity_confirmed: f.get("confirmed") === "on" } });
      clear($("invite-out")).append(el("p", {}, `${signer.role_label} ${signer.name} 的签名链接（请通过安全渠道发送，到期 ${localTime(r.invitation.expires_at)}）：`),
        el("code", { class: "invite-link" }, r.sign_url));
      await refreshStatus();
    } catch (err) {
      say(err.message, true);
    }
  };
  dialog.showModal();
}

async function recordRefusal(signer) {
  const reason = prompt(`${signer.role_label} ${signer.name} 拒绝签名的理由：`);
  if (!reason || !reason.trim()) return;
  try {
    state.status = await api(`/api/records/${state.status.record.id}/refusals`, { method: "POST",
      body: { participant_id: signer.participant_id, reason } });
    renderStatus();
  } catch (err) {
    say(err.message, true);
  }
}

$("sign-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const password = new FormData(ev.target).get("password");
  say("正在签名…");
  try {
    state.status = await api(`/api/records/${state.status.record.id}/sign`, { method: "POST", body: { password } });
    ev.target.reset();
    renderStatus();
    say(state.status.state === "filed" ? "已签名，笔录已归档" : "已签名");
  } catch (err) {
    say(err.message, true);
  }
});

$("lock-btn").addEventListener("click", async () => {
  if (!confirm("锁定后不能再修改笔录（除非审判长说明理由重新开放），并生成签名用 PDF。继续？")) return;
  say("正在锁定并生成 PDF…");
  try {
    state.status = await api(`/api/hearings/${hearingId}/record/lock`, { method: "POST", body: {} });
    state.locked = true;
    renderAll();
    renderStatus();
    say("笔录已锁定，签名版本已生成");
  } catch (err) {
    say(err.message, true);
  }
});

$("reopen-btn").addEventListener("click", async () => {
  const reason = prompt("重新开放笔录的理由（将记入审计日志；已收集的签名作废）：");
  if (!reason || !reason.trim()) return;
  try {
    state.status = await api(`/api/hearings/${hearingId}/record/reopen`, { method: "POST", body: { reason } });
    state.locked = false;
    renderAll();
    renderStatus();
    say("笔录已重新开放");
  } catch (err) {
    say(err.message, true);
  }
});

// --- loading and live refresh --------------------------------------------------------------

async function refreshStatus() {
  state.status = await api(`/api/hearings/${hearingId}/record`);
  renderStatus();
}

async function load() {
  const data = await api(`/api/hearings/${hearingId}/transcript`);
  state.participants = data.participants;
  state.recordings = data.recordings;
  state.locked = data.locked;
  state.canEdit = data.can_edit;
  state.since = data.now;
  state.segments.clear();
  applySegments(data.segments);
  const h = data.hearing;
  $("title").textContent = `${h.title}（${h.kind_label}）`;
  $("summary").textContent = `状态：${h.state_label} · 开庭 ${localTime(h.opened_at) || "—"} · 闭庭 ${localTime(h.closed_at) || "—"}`;
  const sel = clear($("add-speaker"));
  sel.append(el("option", { value: "" }, "（未标注）"), state.participants.map((p) => el("option", { value: p.id }, `${p.role_label} ${p.name}`)));
  renderAll();
  await refreshStatus();
}

async function poll() {
  if (document.hidden || !state.since) return;
  try {
    // Overlap the window a little: a slow transaction may commit after our last read.
    const since = new Date(new Date(state.since).getTime() - 2000).toISOString();
    const data = await api(`/api/hearings/${hearingId}/transcript?since=${encodeURIComponent(since)}`);
    state.since = data.now;
    state.recordings = data.recordings;
    const lockChanged = data.locked !== state.locked;
    state.locked = data.locked;
    const fresh = data.segments.filter((s) => (state.segments.get(s.id)?.version ?? 0) < s.version);
    if (fresh.length || lockChanged) {
      applySegments(fresh);
      renderAll();
      fresh.forEach((s) => document.querySelector(`[data-id="${s.id}"]`)?.classList.add("flash"));
    }
    if (lockChanged || (state.status && ["rendered", "signing", "signed"].includes(state.status.state))) await refreshStatus();
  } catch (err) {
    if (err.status === 401) location.href = "/";
  }
}

load().catch((err) => {
  if (err.status === 401) location.href = "/";
  say(err.message, true);
});
setInterval(poll, 3000);
