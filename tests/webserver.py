"""Debian nginx on 127.0.0.1, with the project's own configuration (deploy/nginx/), serving a folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"
MODULES = Path("/etc/nginx/modules-enabled")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx serving `root` at http://127.0.0.1:<port>/ with deploy/nginx/*.conf, as a host would."""

    def __init__(self, root: Path, port: int | None = None, servers: str = ""):
        """`servers`: server blocks instead of the one serving `root` (one of them listening on `port`)."""
        assert Path(NGINX).exists(), "install nginx first: apt-get install nginx libnginx-mod-http-brotli-static"
        self.root = Path(root).resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
        self.process: subprocess.Popen | None = None
        self.servers = servers or f"""
                server {{
                    listen 127.0.0.1:{self.port};
                    server_name localhost;
                    root "{self.root}";  # quoted: a checkout in a folder with a space in its name
                    include snippets/nts-mekong/site.conf;
                }}"""

    def config(self) -> str:
        """A whole nginx.conf: the host's part here, the site's part included from deploy/nginx/."""
        modules = "\n".join(f"include {path};" for path in sorted(MODULES.glob("*.conf")))
        return f"""
            {modules}
            daemon off;
            {"user root;" if os.geteuid() == 0 else ""}
            worker_processes 1;
            pid {self.prefix}/nginx.pid;
            error_log {self.prefix}/error.log warn;
            events {{ worker_connections 64; }}
            http {{
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log off;
                client_body_temp_path {self.prefix}/body;
                proxy_temp_path {self.prefix}/proxy;
                fastcgi_temp_path {self.prefix}/fastcgi;
                uwsgi_temp_path {self.prefix}/uwsgi;
                scgi_temp_path {self.prefix}/scgi;
                include snippets/nts-mekong/http.conf;
                {self.servers}
            }}
            """

    def __enter__(self) -> Nginx:
        (self.prefix / "modules").symlink_to("/usr/lib/nginx/modules")  # Debian's load_module paths
        snippets = self.prefix / "snippets" / "nts-mekong"
        shutil.copytree(ROOT / "deploy" / "nginx", snippets)
        (self.prefix / "nginx.conf").write_text(self.config(), encoding="utf-8")
        # As root, workers run as root too (pytest's temporary folders are private to their owner).
        checked = subprocess.run([NGINX, "-t", "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read().decode()
                time.sleep(0.05)
        raise RuntimeError(f"nginx did not start on port {self.port}")

    def __exit__(self, *exc) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.prefix, ignore_errors=True)
