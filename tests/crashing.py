"""A worker function for the batch tests: it kills its own process on documents named *crash*.

A real worker dies like this when the system kills it for memory or a library crashes.
"""

import os

from yusuan.batch.work import process


def process_or_die(name: str, data: bytes, serialise: bool = True):
    if "crash" in name:
        os._exit(1)
    return process(name, data, serialise)
