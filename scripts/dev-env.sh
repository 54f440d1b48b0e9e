#!/usr/bin/env bash
# Writes the token signing secrets and Grafana's admin password of docker-compose.yml into the git-ignored .env that Compose reads, with
# random values: no secret of the stack is written in the repository.
#
#   ./scripts/dev-env.sh [ENV_FILE]      # default: .env at the repository root, next to docker-compose.yml
#
# Adds JWT_SECRET, JWT_REFRESH_SECRET and GRAFANA_ADMIN_PASSWORD (48 random bytes each) when the file lacks them and keeps every line
# already there, so rerunning it changes nothing and sessions survive. To rotate, delete those lines and rerun
# (this signs everyone out). The file is made readable by its owner only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
env_file="${1:-$root/.env}"

random_secret() { head -c 48 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_'; }

umask 077
touch "$env_file"
chmod 600 "$env_file"
# A last line without its newline would swallow the first line appended.
if [[ -s "$env_file" && -n "$(tail -c 1 "$env_file")" ]]; then echo >>"$env_file"; fi
for name in JWT_SECRET JWT_REFRESH_SECRET GRAFANA_ADMIN_PASSWORD; do
  if grep -qE "^${name}=." "$env_file"; then
    echo "kept ${name} in ${env_file}"
  else
    printf '%s=%s\n' "$name" "$(random_secret)" >>"$env_file"
    echo "wrote a random ${name} to ${env_file}"
  fi
done
