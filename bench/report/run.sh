#!/usr/bin/env bash
# Report generation: renders the PDF of a one-hour replay result (60 buckets, 10 endpoints, resource samples,
# 6 charts) in a fresh process, three times, and prints the median.
# Last line: report_seconds=S report_bytes=B   (goal: under 3 s and under 1 MB)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/report"
mkdir -p "$out"
dotnet build "$root/tests/Replay.Reporting.SampleRenderer" -c Release -nologo -v q -clp:NoSummary >/dev/null
dll=$(find "$root/tests/Replay.Reporting.SampleRenderer/bin/Release" -name Replay.Reporting.SampleRenderer.dll | head -1)

runs=()
for i in 1 2 3; do
  line=$(dotnet "$dll" "$out/run$i" | tail -1)
  echo "run $i: $line" >&2
  runs+=("$line")
done

# Median by seconds; the size is the same every run.
median=$(printf '%s\n' "${runs[@]}" | sort -t= -k2 -g | sed -n 2p)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(dotnet --version) SDK" >&2
echo "$median"
