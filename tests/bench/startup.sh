#!/usr/bin/env bash
# startup.sh [RUNS, default 15] — journy-console's start-up beside the bare Qt window of
# ../shared/bench/qt-bare-window.sh, measured in the same run, under Xvfb (xcb) and offscreen.
# Per run: wall time of the whole process (start to exit), its peak RSS and its own
# "first_paint_ms" (main() to the first paint flushed; the console prints it and quits when
# JOURNY_FIRST_PAINT_REPORT=1, the bare window when QT_BARE_REPORT=1). Each run starts on a
# fresh HOME, so the console opens on its default Sandbox profile as a new user would see it.
# Env: JOURNY_BUILD_DIR (default build), RUNS.
set -euo pipefail
RUNS="${1:-${RUNS:-15}}"
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

# one_run NAME PLATFORM COMMAND... -> appends "wall_us rss_kb first_paint_ms" to $TMP/NAME-PLATFORM.txt.
# Both programs start the same way: a fresh HOME, the same display and session bus.
one_run() {
    local name="$1" plat="$2" t0 t1 home rc=0
    shift 2
    home="$(mktemp -d "$TMP/home.XXXX")"
    t0=$(date +%s%N)
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home" DISPLAY="$DISP" QT_QPA_PLATFORM="$plat" \
        JOURNY_FIRST_PAINT_REPORT=1 QT_BARE_REPORT=1 \
        /usr/bin/time -f '%M' -o "$TMP/rss" timeout 15 "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
    t1=$(date +%s%N)
    rm -rf "$home"
    if [[ $rc -ne 0 ]]; then echo "$name failed on $plat (exit $rc):" >&2; cat "$TMP/err" >&2; exit 1; fi
    echo "$(( (t1 - t0) / 1000 )) $(tail -1 "$TMP/rss") $(sed -n 's/^first_paint_ms=//p' "$TMP/out")" \
        >>"$TMP/$name-$plat.txt"
}
median_col() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# The yardstick's own script builds it and gives its summary line, for reference.
BARE_BUILD="$BUILD/bench-bare"
echo "== bare Qt window, by ../shared/bench/qt-bare-window.sh =="
QT_BARE_DISPLAY="$DISP" BUILD_DIR="$BARE_BUILD" bash "$BENCH/qt-bare-window.sh" "$RUNS" | tail -1
BARE="$BARE_BUILD/qt-bare-window"

# The ratios come from runs of the two programs taken in turns, so that a machine that gets
# busier or quieter during the run weighs on both alike.
echo "== in turns: bare window and journy-console, $RUNS runs each per platform =="
for plat in xcb offscreen; do
    one_run bare "$plat" "$BARE"; one_run console "$plat" "$APP" # warm-up
    : >"$TMP/bare-$plat.txt"; : >"$TMP/console-$plat.txt"
    for i in $(seq 1 "$RUNS"); do
        if (( i % 2 )); then
            one_run bare "$plat" "$BARE"; one_run console "$plat" "$APP"
        else
            one_run console "$plat" "$APP"; one_run bare "$plat" "$BARE"
        fi
    done
    for name in bare console; do
        f="$TMP/$name-$plat.txt"
        awk -v n="$name" -v p="$plat" -v w="$(median_col "$f" 1)" -v r="$(median_col "$f" 2)" \
            -v fp="$(median_col "$f" 3)" \
            'BEGIN{printf "%-9s %-7s wall %.1f ms med, first paint %.1f ms med, peak RSS %.1f MiB med\n", p, n, w/1000, fp, r/1024}'
    done
done

echo "== ratios (journy-console / bare window; targets: start-up <= 1.3, memory <= 1.5) =="
for plat in xcb offscreen; do
    awk -v p="$plat" \
        -v w="$(median_col "$TMP/console-$plat.txt" 1)" -v bw="$(median_col "$TMP/bare-$plat.txt" 1)" \
        -v r="$(median_col "$TMP/console-$plat.txt" 2)" -v br="$(median_col "$TMP/bare-$plat.txt" 2)" \
        -v f="$(median_col "$TMP/console-$plat.txt" 3)" -v bf="$(median_col "$TMP/bare-$plat.txt" 3)" \
        'BEGIN{printf "%-9s start-up %.2fx (%.1f vs %.1f ms; first paint %.2fx)   peak memory %.2fx (%.1f vs %.1f MiB)\n", p, w/bw, w/1000, bw/1000, f/bf, r/br, r/1024, br/1024}'
done
