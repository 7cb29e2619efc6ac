"""A throwaway PostgreSQL server for the tests: initdb into a temporary directory, pg_ctl start on
a free port of 127.0.0.1, one fresh database per test, stopped and removed at the end.

Skips (with the reason) when no PostgreSQL binaries are found; CI installs Debian's (.ci/run).
As root, the server runs as the ``postgres`` user Debian's package creates (initdb refuses root).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

# Debian installs the binaries off PATH, one directory per major version.
BINARY_DIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
# Durability is no part of what the tests check; without fsync a database is created in milliseconds.
SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
TEMPLATE = "storyline_template"


def binaries() -> Path | None:
    for folder in [*BINARY_DIRS, *(os.path.dirname(p) for p in [shutil.which("pg_ctl")] if p)]:
        if (Path(folder) / "pg_ctl").exists() and (Path(folder) / "initdb").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """A running server; :meth:`new_database` gives each test a database of its own."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self._names = itertools.count()
        if os.geteuid() == 0:
            os.chown(self.root, pwd.getpwnam(self.user).pw_uid, -1)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8")
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
                  "-o", f"-h 127.0.0.1 -p {self.port} -k {self.root} {SERVER_OPTIONS}", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(sql)

    def new_database(self) -> str:
        """A fresh database with the store's schema already applied (copied from a template
        migrated once), so a test pays for CREATE DATABASE, not for the migrations."""
        name = f"test_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def empty_database(self) -> str:
        name = f"empty_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def make_template(self) -> None:
        from storyline.store import Store

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        Store.open(self.url(TEMPLATE)).close()


def running_server() -> Iterator[PostgresServer | str]:
    """The server for a test session, or why there is none."""
    found = binaries()
    if found is None:
        yield "no PostgreSQL binaries (pg_ctl, initdb) found: apt-get install postgresql"
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        yield "psycopg is not installed: pip install -e '.[postgres]'"
        return
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            yield "running as root and no postgres user to run the server as (Debian's package creates it)"
            return
    server = PostgresServer(found)
    try:
        server.start()
        server.make_template()
        yield server
    finally:
        server.stop()
