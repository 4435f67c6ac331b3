"""A real nginx serving a built site with the shipped location block (deploy.nginx_conf): the tests
that serve the site and `bench --search` run it on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    return found or next((c for c in NGINX_CANDIDATES if Path(c).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Workers run as another user than the one who built the site, as on a real server (Debian's
# nginx runs them as www-data): a tree readable only by its owner fails here with 403.
WORKER_USER = "nobody nogroup"


def wrapper_conf(location_block: str, port: int, workdir: Path) -> str:
    """A minimal main nginx.conf that includes the shipped location block on 127.0.0.1:port.

    Started as root (as a system nginx is), the workers drop to WORKER_USER; as another user
    nginx cannot switch users and the directive is left out.
    """
    user = f"user {WORKER_USER};\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {workdir}/site.conf;
    }}
}}
"""


class Nginx:
    """Start nginx on a free loopback port with the given location block; stop() ends it."""

    def __init__(self, location_block: str, workdir: Path) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed: run ./scripts/test.sh, which installs it")
        self.port = free_port()
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "site.conf").write_text(location_block, encoding="utf-8")
        conf = workdir / "nginx.conf"
        conf.write_text(wrapper_conf(location_block, self.port, workdir), encoding="utf-8")
        check = subprocess.run([binary, "-t", "-c", str(conf)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
        self.process = subprocess.Popen([binary, "-c", str(conf)], stderr=subprocess.PIPE)
        self.workdir = workdir
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    _, err = self.process.communicate()
                    raise RuntimeError(f"nginx exited: {err.decode()}") from None
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not start listening within 10 s")

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
