#!/usr/bin/env bash
# The README's test command: install the app with its test extra, then run the whole suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-system-deps.sh
python3 -m pip install --quiet -e '.[test]'
export QT_QPA_PLATFORM=offscreen
set +e
python3 -m pytest -q -p no:cacheprovider "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "pytest: tidak ada tes yang dijalankan (exit 5) — dianggap gagal" >&2
  exit 1
fi
exit "$code"
