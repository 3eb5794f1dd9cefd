// The public viewer of a broadcast hearing: waits until the delayed stream has segments,
// then plays the HLS playlist (hls.js, vendored, where the browser has no native HLS).
// Fatal player errors and a broadcast that pauses or ends are handled by polling the
// public status; nothing here needs a log-in.
const $ = (id) => document.getElementById(id);
const hearingId = location.pathname.split("/").filter(Boolean).pop();
const base = `/live/${hearingId}`;
const video = $("player");
const POLL_MS = 3000;
// hls.js starts three segments from the live edge: wait until that many are published.
const MIN_SEGMENTS = 3;

let hls = null;
let playing = false;

function show(state, note) {
  const badge = $("state");
  badge.textContent = { live: "直播中", starting: "即将开始", ended: "直播已结束", closed: "庭审已结束",
    scheduled: "尚未开庭", none: "暂无直播", error: "播放中断" }[state] || state;
  badge.className = "badge" + (state === "live" ? " open" : ["ended", "none", "closed"].includes(state) ? " closed" : " paused");
  $("note").textContent = note || "";
  // No dead player: the video is shown only while there is something to play.
  video.hidden = !["live", "error"].includes(state);
  $("placeholder").hidden = !video.hidden;
  $("placeholder").textContent = badge.textContent;
  $("unmute").hidden = video.hidden || !video.muted;
}

let info = null;
const when = (iso) => new Date(iso).toLocaleString("zh-CN", { hour12: false, timeZone: (info && info.time_zone) || "Asia/Shanghai" });

// What the hearing is and when, before it starts and after it ends.
async function loadInfo() {
  try {
    const res = await fetch(`${base}/info.json`, { cache: "no-store" });
    info = res.ok ? await res.json() : null;
  } catch (_) { /* keep the last one */ }
  if (!info) return;
  $("title").textContent = `庭审直播 · ${info.title}`;
  $("case-number").textContent = info.case_number;
  // Once opened, the time it really opened (a hearing may open before or after its schedule).
  const opened = info.opened_at || info.scheduled_at;
  const facts = [`${info.court}`, `案号 ${info.case_number}`];
  if (opened) facts.push(`开庭时间 ${when(opened)}`);
  if (info.closed_at) facts.push(`闭庭时间 ${when(info.closed_at)}`);
  $("facts").textContent = facts.join(" · ");
}

function stopPlayer() {
  if (hls) { hls.destroy(); hls = null; }
  playing = false;
}

function startPlayer() {
  const url = `${base}/index.m3u8`;
  playing = true;
  if (window.Hls && window.Hls.isSupported()) {
    hls = new window.Hls({ liveSyncDurationCount: 3, manifestLoadingMaxRetry: 6, levelLoadingMaxRetry: 6, fragLoadingMaxRetry: 6 });
    hls.on(window.Hls.Events.ERROR, (_, data) => {
      if (!data.fatal) return;
      // A fatal error (network gone, stream restarted): start over at the next poll.
      stopPlayer();
      show("error", "正在重新连接…");
    });
    hls.loadSource(url);
    hls.attachMedia(video);
  } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
    video.src = url; // Safari plays HLS natively
  } else {
    show("error", "此浏览器无法播放直播");
    return;
  }
  video.play().catch(() => { /* autoplay refused: the controls are there */ });
}

async function poll() {
  let status = null;
  try {
    const res = await fetch(`${base}/status.json`, { cache: "no-store" });
    if (res.ok) status = await res.json();
  } catch (_) { /* offline for a moment: try again */ }
  if (!status) {
    stopPlayer();
    await loadInfo();
    if (info && info.state === "closed") show("closed", "本次庭审已经结束，直播随之结束。");
    else if (info && info.state === "scheduled") show("scheduled", `庭审定于 ${when(info.scheduled_at)} 开始，开庭并开始直播后本页自动播放。`);
    else if (info) show("starting", "庭审正在进行，直播尚未开始，请稍候…");
    else show("none", "该庭审当前没有直播，或直播已结束。");
  } else {
    $("title").textContent = `庭审直播 · ${status.title}`;
    $("case-number").textContent = status.case_number;
    if (status.state === "ended") { show("ended", "直播已结束。"); stopPlayer(); }
    else if (status.segments < MIN_SEGMENTS) show("starting", `直播延时约 ${Math.round(status.delay_s)} 秒播出，请稍候…`);
    else {
      show("live", `延时约 ${Math.round(status.delay_s)} 秒`);
      if (!playing) startPlayer();
    }
  }
  setTimeout(poll, POLL_MS);
}

$("unmute").addEventListener("click", () => { video.muted = false; $("unmute").hidden = true; video.play().catch(() => {}); });
window.liveViewer = { video, get playing() { return playing; } }; // for diagnostics and browser tests
loadInfo().finally(poll);
