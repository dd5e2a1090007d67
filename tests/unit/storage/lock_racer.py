"""One of many processes racing for the lock (driven by test_lock.py).

Prints "ready", waits for "go" on stdin, tries the lock, prints "held" or "refused",
then waits for any line (or the end of stdin) before exiting, holding what it got.
"""

import sys
from pathlib import Path

from ce_desktop.storage.errors import AlreadyRunning
from ce_desktop.storage.lock import InstanceLock

lock = InstanceLock(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
try:
    lock.acquire()
except AlreadyRunning:
    print("refused", flush=True)
else:
    print("held", flush=True)
sys.stdin.readline()
lock.release()
