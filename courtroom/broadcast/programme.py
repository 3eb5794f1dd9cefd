"""The broadcast programme of one hearing: the participants' media decoded, composed into
one picture with one mix of sound on the hearing clock, encoded, and cut into segments.

The only place the server decodes video. It runs in its own worker thread (decoding,
composing, mixing and encoding hold the GIL only between FFmpeg calls); the event loop
only appends encoded frames to each input's queue (`deliver`, never blocking).

Timing: output time is hearing time. The worker renders the picture of hearing time t
(the newest frame captured at or before t) and the mix of the audio captured over each
AAC frame, `latency_s` behind the clock so that media captured at t has arrived. Frames
are on a fixed grid (n / fps) and a keyframe is forced at every segment slot, so segment
boundaries fall on the same hearing times for every stream.

Off the air: while a cut is active, before the hearing time the broadcast last resumed
at, and during a pause of the hearing, the worker renders a slate and silence instead of
the participants; their media is still decoded (to keep the decoders' references) but
never reaches the encoder. Because composing lags the clock, a cut or pause set now
applies to everything captured from now on."""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Optional

import av
import numpy as np
from av.audio.codeccontext import AudioCodecContext
from av.video.codeccontext import VideoCodecContext

from courtroom.broadcast.audiomix import RATE, AudioTimeline, mix
from courtroom.broadcast.composer import Composer, TextRenderer, Tile
from courtroom.broadcast.encoder import AAC_FRAME, EncoderSettings, ProgrammeEncoder
from courtroom.broadcast.hls import Segment, Segmenter, SlateTemplate
from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import Publication
from courtroom.media.frames import EncodedFrame

logger = logging.getLogger(__name__)

# Fell further behind than this (overloaded): skip ahead rather than lag more.
MAX_BEHIND_S = 1.0
# A participant's picture is shown this long after their last frame, then a placeholder.
STALE_PICTURE_S = 5.0
CUT_SLATE = ("直播暂停", "")
PAUSE_SLATE = "庭审暂停"


@dataclasses.dataclass(frozen=True)
class ProgrammeSettings:
    encoder: EncoderSettings = EncoderSettings()
    layout: str = "presiding"
    segment_s: float = 2.0
    latency_s: float = 0.5
    # Skip VP8's loop filter for participants shown in small tiles (about a third less
    # decoding; the blockiness it leaves is hidden by the downscaling).
    fast_decode: bool = True

    def __post_init__(self) -> None:
        frames = self.segment_s * self.encoder.fps
        if not 1.0 <= self.segment_s <= 10.0 or abs(frames - round(frames)) > 1e-6:
            raise ValueError("segment_s must be 1..10 s and a whole number of frames")


@dataclasses.dataclass(frozen=True)
class Seat:
    """How a participant appears: display rank (0 = the large tile) and role label."""

    rank: int
    label: str


class VideoInput:
    """A frame sink on a participant's video publication: queues VP8 frames for the worker,
    which decodes them in order and keeps the newest picture."""

    respects_mute = True
    MAX_QUEUED = 90  # 3 s at 30 fps: a worker stalled that long starts again at a keyframe

    def __init__(self, publication: Publication, fast: bool, loop: asyncio.AbstractEventLoop) -> None:
        self.publication = publication
        self._loop = loop
        self._queue: collections.deque[tuple[bytes, float, bool]] = collections.deque()
        self._keyed = False  # loop side: a keyframe was queued since the last overflow
        self._fast = fast
        self._decoder_fast: Optional[bool] = None
        self._decoder: Optional[VideoCodecContext] = None
        self._need_keyframe = True  # worker side
        self.latest: Optional[av.VideoFrame] = None
        self.latest_time = -1e9
        self.decoded = 0
        self.errors = 0

    # event loop ------------------------------------------------------------------------

    def deliver(self, frame: EncodedFrame) -> None:
        if not self._keyed:
            if not frame.keyframe:
                self.publication.request_keyframe()
                return
            self._keyed = True
        if len(self._queue) >= self.MAX_QUEUED:
            self._queue.clear()
            self._keyed = False
            self.publication.request_keyframe()
            return
        self._queue.append((frame.data, frame.hearing_time, frame.keyframe))

    def set_fast(self, fast: bool) -> None:
        """Worker: decode with or without VP8's loop filter (from the next keyframe, asked for now)."""
        if fast != self._fast:
            self._fast = fast
            if self._decoder is not None:
                self._request_keyframe()

    # worker ------------------------------------------------------------------------------

    def _request_keyframe(self) -> None:
        try:
            self._loop.call_soon_threadsafe(self.publication.request_keyframe)
        except RuntimeError:
            pass  # the loop is closing

    def _new_decoder(self) -> VideoCodecContext:
        decoder = av.CodecContext.create("vp8", "r")
        decoder.thread_count = 1
        if self._fast:
            decoder.options = {"skip_loop_filter": "all"}
        self._decoder_fast = self._fast
        return decoder

    def picture_at(self, t: float) -> Optional[av.VideoFrame]:
        """Decode every queued frame captured at or before `t`; the newest picture, if fresh."""
        queue = self._queue
        while queue and queue[0][1] <= t:
            data, captured, keyframe = queue.popleft()
            if keyframe and (self._decoder is None or self._decoder_fast != self._fast):
                self._decoder = self._new_decoder()
            if self._need_keyframe and not keyframe:
                continue
            if self._decoder is None:
                continue
            try:
                frames = self._decoder.decode(av.Packet(data))
            except av.FFmpegError:
                self.errors += 1
                self._need_keyframe = True
                self._request_keyframe()
                continue
            self._need_keyframe = False
            for frame in frames:
                self.latest, self.latest_time = frame, captured
                self.decoded += 1
        if self.latest is not None and t - self.latest_time <= STALE_PICTURE_S:
            return self.latest
        return None


class AudioInput:
    """A frame sink on a participant's audio publication: queues Opus packets; the worker
    decodes them onto the participant's timeline. Muted audio never arrives here."""

    respects_mute = True
    MAX_QUEUED = 500  # 10 s of 20 ms packets

    def __init__(self, publication: Publication) -> None:
        self.publication = publication
        self._queue: collections.deque[tuple[bytes, float]] = collections.deque(maxlen=self.MAX_QUEUED)
        self._decoder: Optional[AudioCodecContext] = None
        self.timeline = AudioTimeline()
        self.errors = 0

    def deliver(self, frame: EncodedFrame) -> None:
        self._queue.append((frame.data, frame.hearing_time))

    def advance(self, until: float) -> None:
        """Decode the packets captured before hearing time `until` onto the timeline."""
        if self._decoder is None:
            self._decoder = av.CodecContext.create("opus", "r")
            self._decoder.sample_rate = RATE
            self._decoder.layout = "mono"
        queue = self._queue
        while queue and queue[0][1] < until:
            data, captured = queue.popleft()
            try:
                frames = self._decoder.decode(av.Packet(data))
            except av.FFmpegError:
                self.errors += 1
                continue
            position = round(captured * RATE)
            for frame in frames:
                pcm = frame.to_ndarray()[0].astype(np.float32, copy=False)
                self.timeline.write(pcm, position)
                position += len(pcm)


def clock_text(t: float) -> str:
    s = max(0, int(t))
    return f"庭审时间 {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


class Programme:
    """Decode, compose, mix, encode and segment one hearing's broadcast, in a worker thread.

    `on_segment(segment)` is called from the worker thread as each segment completes.
    Control methods (cut, resume, pause, masks, seats, inputs) are called on the event
    loop; each replaces an immutable value the worker reads once per frame."""

    def __init__(self, clock: HearingClock, settings: ProgrammeSettings, caption: str,
                 on_segment: Callable[[Segment], None], *, start: Optional[float] = None,
                 text: Optional[TextRenderer] = None) -> None:
        self.clock = clock
        self.settings = settings
        self.caption = caption
        self.fps = settings.encoder.fps
        self._on_segment = on_segment
        self._text = text
        self.start_time = clock.now() if start is None else start
        self._inputs: dict[tuple[str, str], VideoInput | AudioInput] = {}
        self._seats: dict[str, Seat] = {}
        self._masks: dict[str, tuple[bool, bool]] = {}
        self._cut = False
        self._live_from = self.start_time
        self._pauses: tuple[tuple[float, Optional[float], str], ...] = ()
        self._vn = math.ceil(self.start_time * self.fps - 1e-9)  # next video frame number
        self._a0 = math.ceil(self.start_time * RATE)
        self._an = 0  # next audio block
        self._last_slot: Optional[int] = None
        self._shown = 0  # tiles in the last composed frame
        # Programme time of the first frame that showed each participant's picture (not
        # 暂无画面): how long after the start the broadcast shows everyone (issue 14).
        self.first_picture: dict[str, float] = {}
        self.current_slot: int = math.floor(self.start_time / settings.segment_s)
        self.template = SlateTemplate()
        self._segmenter = Segmenter(settings.segment_s, self.start_time, self.template)
        self._encoder: Optional[ProgrammeEncoder] = None
        self._composer: Optional[Composer] = None
        self._frame: Optional[av.VideoFrame] = None
        self._thread: Optional[threading.Thread] = None
        self._stop = threading.Event()
        self.ready = threading.Event()
        self.error: Optional[str] = None
        self.frames = 0
        self.frames_skipped = 0
        self.audio_blocks = 0
        self.segments = 0
        self.worker_cpu_s = 0.0

    # --- control (event loop) ----------------------------------------------------------

    def add_input(self, publication: Publication, loop: asyncio.AbstractEventLoop) -> VideoInput | AudioInput:
        pid, kind = publication.participant_id, publication.kind
        if kind == "video":
            sink: VideoInput | AudioInput = VideoInput(publication, self.settings.fast_decode, loop)
        else:
            sink = AudioInput(publication)
        self._inputs = {**self._inputs, (pid, kind): sink}
        return sink

    def remove_input(self, participant_id: str, kind: str) -> None:
        self._inputs = {k: v for k, v in self._inputs.items() if k != (participant_id, kind)}

    def inputs(self) -> dict[tuple[str, str], VideoInput | AudioInput]:
        return self._inputs

    def set_seats(self, seats: dict[str, Seat]) -> None:
        self._seats = dict(seats)

    def set_mask(self, participant_id: str, video: bool, audio: bool) -> None:
        masks = dict(self._masks)
        if video or audio:
            masks[participant_id] = (video, audio)
        else:
            masks.pop(participant_id, None)
        self._masks = masks

    def masks(self) -> dict[str, tuple[bool, bool]]:
        return dict(self._masks)

    def cut(self) -> None:
        self._cut = True

    def resume(self, at: float) -> None:
        self._live_from = max(self._live_from, at)  # set before the flag clears
        self._cut = False

    def pause(self, at: float, label: str = "") -> None:
        if not any(end is None for _, end, _ in self._pauses):
            self._pauses = self._pauses + ((at, None, label),)

    def unpause(self, at: float) -> None:
        self._pauses = tuple((s, at if e is None else e, label) for s, e, label in self._pauses)

    @property
    def cut_active(self) -> bool:
        return self._cut

    def off_air(self, t: float) -> Optional[tuple[str, str]]:
        """The slate to show at hearing time t, or None when the participants are on the air."""
        if self._cut or t < self._live_from:
            return CUT_SLATE
        for start, end, label in self._pauses:
            if start <= t and (end is None or t < end):
                return PAUSE_SLATE, label
        return None

    # --- worker ------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="broadcast-programme", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the worker (blocking: call it off the event loop)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def prepare(self) -> None:
        """Open the encoders and the fonts, and encode the slate template (in the worker)."""
        self._encoder = ProgrammeEncoder(self.settings.encoder)
        self._composer = Composer(self.caption, self.settings.encoder.width, self.settings.encoder.height,
                                  self.settings.layout, self._text)
        self._frame = av.VideoFrame(self.settings.encoder.width, self.settings.encoder.height, "yuv420p")
        # The slate, before the first live frame: one full segment of frames and a run of silence.
        count = round(self.settings.segment_s * self.fps) + 2
        self._composer.compose_slate(self._frame, *CUT_SLATE)
        first = self._vn - count
        for i in range(count):
            self._emit(self._encoder.encode_video(self._frame, (first + i) / self.fps, i == 0))
        silence = np.zeros(AAC_FRAME, np.float32)
        for i in range(12, 0, -1):
            self._emit(self._encoder.encode_audio(silence, self._a0 - i * AAC_FRAME))
        self.ready.set()

    def _run(self) -> None:
        cpu0 = time.thread_time()
        try:
            self.prepare()
            while not self._stop.is_set():
                until = self.clock.now() - self.settings.latency_s
                self.step(until)
                self.worker_cpu_s = time.thread_time() - cpu0
                due = min(self._vn / self.fps, (self._a0 + (self._an + 1) * AAC_FRAME) / RATE)
                self._stop.wait(min(0.1, max(0.002, due - until)))
            self.finish()
        except Exception as exc:  # the broadcast shows the error; the hearing goes on
            logger.exception("broadcast programme failed")
            self.error = f"{exc.__class__.__name__}: {exc}"
        finally:
            self.ready.set()
            self.worker_cpu_s = time.thread_time() - cpu0

    def step(self, until: float) -> None:
        """Render, mix and encode everything due up to hearing time `until`."""
        if until - self._vn / self.fps > MAX_BEHIND_S:
            skip_to = math.floor(until * self.fps)
            self.frames_skipped += skip_to - self._vn
            self._vn = skip_to
        next_block = (self._a0 + self._an * AAC_FRAME) / RATE
        if until - next_block > 3 * MAX_BEHIND_S:
            self._an = math.floor((until - MAX_BEHIND_S) * RATE - self._a0) // AAC_FRAME
        while True:
            tv = self._vn / self.fps
            position = self._a0 + self._an * AAC_FRAME
            ta = position / RATE
            video_due = tv <= until
            audio_due = (position + AAC_FRAME) / RATE <= until
            if not (video_due or audio_due):
                return
            if video_due and (not audio_due or tv <= ta):
                self._video_frame(tv)
                self._vn += 1
            else:
                self._audio_block(position)
                self._an += 1

    def finish(self) -> None:
        """Flush the encoders and hand over the last segments."""
        if self._encoder is None:
            return
        self._emit(self._encoder.flush())
        for segment in self._segmenter.flush(end=self._vn / self.fps):
            self.segments += 1
            self._on_segment(segment)

    def _emit(self, packets) -> None:
        for packet in packets:
            for segment in self._segmenter.add(packet):
                self.segments += 1
                self._on_segment(segment)

    def _video_frame(self, t: float) -> None:
        assert self._encoder is not None and self._composer is not None and self._frame is not None
        slot = self._segmenter.slot(t)
        keyframe = slot != self._last_slot
        self._last_slot = slot
        inputs = self._inputs
        pictures = {pid: sink.picture_at(t) for (pid, kind), sink in inputs.items() if isinstance(sink, VideoInput)}
        slate = self.off_air(t)
        if slate is not None:
            self._composer.compose_slate(self._frame, *slate)
        else:
            tiles = self._tiles(inputs, pictures)
            for tile in tiles:
                if tile.picture is not None and tile.participant_id not in self.first_picture:
                    self.first_picture[tile.participant_id] = t
            self._composer.compose(self._frame, tiles, clock_text(t))
            if len(tiles) != self._shown:
                self._shown = len(tiles)
                self._composer.retain({tile.participant_id for tile in tiles})
            self._segmenter.live_slots.add(slot)
        self.current_slot = slot
        self.frames += 1
        self._emit(self._encoder.encode_video(self._frame, t, keyframe))

    def _tiles(self, inputs, pictures: dict[str, Optional[av.VideoFrame]]) -> list[Tile]:
        present = {pid for pid, _ in inputs}
        seats, masks = self._seats, self._masks
        order = sorted(present, key=lambda pid: (seats[pid].rank if pid in seats else 1000, pid))
        tiles = []
        for i, pid in enumerate(order):
            sink = inputs.get((pid, "video"))
            if isinstance(sink, VideoInput):
                # The large tile keeps VP8's loop filter; the small ones hide its absence.
                sink.set_fast(self.settings.fast_decode and not (i == 0 and self.settings.layout == "presiding"))
            seat = seats.get(pid)
            label = seat.label if seat else "参与人"
            if masks.get(pid, (False, False))[0]:
                tiles.append(Tile(pid, label, None, "画面已屏蔽"))
            elif (pid, "video") not in inputs:
                tiles.append(Tile(pid, label, None, "仅音频"))
            else:
                picture = pictures.get(pid)
                tiles.append(Tile(pid, label, picture, "暂无画面" if picture is None else ""))
        return tiles

    def _audio_block(self, position: int) -> None:
        assert self._encoder is not None
        end = position + AAC_FRAME
        on_air = self.off_air(position / RATE) is None
        masks = self._masks
        timelines = []
        for (pid, _kind), sink in self._inputs.items():
            if not isinstance(sink, AudioInput):
                continue
            sink.advance(end / RATE)
            if on_air and not masks.get(pid, (False, False))[1]:
                timelines.append(sink.timeline)
            else:
                sink.timeline.discard_until(end)
        pcm = mix(timelines, position, AAC_FRAME)
        self.audio_blocks += 1
        self._emit(self._encoder.encode_audio(pcm, position))
