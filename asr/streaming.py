"""Per-speaker segmentation of live audio into utterances by voice activity.

Courtroom speech takes turns: one person speaks a sentence or a paragraph, then
pauses. So instead of re-transcribing a growing buffer (Whisper encodes a whole window
every pass, which cannot keep up on a CPU), we cut each speaker's audio where they
pause and transcribe every utterance once, when it ends. Silero VAD (the ONNX model
shipped with faster-whisper) runs incrementally on 32 ms windows with its recurrent
state carried between calls, which gives exactly the probabilities it gives on a whole
file, for about 0.2 ms of CPU per window.

This module holds no Whisper and no threads: `UtteranceSegmenter.feed` takes PCM and
returns the utterances that ended; the transcription worker decides when to run Whisper.
"""

from __future__ import annotations

import bisect
import time
import uuid
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16_000
VAD_WINDOW = 512  # samples per Silero decision (32 ms at 16 kHz)
_VAD_CONTEXT = 64  # Silero v5/v6 look at the last 64 samples of the previous window


class VoiceActivityDetector:
    """Silero VAD run window by window, keeping its state between calls."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session  # one ONNX session shared by all streams
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros((1, _VAD_CONTEXT), dtype=np.float32)

    def __call__(self, windows: np.ndarray) -> np.ndarray:
        """Speech probability for each row of `windows` (shape (n, 512), float32)."""
        if len(windows) == 0:
            return np.zeros(0, dtype=np.float32)
        contexts = np.concatenate([self._context, windows[:-1, -_VAD_CONTEXT:]], axis=0)
        batch = np.concatenate([contexts, windows], axis=1)
        probs, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        self._context = windows[-1:, -_VAD_CONTEXT:].copy()
        return np.asarray(probs, dtype=np.float32).reshape(-1)


@dataclass(frozen=True)
class SegmenterOptions:
    threshold: float = 0.5  # a window is speech at or above this probability
    neg_threshold: float = 0.35  # ...and stays speech, once speaking, down to this one
    min_silence_s: float = 0.5  # an utterance ends after this much silence
    min_speech_s: float = 0.25  # shorter bursts (clicks, coughs) are dropped
    pre_roll_s: float = 0.3  # audio kept before the first voiced window (Silero starts late)
    post_roll_s: float = 0.3  # silence kept after the last voiced window
    max_utterance_s: float = 15.0  # longer speech is cut at its best pause
    min_cut_s: float = 4.0  # ...but not in its first seconds
    gap_s: float = 0.5  # a jump this large in the hearing clock ends the utterance


@dataclass
class Utterance:
    """A stretch of one speaker's audio to transcribe, with its place on the hearing clock."""

    segment_id: str
    audio: np.ndarray  # float32, 16 kHz mono, pre- and post-roll included
    start: float  # hearing time of audio[0]
    voiced_start: float  # hearing time of the first voiced window
    voiced_end: float  # hearing time just after the last voiced window
    final: bool
    # Wall-clock time (time.monotonic) at which the last voiced sample was fed: the
    # reference point for the commit delay.
    voiced_end_wall: float = 0.0
    sample_times: list[tuple[int, float]] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.audio) / SAMPLE_RATE

    def time_at(self, offset_s: float) -> float:
        """Hearing time of a point `offset_s` seconds into `audio` (honours clock jumps)."""
        sample = int(round(offset_s * SAMPLE_RATE))
        i = bisect.bisect_right([s for s, _ in self.sample_times], sample) - 1
        if i < 0:
            return self.start + offset_s
        s0, t0 = self.sample_times[i]
        return t0 + (sample - s0) / SAMPLE_RATE


def joined_utterance(first: Utterance, second: Utterance) -> Utterance:
    """`first` and the same speaker's next utterance `second` as one utterance, under
    `first`'s id: a number cut by a pause is read whole. The pause between them, which
    neither holds beyond its post- and pre-roll, comes back as silence; audio both hold
    (rolls that overlap) is taken once."""
    first_end = first.time_at(first.duration)
    gap = int(round((second.start - first_end) * SAMPLE_RATE))
    if gap >= 0:
        tail, skip = np.concatenate([np.zeros(gap, dtype=np.float32), second.audio]), -gap
    else:
        tail, skip = second.audio[-gap:], -gap
    base = len(first.audio)
    # second's clock anchors, moved to their place in the joined audio (skip: its samples dropped)
    anchors = [(base + max(s - skip, 0), second.time_at(max(s, skip) / SAMPLE_RATE)) for s, _ in second.sample_times or [(0, second.start)]]
    return Utterance(
        segment_id=first.segment_id,
        audio=np.concatenate([first.audio, tail]),
        start=first.start,
        voiced_start=first.voiced_start,
        voiced_end=second.voiced_end,
        final=True,
        voiced_end_wall=second.voiced_end_wall,
        sample_times=[*(first.sample_times or [(0, first.start)]), *anchors],
    )


class UtteranceSegmenter:
    """Cuts one speaker's PCM stream into utterances.

    Feed it any chunk size; it runs VAD on whole 512-sample windows and keeps the rest
    for the next call. Audio is held only for the open utterance and a short pre-roll.
    """

    def __init__(self, options: SegmenterOptions | None = None, vad: VoiceActivityDetector | None = None) -> None:
        self.options = options or SegmenterOptions()
        self._vad = vad or VoiceActivityDetector()
        self._pending = np.zeros(0, dtype=np.float32)  # < one window, not yet judged
        self._fed = 0  # samples received so far (stream sample index of the next sample)
        # Hearing clock: (stream sample, hearing time) at every discontinuity.
        self._anchors: list[tuple[int, float]] = []
        # Judged windows still held, from stream sample `_buf_start`: audio, VAD decision
        # and probability, and the wall-clock time each was fed.
        self._buf_start = 0
        self._windows: list[np.ndarray] = []
        self._voiced: list[bool] = []
        self._probs: list[float] = []
        self._walls: list[float] = []
        # Open utterance: None, or the stream sample where its audio starts.
        self._utt_start: int | None = None
        self._utt_id = ""
        self._speaking = False
        self._voiced_last = 0  # stream sample just after the last voiced window

    # -- clock -------------------------------------------------------------------
    @property
    def _judged(self) -> int:
        return self._buf_start + len(self._windows) * VAD_WINDOW

    def _time_of(self, sample: int) -> float:
        if not self._anchors:
            return sample / SAMPLE_RATE
        i = bisect.bisect_right(self._anchors, (sample, float("inf"))) - 1
        s0, t0 = self._anchors[max(i, 0)]
        return t0 + (sample - s0) / SAMPLE_RATE

    # -- state for the worker --------------------------------------------------------
    @property
    def speaking(self) -> bool:
        """Whether the speaker is talking now (an utterance is open and not in a pause)."""
        return self._utt_start is not None and self._speaking

    @property
    def open_duration(self) -> float:
        """Seconds of audio in the open utterance (0 when none is open)."""
        return 0.0 if self._utt_start is None else (self._judged - self._utt_start) / SAMPLE_RATE

    @property
    def open_segment_id(self) -> str | None:
        return self._utt_id if self._utt_start is not None else None

    @property
    def voiced_mark(self) -> tuple[str, int] | None:
        """(segment id, end of its last voiced window): changes whenever the open utterance
        gains speech, so a pass made at a pause is still valid while this is unchanged."""
        return (self._utt_id, self._voiced_last) if self._utt_start is not None else None

    @property
    def judged_time(self) -> float:
        """Hearing time up to which the audio has been judged."""
        return self._time_of(self._judged)

    @property
    def open_voiced_start(self) -> float | None:
        """Hearing time of the open utterance's first voiced window (None when none is open)."""
        if self._utt_start is None:
            return None
        i0 = max(self._index(self._utt_start), 0)
        first = next((i for i in range(i0, len(self._voiced)) if self._voiced[i]), i0)
        return self._time_of(self._buf_start + first * VAD_WINDOW)

    @property
    def trailing_silence(self) -> float:
        """Seconds since the last voiced window of the open utterance (0 when none)."""
        if self._utt_start is None:
            return 0.0
        return (self._judged - self._voiced_last) / SAMPLE_RATE

    # -- input -------------------------------------------------------------------
    def feed(self, pcm: np.ndarray, hearing_time: float, wall: float | None = None) -> list[Utterance]:
        """Add PCM (float32, 16 kHz mono) whose first sample is at `hearing_time`.

        Returns the utterances that ended (final), oldest first."""
        pcm = np.asarray(pcm, dtype=np.float32).reshape(-1)
        wall = time.monotonic() if wall is None else wall
        ended: list[Utterance] = []
        if not self._anchors:
            self._anchors.append((self._fed, float(hearing_time)))
        else:
            drift = hearing_time - self._time_of(self._fed)
            if drift > self.options.gap_s:
                # The speaker's audio stopped (muted, lost): the open utterance is over.
                ended += self.flush(wall)
            if abs(drift) > 0.02:
                self._anchors.append((self._fed, float(hearing_time)))
        self._fed += len(pcm)
        self._pending = np.concatenate([self._pending, pcm]) if len(self._pending) else pcm
        n = len(self._pending) // VAD_WINDOW
        if n:
            windows = self._pending[: n * VAD_WINDOW].reshape(n, VAD_WINDOW)
            self._pending = self._pending[n * VAD_WINDOW :].copy()
            for w, p in zip(windows, self._vad(windows)):
                ended += self._step(w, float(p), wall)
        return ended

    def flush(self, wall: float | None = None) -> list[Utterance]:
        """End of the speaker's audio (or a gap in it): close the open utterance as final."""
        wall = time.monotonic() if wall is None else wall
        out: list[Utterance] = []
        if len(self._pending):
            # Judge the tail as a zero-padded window; the padding counts as fed samples
            # so that every held window is whole.
            window = np.zeros(VAD_WINDOW, dtype=np.float32)
            window[: len(self._pending)] = self._pending
            self._fed += VAD_WINDOW - len(self._pending)
            self._pending = np.zeros(0, dtype=np.float32)
            out += self._step(window, float(self._vad(window[None])[0]), wall)
        if self._utt_start is not None:
            utt = self._close(self._judged)
            if utt:
                out.append(utt)
        return out

    def snapshot(self) -> Utterance | None:
        """The open utterance so far (final=False), for interim text; None if none is open."""
        if self._utt_start is None:
            return None
        return self._make(self._utt_start, self._judged, final=False)

    def pause_snapshot(self) -> Utterance | None:
        """The open utterance exactly as it will end if no more speech comes: up to its
        last voiced window plus the post-roll, the very samples `_close` then emits (so a
        pass on it reads what the final pass would). None until that much is judged."""
        if self._utt_start is None:
            return None
        end = self._voiced_last + int(self.options.post_roll_s * SAMPLE_RATE)
        if self._judged < end:
            return None
        return self._make(self._utt_start, end, final=False)

    # -- the state machine ---------------------------------------------------------
    def _step(self, window: np.ndarray, prob: float, wall: float) -> list[Utterance]:
        o = self.options
        start = self._judged
        end = start + VAD_WINDOW
        # Hysteresis: speech starts at `threshold` and goes on down to `neg_threshold`.
        voiced = prob >= o.threshold or (self._speaking and prob >= o.neg_threshold)
        self._windows.append(window)
        self._voiced.append(voiced)
        self._probs.append(prob)
        self._walls.append(wall)
        out: list[Utterance] = []
        if voiced:
            if self._utt_start is None:
                self._utt_start = max(self._buf_start, start - int(o.pre_roll_s * SAMPLE_RATE))
                self._utt_id = str(uuid.uuid4())
            self._speaking = True
            self._voiced_last = end
        else:
            self._speaking = False
            if self._utt_start is not None and end - self._voiced_last >= int(o.min_silence_s * SAMPLE_RATE):
                utt = self._close(min(end, self._voiced_last + int(o.post_roll_s * SAMPLE_RATE)))
                if utt:
                    out.append(utt)
        if self._utt_start is not None and end - self._utt_start >= int(o.max_utterance_s * SAMPLE_RATE):
            utt = self._close(self._best_cut(), keep_open=True)
            if utt:
                out.append(utt)
        self._trim()
        return out

    def _index(self, sample: int) -> int:
        return (sample - self._buf_start) // VAD_WINDOW

    def _best_cut(self) -> int:
        """Stream sample at which to cut an over-long utterance: the middle of its longest
        pause (the latest of equals) after min_cut_s, else the middle of its least voiced
        window."""
        o = self.options
        assert self._utt_start is not None, "cut only while an utterance is open"
        first = self._index(self._utt_start + int(o.min_cut_s * SAMPLE_RATE))
        best_len, best_mid, run = 0, -1, 0
        lowest, lowest_i = 2.0, len(self._probs) - 1
        for i in range(max(first, 0), len(self._probs)):
            if self._probs[i] < o.threshold:
                run += 1
                if run >= best_len:
                    best_len, best_mid = run, i - run // 2
            else:
                run = 0
            if self._probs[i] <= lowest:
                lowest, lowest_i = self._probs[i], i
        i = best_mid if best_mid >= 0 else lowest_i
        return self._buf_start + i * VAD_WINDOW + VAD_WINDOW // 2

    def _make(self, start: int, end: int, final: bool) -> Utterance:
        i0, i1 = self._index(start), self._index(end - 1) + 1
        audio = np.concatenate(self._windows[i0:i1])[start - (self._buf_start + i0 * VAD_WINDOW) :][: end - start]
        voiced = [i for i in range(i0, i1) if self._voiced[i]]
        first = voiced[0] if voiced else i0
        last = voiced[-1] if voiced else i1 - 1
        w_start = self._buf_start + first * VAD_WINDOW
        w_end = self._buf_start + (last + 1) * VAD_WINDOW
        anchors = [(0, self._time_of(start))] + [(s - start, t) for s, t in self._anchors if start < s < end]
        return Utterance(
            segment_id=self._utt_id,
            audio=audio,
            start=self._time_of(start),
            voiced_start=self._time_of(max(w_start, start)),
            voiced_end=self._time_of(min(w_end, end)),
            final=final,
            voiced_end_wall=self._walls[last],
            sample_times=anchors,
        )

    def _close(self, end: int, keep_open: bool = False) -> Utterance | None:
        """Emit [utt_start, end) as a final utterance (unless it is too little speech);
        start the next utterance at `end` if the speaker is still talking."""
        assert self._utt_start is not None
        start = self._utt_start
        i0, i1 = self._index(start), self._index(end - 1) + 1
        voiced = sum(self._voiced[i0:i1]) * VAD_WINDOW
        utt = self._make(start, end, final=True) if voiced >= int(self.options.min_speech_s * SAMPLE_RATE) else None
        if keep_open:
            self._utt_start = end
            self._utt_id = str(uuid.uuid4())
        else:
            self._utt_start = None
            self._speaking = False
        return utt

    def _trim(self) -> None:
        """Drop audio no utterance can still need (keep the pre-roll)."""
        if self._utt_start is not None:
            keep_from = self._utt_start
        else:
            keep_from = self._judged - int(self.options.pre_roll_s * SAMPLE_RATE)
        drop = max(0, self._index(keep_from))
        if drop:
            del self._windows[:drop], self._voiced[:drop], self._probs[:drop], self._walls[:drop]
            self._buf_start += drop * VAD_WINDOW
            i = bisect.bisect_right(self._anchors, (self._buf_start, float("inf"))) - 1
            if i > 0:
                del self._anchors[:i]
