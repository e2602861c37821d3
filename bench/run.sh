#!/usr/bin/env bash
# Runs one benchmark on a fresh machine, installing what it needs: `bash bench/run.sh NAME`.
# Each benchmark lives in bench/NAME/run.sh and prints its key=value figures on its last line.
set -euo pipefail
cd "$(dirname "$0")"
name=${1:-}
if [ -z "$name" ] || [ ! -f "$name/run.sh" ]; then
  echo "usage: bash bench/run.sh NAME, where NAME is one of: $(ls -d */ 2>/dev/null | tr -d / | tr '\n' ' ')" >&2
  exit 2
fi
shift
exec bash "$name/run.sh" "$@"
