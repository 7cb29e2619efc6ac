"""One build at a time per store: an advisory lock held for the whole build.

SQLite serialises single writes, but a build is many: it checks what is stored, analyses what is
not, writes it batch by batch, then links the corpus. Two builds interleaving would analyse the
same new text twice and race to store it. So a build takes this lock first; a second build into
the same store waits for it (saying so), and readers never take it (WAL lets them read while a
build writes). A PostgreSQL store's build lock is an advisory lock on its server
(storyline.store.postgres.build_lock).

    with build_lock("storyline.db", on_wait=print):
        ...  # the only build of storyline.db now
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from storyline.errors import StoreError
from storyline.store.dialect import is_postgres_url, shown_location

WaitCallback = Callable[[str], None]


def lock_path(db: str | Path) -> Path:
    return Path(f"{db}.lock")


@contextmanager
def build_lock(db: str | Path, *, on_wait: WaitCallback | None = None, wait: bool = True) -> Iterator[None]:
    """Hold the store's build lock; ``wait=False`` raises StoreError instead of waiting."""
    if str(db) == ":memory:":
        yield  # a memory store belongs to one connection: nothing else can build into it
        return
    if is_postgres_url(db):
        from storyline.store import postgres  # noqa: PLC0415 — psycopg is an optional dependency

        with postgres.build_lock(str(db), on_wait=on_wait, wait=wait):
            yield
        return
    path = lock_path(db)
    try:
        handle = open(path, "a+")
    except OSError as error:
        raise StoreError(f"cannot create the build lock {path}: {error.strerror or error}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            message = f"another build into {shown_location(db)} is running ({holder}); waiting for it to finish"
            if not wait:
                raise StoreError(f"another build into {shown_location(db)} is running ({holder}); try again when it has finished") \
                    from None
            if on_wait is not None:
                on_wait(message)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
