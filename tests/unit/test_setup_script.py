"""``scripts/setup.sh``: a half-made ``.venv`` is noticed, and a system Python's needs.

The functions are run from the sourced script in a scratch folder, so nothing is
installed. The whole script is shown working on a fresh minimal Debian in the issue's
closing note (a debootstrap root), which a unit test cannot do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SETUP = Path(__file__).resolve().parents[2] / "scripts" / "setup.sh"


def run(function: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", f'source "{SETUP}" && cd "{folder}" && {function}'],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_venv_without_pip_is_not_whole(tmp_path: Path) -> None:
    # What `python3 -m venv` leaves when python3-venv is missing: a python, no pip.
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(tmp_path / ".venv")], check=True
    )
    assert run("venv_is_whole", tmp_path).returncode == 1


def test_a_venv_whose_python_cannot_run_is_not_whole(tmp_path: Path) -> None:
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(tmp_path / "gone" / "python3.11")
    assert run("venv_is_whole", tmp_path).returncode == 1


def test_a_venv_with_python_and_pip_is_whole(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    [site_packages] = venv.glob("lib/python3.*/site-packages")
    (site_packages / "pip").mkdir()
    (site_packages / "pip" / "__init__.py").write_text("")  # stands in for pip
    assert run("venv_is_whole", tmp_path).returncode == 0


@pytest.mark.skipif(not Path("/usr/bin/python3").exists(), reason="no system Python here")
def test_the_systems_python_needs_its_venv_package(tmp_path: Path) -> None:
    version = subprocess.run(
        ["/usr/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    result = run("python_system_packages /usr/bin/python3", tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"python{version}-venv" in result.stdout.split()


def test_a_python_of_its_own_needs_no_system_package(tmp_path: Path) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho /opt/python\n")
    fake.chmod(0o755)
    result = run(f'python_system_packages "{fake}"', tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
