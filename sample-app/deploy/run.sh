#!/usr/bin/env bash
# The guestbook scaled out on one machine, on loopback only: PostgreSQL, two instances of the
# sample sharing it, and nginx balancing them (nginx.conf). Stop it all with Ctrl+C (or SIGTERM).
#
#   ./mvnw -B -ntp -pl sample-app -am package -DskipTests     # once: builds the jar
#   sample-app/deploy/run.sh                                   # then open http://127.0.0.1:8080/
#
# Settings (environment): NGINX_PORT (8080), APP1_PORT (8081), APP2_PORT (8082), PG_PORT (15432),
# PGPASSWORD (guestbook), WORK (sample-app/target/deploy: the database, the logs, nginx's files),
# JAR (the newest sample-app/target/jwsgi-sample-app-*.jar), JAVA_OPTS (-Xmx256m).
# It prints "ready: ..." once nginx answers. Exit status 3: PostgreSQL or nginx is not installed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
NGINX_PORT=${NGINX_PORT:-8080}
APP1_PORT=${APP1_PORT:-8081}
APP2_PORT=${APP2_PORT:-8082}
PG_PORT=${PG_PORT:-15432}
export PGPASSWORD=${PGPASSWORD:-guestbook}
WORK=${WORK:-$here/../target/deploy}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}

say() { echo "run.sh: $*"; }
die() { echo "run.sh: $*" >&2; exit "${2:-1}"; }

if [ -z "${JAR:-}" ]; then
  JAR=$(ls -t "$here"/../target/jwsgi-sample-app-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true)
fi
[ -n "$JAR" ] && [ -f "$JAR" ] \
  || die "no sample jar; build it first: ./mvnw -B -ntp -pl sample-app -am package -DskipTests"
NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || { [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx; } || true
[ -n "$NGINX" ] || die "nginx is not installed (Debian: apt-get install -y nginx)" 3
command -v curl >/dev/null || die "curl is not installed (Debian: apt-get install -y curl)"
command -v java >/dev/null || die "java is not on the PATH"

mkdir -p "$WORK/nginx/logs" "$WORK/nginx/temp"
WORK=$(cd "$WORK" && pwd)

pids=()
nginx_pid=
stop() {
  trap - EXIT INT TERM
  say "stopping"
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}" $nginx_pid; do wait "$pid" 2>/dev/null || true; done
  bash "$here/postgres.sh" stop "$WORK/postgres" || true
  say "stopped"
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# 1. PostgreSQL, with the database "guestbook" (kept in $WORK/postgres between runs).
status=0
bash "$here/postgres.sh" start "$WORK/postgres" "$PG_PORT" || status=$?
[ "$status" = 0 ] || die "PostgreSQL did not start" "$status"

# 2. Two instances, configured for PostgreSQL by Spring Boot's own variables alone. Started at the
#    same time on a new database: Flyway's lock lets one migrate while the other waits.
for port in "$APP1_PORT" "$APP2_PORT"; do
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/guestbook" \
  SPRING_DATASOURCE_USERNAME=guestbook \
  SPRING_DATASOURCE_PASSWORD="$PGPASSWORD" \
  SERVER_ADDRESS=127.0.0.1 \
  SERVER_PORT="$port" \
  SERVER_FORWARD_HEADERS_STRATEGY=native \
    java $JAVA_OPTS -jar "$JAR" >"$WORK/app-$port.log" 2>&1 &
  pids+=($!)
  say "instance on 127.0.0.1:$port starting (log: $WORK/app-$port.log)"
done
for i in 0 1; do
  port=$([ "$i" = 0 ] && echo "$APP1_PORT" || echo "$APP2_PORT")
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health" && break
    kill -0 "${pids[$i]}" 2>/dev/null || { tail -n 40 "$WORK/app-$port.log" >&2; die "the instance on $port stopped"; }
    sleep 0.5
  done
  curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health" \
    || { tail -n 40 "$WORK/app-$port.log" >&2; die "the instance on $port did not become healthy in 120 s"; }
  say "instance on 127.0.0.1:$port is up"
done

# 3. nginx, with nginx.conf's ports replaced by ours.
sed -e "s/127\.0\.0\.1:8080;/127.0.0.1:$NGINX_PORT;/" \
    -e "s/127\.0\.0\.1:8081;/127.0.0.1:$APP1_PORT;/" \
    -e "s/127\.0\.0\.1:8082;/127.0.0.1:$APP2_PORT;/" \
    "$here/nginx.conf" >"$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/actuator/health" && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$WORK/nginx/logs/error.log" >&2; die "nginx stopped"; }
  sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/actuator/health" || die "nginx does not answer on $NGINX_PORT"

say "ready: http://127.0.0.1:$NGINX_PORT/ (nginx) -> 127.0.0.1:$APP1_PORT and 127.0.0.1:$APP2_PORT" \
  "-> PostgreSQL 127.0.0.1:$PG_PORT; Ctrl+C stops it all"

# Until stopped, or until one of them stops by itself (then stop the rest and say so).
status=0
wait -n "${pids[@]}" "$nginx_pid" || status=$?
die "a process stopped by itself (status $status); see the logs in $WORK" 1
