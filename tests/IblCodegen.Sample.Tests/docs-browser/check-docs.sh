#!/usr/bin/env bash
# Checks the sample's API reference page (/docs) in a real browser: every operation, sent from the page with the demo
# API key typed into its authentication field, reaches the service with "Authorization: Api-Key <key>" and is not
# refused for want of credentials (no 401/403). Not part of the test command: it needs Debian's Chromium
# (apt-get install chromium) and installs playwright-core from npm into a temporary folder.
# Usage: bash tests/IblCodegen.Sample.Tests/docs-browser/check-docs.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
[ -x /usr/bin/chromium ] || { echo "needs /usr/bin/chromium: apt-get install chromium" >&2; exit 2; }
work=$(mktemp -d /tmp/iblcodegen-docs-check.XXXXXX)
sample=""
trap '[ -n "$sample" ] && kill "$sample" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent playwright-core@1.64.1 >/dev/null)
cp "$here/check-docs.js" "$work/"

# The sample with a store of its own (the check creates and withdraws suggestions), on its usual address: the page
# sends requests to the server the spec names, http://127.0.0.1:5080.
url=http://127.0.0.1:5080
if curl -s -o /dev/null "$url"; then echo "$url is in use: stop the sample running there first" >&2; exit 2; fi
ConnectionStrings__Sample="Data Source=$work/docs-check.db" dotnet run --project "$repo/samples/IblCodegen.Sample" --urls "$url" >"$work/sample.log" 2>&1 &
sample=$!
for _ in $(seq 1 120); do
  curl -sf "$url/openapi/v1.json" >/dev/null && break
  sleep 1
done

(cd "$work" && node check-docs.js "$url")
