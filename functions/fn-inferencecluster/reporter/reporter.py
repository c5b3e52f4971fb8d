"""Modelplane capacity reporter: what an inference cluster really has, in one ConfigMap.

Runs on every inference cluster (python:3.12-slim, standard library only, the image model caches
already use) as a one-replica Deployment with a read-only account. Every interval it lists, through
the API server:
- Nodes carrying the pool label (modelplane.ai/pool);
- DRA ResourceSlices (resource.k8s.io v1, else v1beta2, else v1beta1): devices per node and driver,
  from each (driver, pool)'s newest generation only;
- ResourceClaims: the devices each allocation holds. Claims outside the workload namespace are
  another tenant's ("foreign");
and writes ONE ConfigMap (server-side apply) with `reportedAt` and `nodes`, one compact entry per
node (the contract: functions/lib/contracts/capacity-report.ts). It decides nothing: which nodes are
usable and how many devices a pool has free is computed on the control plane.

A pass that fails (API error, timeout) is logged and leaves the last report in place: its
reportedAt ages and the control plane falls back to the configured capacity.

Environment:
  MODELPLANE_REPORT_NAMESPACE, MODELPLANE_REPORT_NAME   the ConfigMap written
  MODELPLANE_POOL_LABEL         node label naming the pool (default modelplane.ai/pool)
  MODELPLANE_WORKLOAD_NAMESPACE claims here are Modelplane's, every other one is foreign
  MODELPLANE_INTERVAL_SECONDS   seconds between passes (default 30)
  MODELPLANE_ONCE               "1": one pass, exit 0 on success and 1 on failure
  MODELPLANE_API_URL, MODELPLANE_TOKEN_FILE, MODELPLANE_CA_FILE   default: the in-cluster service account
"""
import datetime
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SA = "/var/run/secrets/kubernetes.io/serviceaccount"
FIELD_MANAGER = "modelplane-capacity-reporter"
BLOCKING = ("NoSchedule", "NoExecute")
PAGE = 500
RESOURCE_VERSIONS = ("v1", "v1beta2", "v1beta1")


def log(msg):
    print("modelplane-capacity-reporter: " + msg, flush=True)


class Api:
    def __init__(self):
        host = os.environ.get("KUBERNETES_SERVICE_HOST", "")
        port = os.environ.get("KUBERNETES_SERVICE_PORT", "443")
        default = "https://" + (("[" + host + "]") if ":" in host else host) + ":" + port
        self.url = os.environ.get("MODELPLANE_API_URL") or default
        self.token_file = os.environ.get("MODELPLANE_TOKEN_FILE") or SA + "/token"
        ca = os.environ.get("MODELPLANE_CA_FILE") or SA + "/ca.crt"
        self.context = ssl.create_default_context(cafile=ca) if self.url.startswith("https:") else None

    def request(self, method, path, body=None, content_type=None):
        with open(self.token_file) as f:  # re-read: projected tokens rotate
            token = f.read().strip()
        headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(req, context=self.context, timeout=30) as rsp:
            return json.load(rsp)

    def list(self, path, query=None):
        """Every item of a list, page by page."""
        items, cont = [], ""
        while True:
            q = dict(query or {}, limit=str(PAGE))
            if cont:
                q["continue"] = cont
            page = self.request("GET", path + "?" + urllib.parse.urlencode(q))
            items.extend(page.get("items") or [])
            cont = (page.get("metadata") or {}).get("continue") or ""
            if not cont:
                return items


def resource_version(api):
    """The newest resource.k8s.io version the API server serves."""
    for v in RESOURCE_VERSIONS:
        try:
            api.request("GET", "/apis/resource.k8s.io/" + v)
            return v
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
    return None


def is_ready(node):
    for c in (node.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c.get("status") == "True"
    return False


def project(nodes, slices, claims, pool_label, workload_namespace):
    """The report's node entries: facts only, no decision."""
    newest = {}
    for s in slices:
        spec = s.get("spec") or {}
        pool = spec.get("pool") or {}
        key = (spec.get("driver"), pool.get("name"))
        newest[key] = max(newest.get(key, 0), int(pool.get("generation") or 0))
    published, where = {}, {}
    for s in slices:
        spec = s.get("spec") or {}
        node, driver, pool = spec.get("nodeName"), spec.get("driver"), spec.get("pool") or {}
        if not node or not driver or int(pool.get("generation") or 0) != newest[(driver, pool.get("name"))]:
            continue  # devices not local to one node, or an older generation being replaced
        for d in spec.get("devices") or []:
            published[(node, driver)] = published.get((node, driver), 0) + 1
            where[(driver, pool.get("name"), d.get("name"))] = node
    foreign = {}
    for c in claims:
        if (c.get("metadata") or {}).get("namespace") == workload_namespace:
            continue
        results = ((((c.get("status") or {}).get("allocation") or {}).get("devices") or {}).get("results")) or []
        for r in results:
            device = (r.get("driver"), r.get("pool"), r.get("device"))
            if device in where:
                foreign.setdefault(device, where[device])  # a shared device counts once
    held = {}
    for (driver, _pool, _name), node in foreign.items():
        held[(node, driver)] = held.get((node, driver), 0) + 1
    out = []
    for n in sorted(nodes, key=lambda n: n["metadata"]["name"]):
        name = n["metadata"]["name"]
        spec = n.get("spec") or {}
        devices = {}
        for (node, driver), count in sorted(published.items()):
            if node == name:
                devices[driver] = {"published": count, "foreign": held.get((node, driver), 0)}
        out.append({
            "name": name,
            "pool": ((n["metadata"].get("labels") or {}).get(pool_label)) or "",
            "ready": is_ready(n),
            "unschedulable": bool(spec.get("unschedulable")),
            "taints": [{"key": t.get("key", ""), "effect": t.get("effect", "")} for t in spec.get("taints") or [] if t.get("effect") in BLOCKING],
            "devices": devices,
        })
    return out


def report_once(api, env):
    pool_label = env.get("MODELPLANE_POOL_LABEL") or "modelplane.ai/pool"
    nodes = api.list("/api/v1/nodes", {"labelSelector": pool_label})
    version = resource_version(api)
    slices = api.list("/apis/resource.k8s.io/" + version + "/resourceslices") if version else []
    claims = api.list("/apis/resource.k8s.io/" + version + "/resourceclaims") if version else []
    entries = project(nodes, slices, claims, pool_label, env.get("MODELPLANE_WORKLOAD_NAMESPACE") or "modelplane-serving")
    namespace, name = env["MODELPLANE_REPORT_NAMESPACE"], env["MODELPLANE_REPORT_NAME"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": namespace, "labels": {"app.kubernetes.io/managed-by": "modelplane"}},
        "data": {"reportedAt": now, "nodes": json.dumps(entries, separators=(",", ":"), sort_keys=True)},
    }
    path = "/api/v1/namespaces/%s/configmaps/%s?%s" % (namespace, name, urllib.parse.urlencode({"fieldManager": FIELD_MANAGER, "force": "true"}))
    api.request("PATCH", path, body, "application/apply-patch+yaml")
    log("reported %d nodes at %s" % (len(entries), now))


def main():
    env = os.environ
    for required in ("MODELPLANE_REPORT_NAMESPACE", "MODELPLANE_REPORT_NAME"):
        if not env.get(required):
            log(required + " is not set")
            return 2
    api = Api()
    interval = max(1, int(env.get("MODELPLANE_INTERVAL_SECONDS") or 30))
    while True:
        try:
            report_once(api, env)
            ok = True
        except (urllib.error.URLError, OSError, ValueError, KeyError) as e:
            log("pass failed, the last report stays: %s" % e)
            ok = False
        if env.get("MODELPLANE_ONCE") == "1":
            return 0 if ok else 1
        time.sleep(interval)


if __name__ == "__main__":
    sys.exit(main())
