#!/usr/bin/env bash
# The curl lines of the Databricks guide "Workspace Model Registry webhooks" (shared/seeds/004…txt), for
# record.mjs. Each line is as printed except: <access-token> and <databricks-instance> are filled in, the
# Slack URL becomes the local receiver (nothing may leave 127.0.0.1), and the ids are the ones created
# here. The guide's first create line is missing a comma after "anyRandomString"; it is sent as printed
# once, then with the comma. Run only through record.mjs (it sets the env).
set -euo pipefail
T="$HOOKQL_RECORD_ADMIN_TOKEN"
H="$DATABRICKS_HOST"
R="$HOOKQL_RECORD_RECEIVER"
mark() { curl -s -X POST -d "{\"name\": \"$1\"}" "$HOOKQL_RECORD_URL/__record/step" >/dev/null; }
done_() { curl -s -X POST -d '{"outcome": "ok"}' "$HOOKQL_RECORD_URL/__record/outcome" >/dev/null; }
id_of() { sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p'; }

mark create-as-printed
curl -s -X POST -H "Authorization: Bearer $T" -d \
'{"model_name": "churn-model",
"events": ["MODEL_VERSION_CREATED"],
"description": "Slack notifications",
"status": "TEST_MODE",
"http_url_spec": {
"url": "'"$R"'/services/slack",
"secret": "anyRandomString"
"authorization": "Bearer AbcdEfg1294"}}' "$H/api/2.0/mlflow/registry-webhooks/create" >/dev/null; done_

mark create
ID=$(curl -s -X POST -H "Authorization: Bearer $T" -d \
'{"model_name": "churn-model",
"events": ["MODEL_VERSION_CREATED"],
"description": "Slack notifications",
"status": "TEST_MODE",
"http_url_spec": {
"url": "'"$R"'/services/slack",
"secret": "anyRandomString",
"authorization": "Bearer AbcdEfg1294"}}' "$H/api/2.0/mlflow/registry-webhooks/create" | id_of); done_

mark test
curl -s -X POST -H "Authorization: Bearer $T" -d \
'{"id": "'"$ID"'"}' \
"$H/api/2.0/mlflow/registry-webhooks/test" >/dev/null; done_

mark update
curl -s -X PATCH -H "Authorization: Bearer $T" -d \
'{"id": "'"$ID"'", "status": "ACTIVE"}' \
"$H/api/2.0/mlflow/registry-webhooks/update" >/dev/null; done_

mark create-job
curl -s -X POST -H "Authorization: Bearer $T" -d '{"model_name": "churn-model",
"events": ["TRANSITION_REQUEST_CREATED"],
"description": "Job webhook trigger",
"status": "TEST_MODE",
"job_spec": {
"job_id": "1",
"workspace_url": "https://my-databricks-workspace.com",
"access_token": "dapi12345..."}}' \
"$H/api/2.0/mlflow/registry-webhooks/create" >/dev/null; done_

mark list
curl -s -X GET -H "Authorization: Bearer $T" -d '{"model_name": "churn-model"}' \
"$H/api/2.0/mlflow/registry-webhooks/list" >/dev/null; done_

mark delete
curl -s -X DELETE -H "Authorization: Bearer $T" -d \
'{"id": "'"$ID"'"}' \
"$H/api/2.0/mlflow/registry-webhooks/delete" >/dev/null; done_

printf '{"client": "curl (the guide'"'"'s command lines)", "version": "%s", "runtime": "bash %s"}\n' "$(curl --version | head -1 | cut -d' ' -f2)" "${BASH_VERSION%%(*}"
