// Browser client of the courtroom media signaling protocol (courtroom/signaling.py).
// Vanilla JS, no build step, independent of page layout.
//
//   const rtc = new CourtroomRTC({ iceServers: [] });
//   rtc.onRemoteStream = (participantId, stream) => { video.srcObject = stream; };
//   rtc.onRemoteGone = (participantId) => { ... };
//   rtc.onState = (target, state) => { ... };   // target: "signaling" | "publish" | participantId
//   rtc.onError = (error) => { ... };           // {code, message, ref}
//   rtc.onQuality = (q) => { ... };             // {state: "ok"|"reduced"|"paused", paused, reduced}: the server
//                                               // cut video to fit this link (show QUALITY_TEXT[q.state])
//   await rtc.connect("wss://host/ws/...");     // resolves with the server's welcome
//   await rtc.publish(await navigator.mediaDevices.getUserMedia({ audio: true, video: true }));
//   rtc.attach(participantId, videoElement);   // show someone, now or when their media arrives
//   await rtc.reconnect(url);                   // after the socket dropped: connect + publish again
//
// Topology: one publish connection (this browser offers sendonly audio+video) and one
// receive connection per remote publisher (this browser offers recvonly); the server
// always answers. Every publication that appears is subscribed to unless
// `autoSubscribe: false`. Codecs are restricted to VP8 and Opus: the server forwards
// encoded media without transcoding; video is published with temporal layers (L1T3)
// where the browser can, so the server can halve or quarter the frame rate for a weak
// receiver without transcoding. A connection that fails, closes (ICE consent expired)
// or stays disconnected for 5 s is replaced by a new one, retried until it connects,
// with no click: aiortc (the server) has no ICE restart.
(function (global) {
  "use strict";

  const WANTED_CODECS = { video: ["video/vp8", "video/rtx"], audio: ["audio/opus"] };
  const RECONNECT_AFTER_DISCONNECTED_MS = 5000;
  const QUALITY_TEXT = { ok: "", reduced: "网络较差，已降低视频质量", paused: "网络较差，已暂停部分视频" };

  function preferCodecs(transceiver, kind) {
    if (!transceiver.setCodecPreferences) return;
    const wanted = WANTED_CODECS[kind];
    for (const source of [global.RTCRtpReceiver, global.RTCRtpSender]) {
      const caps = source && source.getCapabilities && source.getCapabilities(kind);
      if (!caps) continue;
      const codecs = caps.codecs.filter((c) => wanted.includes(c.mimeType.toLowerCase()));
      try {
        transceiver.setCodecPreferences(codecs);
        return;
      } catch (e) {
        // try the other capability list; the server restricts codecs anyway
      }
    }
  }

  function waitForGathering(pc, timeoutMs) {
    if (pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        pc.removeEventListener("icegatheringstatechange", check);
        clearTimeout(timer);
        resolve();
      };
      const check = () => { if (pc.iceGatheringState === "complete") done(); };
      const timer = setTimeout(done, timeoutMs);
      pc.addEventListener("icegatheringstatechange", check);
    });
  }

  class CourtroomRTC {
    constructor(options = {}) {
      this.iceServers = options.iceServers || [];
      this.autoSubscribe = options.autoSubscribe !== false;
      this.gatherTimeoutMs = options.gatherTimeoutMs || 2000;
      this.requestTimeoutMs = options.requestTimeoutMs || 20000;
      this.participantId = null;
      this.publications = new Map(); // participantId -> {kinds, muted}
      this.remoteStreams = new Map(); // participantId -> MediaStream
      this.publishPc = null;
      this.localStream = null;
      this._subs = new Map(); // participantId -> {pc, kinds, stream}
      this._pending = new Map();
      this._nextId = 0;
      this._ws = null;
      this._attached = new Map(); // participantId -> element
      this.onRemoteStream = () => {};
      this.onRemoteGone = () => {};
      this.onState = () => {};
      this.onError = () => {};
      this.onPublication = () => {};
      this.onQuality = () => {};
      this.quality = null;
      this._recovering = new Set();
    }

    // --- signaling --------------------------------------------------------------------------

    connect(wsUrl) {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(wsUrl);
        this._ws = ws;
        ws.onopen = () => {
          this.onState("signaling", "open");
          this._request({ type: "hello" }).then((welcome) => {
            this.participantId = welcome.participant;
            for (const p of welcome.publications) this._publication(p);
            resolve(welcome);
          }, reject);
        };
        ws.onerror = () => reject(new Error("WebSocket error"));
        ws.onclose = () => {
          if (this._ws !== ws) return;
          this.onState("signaling", "closed");
          for (const [, p] of this._pending) p.reject(new Error("signaling closed"));
          this._pending.clear();
          // The server drops a participant's media with its socket: these connections are dead.
          for (const pid of Array.from(this._subs.keys())) this._dropSubscription(pid);
          if (this.publishPc) this.publishPc.close();
          this.publishPc = null;
        };
        ws.onmessage = (event) => this._message(JSON.parse(event.data));
      });
    }

    // After a lost socket: connect again and publish the same stream again
    // (publications of the others are announced anew and subscribed to).
    async reconnect(wsUrl) {
      const welcome = await this.connect(wsUrl);
      if (this.localStream) await this.publish(this.localStream);
      return welcome;
    }

    _send(message) {
      if (this._ws && this._ws.readyState === WebSocket.OPEN) this._ws.send(JSON.stringify(message));
    }

    _request(message) {
      const id = "r" + ++this._nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this._pending.delete(id);
          reject(new Error("no reply to " + message.type));
        }, this.requestTimeoutMs);
        this._pending.set(id, {
          resolve: (m) => { clearTimeout(timer); resolve(m); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
        this._send(Object.assign({}, message, { id }));
      });
    }

    _message(m) {
      if (m.id !== undefined && this._pending.has(m.id)) {
        const p = this._pending.get(m.id);
        this._pending.delete(m.id);
        if (m.type === "error") {
          this.onError(m);
          const err = new Error(m.code + ": " + m.message);
          err.code = m.code;
          p.reject(err);
        } else {
          p.resolve(m);
        }
        return;
      }
      switch (m.type) {
        case "publication":
          this._publication(m);
          break;
        case "publication-ended":
          this.publications.delete(m.participant);
          this._dropSubscription(m.participant);
          break;
        case "state":
          this.onState(m.target, m.state);
          if (m.state === "failed") this._reoffer(m.target);
          break;
        case "quality":
          this.quality = m;
          this.onQuality(m);
          break;
        case "error":
          this.onError(m);
          break;
      }
    }

    _publication(p) {
      const before = this.publications.get(p.participant);
      const kinds = p.kinds.slice().sort();
      this.publications.set(p.participant, { kinds, muted: !!p.muted });
      this.onPublication(p.participant, kinds, !!p.muted);
      const changed = !before || before.kinds.join() !== kinds.join();
      if (this.autoSubscribe && (changed || !this._subs.has(p.participant))) {
        this.subscribe(p.participant).catch((e) => this.onError({ code: e.code || "client", message: String(e), ref: "subscribe" }));
      }
    }

    // --- connections ------------------------------------------------------------------------

    async _offer(pc, target, message) {
      let offerSent = false;
      pc.addEventListener("icecandidate", (e) => {
        if (!offerSent) return; // gathered before sending: already in the offer
        this._send({ type: "candidate", target, candidate: e.candidate ? e.candidate.candidate : null,
                     sdpMid: e.candidate ? e.candidate.sdpMid : null,
                     sdpMLineIndex: e.candidate ? e.candidate.sdpMLineIndex : null });
      });
      await pc.setLocalDescription(await pc.createOffer());
      await waitForGathering(pc, this.gatherTimeoutMs);
      offerSent = true;
      const reply = await this._request(Object.assign({}, message, { sdp: pc.localDescription.sdp }));
      await pc.setRemoteDescription({ type: "answer", sdp: reply.sdp });
    }

    _watch(pc, target, isCurrent) {
      let timer = null;
      pc.addEventListener("connectionstatechange", () => {
        const state = pc.connectionState;
        if (timer && state !== "disconnected") { clearTimeout(timer); timer = null; }
        if (!isCurrent()) return;
        this.onState(target, state);
        if (state === "failed" || state === "closed") this._reoffer(target);
        else if (state === "disconnected" && !timer) {
          timer = setTimeout(() => { timer = null; if (isCurrent() && pc.connectionState === "disconnected") this._reoffer(target); },
                             RECONNECT_AFTER_DISCONNECTED_MS);
        }
      });
    }

    // A new connection for "publish" or a publisher, retried (0.5 s, 1 s, 2 s ...) until it
    // connects, as long as the signaling socket is open.
    _reoffer(target) {
      if (this._recovering.has(target)) return;
      if (target !== "publish" && !this._subs.has(target)) return;
      this._recovering.add(target);
      let delay = 500;
      const attempt = async () => {
        if (!this._ws || this._ws.readyState !== WebSocket.OPEN) { this._recovering.delete(target); return; }
        try {
          let pc = null;
          if (target === "publish") {
            if (!this.localStream) { this._recovering.delete(target); return; }
            pc = await this.publish(this.localStream);
          } else {
            if (!this.publications.has(target)) { this._recovering.delete(target); return; }
            await this.subscribe(target);
            pc = this._subs.get(target) && this._subs.get(target).pc;
          }
          const deadline = Date.now() + 8000;
          while (pc && !["connected", "failed", "closed"].includes(pc.connectionState) && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 100));
          }
          if (pc && pc.connectionState === "connected") { this._recovering.delete(target); return; }
        } catch (e) {
          this.onError({ code: "client", message: String(e), ref: target === "publish" ? "publish" : "subscribe" });
        }
        setTimeout(attempt, delay);
        delay = Math.min(2000, delay * 2);
      };
      attempt();
    }

    async publish(stream) {
      this.localStream = stream;
      const pc = new RTCPeerConnection({ iceServers: this.iceServers });
      for (const kind of ["audio", "video"]) {
        const track = stream.getTracks().find((t) => t.kind === kind);
        if (!track) continue;
        let t;
        try {
          // Temporal layers: the server drops the upper ones for a weak receiver.
          t = pc.addTransceiver(track, kind === "video"
            ? { direction: "sendonly", streams: [stream], sendEncodings: [{ scalabilityMode: "L1T3" }] }
            : { direction: "sendonly", streams: [stream] });
        } catch (e) {
          t = pc.addTransceiver(track, { direction: "sendonly", streams: [stream] });
        }
        preferCodecs(t, kind);
      }
      const old = this.publishPc;
      this.publishPc = pc;
      this._watch(pc, "publish", () => this.publishPc === pc);
      try {
        await this._offer(pc, "publish", { type: "publish" });
      } catch (e) {
        if (this.publishPc === pc) this.publishPc = old;
        pc.close();
        throw e;
      }
      if (old) old.close();
      return pc;
    }

    async unpublish() {
      if (this.publishPc) this.publishPc.close();
      this.publishPc = null;
      this.localStream = null;
      await this._request({ type: "unpublish" });
    }

    async subscribe(participantId) {
      const pub = this.publications.get(participantId);
      if (!pub) throw new Error("participant " + participantId + " publishes nothing");
      const pc = new RTCPeerConnection({ iceServers: this.iceServers });
      const stream = new MediaStream();
      const sub = { pc, kinds: pub.kinds, stream };
      for (const kind of ["audio", "video"]) {
        if (!pub.kinds.includes(kind)) continue;
        preferCodecs(pc.addTransceiver(kind, { direction: "recvonly" }), kind);
      }
      pc.addEventListener("track", (e) => {
        if (this._subs.get(participantId) !== sub) return;
        stream.addTrack(e.track);
        this.remoteStreams.set(participantId, stream);
        const el = this._attached.get(participantId);
        if (el && el.srcObject !== stream) el.srcObject = stream;
        this.onRemoteStream(participantId, stream);
      });
      const old = this._subs.get(participantId);
      this._subs.set(participantId, sub);
      this._watch(pc, participantId, () => this._subs.get(participantId) === sub);
      if (old) old.pc.close();
      try {
        await this._offer(pc, participantId, { type: "subscribe", publisher: participantId });
      } catch (e) {
        if (this._subs.get(participantId) === sub) this._subs.delete(participantId);
        pc.close();
        throw e;
      }
      return stream;
    }

    async unsubscribe(participantId) {
      this._dropSubscription(participantId);
      await this._request({ type: "unsubscribe", publisher: participantId });
    }

    _dropSubscription(participantId) {
      const sub = this._subs.get(participantId);
      if (!sub) return;
      this._subs.delete(participantId);
      sub.pc.close();
      this.remoteStreams.delete(participantId);
      this.onRemoteGone(participantId);
    }

    // Show a participant's media in an element, now or when it arrives.
    attach(participantId, element) {
      this._attached.set(participantId, element);
      const stream = this.remoteStreams.get(participantId);
      if (stream && element.srcObject !== stream) element.srcObject = stream;
    }

    detach(participantId) {
      const el = this._attached.get(participantId);
      if (el) el.srcObject = null;
      this._attached.delete(participantId);
    }

    // Inbound/outbound counters per connection, from getStats().
    async stats() {
      const out = { publish: null, remote: {} };
      const read = async (pc) => {
        const r = { state: pc.connectionState };
        (await pc.getStats()).forEach((s) => {
          if (s.type === "inbound-rtp") {
            r[s.kind] = { packetsReceived: s.packetsReceived, packetsLost: s.packetsLost, bytesReceived: s.bytesReceived,
                          framesDecoded: s.framesDecoded, framesReceived: s.framesReceived,
                          frameWidth: s.frameWidth, frameHeight: s.frameHeight, freezeCount: s.freezeCount,
                          totalSamplesReceived: s.totalSamplesReceived, concealedSamples: s.concealedSamples,
                          keyFramesDecoded: s.keyFramesDecoded, nackCount: s.nackCount, pliCount: s.pliCount };
          } else if (s.type === "outbound-rtp") {
            r[s.kind] = { packetsSent: s.packetsSent, bytesSent: s.bytesSent, framesEncoded: s.framesEncoded,
                          keyFramesEncoded: s.keyFramesEncoded, frameWidth: s.frameWidth, frameHeight: s.frameHeight,
                          encoderImplementation: s.encoderImplementation, pliCount: s.pliCount };
          } else if (s.type === "codec") {
            (r.codecs = r.codecs || []).push(s.mimeType);
          }
        });
        return r;
      };
      if (this.publishPc) out.publish = await read(this.publishPc);
      for (const [pid, sub] of this._subs) out.remote[pid] = await read(sub.pc);
      return out;
    }

    close() {
      for (const pid of Array.from(this._subs.keys())) this._dropSubscription(pid);
      if (this.publishPc) this.publishPc.close();
      this.publishPc = null;
      if (this._ws) this._ws.close();
      this._ws = null;
    }
  }

  CourtroomRTC.QUALITY_TEXT = QUALITY_TEXT;
  global.CourtroomRTC = CourtroomRTC;
})(typeof window !== "undefined" ? window : globalThis);
