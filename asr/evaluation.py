"""Measuring transcripts against reference texts: speech sets, CER raw and normalised,
and the Opus round trip a live participant's audio goes through.

A speech set is a folder with a manifest.json (tests/data/speech for the
fixtures, benchmarks/heldout for the held-out set): sentence files with their text,
optionally a case context per sentence group, and a long file (stored, or built at run
time by concatenating listed sentences with silent gaps).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from asr.numbers import canonical_numbers
from asr.text import edit_distance, strip_for_cer, to_simplified

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class CaseContext:
    """What the court knows before the hearing."""

    case_id: str
    case_number: str
    cause: str
    parties: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    split: str = ""
    # The case register's key words and people's sexes, where the set gives them (heldout56 on).
    key_terms: tuple[str, ...] = ()
    sexes: tuple[tuple[str, str], ...] = ()

    @property
    def roles(self) -> dict[str, str]:
        """The parties' roles by the sets' convention: a criminal case's parties are its defendants; any
        other's are the plaintiff, then the defendant (heldout56 on, with the register)."""
        if "刑" in self.case_number:
            return {p: "defendant" for p in self.parties}
        return dict(zip(self.parties, ("plaintiff", "defendant")))

    @property
    def names(self) -> list[str]:
        return [*self.parties, *self.participants]


@dataclass(frozen=True)
class Sentence:
    file: Path
    text: str
    case: CaseContext | None = None
    split: str = ""


@dataclass
class SpeechSet:
    name: str
    directory: Path
    sentences: list[Sentence]
    long_text: list[str] = field(default_factory=list)  # reference text per long-file segment
    long_file: Path | None = None  # a stored long file...
    long_parts: list[Path] = field(default_factory=list)  # ...or the sentences to join
    long_gap_s: float = 0.6
    long_cases: list[CaseContext | None] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    def long_audio(self) -> np.ndarray:
        """The long file, 16 kHz mono float32 (read, or joined with silent gaps)."""
        from asr.audio import read_audio

        if self.long_file is not None:
            return read_audio(self.long_file)
        gap = np.zeros(int(round(self.long_gap_s * SAMPLE_RATE)), dtype=np.float32)
        return np.concatenate([x for p in self.long_parts for x in (read_audio(p), gap)])


def load_speech_set(directory: str | Path, name: str | None = None) -> SpeechSet:
    """A speech set from `directory`/manifest.json (the fixtures' or the held-out one's layout)."""
    directory = Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    cases = {
        c["id"]: CaseContext(c["id"], c["case_number"], c["cause"], tuple(c.get("parties", ())), tuple(c.get("participants", ())),
                             c.get("split", ""), tuple(c.get("key_terms", ())), tuple(sorted(c.get("sexes", {}).items())))
        for c in manifest.get("cases", ())
    }
    sentences: list[Sentence] = []
    speech = SpeechSet(name or directory.name, directory, sentences)
    by_file: dict[str, Sentence] = {}
    for f in manifest["files"]:
        if "segments" in f:  # the fixtures' stored long file
            speech.long_file = directory / f["file"]
            speech.long_text = [s["text"] for s in f["segments"]]
            speech.long_cases = [None] * len(speech.long_text)
            continue
        if not f.get("text"):
            continue  # silence and noise controls
        s = Sentence(directory / f["file"], f["text"], cases.get(f.get("case", "")), f.get("split", ""))
        sentences.append(s)
        by_file[f["file"]] = s
    if "long" in manifest:
        long = manifest["long"]
        speech.long_parts = [directory / name for name in long["files"]]
        speech.long_text = [by_file[name].text for name in long["files"]]
        speech.long_cases = [by_file[name].case for name in long["files"]]
        speech.long_gap_s = float(long.get("gap_s", 0.6))
    return speech


# -- scoring ---------------------------------------------------------------------------
def normalize_for_cer(text: str) -> str:
    """What normalised scoring compares: simplified, no punctuation, numbers as digits."""
    return strip_for_cer(canonical_numbers(to_simplified(text)))


@dataclass(frozen=True)
class Score:
    edits: int
    length: int

    @property
    def cer(self) -> float:
        return self.edits / max(1, self.length)


def corpus_score(hypotheses: Sequence[str], references: Sequence[str], normalized: bool = False) -> Score:
    """Character edits over reference characters, summed over the corpus. Raw: punctuation
    and whitespace removed. Normalised: numbers also compared by value on both sides
    ("5万元" = "五万元"), so notation is not counted as a recognition error."""
    prep = normalize_for_cer if normalized else strip_for_cer
    edits = length = 0
    for h, r in zip(hypotheses, references, strict=True):
        h, r = prep(h), prep(r)
        edits += edit_distance(h, r)
        length += len(r)
    return Score(edits, length)


def corpus_cer(hypotheses: Sequence[str], references: Sequence[str], normalized: bool = False) -> float:
    return corpus_score(hypotheses, references, normalized).cer


# -- the live path's codec -------------------------------------------------------------
def opus_round_trip(
    audio: np.ndarray,
    bitrate: int = 32_000,
    *,
    codec: bool = True,
    application: str = "voip",
    channels: int = 1,
    fec: bool = True,
) -> np.ndarray:
    """16 kHz float audio through what a WebRTC participant's voice goes through: 48 kHz,
    Opus at `bitrate` in 20 ms frames (PyAV libopus), decoded, then back to 16 kHz mono
    with the live path's converter (asr.audio.FrameConverter).

    The defaults are a browser's: Chrome's WebRTC encodes a microphone in mono
    (`stereo=0`), application VoIP, in-band FEC on, about 32 kb/s. `channels=2` encodes
    the voice in both channels instead; `codec=False` leaves Opus out (only the 16 -> 48
    -> 16 kHz conversions, to see what the resamplers alone cost)."""
    import av

    from asr.audio import FrameConverter

    up = av.AudioResampler(format="s16", layout="mono", rate=48_000)
    frame = av.AudioFrame.from_ndarray((np.clip(audio, -1, 1) * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = SAMPLE_RATE
    pcm48 = np.concatenate([f.to_ndarray().reshape(-1) for f in [*up.resample(frame), *up.resample(None)]])

    layout = "stereo" if channels == 2 else "mono"
    enc = av.CodecContext.create("libopus", "w")
    enc.sample_rate = 48_000
    enc.layout = layout
    enc.format = "s16"
    enc.bit_rate = bitrate
    # In-band FEC is only coded when loss is expected (libopus); no loss here, as in a clean LAN.
    enc.options = {"application": application, "frame_duration": "20", "fec": "1" if fec else "0"}
    dec = av.CodecContext.create("opus", "r")
    dec.sample_rate = 48_000
    dec.layout = layout
    convert = FrameConverter()
    out: list[np.ndarray] = []
    step = 960  # 20 ms at 48 kHz
    pcm48 = np.concatenate([pcm48, np.zeros((-len(pcm48)) % step, dtype=np.int16)])
    pts = 0

    def as_frame(chunk: np.ndarray):
        data = np.repeat(chunk[None, :], 2, axis=0).T.reshape(1, -1) if channels == 2 else chunk.reshape(1, -1)
        f = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format="s16", layout=layout)
        f.sample_rate = 48_000
        return f

    for i in range(0, len(pcm48), step):
        f = as_frame(pcm48[i : i + step])
        f.pts = pts
        pts += step
        if not codec:
            out.append(convert(f))
            continue
        for packet in enc.encode(f):
            for decoded in dec.decode(packet):
                out.append(convert(decoded))
    if codec:
        for packet in enc.encode(None):
            for decoded in dec.decode(packet):
                out.append(convert(decoded))
    result = np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
    # libopus's look-ahead (312 samples at 48 kHz, 6.5 ms) reaches the decoder's output:
    # drop it so times line up with the input (measured lag: 103-104 samples at 16 kHz).
    delay = 312 * SAMPLE_RATE // 48_000 if codec else 0
    result = result[delay : delay + len(audio)]
    if len(result) < len(audio):  # the resampler keeps its last few samples
        result = np.concatenate([result, np.zeros(len(audio) - len(result), dtype=np.float32)])
    return result.astype(np.float32)
