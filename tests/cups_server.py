"""A private CUPS print server for the printing tests, on this machine only.

``cupsd`` runs from its own folder with its own configuration, listening only on a
unix socket in that folder (no network port), and the clients find it through
``CUPS_SERVER``. Its one printer, ``ce-pdf``, is a cups-pdf queue: the job goes
through CUPS's real filters and comes out as a PDF file in the folder, so a test can
read what "printed". cups-pdf reads its settings only from ``/etc/cups``, so the
server writes one file there for its own queue (named by the folder) and removes it
when it stops. It needs root (cups-pdf refuses to run otherwise) and Debian's
``cups-daemon``, ``cups-client`` and ``printer-driver-cups-pdf``, which
``scripts/setup.sh --for-tests`` installs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

PDF_QUEUE = "ce-pdf"
_PPD = "lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"
_CUPS_PDF_CONFIG = Path("/etc/cups")


def missing() -> str:
    """Why a private CUPS server cannot run here, or "" when it can."""
    if os.geteuid() != 0:
        return "cups-pdf runs only as root"
    for tool in ("cupsd", "lp", "lpadmin", "lpstat", "cupsreject", "cupsdisable"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (bash scripts/setup.sh --for-tests)"
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        return "cups-pdf is not installed (bash scripts/setup.sh --for-tests)"
    return ""


class CupsServer:
    """A running private ``cupsd`` with a cups-pdf queue.

    Attributes:
        root: the server's folder (configuration, spool, logs, output).
        socket: the unix socket clients reach it on (``CUPS_SERVER``).
        output: where the cups-pdf queue writes what it printed.
    """

    def __init__(self) -> None:
        _remove_stale_configurations()
        # Short, and readable by CUPS's filters, which run as the "lp" user.
        self.root = Path(tempfile.mkdtemp(prefix="ce-cups-", dir="/tmp"))
        self.root.chmod(0o755)
        self.socket = self.root / "cups.sock"
        self.output = self.root / "out"
        self._name = self.root.name.replace("_", "-")
        self._process: subprocess.Popen[bytes] | None = None
        self._cups_pdf_config = _CUPS_PDF_CONFIG / f"cups-pdf-{self._name}.conf"
        self._write_configuration()

    @property
    def env(self) -> dict[str, str]:
        """The environment for CUPS's clients to use this server."""
        return {**os.environ, "CUPS_SERVER": str(self.socket), "LC_ALL": "C"}

    def _write_configuration(self) -> None:
        etc = self.root / "etc"
        for folder in ("etc/ppd", "spool/tmp", "cache", "run", "log", "out", "cups-pdf"):
            (self.root / folder).mkdir(parents=True)
        for folder in ("spool/tmp", "out", "cups-pdf"):
            (self.root / folder).chmod(0o1777)
        (etc / "cups-files.conf").write_text(
            f"ServerRoot {etc}\nRequestRoot {self.root / 'spool'}\n"
            f"TempDir {self.root / 'spool/tmp'}\nCacheDir {self.root / 'cache'}\n"
            f"StateDir {self.root / 'run'}\nErrorLog {self.root / 'log/error_log'}\n"
            f"AccessLog {self.root / 'log/access_log'}\nPageLog {self.root / 'log/page_log'}\n"
            "FileDevice Yes\nSystemGroup root\n",
            encoding="utf-8",
        )
        (etc / "cupsd.conf").write_text(
            f"LogLevel info\nListen {self.socket}\nBrowsing No\nWebInterface No\n"
            "DefaultAuthType None\nPreserveJobFiles No\nPreserveJobHistory Yes\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
            encoding="utf-8",
        )
        self._cups_pdf_config.write_text(
            f"Out {self.output}\nAnonDirName {self.output}\nSpool {self.root / 'cups-pdf'}\n"
            f"Log {self.root / 'log'}\nGrp root\nUserUMask 0077\n",
            encoding="utf-8",
        )

    def start(self) -> None:
        """Start ``cupsd`` and add the cups-pdf queue; returns once it takes jobs."""
        etc = self.root / "etc"
        self._process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(etc / "cupsd.conf"), "-s", str(etc / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_end_with_parent,
        )
        wait_for(self._answering, "the print server to start")
        self.run("lpadmin", "-p", PDF_QUEUE, "-E", "-v", f"cups-pdf:/{self._name}", "-m", _PPD)
        self.run("cupsaccept", PDF_QUEUE)

    def _answering(self) -> bool:
        if self._process is None or self._process.poll() is not None:
            raise RuntimeError(f"cupsd stopped; see {self.root / 'log/error_log'}")
        if not self.socket.exists():
            return False
        status = subprocess.run(
            ["lpstat", "-r"], env=self.env, capture_output=True, text=True, check=False
        )
        return "is running" in status.stdout and "not" not in status.stdout

    def run(self, *command: str) -> str:
        """Run one CUPS client command against this server; its standard output."""
        done = subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")
        return done.stdout

    def printed(self, title: str) -> list[Path]:
        """The PDF files cups-pdf wrote for jobs of this title."""
        return sorted(self.output.glob(f"{title}*.pdf"))

    def completed(self, job_id: str) -> bool:
        """Whether the print server has finished a job (printed, or given up on it)."""
        finished = self.run("lpstat", "-W", "completed", "-o", PDF_QUEUE).split()
        return job_id in finished

    def pause(self) -> None:
        """Freeze the scheduler (it stops answering, as a hung print server does)."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """Let a frozen scheduler go on."""
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Stop the scheduler (the folder stays until :meth:`remove`)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGCONT)
            process.terminate()
            process.wait(timeout=30)

    def remove(self) -> None:
        """Stop, and remove everything this server wrote."""
        self.stop()
        self._cups_pdf_config.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)


def _end_with_parent() -> None:
    """In the child: the kernel stops this server if the test process dies first."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _remove_stale_configurations() -> None:
    """cups-pdf settings left in /etc/cups by a test run that was killed."""
    for config in _CUPS_PDF_CONFIG.glob("cups-pdf-ce-cups-*.conf"):
        try:
            first = config.read_text(encoding="utf-8").split()
        except OSError:
            continue
        # "Out /tmp/ce-cups-XXXX/out ..."
        if len(first) > 1 and first[0] == "Out" and not Path(first[1]).parent.exists():
            config.unlink(missing_ok=True)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    """Wait until ``condition`` holds (checked on CUPS's own answers, not slept on)."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
