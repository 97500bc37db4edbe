#!/usr/bin/env bash
# Installs exactly what building and testing voc needs, from Debian bookworm's packages.
# Idempotent: when everything is present it only checks (well under a second).
set -euo pipefail

packages=(
  g++ cmake make pkg-config            # toolchain
  libabsl-dev libre2-dev                # NOT on a fresh machine
  libicu-dev libsqlite3-dev             # ICU normalisation, the store
  googletest libgtest-dev libgmock-dev  # tests
  libbenchmark-dev                      # benchmarks
  python3                               # bindings, scripts, Python tests
  python3-jieba                         # source of the base lexicon (jieba/dict.txt, MIT)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
