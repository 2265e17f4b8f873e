#!/usr/bin/env bash
# Idle CPU and peak memory of the release binary, in a real window under Xvfb.
#
#     bash benches/idle_cpu.sh
#
# Builds the release binary, starts it under Xvfb without base map tiles (--no-tiles: no
# network), lets it settle, then reads its CPU time (utime + stime in /proc/PID/stat) over
# 10 s: once with the pointer outside the window and once with the pointer resting on the
# map. Then prints the peak memory (max RSS, /usr/bin/time -v) of the window and of
# `gebiedsplanner check`. Needs the packages xvfb, xdotool and time.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/gebiedsplanner"

tmp=$(mktemp -d)
export XDG_RUNTIME_DIR="$tmp/run" HOME="$tmp/home" XDG_DATA_HOME="$tmp/data"
mkdir -p "$XDG_RUNTIME_DIR" "$HOME" "$XDG_DATA_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
display=":${IDLE_DISPLAY:-77}"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY="$display"
sleep 1

/usr/bin/time -v "$bin" --no-tiles --lang en 2>"$tmp/window.time" >/dev/null &
timer=$!
app=""
for _ in $(seq 50); do
  app=$(pgrep -P "$timer" || true)
  [ -n "$app" ] && break
  sleep 0.1
done
[ -n "$app" ] || { echo "the app did not start"; exit 1; }

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
measure() {
  local a b
  a=$(cpu)
  sleep 10
  b=$(cpu)
  awk -v d=$((b - a)) -v t="$ticks" 'BEGIN { printf "%.2f s CPU in 10 s (%.1f%%)\n", d / t, d / t * 10 }'
}

sleep 8 # start-up: load, first frames
xdotool mousemove 1279 799
sleep 2
echo -n "idle, pointer outside the map: "
measure
xdotool mousemove 400 400
sleep 3
echo -n "idle, pointer resting on the map: "
measure

kill -TERM "$app"
wait "$timer" || true
echo -n "peak memory, window: "
awk -F': ' '/Maximum resident/ { printf "%.0f MB\n", $2 / 1024 }' "$tmp/window.time"

/usr/bin/time -v "$bin" check --lang en >/dev/null 2>"$tmp/check.time" || true
echo -n "peak memory, check: "
awk -F': ' '/Maximum resident/ { printf "%.0f MB\n", $2 / 1024 }' "$tmp/check.time"
rm -rf "$tmp"
