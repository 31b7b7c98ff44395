#!/usr/bin/env bash
# Builds another commit of jwsgi (the "before" of a before/after) outside this checkout, for the
# A/B scripts:
#
#   bench/base-build.sh 51f17cf                       # into /work/base-51f17cf, or
#   bench/base-build.sh 51f17cf /tmp/jwsgi-base       # into a directory of your choice
#
# It adds a detached git worktree of REV at DIR (once; an existing one at DIR is reused) and packages
# there, without tests and without `install` (so ~/.m2 keeps this checkout's SNAPSHOTs):
#   DIR/jwsgi-benchmarks/target/benchmarks.jar              (JMH, for bench/jmh-ab.sh)
#   DIR/jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar     (jwsgi-base in bench/run.sh)
#   DIR/bench/jwsgi-bench-app/target/classes and its jar     (jwsgi-base, servlet-base, bridge-base)
# Then `BASE_DIR=DIR bench/standalone-ab.sh` compares this checkout against it. Remove it later
# with `git worktree remove DIR`.
set -euo pipefail

REV=${1:?usage: bench/base-build.sh REV [DIR]}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${2:-/work/base-$REV}

log() { printf '%s base-build: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [ -e "$DIR/.git" ]; then
  have=$(git -C "$DIR" rev-parse HEAD)
  want=$(git -C "$ROOT" rev-parse "$REV^{commit}")
  [ "$have" = "$want" ] || { log "$DIR holds $have, not $REV ($want)"; exit 1; }
  log "reusing the worktree $DIR ($REV)"
else
  log "adding a worktree of $REV at $DIR"
  git -C "$ROOT" worktree add --detach "$DIR" "$REV" >&2
fi

log "building jwsgi-benchmarks and bench/jwsgi-bench-app at $REV (package, no tests)"
(cd "$DIR" && ./mvnw -B -ntp -Pbench -pl jwsgi-benchmarks,bench/jwsgi-bench-app -am package -Dmaven.test.skip=true) >&2

for f in "$DIR/jwsgi-benchmarks/target/benchmarks.jar" \
  "$DIR/jwsgi-core/target/jwsgi-core-0.1.0-SNAPSHOT.jar" \
  "$DIR/bench/jwsgi-bench-app/target/classes/io/jwsgi/bench/StandaloneServer.class" \
  "$DIR/bench/jwsgi-bench-app/target/jwsgi-bench-app-0.1.0-SNAPSHOT.jar"; do
  [ -e "$f" ] || { log "missing $f after the build"; exit 1; }
done
log "ready: BASE_DIR=$DIR"
echo "$DIR"
