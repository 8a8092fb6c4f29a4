"""Login throttling: failed logins per user name and per client address, in this server's memory.

After a few failures each further attempt waits longer (the lock doubles: 1 s, 2 s, 4 s … up to
15 minutes) and is refused with 429 and `Retry-After` until then; a success clears the name's
count. Unknown and known names are treated alike (the password check runs for both), so the
answer's timing does not tell whether a name exists.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

FREE = 5  # failures allowed before the lock starts
MAX_LOCK = 15 * 60


@dataclass
class _Count:
    failures: int = 0
    until: float = 0.0


class Throttle:
    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.counts: dict[tuple[str, str], _Count] = {}

    def wait(self, name: str, client: str) -> int:
        """Seconds still to wait before this name or this client may try again (0: go ahead)."""
        now = self.clock()
        with self.lock:
            left = [c.until - now for key in (("name", name), ("client", client))
                    if (c := self.counts.get(key)) is not None and c.until > now]
        return int(max(left) + 0.999) if left else 0

    def failed(self, name: str, client: str) -> None:
        now = self.clock()
        with self.lock:
            if len(self.counts) > 100_000:  # a flood of made-up names does not grow this without end
                self.counts = {k: c for k, c in self.counts.items() if c.until > now}
            for key in (("name", name), ("client", client)):
                c = self.counts.setdefault(key, _Count())
                c.failures += 1
                if c.failures > FREE:
                    c.until = now + min(MAX_LOCK, 2 ** (c.failures - FREE - 1))

    def succeeded(self, name: str, client: str = "") -> None:
        """A right password: the name's count is cleared, and the failure counted for this attempt
        in advance is taken back from the client's."""
        with self.lock:
            self.counts.pop(("name", name), None)
            c = self.counts.get(("client", client))
            if c is not None and c.failures > 0:
                c.failures -= 1
                c.until = 0.0  # the lock that attempt started in advance (other names keep theirs)
