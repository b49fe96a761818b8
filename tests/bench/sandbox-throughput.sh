#!/usr/bin/env bash
# sandbox-throughput.sh [JOURNY_SANDBOX_BINARY] — how many valid POST /users/upsert and
# POST /track per second journy-sandbox absorbs, measured exactly like the yardsticks in
# ../shared/bench/server-throughput.sh (wrk, 2 threads, 16 connections, 10 s, 1 s warm-up),
# printed beside mini-server.js (a server that does no work) and Prism (`-v warn`, its
# fastest setting) measured in the same run.
#
#   JOURNY_SANDBOX_BINARY  default: $JOURNY_BUILD_DIR/app/journy-sandbox (build/ by default);
#                          this script builds nothing. Use a Release/RelWithDebInfo build.
#   JOURNY_SHARED_BENCH    default: ../shared/bench next to the repository
#   PEERS=0                skip mini-server and Prism (only the sandbox)
#   THREADS, CONNS, DURATION as in server-throughput.sh
#
# Targets (issue 3): at least 5x Prism and half of mini-server, with p99 under 5 ms.
# The sandbox runs with a rate limit high enough never to answer 429, in memory (no --state),
# with a throw-away key "bench-key" (the key server-throughput.sh sends).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BINARY="${1:-${JOURNY_SANDBOX_BINARY:-$REPO/${JOURNY_BUILD_DIR:-build}/app/journy-sandbox}}"
SHARED="${JOURNY_SHARED_BENCH:-$REPO/../shared/bench}"
THREADS="${THREADS:-2}"
CONNS="${CONNS:-16}"
DURATION="${DURATION:-10s}"
export THREADS CONNS DURATION

[[ -x "$BINARY" ]] || { echo "no journy-sandbox at $BINARY (build it, or pass its path)" >&2; exit 2; }
[[ -x "$SHARED/server-throughput.sh" ]] || { echo "no $SHARED/server-throughput.sh" >&2; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }

TMP="$(mktemp -d /tmp/sandbox-throughput.XXXXXX)"
SANDBOX_PID=""
cleanup() {
  [[ -n "$SANDBOX_PID" ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "load before: $(uptime)"

"$BINARY" --port 0 --api-key bench-key --rate-limit 1000000000 >"$TMP/sandbox.out" 2>"$TMP/sandbox.err" &
SANDBOX_PID=$!
for _ in $(seq 1 50); do grep -q 'listening on' "$TMP/sandbox.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(awk '/listening on/{print $4}' "$TMP/sandbox.out")
[[ -n "$BASE" ]] || { echo "journy-sandbox did not start" >&2; cat "$TMP/sandbox.err" >&2; exit 1; }

# POST /track: the same measurement as server-throughput.sh's measure(), with a /track body.
cat >"$TMP/track.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = "bench-key"
wrk.body = '{"identification":{"user":{"userId":"user-1"},"account":{"accountId":"account-1"}},' ..
           '"name":"created_invoice","metadata":{"amount":42.5,"currency":"EUR","paid":true,' ..
           '"due":"2023-11-14T22:13:20.000Z"},"triggeredAt":"2023-11-14T22:13:20.000Z"}'
LUA
measure_track() {
  local url="$1" out
  wrk -t1 -c2 -d1s -s "$TMP/track.lua" "$url" >/dev/null
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 2s --latency -s "$TMP/track.lua" "$url")
  awk -v url="$url" -v t="$THREADS" -v c="$CONNS" -v d="$DURATION" '
    /Requests\/sec:/            { rps = $2 }
    /^ +50%/                   { p50 = $2 }
    /^ +99%/                   { p99 = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/           { sockerr = $0; sub(/^ +/, "", sockerr) }
    / requests in /            { total = $1 }
    END {
      printf "%-6s req/s=%s  p50=%s p99=%s  requests=%s non2xx=%d%s  (wrk -t%s -c%s -d%s, %s)\n",
        "url", rps, p50, p99, total, non2xx, (sockerr ? "  " sockerr : ""), t, c, d, url }' <<<"$out"
}

"$SHARED/server-throughput.sh" "$BASE/users/upsert" | tee "$TMP/upsert.txt"
measure_track "$BASE/track" | tee "$TMP/track.txt"
# Make sure the load was real work: the sandbox stored it.
users=$(curl -s "$BASE/__sandbox/users" | grep -o '"userId":"user-1"' | head -1 || true)
[[ -n "$users" ]] || echo "warning: the sandbox stored no user; the figures may be of errors" >&2
kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=""

if [[ "${PEERS:-1}" != 0 ]]; then
  "$SHARED/server-throughput.sh" mini | tee "$TMP/mini.txt"
  PRISM_ARGS="${PRISM_ARGS:--v warn}" "$SHARED/server-throughput.sh" prism | tee "$TMP/prism.txt"
fi
echo "load after: $(uptime)"

# Summary: req/s and p99 (wrk prints units: us, ms, s).
field() { grep -o "$2=[^ ]*" "$1" 2>/dev/null | head -1 | cut -d= -f2; }
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
                         else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
echo
printf '%-22s %12s %10s\n' "server" "req/s" "p99 (ms)"
for name in upsert track mini prism; do
  [[ -f "$TMP/$name.txt" ]] || continue
  label="$name"
  case "$name" in upsert) label="sandbox /users/upsert";; track) label="sandbox /track";;
                  mini) label="mini-server.js";; prism) label="Prism (-v warn)";; esac
  printf '%-22s %12s %10s\n' "$label" "$(field "$TMP/$name.txt" 'req/s')" \
         "$(to_ms "$(field "$TMP/$name.txt" p99)")"
done
if [[ -f "$TMP/mini.txt" && -f "$TMP/prism.txt" ]]; then
  awk -v u="$(field "$TMP/upsert.txt" 'req/s')" -v t="$(field "$TMP/track.txt" 'req/s')" \
      -v m="$(field "$TMP/mini.txt" 'req/s')" -v p="$(field "$TMP/prism.txt" 'req/s')" \
      -v up99="$(to_ms "$(field "$TMP/upsert.txt" p99)")" \
      -v tp99="$(to_ms "$(field "$TMP/track.txt" p99)")" 'BEGIN {
    printf "\nupsert: %.1fx Prism (target >= 5), %.0f%% of mini-server (target >= 50%%), p99 %s ms (target < 5)\n",
      u / p, 100 * u / m, up99
    printf "track:  %.1fx Prism (target >= 5), %.0f%% of mini-server (target >= 50%%), p99 %s ms (target < 5)\n",
      t / p, 100 * t / m, tp99 }'
fi
