"""Running an outside program (LibreOffice, Tesseract) so that a hung one is killed with all its children."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence


def run_killable(cmd: Sequence[str], timeout: float | None, *,
                 env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``cmd`` in its own session and capture its output; past ``timeout`` seconds kill its whole process
    group (soffice forks a child that outlives a plain kill) and raise ``subprocess.TimeoutExpired``."""
    proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(env) if env is not None else None, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


__all__ = ["run_killable"]
