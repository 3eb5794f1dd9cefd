"""The CJK font for records and signature stamps: Noto Sans CJK SC, one face, cached.

Debian's fonts-noto-cjk ships a TrueType collection (.ttc) holding ten faces; fpdf2
and pyHanko's stamp engine both want a single OpenType file. We extract the SC face
once into a cache directory (atomic rename, so concurrent processes don't see a
half-written file) and reuse it.

Stamps are a second concern: pyHanko loads and subsets the whole 16 MB face for every
signature (about 0.36 s each). `stamp_font_path(text)` hands it a small pre-subset
face instead, cached per character set.
"""

from __future__ import annotations

import hashlib
import os
import string
import tempfile
import threading
import time
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.ttLib import TTCollection, TTFont

from signing.roles import ROLE_LABELS

SC_FAMILY = "Noto Sans CJK SC"

# Where distributions put the Noto CJK collection (Debian/Ubuntu, Fedora, Arch, Alpine).
_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJKsc-Regular.otf",
)

# Characters every stamp may use besides the signer's name and a refusal's reason.
_STAMP_BASE = (
    string.ascii_letters + string.digits + string.punctuation + " "
    + "：，。、（）—·…" + "签名时间拒绝理由记录代为" + "".join(ROLE_LABELS.values())
)

_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE")


class FontNotFoundError(RuntimeError):
    """No usable Noto Sans CJK SC face on this machine."""


def default_cache_dir() -> Path:
    env = os.environ.get("COURTROOM_FONT_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "courtroom" / "fonts"


def find_cjk_source() -> Path:
    """Path of the Noto Sans CJK collection (or an SC .otf); COURTROOM_CJK_FONT overrides."""
    env = os.environ.get("COURTROOM_CJK_FONT")
    if env:
        if not Path(env).is_file():
            raise FontNotFoundError(f"COURTROOM_CJK_FONT={env} does not exist")
        return Path(env)
    for candidate in _CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    raise FontNotFoundError(
        "Noto Sans CJK SC not found (looked in "
        + ", ".join(_CANDIDATES)
        + "). Install the Debian package fonts-noto-cjk, or set COURTROOM_CJK_FONT to a .ttc/.otf file. "
        "未找到中文字体 Noto Sans CJK SC：请安装 fonts-noto-cjk。"
    )


def _family(font: TTFont) -> str:
    name = font["name"]
    return str(name.getDebugName(16) or name.getDebugName(1) or "")


def _atomic_write(dest: Path, write) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_lock = threading.Lock()
_sc_path: Path | None = None
_stamp_fonts: list[tuple[frozenset[str], Path]] = []
_STAMP_FONTS_KEPT = 64


def skip_cff_seac_closure(font: TTFont) -> None:
    """Let fontTools' subsetter skip its CFF glyph closure on a CID-keyed font.

    That closure only follows `seac` accent composites, which name their components by
    StandardEncoding glyph names; a CID-keyed font has no glyph names, so the closure
    can add nothing, yet it runs every selected glyph program (60% of subsetting
    2,000 CJK glyphs).
    """
    if "CFF " not in font:
        return
    table = font["CFF "]
    top = table.cff.topDictIndex[0]
    if getattr(top, "ROS", None):
        table.closure_glyphs = lambda subsetter: None


def cjk_font_path(cache_dir: Path | None = None) -> Path:
    """The extracted Noto Sans CJK SC face (an .otf), extracting it on first use."""
    global _sc_path
    with _lock:
        if _sc_path is not None and cache_dir is None and _sc_path.is_file():
            return _sc_path
        source = find_cjk_source()
        stat = source.stat()
        # Key the cache on the source file so a font upgrade re-extracts.
        tag = hashlib.sha256(f"{source}:{stat.st_size}:{int(stat.st_mtime)}:v2".encode()).hexdigest()[:12]
        dest = (cache_dir or default_cache_dir()) / f"NotoSansCJKsc-Regular-{tag}.otf"
        if not dest.is_file():
            if source.suffix.lower() == ".ttc":
                collection = TTCollection(str(source), lazy=True)
                faces = [f for f in collection.fonts if _family(f) == SC_FAMILY]
                if not faces:
                    raise FontNotFoundError(f"{source} holds no '{SC_FAMILY}' face")
                face = faces[0]
                # Horizontal CJK needs no OpenType layout; without these tables every
                # later subset (fpdf2's, pyHanko's, ours) runs about twice as fast.
                for tag in _DROPPED_TABLES:
                    if tag in face:
                        del face[tag]
                _atomic_write(dest, face.save)
            else:
                face = TTFont(str(source), lazy=True)
                if _family(face) != SC_FAMILY:
                    raise FontNotFoundError(f"{source} is '{_family(face)}', not '{SC_FAMILY}'")
                _atomic_write(dest, lambda fh: fh.write(source.read_bytes()))
        if cache_dir is None:
            _sc_path = dest
        return dest


def stamp_font_path(text: str, cache_dir: Path | None = None) -> Path:
    """A small SC face holding the stamp alphabet plus the characters of `text`.

    Any font already made in this process that covers `text` is reused, so warming the
    cache once with every signer's name (`warm_stamp_font`) makes all of a record's
    stamps share one subset instead of pyHanko subsetting the full face per signature.
    """
    needed = frozenset(text) - {"\n", "\r", "\t"}
    with _lock:
        for charset, path in _stamp_fonts:
            if needed <= charset and path.is_file():
                return path
    full = cjk_font_path(cache_dir)
    charset = frozenset(_STAMP_BASE) | needed
    chars = "".join(sorted(charset))
    key = hashlib.sha256((full.name + "\0" + chars).encode()).hexdigest()[:16]
    dest = full.parent / f"stamp-{key}.otf"
    if not dest.is_file():
        options = ft_subset.Options(layout_closure=False)
        options.drop_tables += list(_DROPPED_TABLES)
        options.notdef_outline = True
        font = TTFont(str(full), lazy=True, recalcBBoxes=False)
        skip_cff_seac_closure(font)
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(font)
        _atomic_write(dest, font.save)
        _prune_stamp_fonts(full.parent)
    else:
        os.utime(dest)  # keeps it from pruning
    with _lock:
        _stamp_fonts.append((charset, dest))
        del _stamp_fonts[:-_STAMP_FONTS_KEPT]
    return dest


def _prune_stamp_fonts(directory: Path) -> None:
    """Stamp faces are per record; drop those not used for a month."""
    cutoff = time.time() - 30 * 86400
    for old in directory.glob("stamp-*.otf"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def warm_stamp_font(texts) -> Path:
    """Make one stamp font covering all `texts` (e.g. every signer's name and role)."""
    return stamp_font_path("".join(texts))
