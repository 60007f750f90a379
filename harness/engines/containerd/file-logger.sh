#!/bin/sh
# A containerd binary log driver (`--log-uri binary:///THIS?file=PATH`): appends the task's stdout and
# stderr to PATH, each through its own descriptor. containerd passes the query as arguments (file PATH),
# stdout as fd 3, stderr as fd 4 and a ready pipe as fd 5. containerd's own file:// driver shares one
# descriptor and closes it when stdout ends, which can drop stderr still in its pipe (containerd #3118).
exec 5>&-
[ "$1" = file ] && [ -n "$2" ] || exit 2
trap '' TERM # sent at task delete, after the pipes close: drain them first
cat <&3 >>"$2" &
cat <&4 >>"$2" &
exec 3<&- 4<&-
wait
