#!/bin/sh
# Runs every benchmark (fan-out, channels, cluster, memory, client libraries, shootout, JMH) and
# writes docs/benchmarks/latest-run.md, docs/benchmarks/fanout.svg and shootout.svg.
#
#   bench/run.sh                      # everything
#   bench/run.sh --quick              # a fifth of the messages: checks the set-up quickly
#   bench/run.sh --only=fanout,memory # some scenarios (fanout, channels, cluster, memory, clients,
#                                     # shootout, jmh)
#   bench/run.sh --sizes=1000,10000   # other connection counts
#   bench/run.sh --only=shootout --step=200 --max-clients=2000 --rounds=1
#                                     # the shootout (#15), small: client-driven broadcasts
#
# Open files: 10,000 websockets take 10,000 descriptors in the server JVM and as many in the load
# generator's JVM (the shootout's client JVM too), more than the usual default soft limit
# (1,024). This script raises the limit for Maven and the JVMs it starts: to 65,536 where it may
# (root with CAP_SYS_RESOURCE), else to the hard limit. The bench checks that the limit fits the
# largest size and says so if not.
set -e
want=65536
current=$(ulimit -n)
if [ "$current" != unlimited ] && [ "$current" -lt "$want" ]; then
  if ! ulimit -n "$want" 2>/dev/null; then
    hard=$(ulimit -Hn)
    ulimit -n "$hard"
    echo "bench/run.sh: open files limit raised to the hard limit, $hard (not allowed to go to $want)" >&2
  fi
fi
command -v redis-server >/dev/null ||
  echo "bench/run.sh: no redis-server on the PATH: the cluster scenario will fail (apt-get install redis-server)" >&2
cd "$(dirname "$0")/.."
# clean: the micro-benchmarks' JMH harness is generated only under the bench profile, and the
# compiler would otherwise keep test classes compiled by an earlier build without it.
exec ./mvnw -B -q --no-transfer-progress -pl bench -am -Pbench clean package -Dbench.args="$*"
