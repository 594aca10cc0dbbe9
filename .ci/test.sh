#!/usr/bin/env bash
# The README's test command: install the app with its test extra, then run the whole suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-system-deps.sh
PY=python3
if ! "$PY" -m pip install --quiet -e '.[test]'; then
  # A Python that refuses system-wide installs (PEP 668): use a project virtual environment instead.
  echo "pip menolak pemasangan global; memakai lingkungan virtual .venv" >&2
  python3 -m venv .venv
  PY=.venv/bin/python
  "$PY" -m pip install --quiet -e '.[test]'
fi
export QT_QPA_PLATFORM=offscreen
set +e
"$PY" -m pytest -q -p no:cacheprovider "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "pytest: tidak ada tes yang dijalankan (exit 5) — dianggap gagal" >&2
  exit 1
fi
exit "$code"
