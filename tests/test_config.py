"""Configuration: every operator setting can come from the environment or a `serve` flag
(flag wins), and a bad one stops `courtroom serve` before it starts, with the reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from courtroom.config import Settings
from web.cli import build_parser
from web.server import settings_from_args

ENV = {
    "COURTROOM_COURT_NAME": "吉林省长春市中级人民法院",
    "COURTROOM_BROADCAST_DELAY_S": "45",
    "COURTROOM_BROADCAST_FPS": "25",
    "COURTROOM_RTMP_URL": "rtmp://ingest.example/live/key",
    "COURTROOM_TSA_URL": "http://tsa.example/tsa",
    "COURTROOM_DOSSIER_PUSH_URL": "https://dossier.example/api/packages",
    "COURTROOM_NUMBER_STYLE": "chinese",
}


def test_settings_from_the_environment(monkeypatch, tmp_path):
    tsa_ca = tmp_path / "tsa-root.pem"
    tsa_ca.write_text("-----BEGIN CERTIFICATE-----\n")
    for name, value in {**ENV, "COURTROOM_TSA_CA": str(tsa_ca)}.items():
        monkeypatch.setenv(name, value)
    s = Settings()
    assert (s.court_name, s.broadcast_delay_s, s.broadcast_fps) == ("吉林省长春市中级人民法院", 45.0, 25)
    assert (s.rtmp_url, s.tsa_url, s.tsa_ca, s.dossier_push_url) == (
        ENV["COURTROOM_RTMP_URL"], ENV["COURTROOM_TSA_URL"], tsa_ca, ENV["COURTROOM_DOSSIER_PUSH_URL"])
    assert s.number_style == "chinese"
    assert s.problems() == []


def test_defaults_without_environment(monkeypatch):
    for name in (*ENV, "COURTROOM_TSA_CA"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert (s.broadcast_delay_s, s.broadcast_fps, s.rtmp_url, s.tsa_url, s.tsa_ca, s.dossier_push_url, s.number_style) == (
        30.0, 15, None, None, None, None, "arabic")
    assert s.problems() == []


def test_serve_flags_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("COURTROOM_RTMP_URL", "rtmp://from-env/live")
    monkeypatch.setenv("COURTROOM_COURT_NAME", "环境变量法院")
    args = build_parser().parse_args([
        "serve", "--court-name", "命令行法院", "--broadcast-delay", "60", "--rtmp-url", "rtmp://from-flag/live",
        "--tsa-url", "https://tsa.example/", "--dossier-push-url", "https://dossier.example/in", "--number-style", "chinese"])
    s = settings_from_args(args)
    assert s.number_style == "chinese"
    assert (s.court_name, s.broadcast_delay_s, s.rtmp_url, s.tsa_url, s.dossier_push_url) == (
        "命令行法院", 60.0, "rtmp://from-flag/live", "https://tsa.example/", "https://dossier.example/in")


@pytest.mark.parametrize("changes, expected", [
    ({"broadcast_delay_s": 0.5}, "broadcast delay must be at least 2"),
    ({"broadcast_fps": 0}, "broadcast fps must be 1..60"),
    ({"rtmp_url": "http://ingest/live"}, "RTMP URL must start with rtmp:// or rtmps://"),
    ({"tsa_url": "tsa.example"}, "TSA URL must start with http:// or https://"),
    ({"dossier_push_url": "ftp://dossier"}, "dossier push URL must start with http"),
    ({"tsa_url": "http://tsa", "tsa_ca": Path("/nonexistent/tsa.pem")}, "TSA root certificate not found"),
    ({"tsa_ca": Path(__file__)}, "COURTROOM_TSA_CA without COURTROOM_TSA_URL"),
    ({"court_name": " "}, "the court name is empty"),
    ({"number_style": "roman"}, "number style must be one of arabic, chinese, got 'roman'"),
    ({"tls_cert": Path("/x.crt")}, "--tls-cert and --tls-key go together"),
])
def test_each_bad_setting_is_named(changes, expected):
    problems = Settings(data_dir=Path("/tmp/unused")).replace(**changes).problems()
    assert len(problems) == 1 and expected in problems[0], problems


def run_serve(*flags: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "web.cli", "serve", "--data-dir", "/nonexistent/courtroom", *flags],
                          capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})})


def test_serve_refuses_a_bad_configuration_before_starting():
    proc = run_serve("--rtmp-url", "http://not-rtmp/live", "--broadcast-delay", "1")
    assert proc.returncode == 2, proc.stderr
    assert "configuration error" in proc.stderr and "RTMP URL must start with" in proc.stderr
    assert "broadcast delay must be at least" in proc.stderr
    assert "courtroom server:" not in proc.stdout  # it never started
    proc = run_serve(env={"COURTROOM_BROADCAST_FPS": "fast"})
    assert proc.returncode == 2 and "COURTROOM_BROADCAST_FPS must be a number, got 'fast'" in proc.stderr


def test_the_finals_beam_is_a_setting_and_reaches_the_decoder(monkeypatch):
    from asr.decoder import BatchDecoder, DecoderOptions

    monkeypatch.delenv("COURTROOM_ASR_BEAM", raising=False)
    assert Settings().asr_beam == 5
    monkeypatch.setenv("COURTROOM_ASR_BEAM", "1")
    settings = Settings()
    assert settings.asr_beam == 1
    assert not any("COURTROOM_ASR_BEAM" in p for p in settings.problems())
    # The decoder uses what it is given (no model call: the beam is read at construction).
    assert BatchDecoder(object(), DecoderOptions(beam_size=settings.asr_beam)).beam_size == 1
    monkeypatch.setenv("COURTROOM_ASR_BEAM", "0")
    assert any("COURTROOM_ASR_BEAM" in p for p in Settings().problems())
