#!/usr/bin/env bash
# End-to-end test of the real window: the release binary under Xvfb, driven with xdotool as a
# person would. It selects a zone, drags it onto a zone of another team, saves with
# Ctrl+S to a path given on the command line, quits with Ctrl+Q, and checks the saved file with
# `gebiedsplanner check --zones`. It keeps a screenshot in target/e2e/. No tiles: --no-tiles,
# and nothing here talks to the network.
#
# Needs: xvfb, xdotool, imagemagick (import), x11-utils (xdpyinfo); .ci/run installs them.
# Usage: tests/e2e/run.sh            (on the built-in data; GEBIEDSPLANNER_DATA names a data
#                                    folder to use instead)
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*"; }
check() { # check "what" command...
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

data_args=()
if [ -n "${GEBIEDSPLANNER_DATA:-}" ]; then
  data_args=(--data "$GEBIEDSPLANNER_DATA")
fi
target_dir=${CARGO_TARGET_DIR:-$repo/target}
artifacts=$target_dir/e2e
mkdir -p "$artifacts"
work=$(mktemp -d)
app_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

echo "building the release binary"
if ! cargo build --release --quiet; then
  bad "cargo build --release"
  finish
fi
bin=$target_dir/release/gebiedsplanner

# A fresh home, so that no remembered settings, recent files or recovery files interfere.
export HOME=$work/home
export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share XDG_CACHE_HOME=$HOME/.cache
export XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY

# A free display: start Xvfb on the first number that has no server and answers.
display=""
for n in $(seq 90 140); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 100); do
    DISPLAY=":$n" xdpyinfo >/dev/null 2>&1 && break
    kill -0 "$xvfb_pid" 2>/dev/null || break
    sleep 0.1
  done
  if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1; then
    display=":$n"
    break
  fi
  kill "$xvfb_pid" 2>/dev/null
  xvfb_pid=""
done
if [ -z "$display" ]; then
  bad "Xvfb starts on a free display"
  cat "$work/xvfb.log"
  finish
fi
ok "Xvfb runs on $display"
export DISPLAY=$display

plan=$work/plan.json
positions=$work/positions.txt
GEBIEDSPLANNER_E2E_POSITIONS=$positions "$bin" --no-tiles --save-path "$plan" "${data_args[@]}" \
  >"$work/app.log" 2>&1 &
app_pid=$!

wid=$(timeout 90 xdotool search --sync --name Gebiedsplanner 2>/dev/null | head -n1)
if [ -z "$wid" ]; then
  bad "the window appears"
  cat "$work/app.log"
  finish
fi
ok "the window appears ($wid)"
# Without a window manager the keyboard goes to the window only when it is given the focus.
focus() { timeout 10 xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid" 2>/dev/null; }

# Wait until the map is drawn and the positions are written.
zone=elz44  # Schelde en Leie
to_team=trawant
for _ in $(seq 1 300); do
  grep -q "^zone $zone " "$positions" 2>/dev/null && grep -q "^zone .* $to_team\$" "$positions" && break
  sleep 0.1
done
focus
if ! grep -q "^zone $zone " "$positions" 2>/dev/null; then
  bad "the map shows zone $zone"
  cat "$positions" 2>/dev/null
  finish
fi
read -r zx zy from_team < <(awk -v z="$zone" '$1 == "zone" && $2 == z { print $3, $4, $5 }' "$positions")
# The drop target: the label of a zone of the other team (a drop on a zone of another team
# gives the selection to that team). The map does not move when the side panel changes.
read -r target tx ty < <(awk -v t="$to_team" '$1 == "zone" && $5 == t { print $2, $3, $4; exit }' "$positions")
ok "the map shows zone $zone at $zx,$zy (team $from_team) and $target of $to_team at $tx,$ty"
check "the zone starts on another team" test "$from_team" != "$to_team"

before=$("$bin" check --zones "${data_args[@]}" | awk -v z="$zone" '$1 == "zone" && $2 == z { print $3 }')
check "the default division gives $zone to $from_team" test "$before" = "$from_team"

# Click the zone, then drag it onto the other team's zone in small steps, as a hand would.
xdotool mousemove --window "$wid" "$zx" "$zy"
sleep 0.3
xdotool click 1
sleep 0.5
xdotool mousedown 1
sleep 0.2
for i in $(seq 1 12); do
  x=$((zx + (tx - zx) * i / 12))
  y=$((zy + (ty - zy) * i / 12))
  xdotool mousemove --window "$wid" "$x" "$y"
  sleep 0.08
done
sleep 0.3
xdotool mouseup 1
sleep 0.5

# Wait for the positions file to show the move (the app writes it each time it changes).
moved=""
for _ in $(seq 1 50); do
  moved=$(awk -v z="$zone" '$1 == "zone" && $2 == z { print $5 }' "$positions")
  [ "$moved" = "$to_team" ] && break
  sleep 0.1
done
check "the window shows $zone on $to_team after the drag" test "$moved" = "$to_team"

focus
xdotool key ctrl+s
for _ in $(seq 1 50); do
  [ -s "$plan" ] && break
  sleep 0.1
done
check "Ctrl+S saves to --save-path" test -s "$plan"
sleep 0.5
import -window root "$artifacts/window.png" 2>/dev/null
check "a screenshot is kept ($artifacts/window.png)" test -s "$artifacts/window.png"

focus
xdotool key ctrl+q
for _ in $(seq 1 100); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$app_pid" 2>/dev/null; then
  bad "Ctrl+Q closes the window"
  kill "$app_pid" 2>/dev/null
else
  wait "$app_pid"
  check "Ctrl+Q closes the window with exit code 0" test $? -eq 0
fi
app_pid=""

"$bin" check --zones "$plan" "${data_args[@]}" >"$work/check.txt" 2>&1
code=$?
check "gebiedsplanner check reads the saved file (exit $code)" test "$code" -le 1
after=$(awk -v z="$zone" '$1 == "zone" && $2 == z { print $3 }' "$work/check.txt")
check "the saved file gives $zone to $to_team (was $before, now $after)" test "$after" = "$to_team"
changed=$(diff <("$bin" check --zones "${data_args[@]}" | grep '^zone ') <(grep '^zone ' "$work/check.txt") | grep -c '^>')
check "exactly one zone changed team ($changed)" test "$changed" -eq 1
check "the app printed no panic" bash -c "! grep -qi panick '$work/app.log'"
cp "$work/app.log" "$artifacts/app.log" 2>/dev/null

finish
