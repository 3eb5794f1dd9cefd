// "直播" on the courtroom terminal: the state of the public broadcast for everyone seated,
// and for the presiding judge the controls: start, cut at once (with a reason), resume,
// end, and per-participant masks (picture, sound) that apply to the broadcast only.
// The server refuses anything else (deliberations, unapproved hearings, other roles).
import { api, el, clear, showError } from "/static/common.js";

const POLL_MS = 3000;
const STATE_TEXT = { starting: "正在启动", live: "直播中", cut: "已切断", ended: "已结束", failed: "故障" };
const RTMP_TEXT = { idle: "等待推流", connecting: "正在连接", live: "已连接", retrying: "连接中断，正在重连", stopped: "已停止" };

export function mountBroadcastControls(live, anchor) {
  if (!live.hearing || live.hearing.kind !== "hearing") return null;
  const hearingId = live.hearing.id;
  const card = el("section", { class: "card", id: "broadcast" });
  anchor.after(card);
  let info = null;
  let busy = false;

  async function call(action, body) {
    busy = true;
    try {
      await api(`/api/hearings/${hearingId}/broadcast/${action}`, { method: "POST", body: body || {} });
      await refresh();
    } catch (e) {
      render();
      showError(card.querySelector(".message"), e);
    } finally { busy = false; }
  }

  async function approve(approved) {
    busy = true;
    try {
      await api(`/api/hearings/${hearingId}/broadcast-approval`, { method: "POST", body: { approved } });
      busy = false;
      await refresh();
    } catch (e) {
      busy = false;
      render();
      showError(card.querySelector(".message"), e);
    }
  }

  async function refresh() {
    try {
      info = await api(`/api/hearings/${hearingId}/broadcast`);
    } catch (e) {
      info = { error: e };
    }
    if (!busy) render();
  }

  function maskRow(p, masks) {
    const current = masks[p.id] || { video: false, audio: false };
    const toggle = (kind) => el("label", { class: "mask" },
      el("input", { type: "checkbox", checked: current[kind] || undefined, onchange: (ev) => {
        const next = { ...current, [kind]: ev.target.checked };
        call("mask", { participant_id: p.id, video: next.video, audio: next.audio });
      } }), kind === "video" ? "屏蔽画面" : "屏蔽声音");
    return el("li", {}, `${p.role_label} ${p.name}`, el("span", { class: "actions" }, toggle("video"), toggle("audio")));
  }

  function render() {
    clear(card).append(el("h2", {}, "直播"));
    if (!info || info.error) {
      card.append(el("p", { class: "muted" }, info && info.error ? info.error.message : "读取中…"), el("div", { class: "message" }));
      return;
    }
    const b = info.broadcast;
    const running = b && b.state !== "ended" && b.state !== "failed";
    const line = el("p", {});
    if (!info.approved) line.append(el("span", { class: "badge" }, "未批准直播"));
    else if (!b) line.append(el("span", { class: "badge" }, "未开始"));
    else {
      line.append(el("span", { class: "badge " + (b.state === "live" ? "open" : b.state === "cut" ? "paused" : "closed") }, STATE_TEXT[b.state] || b.state));
      if (running) line.append(` 延时 ${Math.round(b.delay_s)} 秒 · 已播出 ${b.segments.published} 段`);
      if (b.state === "cut" && b.cut_reason) line.append(` · 切断理由：${b.cut_reason}`);
      if (b.rtmp) line.append(el("br"), `推流 ${b.rtmp.url}：${RTMP_TEXT[b.rtmp.state] || b.rtmp.state}`,
        b.rtmp.reconnects ? `（已重连 ${b.rtmp.reconnects} 次）` : "", b.rtmp.state === "retrying" && b.rtmp.last_error ? ` ${b.rtmp.last_error}` : "");
      if (b.programme && b.programme.error) line.append(el("br"), el("span", { class: "error" }, b.programme.error));
    }
    // The public page exists only for an approved hearing: no link to a page that says nothing.
    if (info.approved) line.append(" ", el("a", { href: info.viewer_url, target: "_blank", rel: "noopener" }, "观看直播"));
    card.append(line);
    if (info.is_chair) {
      const buttons = el("p", {});
      // Approval per hearing (DESIGN.md section 2) is the presiding judge's, from this page.
      if (!running) buttons.append(el("button", { class: "secondary", onclick: () => approve(!info.approved) },
        info.approved ? "撤销直播批准" : "批准直播"));
      if (!running && info.may_start) buttons.append(el("button", { onclick: () => call("start") }, "开始直播"));
      if (running && b.state === "live") buttons.append(el("button", { onclick: () => {
        const reason = prompt("切断直播的理由（将记入庭审日志）：");
        if (reason && reason.trim()) call("cut", { reason: reason.trim() });
      } }, "切断直播"));
      if (running && b.state === "cut") buttons.append(el("button", { onclick: () => call("resume") }, "恢复直播"));
      if (running) buttons.append(el("button", { class: "secondary", onclick: () => {
        if (confirm("结束本次直播？尚未播出的内容将不再播出。")) call("stop", { reason: "审判长结束直播" });
      } }, "结束直播"));
      if (!info.may_start && !running && info.refusal) buttons.append(el("span", { class: "muted" }, info.refusal.message));
      card.append(buttons);
      if (running) {
        const seated = (live.roster || []).filter((p) => p.state === "admitted");
        if (seated.length) card.append(el("div", { class: "roster" }, el("ul", {}, seated.map((p) => maskRow(p, b.masks || {})))));
      }
    }
    card.append(el("div", { class: "message" }));
  }

  live.on("hearing", () => refresh());
  live.on("roster", () => { if (!busy) render(); });
  refresh();
  const timer = setInterval(refresh, POLL_MS);
  return { refresh, stop: () => clearInterval(timer) };
}
