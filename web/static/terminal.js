// The courtroom terminal of the presiding judge and the clerk.
import { api, el, clear, showError } from "/static/common.js";
import { LiveHearing, openDevices } from "/static/live.js";
import { mountHearingView } from "/static/hearing-view.js";

const $ = (id) => document.getElementById(id);
const hearingId = location.pathname.split("/").pop();

// 设备与服务自检: this terminal's camera, microphone and connection, and the server's own
// readiness (GET /readyz: database, disk, media, speech recognition), before the hearing opens.
function checkItem(label, ok, detail) {
  return el("li", { class: ok ? "ok" : "bad" }, `${ok ? "✓" : "✗"} ${label}`,
            detail ? el("span", { class: "muted" }, ` ${detail}`) : "");
}

async function selfCheck(live, stream) {
  const items = [];
  const track = (kind) => stream && stream.getTracks().find((t) => t.kind === kind && t.readyState === "live");
  items.push(checkItem("摄像头", !!track("video"), track("video") ? track("video").label : "未打开"));
  items.push(checkItem("麦克风", !!track("audio"), track("audio") ? track("audio").label : "未打开"));
  const connected = live.ws && live.ws.readyState === WebSocket.OPEN;
  items.push(checkItem("与服务器的连接", connected, connected ? "已连接" : "未连接"));
  let ready = null;
  try {
    const res = await fetch("/readyz", { cache: "no-store" });
    ready = await res.json();
  } catch (e) { items.push(checkItem("服务器自检", false, "无法取得：" + e.message)); }
  for (const c of (ready && ready.checks) || []) items.push(checkItem(c.label || c.name, c.ok, c.ok ? "" : c.detail));
  if (ready && (ready.failed || []).includes("draining")) items.push(checkItem("服务器", false, "即将维护"));
  const failed = items.filter((li) => li.className === "bad").length;
  clear($("selfcheck-list")).append(...items);
  const summary = $("selfcheck-summary");
  summary.className = failed ? "error" : "notice";
  summary.textContent = failed ? `${failed} 项未通过，请处理后再开庭` : "全部通过，可以开庭";
  $("selfcheck").dataset.result = failed ? "failed" : "passed";
}

async function start() {
  try {
    const info = await api(`/api/hearings/${hearingId}`);
    $("title").textContent = `${info.case.case_number} · ${info.hearing.title}`;
    $("record-link").href = `/records/${hearingId}`;
    // Staff enter their own seat with their own log-in (the session cookie), not a token.
    const live = new LiveHearing({ hearingId, iceServers: info.ice_servers || [] });
    live.on("error", (e) => showError($("message"), e));
    live.on("bye", (m) => { clear($("message")).append(el("p", { class: "notice" }, m.message)); });
    live.on("reconnecting", () => { clear($("message")).append(el("p", { class: "muted" }, "连接中断，正在重新连接…")); });
    live.on("welcome", () => clear($("message")));
    // A recording that cannot be written (the server has already paused the hearing), or free space running low.
    live.on("recording_alarm", (m) => {
      clear($("message")).append(el("p", { class: m.level === "error" ? "error" : "notice", role: "alert" }, m.message));
    });
    let stream = null;
    try { stream = await openDevices(); await live.startMedia(stream); }
    catch (e) { showError($("message"), new Error("无法打开摄像头或麦克风：" + e.message)); }
    live.on("maintenance", (m) => { clear($("message")).append(el("p", { class: "error" }, m.message)); });
    await live.connect();
    // Checked before the hearing opens, and again every 15 s until it does.
    const recheck = () => selfCheck(live, stream).catch((e) => console.error(e));
    await recheck();
    const timer = setInterval(recheck, 15000);
    live.on("hearing", (h) => {
      if (h && h.state !== "scheduled") { clearInterval(timer); $("selfcheck").hidden = h.state === "open"; }
    });
    mountHearingView(live, { grid: $("grid"), roster: $("roster"), state: $("state"), transcript: $("transcript"), clock: $("clock") });
    if (info.hearing.kind === "hearing") {
      import("/static/broadcast-controls.js").then((m) => m.mountBroadcastControls(live, $("state")));
    }
    for (const s of info.transcript || []) live.emit("transcript", { segment: s });
    window.courtroomLive = live; // for diagnostics and browser tests
  } catch (e) {
    if (e.status === 401) { location.href = "/"; return; }
    showError($("message"), e);
  }
}
start();
