#!/usr/bin/env bash
# Access logs: lines per second of our source building a profile, against mawk (a field splitter counting statuses,
# the near floor of any parser) and goaccess (the log analyser users know), on one generated file, in one run.
# Last line: logs_lines_per_s=N mawk_lines_per_s=N goaccess_lines_per_s=N ratio_mawk=R ratio_goaccess=R
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/logs"
lines=${BENCH_LOG_LINES:-1000000}
mkdir -p "$out"

need=()
for tool in mawk:mawk goaccess:goaccess bc:bc; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dotnet build "$root/bench/logs/LogBench" -c Release -nologo -v q -clp:NoSummary >/dev/null
bench=$(find "$root/bench/logs/LogBench/bin/Release" -name LogBench.dll | head -1)

log="$out/access.log"
if [ ! -f "$log" ] || [ "$(wc -l < "$log")" -ne "$lines" ]; then
  dotnet "$bench" generate "$log" "$lines"
fi
echo "log: $lines lines, $(du -m "$log" | cut -f1) MB, $(cut -d'"' -f2 "$log" | awk '{print $2}' | sort -u | wc -l) distinct URLs" >&2
cat "$log" > /dev/null   # every tool reads it from the page cache

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

mawk_runs=""
for run in 1 2 3; do
  mawk_runs+=" $(seconds mawk '{c[$9]++} END {for (k in c) print k, c[k]}' "$log")"
done
mawk_rate=$(echo "$lines / $(median "$mawk_runs")" | bc -l)

goaccess_runs=" $(seconds goaccess "$log" --log-format=COMBINED --no-progress -o "$out/goaccess.json")"
goaccess_rate=$(echo "$lines / $(median "$goaccess_runs")" | bc -l)

# Five reads in one process: the first pays for the JIT, the median is what a warm read costs.
ours=$(dotnet "$bench" read "$log" 5)
ours_rate=$(sed -E 's/.*lines_per_s=([0-9]+).*/\1/' <<<"$ours")

echo "mawk seconds:$mawk_runs | goaccess seconds:$goaccess_runs | ours: $ours" >&2
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(dotnet --version) SDK, mawk $(mawk -W version 2>&1 | head -1 | awk '{print $2}'), goaccess $(goaccess --version | head -1 | awk '{print $3}')" >&2
python3 - "$ours_rate" "$mawk_rate" "$goaccess_rate" <<'PY'
import sys
o, m, g = (float(x) for x in sys.argv[1:])
print(f"logs_lines_per_s={o:.0f} mawk_lines_per_s={m:.0f} goaccess_lines_per_s={g:.0f} ratio_mawk={o/m:.2f} ratio_goaccess={o/g:.1f}")
PY
