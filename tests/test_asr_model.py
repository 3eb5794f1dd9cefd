"""asr.model: assembling the packaged Whisper base model and loading it from disk only."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from asr.model import (
    BASE_MODEL_SHA256,
    BASE_MODEL_SIZE,
    ModelProvisioningError,
    assemble_model,
    load_model,
    packaged_base_source,
    resolve_device,
    resolve_model_path,
)


def test_assembled_model_matches_the_pinned_hash(whisper_model_dir: Path):
    if os.environ.get("COURTROOM_WHISPER_MODEL"):
        pytest.skip("a configured model is in use")
    assert (whisper_model_dir / "model.bin").stat().st_size == BASE_MODEL_SIZE == 145_217_607
    assert (whisper_model_dir / ".sha256").read_text().strip() == BASE_MODEL_SHA256
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        assert (whisper_model_dir / name).is_file()
    # Assembled once: a second call finds it complete and does not copy 145 MB again.
    t = time.perf_counter()
    assert assemble_model(whisper_model_dir, progress=False) == whisper_model_dir
    assert time.perf_counter() - t < 2.0


def test_a_corrupted_part_is_refused(tmp_path: Path):
    source = packaged_base_source()
    bad = tmp_path / "model.bin.part2"
    data = bytearray(source.parts[1].read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte, same size
    bad.write_bytes(data)
    dest = tmp_path / "models" / "whisper-base"
    with pytest.raises(ModelProvisioningError, match="sha256"):
        assemble_model(dest, replace(source, parts=(source.parts[0], bad)), progress=False)
    assert not dest.exists()
    assert list((tmp_path / "models").iterdir()) == []  # the temporary copy is gone too


def test_a_truncated_part_is_refused_before_copying(tmp_path: Path):
    source = packaged_base_source()
    short = tmp_path / "model.bin.part2"
    short.write_bytes(b"\0" * 1024)
    with pytest.raises(ModelProvisioningError, match="truncated"):
        assemble_model(tmp_path / "whisper-base", replace(source, parts=(source.parts[0], short)), progress=False)
    with pytest.raises(ModelProvisioningError, match="missing"):
        assemble_model(tmp_path / "whisper-base", replace(source, parts=(source.parts[0], tmp_path / "nope")), progress=False)


def test_configured_model_path_wins(tmp_path: Path, whisper_model_dir: Path):
    assert resolve_model_path(whisper_model_dir, tmp_path / "models") == whisper_model_dir
    assert not (tmp_path / "models").exists()  # nothing assembled
    with pytest.raises(ModelProvisioningError, match="model.bin"):
        resolve_model_path(tmp_path, tmp_path / "models")


def test_default_model_is_assembled_into_the_data_dir(tmp_path: Path):
    path = resolve_model_path(None, tmp_path / "models")
    assert path == tmp_path / "models" / "whisper-base"
    assert (path / "model.bin").stat().st_size == BASE_MODEL_SIZE


def test_device_auto_and_no_hub(tmp_path: Path):
    import ctranslate2

    expected = ("cuda", "float16") if ctranslate2.get_cuda_device_count() > 0 else ("cpu", "int8")
    assert resolve_device("auto") == expected
    assert resolve_device("cpu") == ("cpu", "int8")
    with pytest.raises(ValueError):
        resolve_device("tpu")
    # A name is never looked up on a hub: only directories holding model.bin load.
    with pytest.raises(ModelProvisioningError):
        load_model("base")
    with pytest.raises(ModelProvisioningError):
        load_model(tmp_path)
    assert os.environ["HF_HUB_OFFLINE"] == "1"
