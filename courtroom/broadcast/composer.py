"""The broadcast picture: the participants' video laid out on one 1280x720 canvas, with
the court, the case number and the hearing clock burnt in, or a slate instead.

Everything is planar YUV 4:2:0 (what the VP8 decoder gives and x264 takes), composed
with numpy: a participant's picture is scaled once, straight to its tile's size, by
libswscale (one persistent scaler per tile, so its context is reused); the canvas is
written in place into the frame that goes to the encoder. Text is drawn by Pillow with
Noto Sans CJK SC, converted to YUV plus alpha once per distinct string (the clock once a
second) and alpha-blended with integer arithmetic over its small box only.

Layouts (`LAYOUTS`):
  presiding  the first participant (the presiding judge) in a 960x540 tile, up to seven
             others in 320x180 tiles down the right (and, from five, along the bottom);
             more than eight falls back to the grid;
  grid       equal 16:9 tiles, as square a grid as the count allows.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Optional

import av
import numpy as np
from av.video.reformatter import VideoReformatter
from PIL import Image, ImageDraw, ImageFont

LAYOUTS = ("presiding", "grid")

# Canvas colours (Y, U, V), BT.601 limited range like the camera pictures.
BACKGROUND = (28, 128, 128)
TILE_BLACK = (16, 128, 128)
PLACEHOLDER = (40, 132, 124)


@dataclasses.dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int


def _even(v: float) -> int:
    """A size: even, at least 2."""
    return max(2, int(v) // 2 * 2)


def _even_at(v: float) -> int:
    """A position: even, rounded down."""
    return max(0, int(v) // 2 * 2)


def tile_rects(count: int, layout: str = "presiding", width: int = 1280, height: int = 720) -> list[Rect]:
    """Tiles for `count` participants in display order (the first is the presiding judge)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: one of {', '.join(LAYOUTS)}")
    if count <= 0:
        return []
    if count == 1:
        return [Rect(0, 0, width, height)]
    if layout == "presiding" and count <= 8:
        sw, sh = _even(width / 4), _even(height / 4)
        # Up to four: the column on the right only, the whole block centred vertically.
        top = _even_at(sh / 2) if count <= 4 else 0
        main = Rect(0, top, width - sw, height - sh)
        small = [Rect(width - sw, top + i * sh, sw, sh) for i in range(3)]
        small += [Rect(i * sw, height - sh, sw, sh) for i in range(4)]
        return [main, *small[: count - 1]]
    cols = math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols)
    cell_w, cell_h = width / cols, height / rows
    # The largest 16:9 tile that fits a cell, centred in it.
    tw = _even(min(cell_w, cell_h * 16 / 9))
    th = _even(tw * 9 / 16)
    out = []
    for i in range(count):
        r, c = divmod(i, cols)
        out.append(Rect(_even_at(c * cell_w + (cell_w - tw) / 2), _even_at(r * cell_h + (cell_h - th) / 2), tw, th))
    return out


def fit(src_w: int, src_h: int, rect: Rect) -> Rect:
    """The largest rectangle with the source's aspect inside `rect`, centred (even sizes)."""
    scale = min(rect.w / src_w, rect.h / src_h)
    w, h = min(rect.w, _even(src_w * scale)), min(rect.h, _even(src_h * scale))
    return Rect(rect.x + _even_at((rect.w - w) / 2), rect.y + _even_at((rect.h - h) / 2), w, h)


# --- text -------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Overlay:
    """An RGBA image as premultiplied YUV 4:2:0 plus alpha (0..256), ready to blend."""

    w: int
    h: int
    y: np.ndarray  # (h, w) uint16, Y * alpha
    a: np.ndarray  # (h, w) uint16
    u: np.ndarray  # (h/2, w/2) uint16, U * alpha
    v: np.ndarray
    a2: np.ndarray  # (h/2, w/2) uint16


def rgba_to_overlay(rgba: np.ndarray) -> Overlay:
    """BT.601 limited-range conversion of an (h, w, 4) uint8 image (even sizes)."""
    h, w = rgba.shape[:2]
    f = rgba.astype(np.float32)
    r, g, b, alpha = f[..., 0], f[..., 1], f[..., 2], f[..., 3] / 255.0
    y = 16 + 0.257 * r + 0.504 * g + 0.098 * b
    # chroma from the 2x2 average of the alpha-weighted colour
    def avg(x: np.ndarray) -> np.ndarray:
        return x.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))
    a2 = avg(alpha)
    safe = np.maximum(a2, 1e-6)
    r2, g2, b2 = avg(r * alpha) / safe, avg(g * alpha) / safe, avg(b * alpha) / safe
    u = 128 - 0.148 * r2 - 0.291 * g2 + 0.439 * b2
    v = 128 + 0.439 * r2 - 0.368 * g2 - 0.071 * b2
    a_i = np.rint(alpha * 256).astype(np.uint16)
    a2_i = np.rint(a2 * 256).astype(np.uint16)
    return Overlay(
        w, h,
        (np.rint(y).astype(np.uint16) * a_i), a_i,
        (np.rint(u).astype(np.uint16) * a2_i), (np.rint(v).astype(np.uint16) * a2_i), a2_i,
    )


class TextRenderer:
    """CJK text boxes with Pillow and Noto Sans CJK SC (the face is picked from the collection)."""

    def __init__(self, font_path: Optional[str] = None) -> None:
        if font_path is None:
            from signing.fonts import find_cjk_source

            font_path = str(find_cjk_source())
        self.font_path = font_path
        self._index = self._sc_index(font_path)

    @staticmethod
    def _sc_index(path: str) -> int:
        if not path.lower().endswith(".ttc"):
            return 0
        for i in range(16):
            try:
                name = ImageFont.truetype(path, 12, index=i).getname()[0]
            except OSError:
                break
            if name == "Noto Sans CJK SC":
                return i
        return 0

    @functools.lru_cache(maxsize=16)
    def font(self, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(self.font_path, size, index=self._index)

    @functools.lru_cache(maxsize=256)
    def box(self, text: str, size: int, fill: tuple[int, int, int, int] = (0, 0, 0, 150),
            colour: tuple[int, int, int] = (255, 255, 255), pad: int = 0) -> Overlay:
        """`text` on a rounded box (cached: every distinct string is drawn once)."""
        font = self.font(size)
        pad = pad or max(4, size // 3)
        left, top, right, bottom = font.getbbox(text)
        w = _even(right - left + 2 * pad + 1)
        h = _even(size * 1.25 + 2 * pad * 0.6 + 1)
        image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=max(2, size // 5), fill=fill)
        draw.text((pad - left, (h - size * 1.16) / 2), text, font=font, fill=colour)
        return rgba_to_overlay(np.asarray(image))

    def picture(self, width: int, height: int, lines: list[tuple[str, int]],
                background: tuple[int, int, int] = (24, 32, 44)) -> Overlay:
        """A full opaque picture with centred lines of (text, size): slates and placeholders."""
        image = Image.new("RGBA", (width, height), (*background, 255))
        draw = ImageDraw.Draw(image)
        heights = [int(size * 1.5) for _, size in lines]
        y = (height - sum(heights)) / 2
        for (text, size), lh in zip(lines, heights):
            font = self.font(size)
            left, _, right, _ = font.getbbox(text)
            draw.text(((width - (right - left)) / 2 - left, y), text, font=font, fill=(235, 235, 235))
            y += lh
        return rgba_to_overlay(np.asarray(image))


# --- the canvas ---------------------------------------------------------------------------

@dataclasses.dataclass
class Tile:
    """What one participant shows: their latest picture, or a placeholder text."""

    participant_id: str
    label: str  # role label, e.g. 审判长
    picture: Optional[av.VideoFrame] = None
    placeholder: str = "暂无画面"


def _planes(frame: av.VideoFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Writable numpy views of a yuv420p frame's planes (line padding cut off)."""
    w, h = frame.width, frame.height
    out = []
    for plane, (pw, ph) in zip(frame.planes, ((w, h), (w // 2, h // 2), (w // 2, h // 2))):
        out.append(np.frombuffer(plane, np.uint8)  # type: ignore[call-overload]  # a plane is a writable buffer; av's stubs do not say so
                   .reshape(-1, plane.line_size)[:ph, :pw])
    return out[0], out[1], out[2]


def blend(planes: tuple[np.ndarray, np.ndarray, np.ndarray], overlay: Overlay, x: int, y: int) -> None:
    """Alpha-blend `overlay` at (x, y) (even), clipped to the canvas."""
    Y, U, V = planes
    H, W = Y.shape
    w, h = min(overlay.w, W - x), min(overlay.h, H - y)
    if w <= 0 or h <= 0:
        return
    region = Y[y: y + h, x: x + w]
    inv = 256 - overlay.a[:h, :w]
    region[...] = (region * inv + overlay.y[:h, :w]) >> 8
    x2, y2, w2, h2 = x // 2, y // 2, w // 2, h // 2
    inv2 = 256 - overlay.a2[:h2, :w2]
    for plane, src in ((U, overlay.u), (V, overlay.v)):
        region = plane[y2: y2 + h2, x2: x2 + w2]
        region[...] = (region * inv2 + src[:h2, :w2]) >> 8


def paste(planes: tuple[np.ndarray, np.ndarray, np.ndarray], src: av.VideoFrame, x: int, y: int) -> None:
    """Copy a yuv420p frame into the canvas at (x, y) (even)."""
    sy, su, sv = _planes(src)
    h, w = sy.shape
    planes[0][y: y + h, x: x + w] = sy
    planes[1][y // 2: y // 2 + h // 2, x // 2: x // 2 + w // 2] = su
    planes[2][y // 2: y // 2 + h // 2, x // 2: x // 2 + w // 2] = sv


def fill(planes: tuple[np.ndarray, np.ndarray, np.ndarray], rect: Rect, colour: tuple[int, int, int]) -> None:
    planes[0][rect.y: rect.y + rect.h, rect.x: rect.x + rect.w] = colour[0]
    planes[1][rect.y // 2: (rect.y + rect.h) // 2, rect.x // 2: (rect.x + rect.w) // 2] = colour[1]
    planes[2][rect.y // 2: (rect.y + rect.h) // 2, rect.x // 2: (rect.x + rect.w) // 2] = colour[2]


def overlay_to_frame(overlay: Overlay) -> av.VideoFrame:
    """An opaque overlay (slate, placeholder) as a yuv420p frame, for pasting."""
    a = np.maximum(overlay.a, 1)
    a2 = np.maximum(overlay.a2, 1)
    buf = np.concatenate([(overlay.y // a).astype(np.uint8).reshape(-1),
                          (overlay.u // a2).astype(np.uint8).reshape(-1),
                          (overlay.v // a2).astype(np.uint8).reshape(-1)])
    return av.VideoFrame.from_ndarray(buf.reshape(overlay.h * 3 // 2, overlay.w), format="yuv420p")


class Composer:
    """Composes the programme picture into frames of `width` x `height` (yuv420p)."""

    def __init__(self, caption: str, width: int = 1280, height: int = 720, layout: str = "presiding",
                 text: Optional[TextRenderer] = None) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}: one of {', '.join(LAYOUTS)}")
        if width % 4 or height % 4:
            raise ValueError("width and height must be multiples of 4")
        self.width, self.height, self.layout = width, height, layout
        self.text = text or TextRenderer()
        self.caption = caption
        # per participant: (scaler, last picture, its scaled copy)
        self._scalers: dict[str, tuple[VideoReformatter, Optional[av.VideoFrame], Optional[av.VideoFrame]]] = {}
        self._backgrounds: dict[tuple[Rect, ...], av.VideoFrame] = {}
        self._placeholders: dict[tuple[str, str, int, int], av.VideoFrame] = {}
        self._slates: dict[tuple[str, ...], av.VideoFrame] = {}
        self.size = max(16, height // 28)  # caption text size: 25 px at 720p

    # caches ---------------------------------------------------------------------------

    def _background(self, rects: tuple[Rect, ...]) -> av.VideoFrame:
        frame = self._backgrounds.get(rects)
        if frame is None:
            frame = av.VideoFrame(self.width, self.height, "yuv420p")
            planes = _planes(frame)
            fill(planes, Rect(0, 0, self.width, self.height), BACKGROUND)
            for r in rects:
                fill(planes, r, TILE_BLACK)
            if len(self._backgrounds) > 16:
                self._backgrounds.clear()
            self._backgrounds[rects] = frame
        return frame

    def _placeholder(self, label: str, text: str, rect: Rect) -> av.VideoFrame:
        key = (label, text, rect.w, rect.h)
        frame = self._placeholders.get(key)
        if frame is None:
            big = max(14, rect.h // 8)
            frame = overlay_to_frame(self.text.picture(rect.w, rect.h, [(label, big), (text, max(12, big * 2 // 3))],
                                                       background=(36, 40, 48)))
            if len(self._placeholders) > 64:
                self._placeholders.clear()
            self._placeholders[key] = frame
        return frame

    def slate(self, title: str, subtitle: str = "") -> av.VideoFrame:
        """A full-canvas slate: the title, the caption, and an optional second line."""
        key = (title, subtitle)
        frame = self._slates.get(key)
        if frame is None:
            lines = [(title, self.height // 9), (self.caption, self.height // 26)]
            if subtitle:
                lines.append((subtitle, self.height // 30))
            frame = overlay_to_frame(self.text.picture(self.width, self.height, lines))
            self._slates[key] = frame
        return frame

    def _scaled(self, tile: Tile, rect: Rect) -> Optional[av.VideoFrame]:
        """The tile's picture scaled to fit `rect`; reused while the picture is the same."""
        picture = tile.picture
        if picture is None:
            return None
        target = fit(picture.width, picture.height, rect)
        entry = self._scalers.get(tile.participant_id)
        if entry is not None and entry[1] is picture and entry[2] is not None \
                and (entry[2].width, entry[2].height) == (target.w, target.h):
            return entry[2]
        scaler = entry[0] if entry is not None else VideoReformatter()
        if (picture.width, picture.height) == (target.w, target.h) and picture.format.name == "yuv420p":
            scaled = picture
        else:
            # One thread: the worker is one of several busy threads (PyAV's default, one per
            # core, measured 15-40% more CPU for tiles this small).
            scaled = scaler.reformat(picture, target.w, target.h, "yuv420p", interpolation="FAST_BILINEAR", threads=1)
        self._scalers[tile.participant_id] = (scaler, picture, scaled)
        return scaled

    def retain(self, participant_ids: set[str]) -> None:
        """Drop the scaling state of participants no longer shown."""
        for pid in [p for p in self._scalers if p not in participant_ids]:
            del self._scalers[pid]

    # composing ------------------------------------------------------------------------

    def compose(self, out: av.VideoFrame, tiles: list[Tile], clock_text: Optional[str]) -> None:
        """Draw the tiles (first = large in the presiding layout), labels, caption and clock into `out`."""
        rects = tuple(tile_rects(len(tiles), self.layout, self.width, self.height))
        planes = _planes(out)
        background = _planes(self._background(rects))
        for dst, src in zip(planes, background):
            np.copyto(dst, src)
        label_size = max(12, self.height // 40)
        for tile, rect in zip(tiles, rects):
            scaled = self._scaled(tile, rect)
            if scaled is None:
                paste(planes, self._placeholder(tile.label, tile.placeholder, rect), rect.x, rect.y)
            else:
                target = fit(scaled.width, scaled.height, rect)
                paste(planes, scaled, target.x, target.y)
            label = self.text.box(tile.label, label_size if rect.w < self.width // 2 else label_size * 4 // 3)
            blend(planes, label, rect.x + 8, rect.y + rect.h - label.h - 8)
        margin = max(8, self.height // 60)
        caption = self.text.box(self.caption, self.size)
        clock = self.text.box(clock_text, self.size) if clock_text else None
        top = min((r.y for r in rects), default=0)
        if top >= caption.h + margin:  # a free band above the tiles: caption and clock go there
            y, right = _even_at((top - caption.h) / 2), self.width
        else:  # over the large tile's top corners
            y, right = margin, (rects[0].x + rects[0].w if rects else self.width)
        blend(planes, caption, margin, y)
        if clock is not None:
            blend(planes, clock, _even_at(max(margin, right - clock.w - margin)), y)

    def compose_slate(self, out: av.VideoFrame, title: str, subtitle: str = "") -> None:
        for dst, src in zip(_planes(out), _planes(self.slate(title, subtitle))):
            np.copyto(dst, src)
