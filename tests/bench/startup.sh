#!/usr/bin/env bash
# startup.sh [RUNS] — journy-console's start-up beside the bare Qt window of
# ../shared/bench/qt-bare-window.sh, measured in the same run, under Xvfb (xcb) and offscreen.
# Per run: wall time of the whole process, its peak RSS and its own "first_paint_ms"
# (main() to the first paint flushed; the console prints it and quits when
# JOURNY_FIRST_PAINT_REPORT=1). Each run starts on a fresh HOME, so the console opens on its
# default Sandbox profile as a new user would see it.
# Env: JOURNY_BUILD_DIR (default build), RUNS.
set -euo pipefail
RUNS="${1:-${RUNS:-10}}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BENCH="$ROOT/../shared/bench"
BUILD="${JOURNY_BUILD_DIR:-$ROOT/build}"
bash "$ROOT/packaging/configure.sh" journy-console >/dev/null
APP="$BUILD/app/journy-console"
DISP=":78"

TMP="$(mktemp -d /tmp/journy-startup.XXXXXX)"
XVFB_PID=""
DBUS_PID=""
cleanup() {
    [[ -n "$XVFB_PID" ]] && { kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; }
    [[ -n "$DBUS_PID" ]] && { kill "$DBUS_PID" 2>/dev/null || true; }
    rm -rf "$TMP"
}
trap cleanup EXIT
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 50); do [[ -S "/tmp/.X11-unix/X${DISP#:}" ]] && break; sleep 0.1; done
# A private session bus, as a desktop has (and as qt-bare-window.sh gives the bare window).
{ read -r addr; read -r DBUS_PID; } < <(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS="$addr"

one_run() { # PLATFORM
    local plat="$1" t0 t1 home rc=0
    home="$(mktemp -d "$TMP/home.XXXX")"
    t0=$(date +%s%N)
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home" DISPLAY="$DISP" QT_QPA_PLATFORM="$plat" JOURNY_FIRST_PAINT_REPORT=1 \
        /usr/bin/time -f '%M' -o "$TMP/rss" timeout 15 "$APP" >"$TMP/out" 2>"$TMP/err" || rc=$?
    t1=$(date +%s%N)
    if [[ $rc -ne 0 ]]; then echo "journy-console failed on $plat (exit $rc):" >&2; cat "$TMP/err" >&2; exit 1; fi
    echo "$(( (t1 - t0) / 1000 )) $(tail -1 "$TMP/rss") $(sed -n 's/^first_paint_ms=//p' "$TMP/out")" >>"$TMP/$plat.txt"
}
median_col() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "== bare Qt window (same run) =="
bare=$(QT_BARE_DISPLAY="$DISP" bash "$BENCH/qt-bare-window.sh" "$RUNS" | tail -1)
echo "$bare"

echo "== journy-console =="
declare -A wall rss paint
for plat in xcb offscreen; do
    one_run "$plat"; : >"$TMP/$plat.txt" # warm-up
    for _ in $(seq 1 "$RUNS"); do one_run "$plat"; done
    wall[$plat]=$(median_col "$TMP/$plat.txt" 1)
    rss[$plat]=$(median_col "$TMP/$plat.txt" 2)
    paint[$plat]=$(median_col "$TMP/$plat.txt" 3)
    awk -v p="$plat" -v w="${wall[$plat]}" -v r="${rss[$plat]}" -v f="${paint[$plat]}" \
        'BEGIN{printf "%s: wall %.1f ms med, first paint %.1f ms med, peak RSS %.1f MiB med\n", p, w/1000, f, r/1024}'
done

echo "== ratios (journy-console / bare window; targets: start-up <= 1.3, memory <= 1.5) =="
for plat in xcb offscreen; do
    bare_wall=$(sed -n "s/.*$plat: wall [0-9.]*\/\([0-9.]*\)\/.*/\1/p" <<<"$bare")
    # [^|]: this platform's part of the line only, not the next one's RSS.
    bare_rss=$(sed -n "s/.*$plat: [^|]*peak RSS \([0-9.]*\) MiB.*/\1/p" <<<"$bare" | head -1)
    awk -v p="$plat" -v w="${wall[$plat]}" -v r="${rss[$plat]}" -v bw="$bare_wall" -v br="$bare_rss" \
        'BEGIN{printf "%-9s start-up %.2fx (%.1f vs %.1f ms)   peak memory %.2fx (%.1f vs %.1f MiB)\n", p, (w/1000)/bw, w/1000, bw, (r/1024)/br, r/1024, br}'
done
