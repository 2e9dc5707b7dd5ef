#!/bin/sh
# Secrets as files (Docker secrets): VAR_FILE=/run/secrets/x sets VAR from the file, unless VAR
# is already set. The ledger itself reads only the environment (libs/config).
set -eu
for var in DATABASE_URL EVENTSTORE_URL; do
  file_var="${var}_FILE"
  eval "file=\${$file_var:-}"
  eval "value=\${$var:-}"
  if [ -n "$file" ] && [ -z "$value" ]; then
    if [ ! -r "$file" ]; then
      echo "ledger-entrypoint: $file_var=$file is not readable" >&2
      exit 1
    fi
    export "$var=$(cat "$file")"
  fi
  unset "$file_var"
done
exec "$@"
