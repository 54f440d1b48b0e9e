#!/usr/bin/env bash
# Makes a self-signed TLS certificate and key for local HTTPS (nginx/nginx-tls.conf), valid for 30 days.
#
#   ./scripts/generate-self-signed-cert.sh [OUT_DIR] [NAME...]
#   ./scripts/generate-self-signed-cert.sh nginx/certs localhost 127.0.0.1     # the defaults
#
# Writes OUT_DIR/tls.crt and OUT_DIR/tls.key (an ECDSA P-256 key, mode 600). NAMEs become the certificate's
# subject alternative names: IP addresses as IP entries, everything else as DNS names. Browsers will warn about
# the unknown issuer; trust tls.crt locally or use a real certificate (Let's Encrypt) for anything public.
# nginx/certs/ is git-ignored: never commit a key.
set -euo pipefail

out_dir="${1:-nginx/certs}"
shift || true
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(localhost 127.0.0.1)
days="${CERT_DAYS:-30}"

command -v openssl >/dev/null || { echo "openssl is needed: apt-get install openssl" >&2; exit 1; }

san=""
for name in "${names[@]}"; do
  if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then
    san+="${san:+,}IP:${name}"
  else
    san+="${san:+,}DNS:${name}"
  fi
done

mkdir -p "$out_dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
  -days "$days" -subj "/CN=${names[0]}" \
  -addext "subjectAltName=${san}" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
  -addext "keyUsage=critical,digitalSignature,keyCertSign" \
  -addext "extendedKeyUsage=serverAuth" \
  -keyout "$out_dir/tls.key" -out "$out_dir/tls.crt" 2>/dev/null
chmod 644 "$out_dir/tls.crt"
echo "wrote $out_dir/tls.crt and $out_dir/tls.key for ${san} (valid ${days} days)"
echo "for the frontend container (nginx runs there as uid 101): sudo chown 101 $out_dir/tls.key"
