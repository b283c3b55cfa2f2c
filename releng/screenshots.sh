#!/bin/sh
# Saves screenshots of the Mapwright workbench's main screens into a folder:
#
#   releng/screenshots.sh docs/screenshots
#
# Builds nothing: starts the product the build materialized (./mvnw verify) under a private Xvfb,
# with a throw-away workspace and a copy of the bundled sample project, drives it with xdotool
# (keyboard shortcuts and menus only, so the script does not depend on pixel positions), saves one
# PNG per screen and stops the product.
# MAPWRIGHT_PRODUCT names another installation folder (e.g. an unpacked product archive).
# Needs Xvfb, xdotool and ImageMagick's import (apt-get install xvfb xdotool imagemagick) and a
# JDK 21+ (JAVA_HOME or java on PATH).
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT_FOLDER" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
product=${MAPWRIGHT_PRODUCT:-$repo/product/org.mapwright.product/target/products/org.mapwright.product/linux/gtk/x86_64/mapwright}
sample=$repo/bundles/org.mapwright.app/sample-project
if [ ! -x "$product/mapwright" ]; then
  echo "$0: no product at $product; build it first (./mvnw verify)" >&2
  exit 2
fi
for tool in Xvfb xdotool import; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$0: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2
    exit 2
  fi
done
mkdir -p "$1"
out=$(cd "$1" && pwd)

work=$(mktemp -d)
cp -R "$sample" "$work/sample"
# A semicolon-separated file for the Add CSV Source wizard to sniff.
cat > "$work/sample/data/suppliers.csv" <<'CSV'
supplier_id;name;country;rating;since
S-01;Nordic Paper AB;SE;4.5;2019-03-01
S-02;Atlas Logistics;DE;3.9;2021-07-15
S-03;Pacific Inks;US;4.8;2018-11-30
S-04;Andes Textiles;PE;4.1;2022-01-10
CSV

display=
for n in $(seq 91 140); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    display=$n
    break
  fi
done
if [ -z "$display" ]; then
  echo "$0: no free X display number between :91 and :140" >&2
  exit 1
fi

app=
xvfb=
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; fi
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

Xvfb ":$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY=":$display"
i=0
until xdotool getdisplaygeometry >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "$0: Xvfb did not start on $DISPLAY: $(cat "$work/xvfb.log")" >&2
    exit 1
  fi
  sleep 0.1
done

MAPWRIGHT_WORKSPACE=$work/workspace "$product/mapwright" -project "$work/sample" >"$work/mapwright.log" 2>&1 &
app=$!

# The biggest visible window of the application is the workbench window.
main_window() {
  best=
  area=0
  for id in $(xdotool search --onlyvisible --class Mapwright 2>/dev/null); do
    size=$(xdotool getwindowgeometry "$id" 2>/dev/null | sed -n 's/.*Geometry: \([0-9]*\)x\([0-9]*\).*/\1 \2/p')
    set -- $size
    a=$(( ${1:-0} * ${2:-0} ))
    if [ "$a" -gt "$area" ]; then
      area=$a
      best=$id
    fi
  done
  echo "$best"
}

i=0
window=
until [ -n "$window" ] && [ "$(xdotool getwindowgeometry "$window" | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p')" -gt 1000 ]; do
  i=$((i + 1))
  if [ $i -gt 240 ] || ! kill -0 "$app" 2>/dev/null; then
    echo "$0: the workbench window did not appear; log:" >&2
    tail -30 "$work/mapwright.log" >&2
    exit 1
  fi
  sleep 0.5
  window=$(main_window)
done
# Let the first preview and the source inspection finish.
sleep 6
xdotool windowfocus --sync "$window" 2>/dev/null || true

key() {
  xdotool key --delay 80 "$@"
  sleep 0.7
}
type_text() {
  xdotool type --delay 20 "$1"
  sleep 0.5
}
shot() {
  sleep "${2:-1}"
  import -window root "$out/$1.png"
  echo "$out/$1.png"
}
# Filters the diagram down to one field name and selects that target field.
select_target() {
  key ctrl+f
  key ctrl+a BackSpace
  type_text "$1"
  key Return Right
}
# Selects a target field and puts the caret at the end of its expression.
edit_expression_of() {
  select_target "$1"
  key Return
}
clear_filter() {
  key ctrl+f
  key ctrl+a BackSpace Return
}

shot 01-workbench 0

edit_expression_of full_name
key ctrl+a
type_text "up"
key ctrl+space
shot 02-expression-content-assist
key Escape
key ctrl+z

edit_expression_of email
key ctrl+a
type_text "lower(emial)"
key alt+w b
shot 03-problems 2
key ctrl+z

clear_filter
key alt+w v
# Walk down to the first rejected row of the sample (record 11) so it shows in red below the selection.
key Down Down Down Down Down Down Down Down Down
shot 04-preview 2

key ctrl+shift+a
type_text "$work/sample/data/suppliers.csv"
shot 05-add-csv-source 2
key alt+n
shot 06-add-csv-source-columns 2
key Escape

select_target status
key Delete
select_target email
key Delete
clear_filter
key ctrl+shift+m
shot 07-auto-map 1
key Return

key ctrl+r
# the sample was edited above: the run asks to save first (Save and Run is the default button)
key Return
shot 08-run-report 4
key Escape

key alt+w h
shot 11-run-history 3
key alt+w d
shot 12-schema-drift 4
key alt+w s
key ctrl+a
type_text 'SELECT "country", count(*) AS customers, sum("order_total") AS total FROM "customers" GROUP BY "country" ORDER BY total DESC'
key ctrl+Return
shot 13-sql-console 3
key alt+w a
shot 14-databases 3
key alt+w m

key ctrl+shift+p
shot 09-preferences
key Escape

key alt+h a
shot 10-about
key Escape
