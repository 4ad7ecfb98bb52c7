#!/usr/bin/env bash
# Drive the app for docs/screenshot.png: drag-select a phrase in the reader's first paragraph.
sleep 1
xdotool mousemove 905 268 mousedown 1
sleep 0.2
xdotool mousemove 800 270
sleep 0.2
xdotool mousemove 600 298
sleep 0.2
xdotool mousemove 520 298 mouseup 1
sleep 0.5
xdotool mousemove 1100 880
