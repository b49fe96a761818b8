#!/usr/bin/env bash
# client-throughput.sh [N] — JournyClient's throughput against ../shared/bench/mini-server.js,
# beside the official Node SDK and curl measured in the same run by sdk-throughput.sh.
# N upsertUser calls (default 2000), sequentially and with 8 in flight; 3 runs, median.
# Env: JOURNY_BUILD_DIR (default build), RUNS (default 3), JOURNY_PEERS (see sdk-throughput.sh).
set -euo pipefail
N="${1:-2000}"
RUNS="${RUNS:-3}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BENCH="$ROOT/../shared/bench"
BUILD="${JOURNY_BUILD_DIR:-$ROOT/build}"
bash "$ROOT/packaging/configure.sh" bench_client_throughput >/dev/null
CLIENT="$BUILD/tests/bench/bench_client_throughput"

TMP="$(mktemp -d)"
node "$BENCH/mini-server.js" 0 >"$TMP/mini.out" 2>/dev/null &
MINI=$!
trap 'kill $MINI 2>/dev/null; wait $MINI 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 50); do grep -q '^listening' "$TMP/mini.out" && break; sleep 0.1; done
URL="http://127.0.0.1:$(awk '/^listening/{print $2}' "$TMP/mini.out")"

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# Ours run RUNS times before the peers and RUNS times after them, so that a noisy stretch
# of the machine weighs on both sides; the figure is the median of all those runs.
declare -A RPS
ours() { # C -> appends RUNS figures to RPS[C]
    "$CLIENT" "$URL" 200 8 >/dev/null # warm-up
    for _ in $(seq 1 "$RUNS"); do
        RPS[$1]+=" $("$CLIENT" "$URL" "$N" "$1" | sed -n 's/^rps=\([0-9.]*\).*/\1/p')"
    done
}
ours 1
ours 8

echo "== peers (same run) =="
SKIP_PRISM=1 RUNS="$RUNS" bash "$BENCH/sdk-throughput.sh" "$N" | tee "$TMP/peers"
sdk_c8=$(awk '$1=="sdk" && $2=="c8" {print $4}' "$TMP/peers")
curl_rps=$(awk '$1=="curl" {print $3}' "$TMP/peers")
sdk_seq=$(awk '$1=="sdk" && $2=="seq" {print $4}' "$TMP/peers")
ours 1
ours 8
# shellcheck disable=SC2086
seq_rps=$(median ${RPS[1]})
# shellcheck disable=SC2086
c8_rps=$(median ${RPS[8]})
echo "JournyClient runs (req/s): sequential${RPS[1]}; 8 in flight${RPS[8]}"

echo "== JournyClient (bench_client_throughput) vs peers, mini-server, N=$N =="
awk -v s="$seq_rps" -v c="$c8_rps" -v sc="$sdk_c8" -v ss="$sdk_seq" -v cu="$curl_rps" 'BEGIN{
    printf "%-28s %10.0f req/s   %.2fx curl one connection (target >= 1.00), %.2fx SDK seq\n", "JournyClient sequential", s, s/cu, s/ss
    printf "%-28s %10.0f req/s   %.2fx SDK 8 in flight (target >= 2.00)\n", "JournyClient 8 in flight", c, c/sc
}'
