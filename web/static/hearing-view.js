// What a live hearing looks like on screen: the video grid, the roster (with the
// presiding judge's and clerk's actions), the state bar with the hearing clock, and the
// live transcript. Used by the courtroom terminal and the remote party's page.
import { el, clear, hms, STATE_LABELS, PAUSE_REASONS } from "/static/common.js";

const ROLE_ORDER = ["presiding_judge", "committee_chair", "judge", "juror", "committee_member", "clerk",
  "committee_secretary", "judge_assistant", "plaintiff", "agent", "defendant", "third_party", "witness"];

export function mountHearingView(live, nodes) {
  const tiles = new Map();
  // Link health from the roster (courtroom/hearing/linkwatch.py): participant -> {gone_s at receipt, received}.
  const lost = new Map();
  const alerts = el("div", { id: "link-alerts", "aria-live": "assertive" });
  nodes.state.after(alerts);

  function tileFor(p) {
    let tile = tiles.get(p.id);
    if (!tile) {
      const video = el("video", { autoplay: true, playsinline: true });
      tile = { root: el("div", { class: "tile", dataset: { participant: p.id } }, video, el("span", { class: "name" })), video };
      tiles.set(p.id, tile);
      if (p.id === live.me.id) { video.muted = true; if (live.localStream) video.srcObject = live.localStream; }
      else live.rtc.attach(p.id, video);
    }
    tile.root.querySelector(".name").textContent = `${p.role_label} ${p.name}${p.muted ? "（已静音）" : ""}`;
    tile.root.classList.toggle("presiding", p.role === "presiding_judge" || p.role === "committee_chair");
    const gone = lost.has(p.id);
    tile.root.classList.toggle("gone", gone);
    let note = tile.root.querySelector(".gone-note");
    if (gone && !note) tile.root.append(note = el("div", { class: "gone-note" }));
    if (!gone && note) note.remove();
    return tile;
  }

  function renderGrid() {
    // A participant whose link dropped keeps a greyed tile: the court sees who is missing.
    const seated = live.roster.filter((p) => p.state === "admitted" && (p.online || p.id === live.me.id || lost.has(p.id)))
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    const keep = new Set(seated.map((p) => p.id));
    for (const [id, tile] of tiles) if (!keep.has(id)) { live.rtc.detach(id); tile.root.remove(); tiles.delete(id); }
    for (const p of seated) nodes.grid.append(tileFor(p).root);
  }

  // Court staff: whose link cannot carry everyone's video (the server cut it for them).
  const linkQuality = new Map();
  live.on("link-quality", (m) => { linkQuality.set(m.participant, m.state); refreshRoster(); });

  function renderRoster() {
    const list = clear(nodes.roster);
    const can = (a) => live.permissions.includes(a);
    const waiting = live.roster.filter((p) => p.state === "waiting");
    if (waiting.length && can("admit")) {
      list.append(el("li", { class: "muted" }, `候审室：${waiting.length} 人等候`));
    }
    for (const p of live.roster) {
      const actions = el("span", { class: "actions" });
      if (p.id !== live.me.id) {
        if (p.state === "waiting" && can("admit")) actions.append(el("button", { onclick: () => live.control("admit", { participant_id: p.id }) }, "准许进入"));
        if (p.state === "admitted" && can("mute")) actions.append(el("button", { class: "secondary", onclick: () => live.control(p.muted ? "unmute" : "mute", { participant_id: p.id }) }, p.muted ? "取消静音" : "静音"));
        if (can("remove")) actions.append(el("button", { class: "secondary", onclick: () => {
          const reason = prompt(`移出 ${p.name} 的理由：`);
          if (reason) live.control("remove", { participant_id: p.id, reason });
        } }, "移出"));
      }
      const gone = p.link && p.link.state === "lost";
      list.append(el("li", {}, el("span", { class: "dot" + (p.online && !gone ? " on" : "") + (gone ? " lost" : "") }), `${p.role_label} ${p.name}`,
        gone ? el("span", { class: "badge paused" }, "连线中断") : "",
        p.state === "waiting" ? el("span", { class: "badge waiting" }, "候审") : "",
        p.muted ? el("span", { class: "badge" }, "静音") : "", p.remote ? el("span", { class: "muted" }, "远程") : "",
        ["reduced", "paused"].includes(linkQuality.get(p.id))
          ? el("span", { class: "badge waiting", title: "该参与人网络较差，服务器已为其降低或暂停部分视频，音频优先" }, "网络较差") : "",
        actions));
    }
  }

  // Words for the room's kind: a hearing opens and closes; a panel or committee meets.
  const WORDS = {
    hearing: { open: "开庭", close: "闭庭", confirm: "确认闭庭？闭庭后录音录像结束，笔录进入核对签名。" },
    deliberation: { open: "开始合议", close: "结束合议", confirm: "确认结束合议？结束后合议笔录进入核对签名。" },
    committee: { open: "开会", close: "散会", confirm: "确认散会？散会后会议记录进入核对签名。" },
  };

  // Like the roster: rebuilt only when what it shows changed, so that a click on 开庭 or a
  // pause reason being chosen survives the hearing messages a party's arrival brings.
  let stateKey = "";
  function renderState() {
    const h = live.hearing;
    const key = JSON.stringify([h.state, h.kind, h.title, live.permissions]);
    if (key === stateKey) return;
    stateKey = key;
    const words = WORDS[h.kind] || WORDS.hearing;
    const bar = clear(nodes.state);
    bar.append(el("span", { class: "badge " + h.state }, STATE_LABELS[h.state]), " ", h.title, " ");
    const can = (a) => live.permissions.includes(a);
    if (h.state === "scheduled" && can("open")) bar.append(el("button", { onclick: () => live.control("open") }, words.open));
    if (h.state === "open" && can("pause")) {
      const select = el("select", {}, Object.entries(PAUSE_REASONS).map(([k, v]) => el("option", { value: k }, v)));
      bar.append(select, el("button", { class: "secondary", onclick: () => live.control("pause", { reason: select.value }) }, "暂停"));
    }
    if (h.state === "paused" && can("resume")) bar.append(el("button", { onclick: () => live.control("resume") }, "继续"));
    if ((h.state === "open" || h.state === "paused") && can("close")) bar.append(el("button", { class: "secondary", onclick: () => {
      if (confirm(words.confirm)) live.control("close");
    } }, words.close));
  }

  // Transcript: interim text is replaced in place by its final segment (same id).
  const segments = new Map();
  function showSegment(s) {
    let node = segments.get(s.id);
    if (s.deleted) { if (node) node.remove(); segments.delete(s.id); return; }
    const line = el("div", { class: "seg" + (s.final ? "" : " interim"), dataset: { id: s.id, start: s.start } },
      el("span", { class: "t", title: "跳转到该句录音" }, hms(s.start)), el("span", { class: "who" }, s.speaker_label + "："), s.text);
    if (node) node.replaceWith(line); else {
      // Keep hearing-clock order even when speakers' segments arrive out of order.
      const after = Array.from(nodes.transcript.children).find((n) => parseFloat(n.dataset.start) > s.start);
      nodes.transcript.insertBefore(line, after || null);
    }
    segments.set(s.id, line);
    nodes.transcript.scrollTop = nodes.transcript.scrollHeight;
  }

  function goneSeconds(id) {
    const l = lost.get(id);
    return l ? Math.round(l.gone_s + (performance.now() - l.received) / 1000) : 0;
  }

  function trackLinks() {
    const now = performance.now();
    const seen = new Set();
    for (const p of live.roster) {
      if (p.state === "admitted" && p.id !== live.me.id && p.link && p.link.state === "lost") {
        seen.add(p.id);
        if (!lost.has(p.id)) lost.set(p.id, { gone_s: p.link.gone_s || 0, received: now, label: `${p.role_label} ${p.name}` });
      }
    }
    for (const id of Array.from(lost.keys())) if (!seen.has(id)) lost.delete(id);
  }

  // Judge and clerk: a message naming each person and how long they have been gone; the
  // presiding judge may pause the hearing for it (the pause is logged with that reason).
  function renderAlerts() {
    clear(alerts);
    for (const [id, l] of lost) {
      const tile = tiles.get(id);
      const note = tile && tile.root.querySelector(".gone-note");
      if (note) note.textContent = `连线中断 ${goneSeconds(id)} 秒`;
    }
    if (!lost.size || !live.permissions.includes("admit")) return;
    const h = live.hearing;
    for (const [id, l] of lost) {
      const line = el("p", { class: "error link-alert", dataset: { participant: id } }, `⚠ ${l.label} 连线中断，已 ${goneSeconds(id)} 秒`);
      if (h.state === "open" && live.permissions.includes("pause")) {
        line.append(" ", el("button", { class: "secondary", onclick: () =>
          live.control("pause", { reason: "link_lost", note: `${l.label} 连线中断` }) }, "以此理由暂停庭审"));
      }
      alerts.append(line);
    }
  }

  // Rebuild the roster only when what it shows changed: a button replaced between the
  // press and the release of a click loses the click (a link-quality report every few
  // seconds once cost the judge a 移出).
  let rosterKey = "";
  function refreshRoster() {
    const key = JSON.stringify([live.permissions, live.roster.map((p) =>
      [p.id, p.name, p.role_label, p.remote, p.state, p.online, p.muted, p.link && p.link.state, linkQuality.get(p.id)])]);
    if (key !== rosterKey) { rosterKey = key; renderRoster(); }
  }
  live.on("roster", () => {
    trackLinks();
    refreshRoster();
    renderGrid(); renderAlerts();
  });
  setInterval(renderAlerts, 1000);
  live.on("hearing", () => renderState());
  live.on("transcript", (m) => {
    // A final read together with the next utterance (a number cut by a pause) takes that
    // utterance's interim line with it.
    for (const id of m.replaces || []) showSegment({ id, deleted: true });
    showSegment(m.segment);
  });
  live.on("transcript-edit", (m) => { for (const s of m.segments || []) showSegment(s); });
  // The server cut this link's video to keep the audio whole: say so, in place.
  let qualityNote = null;
  live.on("quality", (q) => {
    const text = (window.CourtroomRTC.QUALITY_TEXT || {})[q.state] || "";
    if (!qualityNote) qualityNote = el("div", { class: "notice quality", role: "status" });
    qualityNote.textContent = text;
    qualityNote.hidden = !text;
    if (nodes.grid && !qualityNote.isConnected) nodes.grid.before(qualityNote);
  });
  live.rtc.onRemoteStream = () => renderGrid();
  live.rtc.onRemoteGone = () => renderGrid();
  setInterval(() => { if (nodes.clock) nodes.clock.textContent = hms(live.hearingTime()); }, 500);
  refreshRoster(); renderGrid(); renderState();
  return { renderGrid, showSegment };
}
