// A party joins: device check (camera and microphone of their choice), the lobby (the case,
// the time and a waiting message only), then the hearing, built only once admitted. On
// close, removal or 离开 the camera and microphone are released and the page says why.
import { el, clear, showError, localTime, loadCourt } from "/static/common.js";
import { LiveHearing } from "/static/live.js";
import { mountHearingView } from "/static/hearing-view.js";
import { mountDeviceCheck } from "/static/devices.js";

const $ = (id) => document.getElementById(id);
// The token travels in the URL fragment, which browsers never send to a server.
const token = decodeURIComponent(location.hash.slice(1));
const MODE_LABELS = { courtroom: "数字法庭", internet: "互联网庭审" };
const KIND_LABELS = { hearing: "庭审", deliberation: "合议", committee: "审委会讨论" };
const devices = mountDeviceCheck({ preview: $("preview"), meter: $("meter"), cameraSelect: $("camera"), micSelect: $("microphone") });
let live = null;
let room = null;

function hearingName(h) {
  return h.kind === "hearing" ? `${MODE_LABELS[h.mode] || ""} · ${h.title}` : `${KIND_LABELS[h.kind]} · ${h.title}`;
}

async function check() {
  if (!token) { showError($("check-msg"), new Error("入庭链接不完整，请向书记员索取有效链接。")); return; }
  try {
    await devices.open();
    $("enter").disabled = false;
  } catch (e) {
    showError($("check-msg"), new Error("无法打开摄像头或麦克风，请检查浏览器权限后刷新页面。"));
  }
}

function showLobby(welcome) {
  const h = welcome.hearing;
  const facts = clear($("lobby-facts"));
  const add = (k, v) => { if (v) facts.append(el("dt", {}, k), el("dd", {}, v)); };
  if (welcome.case) { add("案号", welcome.case.case_number); add("案由", welcome.case.cause); }
  add("庭审", h.title);
  add("方式", `${MODE_LABELS[h.mode] || ""}${KIND_LABELS[h.kind] ? " · " + KIND_LABELS[h.kind] : ""}`);
  add("开庭时间", localTime(h.scheduled_at));
  add("您的身份", `${welcome.participant.role_label} ${welcome.participant.name}`);
  $("lobby").hidden = false;
}

// The courtroom's DOM exists only while the party is admitted.
function buildRoom() {
  if (room) return room;
  const mute = el("button", { type: "button", class: "secondary", id: "self-mute" }, "静音");
  const leave = el("button", { type: "button", class: "secondary", id: "leave" }, "离开");
  const root = el("div", { id: "room" },
    el("section", { class: "card", id: "state" }),
    el("p", { class: "controls" }, mute, " ", leave, " ", el("span", { class: "muted", id: "mute-note" })),
    el("div", { class: "layout" },
      el("div", {}, el("div", { class: "grid", id: "grid" })),
      el("div", {},
        el("section", { class: "card roster" }, el("h2", {}, "参与人"), el("ul", { id: "roster" })),
        el("section", { class: "card" }, el("h2", {}, "实时笔录"), el("div", { class: "transcript", id: "transcript" })))));
  $("room-anchor").append(root);
  mute.addEventListener("click", () => {
    const audio = live.localStream && live.localStream.getAudioTracks()[0];
    if (!audio) return;
    audio.enabled = !audio.enabled;
    mute.textContent = audio.enabled ? "静音" : "取消静音";
    $("mute-note").textContent = audio.enabled ? "" : "您已静音，其他人听不到您的声音";
  });
  leave.addEventListener("click", () => {
    if (confirm("确定离开庭审？离开后如需回到庭审，请再次打开入庭链接。")) live.leave();
  });
  room = { root, view: mountHearingView(live, { grid: $("grid"), roster: $("roster"), state: $("state"), transcript: $("transcript"), clock: $("clock") }) };
  $("clock-box").hidden = false;
  return room;
}

function tearDownRoom() {
  if (room) { room.root.remove(); room = null; }
}

// Whatever ends the party's presence: release the devices and say so.
function end(text, cls) {
  tearDownRoom();
  if (live) live.release();
  devices.stop();
  $("check").hidden = true;
  $("lobby").hidden = true;
  $("clock-box").hidden = true;
  clear($("message"));
  const box = $("ended");
  clear(box).append(el("p", { class: cls }, text));
  box.hidden = false;
}

$("enter").addEventListener("click", async () => {
  $("enter").disabled = true;
  await loadCourt();
  live = new LiveHearing({ token });
  window.courtroomLive = live; // for diagnostics and browser tests
  live.on("error", (e) => showError($("message"), e));
  live.on("lobby", (m) => { $("lobby").hidden = false; if (m.message) $("lobby-msg").textContent = m.message; });
  live.on("admitted", () => { $("lobby").hidden = true; clear($("message")); buildRoom(); });
  live.on("hearing", (h) => {
    if (h && h.state === "open" && !live.admitted) $("lobby-msg").textContent = "庭审已开始，请等候审判长准许进入。";
  });
  live.on("removed", () => end("您已被移出庭审。摄像头和麦克风已关闭。", "error"));
  live.on("bye", () => end("庭审已结束。摄像头和麦克风已关闭。感谢您的参与。", "notice"));
  live.on("left", () => end("您已离开庭审。摄像头和麦克风已关闭。", "notice"));
  live.on("reconnecting", () => { clear($("message")).append(el("p", { class: "muted" }, "连接中断，正在重新连接…")); });
  live.on("welcome", () => clear($("message")));
  try {
    devices.stopPreview();
    await live.startMedia(devices.stream);
    const welcome = await live.connect();
    $("check").hidden = true;
    $("title").textContent = hearingName(welcome.hearing);
    document.title = hearingName(welcome.hearing);
    if (!live.admitted) showLobby(welcome);
  } catch (e) {
    $("enter").disabled = false;
    showError($("check-msg"), e);
  }
});

check();
