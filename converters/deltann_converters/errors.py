"""The one error type the helper reports: a kind the Swift side can switch on, and a message."""

import json
import sys


class HelperError(Exception):
    """A user-facing failure. `kind` is one of KINDS; the message names the file and what was expected."""

    KINDS = ("usage", "missing-file", "bad-input", "bad-model", "unsupported", "framework", "missing-framework")

    def __init__(self, kind: str, message: str) -> None:
        if kind not in self.KINDS:  # our own bug, not the user's: never reported as a user error
            raise ValueError(f"HelperError kind '{kind}' is not one of {self.KINDS}")
        super().__init__(message)
        self.kind = kind

    def report(self) -> None:
        """Writes the one-line JSON error the Swift side parses; the caller exits with status 2."""
        print(json.dumps({"error": self.kind, "message": str(self)}), file=sys.stderr, flush=True)


def progress(done: int, total: int, what: str) -> None:
    """One progress line on stderr, relayed by the Swift side: `progress <done>/<total> <what>`."""
    print(f"progress {done}/{total} {what}", file=sys.stderr, flush=True)
