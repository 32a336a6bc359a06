"""JupyterLab for researchers (``make lab``, ``workbooks lab``): the project's root in Lab's file
browser (data/, data/templates/, params/ and outputs/ beside notebooks/), opening on notebooks/.

- Root: Jupyter refuses to start as root unless told ``--allow-root`` (a server running as root gives
  whoever holds its address root's powers over the machine). Containers run as root, so the flag is
  passed there, and only there: elsewhere it would silence nothing and hide the choice.
- A browser is opened only where there is a display to open it on (a desktop: $DISPLAY or
  $WAYLAND_DISPLAY set, or macOS or Windows), or when asked (``--open``). On a headless machine
  Python's webbrowser module would start a text browser such as w3m inside the terminal, or nothing.
- The address, with its token, is printed by Jupyter once it is serving (and only that and real
  problems: the extension log is turned down).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

OPENS_ON = "notebooks"  # the folder Lab's file browser opens on; its root is the project's
DEFAULT_PORT = 8888  # Jupyter's own default: a taken port makes Jupyter try the next ones, and print the one it took
DEFAULT_IP = "127.0.0.1"  # this computer only; in a container, 0.0.0.0 and a published port reach it from the host


def has_display(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether a browser opened here would be seen: a desktop session (X11 or Wayland), macOS or Windows."""
    return platform in ("darwin", "win32") or bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# JupyterLab started in the environment's Python (``python -c LAUNCH_LAB ARGUMENTS``), its extensions' deprecation
# warnings silenced: Voila's import asks for traitlets' to be shown (it runs warnings.filterwarnings("default",
# DeprecationWarning, module="traitlets") when Lab loads its server extension, which overrides PYTHONWARNINGS), and
# one of them ("ServerApp.token config is deprecated") came with every start. Voila imported first, the filter
# set after its own wins. Real problems are logged, not warned.
LAUNCH_LAB = """import sys, warnings
import voila  # noqa: F401 (its filter first, so the next one wins)
warnings.filterwarnings("ignore", category=DeprecationWarning)
from jupyterlab.labapp import main
sys.argv = ["jupyter-lab", *sys.argv[1:]]
sys.exit(main())
"""


def lab_command(
    python: Path | str,
    root: Path,
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    open_browser: bool = False,
    as_root: bool = False,
) -> list[str]:
    """The command that starts JupyterLab (:data:`LAUNCH_LAB`, in ``python``) on the project ``root``: its file
    browser at the root, the notebooks folder opened, ``--allow-root`` only when ``as_root``, a browser only when
    ``open_browser``."""
    command = [
        str(python),
        "-c",
        LAUNCH_LAB,
        f"--ServerApp.root_dir={Path(root).resolve()}",
        f"--LabApp.default_url=/lab/tree/{OPENS_ON}",
        f"--ServerApp.port={port}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.open_browser={open_browser}",
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
        # kernels talk to the server over local sockets, not TCP ports: no port to others on the machine, and
        # no "Kernel is running over TCP without encryption" warning in the terminal at each kernel's start
        "--KernelManager.transport=ipc",
    ]
    return command + (["--allow-root"] if as_root else [])


def opening_words(root: Path, open_browser: bool, asked: bool | None, as_root: bool) -> str:
    """The line printed before Jupyter's own: what is served, and why no browser opens (or why it does)."""
    said = [
        f"JupyterLab on {Path(root).resolve()}: its file browser holds data/ (with data/templates/), params/, "
        f"notebooks/ and outputs/, and opens on {OPENS_ON}/"
    ]
    if as_root:
        said.append("running as root (as in a container): Jupyter is told --allow-root")
    if not open_browser:
        said.append(
            "no browser is opened "
            + ("(asked)" if asked is False else "(no display here: `make lab OPEN=1` opens one)")
            + "; open the address Jupyter prints below"
        )
    return "; ".join(said) + ". Ctrl-C stops it."


def run_lab(root: Path, port: int = DEFAULT_PORT, ip: str = DEFAULT_IP, open_browser: bool | None = None) -> int:
    """Replace this process with JupyterLab (``open_browser`` None: open one only where there is a display)."""
    opening = has_display() if open_browser is None else open_browser
    as_root = running_as_root()
    print(opening_words(root, opening, open_browser, as_root), flush=True)
    os.execv(sys.executable, lab_command(sys.executable, root, port, ip, opening, as_root))
    return 0  # not reached: the process is JupyterLab now
