# Process-tree helpers shared by bench/run.sh and bench/python-run.sh (sourced, not run): a server
# is the process a script started and its descendants (gunicorn's and nginx's workers).

# The process and its descendants, one pid a line.
tree() {
  local pid=$1 child
  echo "$pid"
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do tree "$child"; done
}

# Stops the process and its descendants: TERM to the process, up to 10 s for it to end, then KILL
# to every process of the tree as it was before.
stop_tree() {
  local root=$1 all i p
  kill -0 "$root" 2>/dev/null || return 0
  all=$(tree "$root")
  kill -TERM "$root" 2>/dev/null || true
  for i in $(seq 100); do kill -0 "$root" 2>/dev/null || break; sleep 0.1; done
  for p in $all; do kill -KILL "$p" 2>/dev/null || true; done
  wait "$root" 2>/dev/null || true
}

# A /proc/<pid>/status field in KiB (VmRSS: resident now, VmHWM: peak resident), summed over the
# process tree.
sum_status() {  # pid field
  local total=0 p v
  for p in $(tree "$1"); do
    v=$(awk -v f="$2:" '$1 == f {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# CPU time (user + system) used so far by the process tree, in clock ticks (getconf CLK_TCK).
cpu_ticks() {  # pid
  local total=0 p t
  for p in $(tree "$1"); do
    t=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0)
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
