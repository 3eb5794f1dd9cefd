// The courtroom terminal of the presiding judge and the clerk.
import { api, el, clear, showError } from "/static/common.js";
import { LiveHearing, openDevices } from "/static/live.js";
import { mountHearingView } from "/static/hearing-view.js";

const $ = (id) => document.getElementById(id);
const hearingId = location.pathname.split("/").pop();

async function start() {
  try {
    const info = await api(`/api/hearings/${hearingId}`);
    $("title").textContent = `${info.case.case_number} · ${info.hearing.title}`;
    $("record-link").href = `/records/${hearingId}`;
    const { token } = await api(`/api/hearings/${hearingId}/my-token`, { method: "POST" });
    const live = new LiveHearing({ token, iceServers: info.ice_servers || [] });
    live.on("error", (e) => showError($("message"), e));
    live.on("bye", (m) => { clear($("message")).append(el("p", { class: "notice" }, m.message)); });
    live.on("reconnecting", () => { clear($("message")).append(el("p", { class: "muted" }, "连接中断，正在重新连接…")); });
    live.on("welcome", () => clear($("message")));
    // A recording that cannot be written (the server has already paused the hearing), or free space running low.
    live.on("recording_alarm", (m) => {
      clear($("message")).append(el("p", { class: m.level === "error" ? "error" : "notice", role: "alert" }, m.message));
    });
    try { await live.startMedia(await openDevices()); }
    catch (e) { showError($("message"), new Error("无法打开摄像头或麦克风：" + e.message)); }
    await live.connect();
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
