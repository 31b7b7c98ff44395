# The JDK of the Java benchmarks, shared by bench/run.sh, bench/pair-jvm.sh and bench/jmh-ab.sh
# (sourced, not run): unless BENCH_JAVA names one, the newest JDK at hand (Temurin 25 on the
# project's machines: virtual threads for the standalone server, and the JDK Spring Boot 4
# recommends), else JAVA_HOME's, else the java on the PATH.
if [ -z "${BENCH_JAVA:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { BENCH_JAVA=$candidate; break; }
  done
fi
