#!/usr/bin/env bash
# Usage: scripts/build.sh [PRESET]   (default: release)
set -euo pipefail

cd "$(dirname "$0")/.."
PRESET="${1:-release}"

bash scripts/setup.sh

if [ -z "${CUDACXX:-}" ] && [ -x /usr/local/cuda/bin/nvcc ]; then
  export CUDACXX=/usr/local/cuda/bin/nvcc
fi

echo "build: configuring preset '${PRESET}'"
cmake --preset "${PRESET}"
echo "build: building preset '${PRESET}'"
cmake --build --preset "${PRESET}" -j"$(nproc)"
