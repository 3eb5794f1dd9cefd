"""Broadcast programme benchmark: CPU seconds per media second to decode N participants'
VP8 + Opus, compose the 1280x720 picture (layout, scaling, captions, clock), mix the
audio and encode H.264 + AAC (courtroom/programme.py, the code the server runs).

The programme runs on a simulated clock as fast as it can, in this process, fed with
pre-encoded media (a moving test pattern with luma noise, libvpx realtime settings like
a browser's, a keyframe every 2 s; 60 s of speech as Opus), each participant starting at
a different frame. CPU is the whole process's (time.process_time: the worker thread
and libx264's threads). The moving, noisy pattern in every tile is harder to encode
than a courtroom (people sitting still): read the figures as an upper bound.

Stages, measured as separate runs so that each cost is the difference:
  decode   only the inputs' decoding (Opus and VP8, every frame)
  compose  + scaling into tiles, captions, clock (no encoding)
  full     + libx264 and AAC encoding, segmenting (what the server does)

    python benchmarks/broadcast.py                     # 2, 4, 8 inputs at 30 and 15 fps, default preset
    python benchmarks/broadcast.py --inputs 8 --fps 15 --presets ultrafast superfast veryfast
    python benchmarks/broadcast.py --input-size 1280x720 --no-fast-decode --json
    python benchmarks/broadcast.py --content calm --inputs 8

Target: an 8-input composition under 0.5 core (CPU-s per media second < 0.5).
"""

from __future__ import annotations

import argparse
import asyncio
import fractions
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import av  # noqa: E402

from courtroom.broadcast.encoder import EncoderSettings  # noqa: E402
from courtroom.broadcast.programme import Programme, ProgrammeSettings, Seat  # noqa: E402
from courtroom.media.frames import EncodedFrame  # noqa: E402
from courtroom.sim.testsource import ReplayFrame, TestPattern, encode_speech, encode_test_pattern, load_speech, synthetic_speech  # noqa: E402

ROLES = ["审判长", "审判员", "人民陪审员", "书记员", "原告", "诉讼代理人", "被告", "证人"]
SPEECH = Path(os.environ.get("COURTROOM_SPEECH_DIR", Path(__file__).resolve().parents[1] / "tests/data/speech")) / "zh_court_60s.flac"
INPUT_FPS = 30
INPUT_BITRATE = {1280: 1_500_000, 960: 1_000_000, 640: 600_000, 320: 200_000}


class _Clock:
    t = 0.0

    def now(self) -> float:
        return self.t


class _Publication:
    def __init__(self, pid: str, kind: str) -> None:
        self.participant_id, self.kind = pid, kind

    def request_keyframe(self) -> None:
        pass


def encode_calm(width: int, height: int, seconds: float, bitrate: int) -> list[ReplayFrame]:
    """A calmer picture than encode_test_pattern's: the bars drift 8x slower, light noise
    (closer to people sitting in a courtroom, still harder than a real camera after VP8)."""
    codec = av.CodecContext.create("libvpx", "w")
    codec.width, codec.height, codec.pix_fmt = width, height, "yuv420p"
    codec.time_base = fractions.Fraction(1, INPUT_FPS)
    codec.bit_rate = bitrate
    codec.gop_size = 100000
    codec.options = {"deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0", "error-resilient": "1"}
    pattern = TestPattern(width, height, noise=3)
    out = []
    for n in range(int(seconds * INPUT_FPS)):
        frame = pattern.frame(n // 8)
        frame.pts = n
        frame.pict_type = av.video.frame.PictureType.I if n % (2 * INPUT_FPS) == 0 else av.video.frame.PictureType.NONE
        out += [ReplayFrame(bytes(p), bool(p.is_keyframe)) for p in codec.encode(frame)]
    out += [ReplayFrame(bytes(p), bool(p.is_keyframe)) for p in codec.encode(None)]
    return out


def run(inputs: int, fps: int, preset: str, fast_decode: bool, video, audio, seconds: float, stage: str,
        tune: str | None = None, threads: int = 0, x264_params: str = EncoderSettings.x264_params) -> dict:
    clock = _Clock()
    settings = ProgrammeSettings(EncoderSettings(fps=fps, preset=preset, tune=tune, threads=threads,
                                                 x264_params=x264_params),
                                 fast_decode=fast_decode)
    segments = []
    programme = Programme(clock, settings, "示范市中级人民法院  （2026）吉01民初501号", segments.append, start=0.0)
    loop = asyncio.new_event_loop()
    sinks = []
    for i in range(inputs):
        pid = f"p{i}"
        sinks.append((programme.add_input(_Publication(pid, "video"), loop),
                      programme.add_input(_Publication(pid, "audio"), loop), i * 37))
    programme.set_seats({f"p{i}": Seat(i, ROLES[i % len(ROLES)]) for i in range(inputs)})
    programme.prepare()
    if stage != "full":
        programme._encoder.encode_video = lambda *a, **k: []  # noqa: SLF001 - benchmark stages
    if stage == "decode":
        programme._composer.compose = lambda *a, **k: None  # noqa: SLF001
        programme._composer.compose_slate = lambda *a, **k: None  # noqa: SLF001
    tb_v, tb_a = fractions.Fraction(1, 90000), fractions.Fraction(1, 48000)
    vi = ai = 0
    t = 0.0
    # First second: warm-up (decoders and encoder settle, text rendered once); then measure.
    cpu0 = wall0 = None
    while t < seconds + 1.0:
        t = round(t + 0.02, 6)
        clock.t = t
        while vi / INPUT_FPS <= t:
            for vsink, _, offset in sinks:
                f = video[(vi + offset) % len(video)]
                # each participant's replay starts at a keyframe-aligned offset
                vsink.deliver(EncodedFrame(f.data, vi * 3000, f.keyframe, vi / INPUT_FPS, 90000, tb_v))
            vi += 1
        while ai * 0.02 <= t:
            for _, asink, offset in sinks:
                a = audio[(ai + offset * 7) % len(audio)]
                asink.deliver(EncodedFrame(a.data, ai * 960, True, ai * 0.02, 48000, tb_a))
            ai += 1
        programme.step(t - settings.latency_s)
        if cpu0 is None and t >= 1.0:
            cpu0, wall0 = time.process_time(), time.perf_counter()
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    programme.finish()
    loop.close()
    return {"inputs": inputs, "fps": fps, "preset": preset, "x264_params": x264_params, "tune": tune, "threads": threads,
            "fast_decode": fast_decode, "stage": stage,
            "cpu_per_media_s": round(cpu / seconds, 3), "wall_per_media_s": round(wall / seconds, 3),
            "frames": programme.frames, "segments": len(segments)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, nargs="+", default=[2, 4, 8])
    parser.add_argument("--fps", type=int, nargs="+", default=[30, 15])
    parser.add_argument("--presets", nargs="+", default=["ultrafast"])
    parser.add_argument("--x264-params", default=EncoderSettings.x264_params,
                        help="extra x264 parameters (default: the server's)")
    parser.add_argument("--tune", default=None, help="x264 tune (e.g. zerolatency)")
    parser.add_argument("--x264-threads", type=int, default=0, help="libx264 threads (0: its own choice)")
    parser.add_argument("--input-size", default="640x360", help="participants' camera size (VP8)")
    parser.add_argument("--content", choices=["pattern", "calm"], default="pattern",
                        help="pattern: scrolling bars with noise (upper bound); calm: slow drift, light noise")
    parser.add_argument("--seconds", type=float, default=10.0, help="media seconds measured per run")
    parser.add_argument("--no-fast-decode", action="store_true", help="decode small tiles with VP8's loop filter")
    parser.add_argument("--stages", nargs="+", default=["decode", "compose", "full"], choices=["decode", "compose", "full"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    av.logging.set_level(av.logging.ERROR)
    w, h = (int(x) for x in args.input_size.split("x"))
    print(f"encoding the inputs once ({args.content}, {w}x{h} VP8 at {INPUT_FPS} fps, Opus)...", file=sys.stderr)
    bitrate = INPUT_BITRATE.get(w, 1_000_000)
    if args.content == "calm":
        video = encode_calm(w, h, 4.0, bitrate)
    else:
        video = encode_test_pattern(w, h, INPUT_FPS, seconds=4.0, bitrate=bitrate)
    speech = load_speech(SPEECH) if SPEECH.exists() else synthetic_speech(60.0)
    audio = encode_speech(speech)
    results = []
    for fps in args.fps:
        for preset in args.presets:
            for n in args.inputs:
                row = {}
                for stage in args.stages:
                    r = run(n, fps, preset, not args.no_fast_decode, video, audio, args.seconds, stage, args.tune,
                            args.x264_threads, args.x264_params)
                    results.append({**r, "input_size": args.input_size, "content": args.content})
                    row[stage] = r["cpu_per_media_s"]
                if not args.json:
                    parts = "  ".join(f"{k} {v:.3f}" for k, v in row.items())
                    print(f"{n} inputs {args.input_size} {args.content} -> 1280x720@{fps} {preset}+[{args.x264_params}] "
                          f"fast_decode={not args.no_fast_decode}: CPU-s per media s: {parts}", flush=True)
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
