"""What sealing a closed session's recordings costs: the same frames written by the
recording writer in the clear and sealed (signing.seal), and read back.

    python benchmarks/atrest.py [--seconds 60] [--video-kbps 1500] [--json]

One audio track (Opus-sized packets, 50 a second) and one 720p-sized video track
(`--video-kbps`, 30 frames a second, a keyframe every 10 s at 8x a frame's size) are
written as the media room writes them, one write per frame. Frame contents are random
bytes: the writer's cost does not depend on them. Printed per track: CPU seconds per
media second, plain and sealed; bytes on disk (the sealed overhead is about 30 bytes
a frame: a 13-byte record header and a 16-byte tag per write, plus the size patches);
and reading the whole file back through SealedReader (what a player's sequential range
requests cost).

Measured here (2 cores shared with other work, so indicative): audio 0.0002 -> 0.0004-0.0007
CPU-s per media second, video (1.5 Mbit/s) 0.0005 -> 0.0008-0.0009; read back 10 MB per
CPU-s for audio (small records) and 200 MB per CPU-s for video.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from courtroom.media.matroska import MatroskaWriter, TrackFormat
from signing.seal import RecordingEncryptor, SealedReader, new_data_key


def frames(kind: str, seconds: float, video_kbps: int) -> list[tuple[int, bytes, bool]]:
    out = []
    if kind == "audio":
        for i in range(int(seconds * 50)):
            out.append((i * 20, os.urandom(120), True))
    else:
        size = video_kbps * 1000 // 8 // 30
        for i in range(int(seconds * 30)):
            key = i % 300 == 0
            data = b"\x10\x02\x00\x9d\x01\x2a\x00\x05\xd0\x02" + os.urandom(size * (8 if key else 1))
            out.append((i * 1000 // 30, data, key))
    return out


def write(path: Path, fmt: TrackFormat, items, encryptor=None) -> float:
    start = time.process_time()
    w = MatroskaWriter(path, fmt, encryptor=encryptor)
    for t, data, key in items:
        w.write(t, data, key)
    w.close()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--video-kbps", type=int, default=1500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    key = new_data_key()
    enc = RecordingEncryptor(key, "recording:benchmark")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind, fmt in (("audio", TrackFormat.opus(1)), ("video", TrackFormat.vp8(1280, 720))):
            items = frames(kind, args.seconds, args.video_kbps)
            plain, sealed = Path(tmp) / f"{kind}.webm", Path(tmp) / f"{kind}.webm.enc"
            cpu_plain = write(plain, fmt, items)
            cpu_sealed = write(sealed, fmt, items, enc)
            start = time.process_time()
            with SealedReader(sealed, key, enc.file_id(sealed)) as reader:
                read = sum(len(b) for b in reader.iter_plaintext(chunk=1 << 16))
            cpu_read = time.process_time() - start
            results[kind] = {
                "frames": len(items),
                "plain_cpu_s_per_media_s": round(cpu_plain / args.seconds, 5),
                "sealed_cpu_s_per_media_s": round(cpu_sealed / args.seconds, 5),
                "plain_bytes": plain.stat().st_size, "sealed_bytes": sealed.stat().st_size,
                "overhead_bytes_per_frame": round((sealed.stat().st_size - plain.stat().st_size) / len(items), 1),
                "read_back_mb_per_cpu_s": round(read / 1e6 / max(cpu_read, 1e-9), 1),
            }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"{args.seconds:.0f} s of media, video at {args.video_kbps} kbit/s (CPU time, this machine)")
    print(f"{'track':6} {'frames':>7} {'plain cpu/s':>12} {'sealed cpu/s':>13} {'+bytes/frame':>13} {'read MB/cpu-s':>14}")
    for kind, r in results.items():
        print(f"{kind:6} {r['frames']:7d} {r['plain_cpu_s_per_media_s']:12.5f} {r['sealed_cpu_s_per_media_s']:13.5f}"
              f" {r['overhead_bytes_per_frame']:13.1f} {r['read_back_mb_per_cpu_s']:14.1f}")


if __name__ == "__main__":
    main()
