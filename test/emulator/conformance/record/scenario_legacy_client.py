"""The guide's legacy client, databricks-registry-webhooks 0.1.2, for record.mjs.

The package cannot be installed here (it is not on the local package index, and its wheel lacks the
databricks_pb2 module it imports), so this scenario re-implements its request building from its
source and sends through `requests` exactly as it does:
- utils/rest_utils.py: path = "/api/2.0" + the RPC's endpoints[0] (the /preview/... one, webhooks.proto);
  GET sends the JSON body as query params (params=), every other method sends it as a JSON body (json=);
  headers User-Agent "registry-webhooks-client/<VERSION>" and Authorization "Bearer <token>".
- utils/proto_json_utils.py message_to_json: MessageToJson(preserving_proto_field_name=True), int64
  fields as JSON numbers; proto2 defaults are not emitted unless set.
- client.py: create and update always set status (default "ACTIVE"); list sets max_results to
  min(1000, max_results) with max_results defaulting to 10000 and follows next_page_token.
Run only through record.mjs (it sets the env)."""

import json
import os
import urllib.request

import requests

VERSION = "0.1.2"
RECORD = os.environ["HOOKQL_RECORD_URL"]
HOST = os.environ["DATABRICKS_HOST"]
TOKEN = os.environ["HOOKQL_RECORD_ADMIN_TOKEN"]
RECEIVER = os.environ["HOOKQL_RECORD_RECEIVER"]
PREVIEW = "/api/2.0/preview/mlflow/registry-webhooks"
METHODS = {"create": "POST", "list": "GET", "update": "PATCH", "delete": "DELETE", "test": "POST"}


def mark(path, payload):
    req = urllib.request.Request(RECORD + path, data=json.dumps(payload).encode(), method="POST")
    urllib.request.urlopen(req).read()


def call(rpc, message):
    """rest_utils.call_endpoint: json_body → params for GET, json for the rest."""
    method = METHODS[rpc]
    json_body = json.loads(json.dumps(message, indent=2))
    headers = {"User-Agent": "registry-webhooks-client/%s" % VERSION, "Authorization": "Bearer %s" % TOKEN}
    kwargs = {"params": json_body} if method == "GET" else {"json": json_body}
    response = requests.request(method, HOST + PREVIEW + "/" + rpc, headers=headers, timeout=120, **kwargs)
    if response.status_code != 200:
        raise RuntimeError(response.json().get("error_code"))
    return response.json()


def step(name, action):
    mark("/__record/step", {"name": name})
    try:
        result = action()
        outcome = "ok"
    except RuntimeError as error:  # RestException carries the error_code
        result = None
        outcome = "RestException %s" % error
    mark("/__record/outcome", {"outcome": outcome})
    return result


def list_all(model_name=None, events=None, max_results=10000):
    results, token = [], None
    while True:
        message = {"max_results": min(1000, max_results)}
        if model_name is not None:
            message["model_name"] = model_name
        if events is not None:
            message["events"] = events
        if token is not None:
            message["page_token"] = token
        page = call("list", message)
        results.extend(page.get("webhooks", []))
        if len(results) >= max_results or not page.get("next_page_token"):
            return results[:max_results]
        token = page["next_page_token"]


http = step("create-http", lambda: call("create", {
    "events": ["MODEL_VERSION_TRANSITIONED_STAGE"], "status": "TEST_MODE", "model_name": "churn-model",
    "http_url_spec": {"url": RECEIVER + "/slack", "secret": "rec-hook-secret", "enable_ssl_verification": True},
    "description": "guide example"}))
step("create-registry-wide", lambda: call("create", {
    "events": ["REGISTERED_MODEL_CREATED"], "status": "ACTIVE", "http_url_spec": {"url": RECEIVER + "/wide"}}))
step("list", lambda: list_all(model_name="churn-model"))
step("list-by-event", lambda: list_all(events=["MODEL_VERSION_TRANSITIONED_STAGE", "REGISTERED_MODEL_CREATED"]))
step("update", lambda: call("update", {"id": http["webhook"]["id"], "status": "ACTIVE", "description": "now active"}))
step("test", lambda: call("test", {"id": http["webhook"]["id"], "event": "MODEL_VERSION_TRANSITIONED_STAGE"}))
step("delete", lambda: call("delete", {"id": http["webhook"]["id"]}))
step("error-delete-unknown", lambda: call("delete", {"id": http["webhook"]["id"]}))

print(json.dumps({"client": "databricks-registry-webhooks (Python, request building re-implemented from its source)", "version": VERSION, "runtime": "requests " + requests.__version__}))
