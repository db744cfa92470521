#!/usr/bin/env bash
# Idempotent setup: installs missing Debian packages and the Python venv (.venv/).
# Safe to run repeatedly; does nothing when everything is already present.
set -euo pipefail

cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config
  libhdf5-dev hdf5-tools
  libgtest-dev googletest libbenchmark-dev
  libcli11-dev libtomlplusplus-dev libfmt-dev librandom123-dev
  clang-14 libclang-rt-14-dev
)

# python3-venv is only needed when the python3 on PATH lacks venv/ensurepip
# (Debian's system python). pyenv-built interpreters have them built in.
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  PACKAGES+=(python3-venv)
fi

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all system packages present"
else
  echo "setup: missing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "setup: cannot install packages (not root, no passwordless sudo). Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: apt-get update"
  "${SUDO[@]}" apt-get update -qq
  echo "setup: apt-get install ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python virtual environment, with the modules of scripts/requirements.txt.
PY_MODULES='import h5py, numpy, pytest, matplotlib, xarray, h5netcdf, mesa'
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi

if .venv/bin/python -c "$PY_MODULES" >/dev/null 2>&1; then
  echo "setup: python venv ready (.venv)"
else
  echo "setup: installing python packages from scripts/requirements.txt"
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/requirements.txt
  .venv/bin/python -c "$PY_MODULES"
  echo "setup: python venv ready (.venv)"
fi
