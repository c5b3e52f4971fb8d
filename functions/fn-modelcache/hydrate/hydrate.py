"""Modelplane model-cache hydration: stage one model artifact into a volume, once.

The hydration Job of a ModelCache runs this (python:3.12-slim, standard library only) on every
inference cluster the cache covers, with the cache's ReadWriteMany volume mounted at the target.

Invariants:
- Idempotent: a completion marker naming the artifact makes a rerun exit 0 before any network call.
- Readers never see a partial artifact: files are downloaded into a staging directory on the same
  volume, a file is only kept there once complete, and publishing renames them into place one by
  one with config.json last; the marker is written (atomically) after everything else.
- The token is read from the environment and only sent to the source's own origin, in an
  Authorization header. It is never printed and never follows a redirect to another origin
  (signed CDN URLs must not receive it).

Environment:
  MODELPLANE_SOURCE     huggingface | ngc
  MODELPLANE_ARTIFACT   identity stored in the marker, e.g. huggingface:org/name@main
  MODELPLANE_TARGET     where the volume is mounted (default /mnt/models)
  MODELPLANE_PARALLEL   concurrent downloads (default 4)
  MODELPLANE_RETRIES    attempts per request (default 4); MODELPLANE_RETRY_DELAY seconds (default 2)
  HF_REPO, HF_REVISION (default main), HF_ENDPOINT (default https://huggingface.co), HF_TOKEN
  NGC_RESOURCE (org/[team/]name:version), NGC_API_URL (default https://api.ngc.nvidia.com),
  NGC_AUTHN_URL (default https://authn.nvidia.com), NGC_API_KEY
Exit status: 0 staged or already staged; 1 a failure worth retrying (network, 5xx); 2 bad
configuration; 3 a failure retrying cannot fix (access denied, not found, unsafe listing). The Job's
podFailurePolicy fails at once on 2 and 3.
"""
import base64
import concurrent.futures
import fcntl
import hashlib
import http.client
import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

MARKER = ".modelplane-complete"
WORK = ".modelplane"
CHUNK = 1 << 20
PUBLISH_LAST = "config.json"  # engines read it first: present means every other file is too


SECRETS = [v.strip() for v in (os.environ.get("HF_TOKEN"), os.environ.get("NGC_API_KEY")) if v and v.strip()]


def log(msg):
    for secret in SECRETS:  # defence in depth: no message is built from a secret, redact anyway
        msg = msg.replace(secret, "***")
    print("modelplane-hydrate: " + msg, flush=True)


class Failure(Exception):
    """A download problem worth one clear line in the Job's log."""

    def __init__(self, message, permanent=False):
        super().__init__(message)
        self.permanent = permanent


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # redirects are followed by hand, deciding per hop whether auth may go along


OPENER = urllib.request.build_opener(NoRedirect)


def origin(url):
    p = urllib.parse.urlsplit(url)
    return (p.scheme, p.hostname, p.port)


def env_int(name, default):
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        raise Failure(name + " must be an integer", permanent=True)


def open_url(url, auth=None, timeout=60):
    """GET url, following redirects; auth goes only to the origin it was meant for."""
    first = url
    for _ in range(10):
        req = urllib.request.Request(url, headers={"User-Agent": "modelplane-hydrate/1"})
        if auth is not None and origin(url) == origin(first):
            req.add_header("Authorization", auth)
        try:
            return OPENER.open(req, timeout=timeout)
        except urllib.error.HTTPError as e:
            if e.code in (301, 302, 303, 307, 308) and e.headers.get("Location"):
                url = urllib.parse.urljoin(url, e.headers["Location"])
                e.close()
                continue
            e.close()
            permanent = 400 <= e.code < 500 and e.code not in (408, 429)
            raise Failure("GET %s: HTTP %d%s" % (first, e.code, hint(e.code)), permanent)
    raise Failure("GET %s: too many redirects" % first)


def hint(code):
    if code in (401, 403):
        return " (access denied: does the cache's authSecret hold a token with access?)"
    if code == 404:
        return " (not found: check the repository/resource and revision)"
    return ""


def retrying(what, fn):
    attempts = max(1, env_int("MODELPLANE_RETRIES", 4))
    delay = float(os.environ.get("MODELPLANE_RETRY_DELAY", "2"))
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Failure as e:
            if attempt == attempts or e.permanent:
                raise
            err = str(e)
        except (OSError, ValueError, http.client.HTTPException) as e:  # resets, timeouts, truncation
            if attempt == attempts:
                raise Failure("%s: %s" % (what, e.__class__.__name__))
            err = e.__class__.__name__
        log("%s: %s, retrying (%d/%d)" % (what, err, attempt, attempts))
        time.sleep(delay * attempt)


def get_json(url, auth):
    def once():
        with open_url(url, auth) as resp:
            return json.loads(resp.read().decode("utf-8"))

    return retrying("GET " + url, once)


def safe_relpath(path):
    """A path from a remote listing, refused if it could escape the volume or touch our files."""
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or path.startswith("/") or ".." in parts or parts[0] in (MARKER, WORK):
        raise Failure("refusing unsafe file path from the listing: %r" % path, permanent=True)
    return "/".join(parts)


def huggingface_plan():
    repo = os.environ.get("HF_REPO", "")
    revision = os.environ.get("HF_REVISION") or "main"
    endpoint = (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")
    token = os.environ.get("HF_TOKEN")
    if not repo:
        raise Failure("HF_REPO is not set", permanent=True)
    auth = "Bearer " + token.strip() if token else None
    info = get_json("%s/api/models/%s/revision/%s" % (endpoint, repo, urllib.parse.quote(revision, safe="")), auth)
    commit = info.get("sha") or revision  # pin every file to one commit even if the branch moves
    files = []
    for sibling in info.get("siblings") or []:
        name = safe_relpath(sibling["rfilename"])
        url = "%s/%s/resolve/%s/%s" % (endpoint, repo, urllib.parse.quote(commit, safe=""), urllib.parse.quote(name))
        files.append((name, url, auth))
    return commit, files


def ngc_plan():
    resource = os.environ.get("NGC_RESOURCE", "")
    api = (os.environ.get("NGC_API_URL") or "https://api.ngc.nvidia.com").rstrip("/")
    path, _, version = resource.partition(":")
    parts = path.split("/")
    if not version or len(parts) not in (2, 3):
        raise Failure("NGC_RESOURCE must be org/[team/]name:version", permanent=True)
    org, team, name = (parts[0], None, parts[1]) if len(parts) == 2 else tuple(parts)
    auth = ngc_auth(org, team)
    scope = "org/%s" % org + ("/team/%s" % team if team else "")
    base = "%s/v2/%s/models/%s/versions/%s/files" % (api, scope, name, urllib.parse.quote(version, safe=""))
    files, page, pages = [], 1, 1
    while page <= pages:
        listing = get_json("%s?page-size=1000&page-number=%d" % (base, page), auth)
        pages = int((listing.get("paginationInfo") or {}).get("totalPages") or 1)
        if listing.get("modelFiles") is not None:
            batch = [(safe_relpath(f["path"]), None) for f in listing["modelFiles"]]
        else:  # older storage: presigned URLs, which must not receive the key
            batch = [(safe_relpath(p), u) for p, u in zip(listing.get("filepath") or [], listing.get("urls") or [])]
        if not batch:
            break
        for rel, url in batch:
            files.append((rel, url, None) if url else (rel, base + "/" + urllib.parse.quote(rel), auth))
        page += 1
    return version, files


def ngc_auth(org, team):
    key = (os.environ.get("NGC_API_KEY") or "").strip()
    if not key:
        return None
    if key.startswith("nvapi-"):  # personal keys are bearer tokens already
        return "Bearer " + key
    authn = (os.environ.get("NGC_AUTHN_URL") or "https://authn.nvidia.com").rstrip("/")
    scope = "group/ngc:" + org + ("/" + team if team else "")
    url = "%s/token?%s" % (authn, urllib.parse.urlencode({"service": "ngc", "scope": scope}))
    basic = "Basic " + base64.b64encode(("$oauthtoken:" + key).encode()).decode()
    token = get_json(url, basic).get("token")
    if not token:
        raise Failure("GET %s: no token in the response" % url)
    SECRETS.append(token)
    return "Bearer " + token


def download(staging, rel, url, auth):
    dest = os.path.join(staging, rel)
    if os.path.exists(dest):
        return 0  # completed by an earlier attempt of this Job
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    part = dest + ".part"

    def once():
        size = 0
        with open_url(url, auth, timeout=300) as resp, open(part, "wb") as out:
            expected = resp.headers.get("Content-Length")
            while True:
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if expected is not None and int(expected) != size:
            raise ValueError("truncated")
        os.replace(part, dest)
        return size

    return retrying("GET " + rel, once)


def read_marker(target):
    try:
        with open(os.path.join(target, MARKER)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def publish(target, staging, names, previous):
    """Renames staged files into place (config.json last), drops the previous artifact's leftovers."""
    try:
        os.remove(os.path.join(target, MARKER))
    except FileNotFoundError:
        pass
    for rel in sorted(names, key=lambda n: (n == PUBLISH_LAST, n)):
        dest = os.path.join(target, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.replace(os.path.join(staging, rel), dest)
    for rel in set((previous or {}).get("files") or []) - set(names):
        try:
            os.remove(os.path.join(target, safe_relpath(rel)))
        except (OSError, Failure):
            pass


def write_marker(target, marker):
    tmp = os.path.join(target, WORK, "marker.tmp")
    with open(tmp, "w") as f:
        json.dump(marker, f, indent=2, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(target, MARKER))


def hydrate():
    source = os.environ.get("MODELPLANE_SOURCE", "")
    artifact = os.environ.get("MODELPLANE_ARTIFACT", "")
    target = os.environ.get("MODELPLANE_TARGET") or "/mnt/models"
    if source not in ("huggingface", "ngc") or not artifact:
        log("MODELPLANE_SOURCE must be huggingface or ngc and MODELPLANE_ARTIFACT must be set")
        return 2
    done = read_marker(target)
    if done and done.get("artifact") == artifact:
        log("%s is already staged, nothing to do" % artifact)
        return 0
    os.makedirs(os.path.join(target, WORK), exist_ok=True)
    with open(os.path.join(target, WORK, "lock"), "w") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)  # one hydration per volume at a time
        done = read_marker(target)
        if done and done.get("artifact") == artifact:
            log("%s was staged by another run, nothing to do" % artifact)
            return 0
        resolved, files = huggingface_plan() if source == "huggingface" else ngc_plan()
        staging = os.path.join(target, WORK, "staging", hashlib.sha256(artifact.encode()).hexdigest()[:16])
        log("staging %s (%s): %d files" % (artifact, resolved, len(files)))
        workers = max(1, env_int("MODELPLANE_PARALLEL", 4))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            sizes = list(pool.map(lambda f: download(staging, *f), files))
        names = [f[0] for f in files]
        publish(target, staging, names, done)
        write_marker(target, {"artifact": artifact, "resolved": resolved, "files": sorted(names)})
        shutil.rmtree(os.path.join(target, WORK, "staging"), ignore_errors=True)
        log("staged %s: %d files, %d bytes downloaded" % (artifact, len(files), sum(sizes)))
    return 0


def main():
    try:
        return hydrate()
    except Failure as e:
        log("failed: %s" % e)
        return 3 if e.permanent else 1
    except Exception as e:  # a bug or a full disk: one line, no traceback (it could quote headers)
        log("failed: %s: %s" % (e.__class__.__name__, e))
        return 1


if __name__ == "__main__":
    sys.exit(main())
