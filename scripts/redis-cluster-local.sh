#!/usr/bin/env bash
# A Redis Cluster on this machine, for development and measurements: three masters (and, with REPLICAS=1, a
# replica each) on 127.0.0.1, no persistence, no password. Needs redis-server and redis-cli 7.0 or later.
#
#   ./scripts/redis-cluster-local.sh start [DIR]   # prints REDIS_CLUSTER_NODES=... for the backend
#   ./scripts/redis-cluster-local.sh stop [DIR]
#
# Ports PORT, PORT+1, ... (PORT default 7101; the cluster bus listens 10,000 above each). DIR (default
# .data/redis-cluster, git-ignored) holds each node's nodes.conf, pid file and log; `stop` ends the nodes it
# started there and deletes it. Tests start clusters of their own (backend/tests/helpers/redis-cluster.ts).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
dir="${2:-$root/.data/redis-cluster}"
port="${PORT:-7101}"
replicas="${REPLICAS:-0}"
count=$((3 * (1 + replicas)))

case "$command" in
  start)
    mkdir -p "$dir"
    nodes=()
    for ((i = 0; i < count; i++)); do
      node_port=$((port + i))
      redis-server --port "$node_port" --bind 127.0.0.1 --cluster-enabled yes \
        --cluster-config-file "$dir/nodes-$node_port.conf" --cluster-node-timeout 1000 \
        --dir "$dir" --save '' --appendonly no --daemonize yes \
        --pidfile "$dir/redis-$node_port.pid" --logfile "$dir/redis-$node_port.log"
      nodes+=("127.0.0.1:$node_port")
    done
    for node in "${nodes[@]}"; do
      for _ in $(seq 1 50); do redis-cli -p "${node#*:}" ping >/dev/null 2>&1 && break; sleep 0.1; done
    done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas "$replicas" --cluster-yes >/dev/null
    for _ in $(seq 1 100); do
      redis-cli -p "$port" cluster info | grep -q cluster_state:ok && break
      sleep 0.1
    done
    redis-cli -p "$port" cluster info | grep -q cluster_state:ok || {
      echo "the cluster did not reach cluster_state:ok; logs in $dir" >&2
      exit 1
    }
    (IFS=,; echo "REDIS_CLUSTER_NODES=${nodes[*]}")
    ;;
  stop)
    for pidfile in "$dir"/redis-*.pid; do
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 0.5
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
    ;;
esac
