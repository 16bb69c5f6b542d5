"""Real app processes for the operations tests: gunicorn under the production settings.

Each process gets a free loopback port and an environment built from scratch (the suite's own
variables removed), so what is tested is what an operator's environment file gives.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
# The suite's Redis database (scripts/ensure-redis.sh finds or starts the server for `make test`).
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/1")
SECRET = "ops-test-" + "k3y" * 20


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides):
    """An operator's environment: production settings, a strong key, this host, Redis if given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "DATABASE_URL", "REDIS_URL", "HUEY_", "SENTRY_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "maillage.settings.prod",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://maillage.example.org",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_COLLECTED": "0",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_ACCESS_LOG": "",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def unique_redis_namespace():
    """Cache prefix and queue name of one test run, so concurrent runs on one Redis never meet."""
    run = uuid.uuid4().hex[:10]
    return {"CACHE_KEY_PREFIX": f"test-{run}", "HUEY_NAME": f"test-{run}"}


def wait_until_up(url, process, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (code {process.returncode}):\n{read_log(process)}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a loopback address of the test
                return
        except urllib.error.HTTPError:
            return  # it answers, whatever the status
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {timeout} s:\n{read_log(process)}")


def read_log(process):
    process.log.flush()
    return Path(process.log.name).read_text(errors="replace")[-4000:]


@contextmanager
def gunicorn(env, log_dir, probe="/sante/"):
    """A gunicorn master (and its workers) on a free port; yields (base URL, process)."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    log = open(Path(log_dir) / f"gunicorn-{port}.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(GUNICORN), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    process.log = log
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + probe, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def run_manage(env, *args, timeout=600):
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
