#!/usr/bin/env bash
# Regenerates every recording in ../recordings from a real run of each client (see ../README.md).
# Needs: `npm run build`; the Python SDK's source on PYTHONPATH (PY_SDK_SRC, with requests,
# google-auth, protobuf and urllib3 importable by PYTHON); the JS SDK and a Node >= 22 (JS_SDK_ENTRY,
# NODE22); curl. Nothing here leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
: "${PYTHON:=python3}" "${PY_SDK_SRC:?path of databricks-sdk-py's source (the folder holding databricks/)}"
: "${JS_SDK_ENTRY:?path of @databricks/sdk-experimental/dist/index.js}" "${NODE22:?a node >= 22 binary}"
PY_VERSION=$(PYTHONPATH="$PY_SDK_SRC" "$PYTHON" -c 'from databricks.sdk.version import __version__; print(__version__)')
JS_VERSION=$(node -p "require('$(dirname "$(dirname "$JS_SDK_ENTRY")")/package.json').version")
rec=test/emulator/conformance/record/record.mjs
PYTHONPATH="$PY_SDK_SRC" node "$rec" "py-sdk-$PY_VERSION" -- "$PYTHON" scenario_py_sdk.py
HOOKQL_RECORD_JS_SDK="$JS_SDK_ENTRY" node "$rec" "js-sdk-$JS_VERSION" -- "$NODE22" scenario-js-sdk.mjs
# 0.14.2 is what npm installs on Node 20 (0.15+ declares node >= 22); JS_SDK14_ENTRY is its dist/index.js.
if [ -n "${JS_SDK14_ENTRY:-}" ]; then
  HOOKQL_RECORD_JS_SDK="$JS_SDK14_ENTRY" node "$rec" js-sdk-0.14.2 -- node scenario-js-sdk.mjs
fi
node "$rec" legacy-client-0.1.2 -- "$PYTHON" scenario_legacy_client.py
node "$rec" guide-curl -- bash scenario_guide_curl.sh
