#!/bin/sh
# A containerd binary log driver (`--log-uri binary:///THIS?file=PATH`). containerd passes the query as
# arguments (file PATH), the task's stdout as fd 3, its stderr as fd 4 and a ready pipe as fd 5.
# Each stream is appended through its own descriptor, a whole line per write (`sed -u`), so a line
# written in pieces is never cut by the other stream. containerd's own file:// driver shares one
# descriptor and closes it when stdout ends, which can drop stderr still in its pipe (containerd #3118).
exec 5>&-
[ "$1" = file ] && [ -n "$2" ] || exit 2
trap '' TERM # sent at task delete, after the pipes close: drain them first
sed -u '' <&3 >>"$2" &
sed -u '' <&4 >>"$2" &
exec 3<&- 4<&-
wait
