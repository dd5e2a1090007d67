"""The single-instance lock: whole or absent, one holder, and no restart can wedge it."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ce_desktop.storage import lock as lock_module
from ce_desktop.storage import process_info
from ce_desktop.storage.errors import AlreadyRunning, FolderNotWritable
from ce_desktop.storage.lock import Holder, InstanceLock, clear_if_not_held

RACERS = 20
RACER = Path(__file__).with_name("lock_racer.py")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder of its own (the test's own temporary folder holds more)."""
    path = tmp_path / "folder"
    path.mkdir()
    return path


def _lock_file(folder: Path, **owner: object) -> Path:
    path = folder / "ce-desktop.lock"
    path.write_text(json.dumps(owner), encoding="utf-8")
    return path


def test_of_twenty_processes_started_at_once_exactly_one_holds_the_lock(folder: Path) -> None:
    path = folder / "ce-desktop.lock"
    racers = [
        subprocess.Popen(
            [sys.executable, str(RACER), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(RACERS)
    ]
    try:
        for racer in racers:
            assert racer.stdout is not None
            assert racer.stdout.readline().strip() == "ready"
        for racer in racers:  # all are waiting: let them go as close together as can be
            assert racer.stdin is not None
            racer.stdin.write("go\n")
            racer.stdin.flush()
        outcomes = [racer.stdout.readline().strip() for racer in racers if racer.stdout]
        assert sorted(outcomes) == ["held"] + ["refused"] * (RACERS - 1)
        content = json.loads(path.read_bytes())  # the lock is whole: never empty
        assert content["host"] == socket.gethostname()
    finally:
        for racer in racers:
            assert racer.stdin is not None
            racer.stdin.close()
            racer.wait(timeout=60)
            if racer.stdout is not None:
                racer.stdout.close()
    assert not path.exists()
    assert list(folder.iterdir()) == []  # no temporary file left either


def test_the_lock_appears_whole_with_its_content(folder: Path) -> None:
    lock = InstanceLock(folder / "ce-desktop.lock")
    lock.acquire()
    try:
        owner = json.loads((folder / "ce-desktop.lock").read_bytes())
        assert owner["pid"] == os.getpid()
        assert owner["started"] == process_info.start_time(os.getpid())
        assert [p.name for p in folder.iterdir()] == ["ce-desktop.lock"]
    finally:
        lock.release()
    assert list(folder.iterdir()) == []


def test_a_second_lock_in_the_same_process_is_refused(folder: Path) -> None:
    first = InstanceLock(folder / "ce-desktop.lock")
    first.acquire()
    try:
        with pytest.raises(AlreadyRunning):
            InstanceLock(folder / "ce-desktop.lock").acquire()
        assert InstanceLock(folder / "ce-desktop.lock").judge().holder is Holder.LIVE
    finally:
        first.release()
    assert list(folder.iterdir()) == []


def test_a_reused_process_id_does_not_hold_the_lock(folder: Path) -> None:
    # The lock names a running process (this one), but nobody holds it: the id was reused.
    _lock_file(folder, pid=os.getpid(), started="long ago", host=socket.gethostname())
    assert InstanceLock(folder / "ce-desktop.lock").judge().holder is Holder.GONE
    lock = InstanceLock(folder / "ce-desktop.lock")
    lock.acquire()
    lock.release()


def test_a_renamed_computer_does_not_hold_the_lock_forever(folder: Path) -> None:
    _lock_file(folder, pid=4242, started="x", host="old-laptop-name")
    lock = InstanceLock(folder / "ce-desktop.lock")
    lock.acquire()
    assert json.loads((folder / "ce-desktop.lock").read_bytes())["token"]
    lock.release()


class TestWithoutFileLocks:
    """A file system with no OS locks: judged by process id and start time."""

    @pytest.fixture(autouse=True)
    def no_os_locks(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(lock_module, "_os_lock", lambda _fd, **_kw: None)

    def test_a_live_process_with_its_own_start_time_holds_it(self, folder: Path) -> None:
        started = process_info.start_time(os.getpid())
        assert started is not None
        _lock_file(folder, pid=os.getpid(), started=started, host=socket.gethostname())
        with pytest.raises(AlreadyRunning):
            InstanceLock(folder / "ce-desktop.lock").acquire()

    def test_a_reused_id_has_another_start_time(self, folder: Path) -> None:
        _lock_file(folder, pid=os.getpid(), started="boot:1", host=socket.gethostname())
        lock = InstanceLock(folder / "ce-desktop.lock")
        lock.acquire()
        lock.release()

    def test_another_computers_lock_is_respected(self, folder: Path) -> None:
        _lock_file(folder, pid=4242, started="x", host="another-computer")
        with pytest.raises(AlreadyRunning):
            InstanceLock(folder / "ce-desktop.lock").acquire()
        assert clear_if_not_held(folder / "ce-desktop.lock").holder is Holder.UNKNOWN
        assert (folder / "ce-desktop.lock").exists()


def test_a_dead_processs_lock_is_cleared_and_a_live_one_is_not(folder: Path) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    _lock_file(folder, pid=finished.pid, started="x", host=socket.gethostname())
    judgement = clear_if_not_held(folder / "ce-desktop.lock")
    assert judgement.holder is Holder.GONE
    assert judgement.pid == finished.pid
    assert not (folder / "ce-desktop.lock").exists()
    live = InstanceLock(folder / "ce-desktop.lock")
    live.acquire()
    try:
        assert clear_if_not_held(folder / "ce-desktop.lock").holder is Holder.LIVE
        assert (folder / "ce-desktop.lock").exists()
    finally:
        live.release()
    assert clear_if_not_held(folder / "ce-desktop.lock").holder is Holder.NONE


def test_a_read_only_folder_refuses_the_lock_and_leaves_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def full_disk(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(28, "No space left on device")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", full_disk)
    with pytest.raises(FolderNotWritable):
        InstanceLock(folder / "ce-desktop.lock").acquire()
    assert list(folder.iterdir()) == []


def test_pid_alive_tells_live_from_dead() -> None:
    assert process_info.pid_alive(os.getpid())
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    assert not process_info.pid_alive(finished.pid)
    assert not process_info.is_running(finished.pid, None)
    assert process_info.is_running(os.getpid(), process_info.start_time(os.getpid()))
    assert not process_info.is_running(os.getpid(), "another start")


def test_a_look_in_the_middle_of_taking_the_lock_never_sees_it_empty(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A second start looks exactly while the first is writing its content: it must
    # see no lock or a whole one, so that exactly one of the two holds it.
    first, second = (
        InstanceLock(folder / "ce-desktop.lock"),
        InstanceLock(folder / "ce-desktop.lock"),
    )
    real_write = os.write
    outcomes: dict[str, str] = {}

    def write_with_a_look(fd: int, data: bytes) -> int:
        if "second" not in outcomes:
            outcomes["second"] = "looking"
            try:
                second.acquire()
                outcomes["second"] = "held"
            except AlreadyRunning:
                outcomes["second"] = "refused"
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write_with_a_look)
    try:
        first.acquire()
        outcomes["first"] = "held"
    except AlreadyRunning:
        outcomes["first"] = "refused"
    monkeypatch.undo()
    assert sorted(outcomes.values()) == ["held", "refused"]
    assert first.held != second.held
    first.release()
    second.release()
    assert list(folder.iterdir()) == []


def test_without_hard_links_the_lock_is_created_whole_in_one_write(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(_source: object, _target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    first = InstanceLock(folder / "ce-desktop.lock")
    first.acquire()
    try:
        assert json.loads((folder / "ce-desktop.lock").read_bytes())["pid"] == os.getpid()
        with pytest.raises(AlreadyRunning):
            InstanceLock(folder / "ce-desktop.lock").acquire()
    finally:
        first.release()
    assert list(folder.iterdir()) == []
