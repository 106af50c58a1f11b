"""The Python SDK scenario for record.mjs: what a notebook or CI job does with databricks-sdk against a
workspace, each step marked for the recording. Run only through record.mjs (it sets the env)."""

import json
import os
import sys
import urllib.request

from databricks.sdk import WorkspaceClient
from databricks.sdk.service import jobs, ml
from databricks.sdk.version import __version__

RECORD = os.environ["HOOKQL_RECORD_URL"]
RECEIVER = os.environ["HOOKQL_RECORD_RECEIVER"]
HOST = os.environ["DATABRICKS_HOST"]
ADMIN = os.environ["HOOKQL_RECORD_ADMIN_TOKEN"]
USER = os.environ["HOOKQL_RECORD_USER_TOKEN"]
CLIENT_ID = os.environ["HOOKQL_RECORD_CLIENT_ID"]
CLIENT_SECRET = os.environ["HOOKQL_RECORD_CLIENT_SECRET"]
for key in ("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", "DATABRICKS_DISCOVERY_URL", "DATABRICKS_CONFIG_PROFILE"):
    os.environ.pop(key, None)
os.environ["DATABRICKS_CONFIG_FILE"] = "/nonexistent"


def mark(path, payload):
    req = urllib.request.Request(RECORD + path, data=json.dumps(payload).encode(), method="POST")
    urllib.request.urlopen(req).read()


def step(name, action):
    mark("/__record/step", {"name": name})
    try:
        result = action()
        outcome = "ok"
    except Exception as error:  # the typed error is what the step is about
        result = None
        outcome = type(error).__name__
    mark("/__record/outcome", {"outcome": outcome})
    return result


pat = step("pat-client", lambda: WorkspaceClient(host=HOST, token=ADMIN, auth_type="pat"))
job = step("jobs-create", lambda: pat.jobs.create(name="on-event", tasks=[jobs.Task(task_key="main", notebook_task=jobs.NotebookTask(notebook_path="/Shared/on-event"))]))
http = step("create-http", lambda: pat.model_registry.create_webhook(
    events=[ml.RegistryWebhookEvent.MODEL_VERSION_CREATED, ml.RegistryWebhookEvent.COMMENT_CREATED],
    model_name="churn-model", description="notify", status=ml.RegistryWebhookStatus.TEST_MODE,
    http_url_spec=ml.HttpUrlSpec(url=RECEIVER + "/hook", secret="rec-hook-secret", authorization="Bearer rec-receiver-token")))
job_hook = step("create-job", lambda: pat.model_registry.create_webhook(
    events=[ml.RegistryWebhookEvent.MODEL_VERSION_TRANSITIONED_TO_PRODUCTION], model_name="churn-model",
    job_spec=ml.JobSpec(job_id=str(job.job_id), access_token=ADMIN)))
for i in range(3):
    step(f"create-more-{i}", lambda: pat.model_registry.create_webhook(
        events=[ml.RegistryWebhookEvent.MODEL_VERSION_CREATED], model_name=f"model-{i}",
        http_url_spec=ml.HttpUrlSpec(url=f"{RECEIVER}/more/{i}")))
step("registry-create-model", lambda: pat.model_registry.create_model(name="model-0", description="fires model-0's hook"))
step("registry-create-version", lambda: pat.model_registry.create_model_version(name="model-0", source="dbfs:/models/model-0/1"))
step("list-all-pages", lambda: list(pat.model_registry.list_webhooks(max_results=2)))
step("list-default-page", lambda: list(pat.model_registry.list_webhooks()))
step("list-filtered", lambda: list(pat.model_registry.list_webhooks(model_name="churn-model", events=[ml.RegistryWebhookEvent.COMMENT_CREATED])))
step("update", lambda: pat.model_registry.update_webhook(id=http.webhook.id, description="notify the team", status=ml.RegistryWebhookStatus.ACTIVE))
step("test-http", lambda: pat.model_registry.test_registry_webhook(id=http.webhook.id, event=ml.RegistryWebhookEvent.COMMENT_CREATED))
step("test-job", lambda: pat.model_registry.test_registry_webhook(id=job_hook.webhook.id))
step("delete", lambda: pat.model_registry.delete_webhook(id=http.webhook.id))
step("error-delete-unknown", lambda: pat.model_registry.delete_webhook(id=http.webhook.id))
step("error-run-now-unknown-job", lambda: pat.jobs.run_now(job_id=987654321))
step("error-jobs-get-unknown", lambda: pat.jobs.get(job_id=987654321))
user = step("user-client", lambda: WorkspaceClient(host=HOST, token=USER, auth_type="pat"))
step("error-user-registry-wide", lambda: user.model_registry.create_webhook(events=[ml.RegistryWebhookEvent.REGISTERED_MODEL_CREATED], http_url_spec=ml.HttpUrlSpec(url=RECEIVER)))
step("error-user-model-without-grant", lambda: user.model_registry.delete_webhook(id=job_hook.webhook.id))
bad = step("bad-token-client", lambda: WorkspaceClient(host=HOST, token="not-a-token", auth_type="pat"))
step("error-bad-token", lambda: list(bad.model_registry.list_webhooks()))
m2m = step("m2m-client", lambda: WorkspaceClient(host=HOST, client_id=CLIENT_ID, client_secret=CLIENT_SECRET))
step("m2m-list", lambda: list(m2m.model_registry.list_webhooks(model_name="churn-model")))

print(json.dumps({"client": "databricks-sdk (Python)", "version": __version__, "runtime": "Python " + sys.version.split()[0]}))
