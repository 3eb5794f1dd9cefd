// A remote party joins: device check, lobby, then the hearing.
import { el, clear, showError } from "/static/common.js";
import { LiveHearing, openDevices } from "/static/live.js";
import { mountHearingView } from "/static/hearing-view.js";

const $ = (id) => document.getElementById(id);
// The token travels in the URL fragment, which browsers never send to a server.
const token = decodeURIComponent(location.hash.slice(1));
let stream = null;

async function check() {
  if (!token) { showError($("check-msg"), new Error("入庭链接不完整，请向书记员索取有效链接。")); return; }
  try {
    stream = await openDevices($("preview"), $("meter"));
    $("enter").disabled = false;
  } catch (e) {
    showError($("check-msg"), new Error("无法打开摄像头或麦克风：" + e.message + "。请检查浏览器权限后刷新页面。"));
  }
}

$("enter").addEventListener("click", async () => {
  $("enter").disabled = true;
  const live = new LiveHearing({ token });
  live.on("error", (e) => showError($("message"), e));
  live.on("lobby", (m) => { $("lobby").hidden = false; $("lobby-msg").textContent = m.message; });
  live.on("admitted", () => { $("lobby").hidden = true; $("room").hidden = false; $("state").hidden = false; });
  live.on("removed", (m) => { $("room").hidden = true; clear($("message")).append(el("p", { class: "error" }, m.message)); });
  live.on("bye", (m) => { clear($("message")).append(el("p", { class: "notice" }, m.message)); });
  live.on("reconnecting", () => { clear($("message")).append(el("p", { class: "muted" }, "连接中断，正在重新连接…")); });
  try {
    await live.startMedia(stream);
    const welcome = await live.connect();
    $("check").hidden = true;
    $("title").textContent = `互联网庭审 · ${welcome.hearing.title}`;
    mountHearingView(live, { grid: $("grid"), roster: $("roster"), state: $("state"), transcript: $("transcript"), clock: $("clock") });
    window.courtroomLive = live;
  } catch (e) {
    $("enter").disabled = false;
    showError($("check-msg"), e);
  }
});

check();
