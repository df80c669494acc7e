#!/bin/sh
# GET /cgi-bin/status: the counter, the sector read back from the disk itself, write errors and uptime
echo "Content-Type: text/plain"
echo ""
echo "counter $(cat /run/counter 2>/dev/null || echo 0)"
echo "disk $(dd if=/dev/sda bs=512 skip=2048 count=1 iflag=direct 2>/dev/null | tr -d '\000' | head -n 1)"
echo "errors $(cat /run/errors 2>/dev/null || echo 0)"
echo "uptime $(cut -d ' ' -f 1 /proc/uptime)"
