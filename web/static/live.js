// The live hearing connection shared by the terminal and the join page: one WebSocket
// carries the join (a party's token; court staff join their own seat with their log-in
// session cookie, never a token), the lobby, control, transcript events and — once admitted —
// the media signaling that CourtroomRTC (rtc.js) speaks.
"use strict";

const MEDIA_EVENTS = new Set(["publication", "publication-ended", "state", "quality", "answer", "unpublished", "unsubscribed"]);

export class LiveHearing {
  constructor({ token, hearingId, iceServers = [] }) {
    this.token = token;
    this.hearingId = hearingId;
    this.rtc = new window.CourtroomRTC({ iceServers });
    this.rtc.onQuality = (q) => this.emit("quality", q);
    this.ws = null;
    this.me = null;
    this.hearing = null;
    this.roster = [];
    this.permissions = [];
    this.admitted = false;
    this.localStream = null;
    this.handlers = {};
    this._retry = 0;
    this._closedByServer = false;
  }

  on(type, fn) { (this.handlers[type] = this.handlers[type] || []).push(fn); return this; }
  emit(type, data) { for (const fn of this.handlers[type] || []) { try { fn(data); } catch (e) { console.error(e); } } }

  url() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}/ws/hearing`;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url());
      this.ws = ws;
      let welcomed = false;
      ws.onopen = () => ws.send(JSON.stringify(
        this.token ? { type: "join", token: this.token } : { type: "join", hearing_id: this.hearingId }));
      ws.onmessage = (event) => {
        const m = JSON.parse(event.data);
        if ((m.id !== undefined && this.rtc._pending.has(m.id)) || MEDIA_EVENTS.has(m.type)) {
          this.rtc._message(m);
          return;
        }
        if (m.type === "welcome" && !welcomed) { welcomed = true; this._welcome(m); resolve(m); return; }
        this._event(m);
        if (!welcomed && m.type === "error") reject(Object.assign(new Error(m.message), { code: m.code }));
      };
      ws.onclose = (ev) => {
        this.emit("closed", { code: ev.code, reason: ev.reason });
        if (!welcomed) reject(new Error("连接已关闭 (" + ev.code + ")"));
        // A dropped connection (network, server restart) comes back by itself; a removal,
        // a revoked token or the end of the hearing does not.
        const final = this._closedByServer || [4001, 4003, 1008].includes(ev.code) || (this.hearing && this.hearing.state === "closed");
        if (welcomed && !final) this._reconnect();
      };
    });
  }

  _reconnect() {
    const delay = Math.min(10000, 1000 * 2 ** this._retry++);
    this.emit("reconnecting", { delay });
    setTimeout(() => this.connect().then(() => { this._retry = 0; }).catch(() => this._reconnect()), delay);
  }

  _welcome(m) {
    this.me = m.participant;
    this.hearing = m.hearing;
    this.case = m.case || null;
    this.permissions = m.permissions || [];
    this.roster = m.roster || [];
    this.clock = m.clock;
    if (m.ice_servers) this.rtc.iceServers = m.ice_servers;
    this._clockBase = m.clock ? { at: performance.now(), now: m.clock.now } : null;
    this.emit("welcome", m);
    this.emit("roster", this.roster);
    this.emit("hearing", this.hearing);
  }

  async _event(m) {
    switch (m.type) {
      case "admitted":
        this.admitted = true;
        this.rtc._ws = this.ws;
        this.rtc.onError = (e) => this.emit("error", e);
        this.emit("admitted", m);
        try {
          const hello = await this.rtc._request({ type: "hello" });
          this.rtc.participantId = hello.participant;
          for (const p of hello.publications) this.rtc._publication(p);
          if (this.localStream) await this.rtc.publish(this.localStream);
        } catch (e) { this.emit("error", { code: "media", message: String(e) }); }
        break;
      case "roster": this.roster = m.roster; this.emit("roster", m.roster); break;
      case "hearing":
        this.hearing = m.hearing;
        if (m.clock) this._clockBase = { at: performance.now(), now: m.clock.now };
        this.emit("hearing", m.hearing);
        break;
      case "bye": case "removed": this._closedByServer = true; this.emit(m.type, m); break;
      default: this.emit(m.type, m);
    }
  }

  hearingTime() {
    if (!this._clockBase) return null;
    return this._clockBase.now + (performance.now() - this._clockBase.at) / 1000;
  }

  send(message) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  control(action, extra = {}) { this.send(Object.assign({ type: "control", action }, extra)); }

  // Release the camera, the microphone and every connection, for good: after closing, a
  // removal, or the party's own 离开 (issue 14: tracks must end, not linger).
  release() {
    this._closedByServer = true;
    if (this.localStream) for (const t of this.localStream.getTracks()) t.stop();
    try { this.rtc.close(); } catch (_) { /* already closed */ }
    if (this.ws && this.ws.readyState <= 1) this.ws.close(1000, "left");
  }

  leave() { this.release(); this.emit("left", {}); }

  async startMedia(stream) {
    this.localStream = stream;
    if (this.admitted) await this.rtc.publish(stream);
  }
}

// A media check before entering: camera preview and a microphone level meter.
export async function openDevices(previewVideo, meterBar) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true },
    video: { width: { ideal: 1280 }, height: { ideal: 720 } },
  });
  if (previewVideo) { previewVideo.srcObject = stream; previewVideo.muted = true; }
  if (meterBar && window.AudioContext) {
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(stream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    const tick = () => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      meterBar.style.width = Math.min(100, (peak / 128) * 200) + "%";
      requestAnimationFrame(tick);
    };
    tick();
  }
  return stream;
}
