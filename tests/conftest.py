"""Shared test set-up. Fixtures live in tests/fixtures/, one module per area, so that
each area's owner edits only its own file. Expensive things (the Whisper model, the
embedded PostgreSQL) are session-scoped: one load per test session."""

import os
from pathlib import Path

# Run-time network is forbidden: make any accidental hub lookup fail fast.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# Every file a test reads lives in the repository: a clone alone passes its tests.
SPEECH_DIR = Path(os.environ.get("COURTROOM_SPEECH_DIR", Path(__file__).resolve().parent / "data" / "speech"))

pytest_plugins = [
    "tests.fixtures.common",
    "tests.fixtures.db",
    "tests.fixtures.server",
    "tests.fixtures.media",
    "tests.fixtures.browser",
    "tests.fixtures.signing",
    "tests.fixtures.tsa",
    "tests.fixtures.asr",
    "tests.fixtures.nats",
]
