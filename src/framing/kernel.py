"""The kernel a report's notebooks run in, one after another, reset between them.

Starting a kernel and importing pandas, matplotlib and framing cost more than most notebooks'
own work, so a report pays them once, while its own modules load and the corpus is analysed.
Each notebook still starts from an empty namespace with no figures open, and the tests
execute every notebook in a kernel of its own, so none depends on another. This module
imports only jupyter_client, so the kernel can start before anything heavy is loaded.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

KERNEL = "python3"
#: The kernel's own start-up warnings (transport notices) are not the reader's concern.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
KERNEL_TIMEOUT = 120
#: Imported as soon as the kernel is up, while the caller goes on; what they made is then kept
#: out of the garbage collector's sweeps (`gc.freeze`), so the reset's collection and those
#: during each notebook walk only the notebook's own objects.
WARM_UP = "import matplotlib.pyplot, pandas, framing.pipeline, framing.plots, gc; gc.freeze()"
#: Run before each notebook: empty namespace, no figures, cells counted from 1, in `cwd`.
RESET = """get_ipython().run_line_magic("reset", "-f")
import os, matplotlib.pyplot
matplotlib.pyplot.close("all")
os.chdir({cwd!r})
del os, matplotlib
get_ipython().execution_count = 1
"""


class KernelError(RuntimeError):
    """The shared kernel failed to warm up or to reset for the next notebook."""


class ReadyClient(BlockingKernelClient):
    """The client every notebook of a report runs through: its channels are started and the
    kernel waited for once (a client per notebook waits each time for its IOPub channel to
    fall quiet, 0.2 s)."""

    ready = False

    def start_channels(self, *args: Any, **kwargs: Any) -> None:
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    def wait_for_ready(self, timeout: float | None = None) -> None:
        if not self.ready:
            super().wait_for_ready(timeout)
            self.ready = True


class NotebookKernelManager(KernelManager):
    """The kernel manager papermill is given: the client it asks for, once per notebook, is
    always the same one; a client asked for with arguments is a new one."""

    notebook_client: BlockingKernelClient | None = None

    def client(self, **kwargs: Any) -> BlockingKernelClient:
        if kwargs:
            return super().client(**kwargs)
        if self.notebook_client is None:
            self.notebook_client = super().client()
        return self.notebook_client


class SharedKernel:
    """One kernel that executes a report's notebooks in turn (a context manager)."""

    def __init__(self) -> None:
        self.manager = NotebookKernelManager(kernel_name=KERNEL, client_factory=ReadyClient)
        # no input history: cells are counted from 1 again for each notebook
        self.manager.start_kernel(
            extra_arguments=[*KERNEL_ARGUMENTS, "--HistoryManager.enabled=False"]
        )
        # a session of its own: clients sharing the manager's session share one socket
        # identity, and the kernel's replies then reach only one of them
        self.control = self.manager.client(session=Session(key=self.manager.session.key))
        self.control.start_channels()
        self.pending = [self.control.execute(WARM_UP, store_history=False)]

    def reset(self, cwd: Path) -> None:
        """Empty the namespace, close figures and move to `cwd` before the next notebook.

        Returns once the kernel has done so (raising if it failed): the notebook's cells come
        through another client's socket, and the kernel's order between two sockets is only
        the order in which their messages happen to arrive.
        """
        self.pending.append(self.control.execute(RESET.format(cwd=str(cwd)), store_history=False))
        self.check()

    def check(self) -> None:
        """Wait for the warm-up and any reset still running; raise if one failed."""
        while self.pending:
            reply = self.control.get_shell_msg(timeout=KERNEL_TIMEOUT)
            request = reply["parent_header"].get("msg_id")
            if request not in self.pending:
                continue
            self.pending.remove(request)
            if reply["content"]["status"] != "ok":
                error = reply["content"].get("evalue", "")
                raise KernelError(f"kernel set-up failed: {reply['content'].get('ename')}: {error}")

    def close(self) -> None:
        self.control.stop_channels()
        if self.manager.notebook_client is not None:
            self.manager.notebook_client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def __enter__(self) -> SharedKernel:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
