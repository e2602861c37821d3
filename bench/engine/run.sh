#!/usr/bin/env bash
# Load engine: throughput against wrk, hey and autocannon, open-model rate accuracy, CPU per request, memory.
# One nginx (1 worker, `return 200`) on 127.0.0.1 is the target of every measurement, in one run.
# Last line: engine_rps=N wrk_rps=N hey_rps=N autocannon_rps=N ratio_wrk=R ratio_autocannon=R worst_rate_error_pct_10k=E checks_ratio=C
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/engine"
seconds=${BENCH_SECONDS:-8}
connections=50
mkdir -p "$out"

# --- what the benchmark needs ------------------------------------------------------------------------------------
need=()
for tool in nginx:nginx-light wrk:wrk hey:hey; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x "$out/node_modules/.bin/autocannon" ]; then
  (cd "$out" && npm install --silent --no-audit --no-fund autocannon@9.0.0 >/dev/null 2>&1)
fi
autocannon="$out/node_modules/.bin/autocannon"
dotnet build "$root/bench/engine/EngineBench" -c Release -nologo -v q -clp:NoSummary >/dev/null
bench=$(find "$root/bench/engine/EngineBench/bin/Release" -name EngineBench.dll | head -1)

# --- the target: nginx on a free loopback port, access log with millisecond timestamps -----------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$out/nginx/logs"
cat > "$out/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $out/nginx/nginx.pid;
error_log $out/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  log_format ms '\$msec';
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    location / { return 200 "ok"; }
    location /logged { access_log $out/nginx/logs/rate.log ms; return 200 "ok"; }
    location /json { default_type application/json; return 200 '{"id": 1, "name": "lamp"}'; }
  }
}
CONF
nginx -p "$out/nginx" -c "$out/nginx/nginx.conf"
trap 'kill "$(cat "$out/nginx/nginx.pid")" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/"
sleep 0.5

# --- closed-loop throughput, 50 connections / 50 in flight, same target, same duration ------------------------------
# The machine is shared and noisy: the four tools take turns, three rounds, and each figure is a tool's median.
curl -sf "$url" >/dev/null
rounds=${BENCH_ROUNDS:-3}
declare -A runs=()
for round in $(seq "$rounds"); do
  runs[wrk]+=" $(wrk -t2 -c$connections -d${seconds}s "$url" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
  runs[hey]+=" $(hey -c $connections -z ${seconds}s "$url" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
  runs[autocannon]+=" $("$autocannon" -c $connections -d $seconds --json "$url" 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(round(d["requests"]["total"]/d["duration"]))')"
  engine_line=$(dotnet "$bench" saturate "$url" "$seconds" $connections)
  runs[engine]+=" $(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$engine_line")"
  echo "round $round: engine $engine_line" >&2
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wrk_rps=$(median "${runs[wrk]}"); hey_rps=$(median "${runs[hey]}"); autocannon_rps=$(median "${runs[autocannon]}"); engine_rps=$(median "${runs[engine]}")
echo "closed loop, $connections connections, ${seconds}s, $rounds rounds (req/s):${runs[engine]} engine |${runs[wrk]} wrk |${runs[hey]} hey |${runs[autocannon]} autocannon" >&2

# --- response checks: the same closed loop without and with a check on every response (status, content type, body
# substring and JSON pointer, the costliest kind), in turns; the goal is a ratio of at least 0.85 --------------------------
checks_line=$(dotnet "$bench" checks "${url}json" "$seconds" $connections "$rounds")
echo "response checks, closed loop, $connections connections: $checks_line" >&2
checks_ratio=$(sed -E 's/.*checks_ratio=([0-9.]+).*/\1/' <<<"$checks_line")

# --- open-model accuracy: the target counts what arrived in each second (whole seconds only) ----------------------
worst10k=""
for rate in 1000 5000 10000 20000; do
  : > "$out/nginx/logs/rate.log"
  kill -USR1 "$(cat "$out/nginx/nginx.pid")"
  line=$(dotnet "$bench" rate "http://127.0.0.1:$port/logged" "$rate" 10)
  sleep 0.5
  start=$(sed -E 's/.*start_unix=([0-9.]+).*/\1/' <<<"$line")
  worst=$(python3 - "$rate" "$start" 10 "$out/nginx/logs/rate.log" <<'PY'
import collections, math, sys
rate, start, seconds = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
counts = collections.Counter(int(float(l)) for l in open(sys.argv[4]) if l.strip())
# Whole wall-clock seconds inside the schedule only: not the warm-up before it, not the partial seconds at its ends.
whole = range(math.ceil(start), math.floor(start + seconds))
print(f"{max(abs(counts[s] - rate) / rate * 100 for s in whole):.2f}" if whole else "nan")
PY
)
  echo "open model at $rate req/s for 10 s: $line worst_second_error_pct=$worst" >&2
  [ "$rate" = 10000 ] && worst10k=$worst
done

# --- memory: a long replay at 5,000 req/s; peak RSS should not grow with the request count ---------------------------
for secs in 20 ${BENCH_LONG_SECONDS:-120}; do
  line=$(dotnet "$bench" rate "$url" 5000 "$secs")
  echo "memory, 5000 req/s for ${secs}s: $line" >&2
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(dotnet --version) SDK, $(nginx -v 2>&1 | sed 's/.*: //')" >&2
python3 - "$engine_rps" "$wrk_rps" "$hey_rps" "$autocannon_rps" "$worst10k" "$checks_ratio" <<'PY'
import sys
e, w, h, a, worst, checks = sys.argv[1:]
print(f"engine_rps={e} wrk_rps={w} hey_rps={h} autocannon_rps={a} ratio_wrk={int(e)/int(w):.2f} ratio_autocannon={int(e)/int(a):.2f} worst_rate_error_pct_10k={worst} checks_ratio={checks}")
PY
