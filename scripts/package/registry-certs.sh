#!/usr/bin/env bash
# registry-certs.sh DIR [NAME...] — a private CA and a server certificate for a local registry:
# DIR/ca.crt, DIR/ca.key, DIR/tls.crt, DIR/tls.key. The certificate is valid for 127.0.0.1, ::1,
# localhost and any extra DNS NAMEs given. Idempotent: existing files are kept while the
# certificate has more than a day left. Trust DIR/ca.crt in clients (SSL_CERT_FILE for crane and
# the Crossplane CLI; Crossplane's registry CA bundle for the package manager).
set -euo pipefail
dir="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
if [[ -f "$dir/tls.crt" && -f "$dir/tls.key" && -f "$dir/ca.crt" ]] && openssl x509 -checkend 86400 -noout -in "$dir/tls.crt" >/dev/null; then
  exit 0
fi
san="IP:127.0.0.1,IP:::1,DNS:localhost"
for n in "$@"; do san="$san,DNS:$n"; done
cd "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 365 -subj /CN=modelplane-registry-ca \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout tls.key -out tls.csr -subj /CN=modelplane-registry 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' "$san" >tls.ext
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 90 -extfile tls.ext -out tls.crt 2>/dev/null
rm -f tls.csr tls.ext ca.srl
chmod 644 ca.crt tls.crt
