// The device check before entering a hearing: choose a camera and a microphone, see the
// preview and the microphone level. Changing a choice reopens the devices; the stream
// that enters the hearing is the last one opened.
import { el, clear } from "/static/common.js";

export function mountDeviceCheck({ preview, meter, cameraSelect, micSelect, onChange = () => {} }) {
  let stream = null;
  let audioCtx = null;
  let raf = 0;

  function stopPreview() {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    if (audioCtx) audioCtx.close().catch(() => {});
    audioCtx = null;
  }

  function stop() {
    stopPreview();
    if (stream) for (const t of stream.getTracks()) t.stop();
    if (preview) preview.srcObject = null;
    stream = null;
  }

  async function open() {
    const camera = cameraSelect && cameraSelect.value;
    const mic = micSelect && micSelect.value;
    const next = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, ...(mic ? { deviceId: { exact: mic } } : {}) },
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, ...(camera ? { deviceId: { exact: camera } } : {}) },
    });
    stop();
    stream = next;
    if (preview) { preview.srcObject = stream; preview.muted = true; }
    if (meter && window.AudioContext) {
      audioCtx = new AudioContext();
      const analyser = audioCtx.createAnalyser();
      audioCtx.createMediaStreamSource(stream).connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      const tick = () => {
        analyser.getByteTimeDomainData(data);
        let peak = 0;
        for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
        meter.style.width = Math.min(100, (peak / 128) * 200) + "%";
        raf = requestAnimationFrame(tick);
      };
      tick();
    }
    await listDevices();
    onChange(stream);
    return stream;
  }

  // Labels are readable only once permission was given, so list after the first open.
  async function listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const current = (kind) => stream && stream.getTracks().find((t) => t.kind === kind);
    for (const [select, kind, track, fallback] of [[cameraSelect, "videoinput", current("video"), "摄像头"],
                                                   [micSelect, "audioinput", current("audio"), "麦克风"]]) {
      if (!select) continue;
      const chosen = track && track.getSettings().deviceId;
      clear(select);
      devices.filter((d) => d.kind === kind).forEach((d, i) =>
        select.append(el("option", { value: d.deviceId, selected: d.deviceId === chosen }, d.label || `${fallback} ${i + 1}`)));
    }
  }

  for (const select of [cameraSelect, micSelect]) if (select) select.addEventListener("change", () => open().catch(() => {}));
  return { open, stop, stopPreview, get stream() { return stream; } };
}
