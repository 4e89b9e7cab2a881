"""glibc's malloc settings for the long-lived worker processes (`mallopt`); on a C library that is
not glibc, nothing is changed."""

import contextlib
import ctypes

M_MMAP_THRESHOLD = -3  # mallopt() parameters, as glibc's malloc.h numbers them
M_ARENA_MAX = -8


def mallopt(parameter: int, value: int | str) -> None:
    """Set one of glibc's malloc parameters in this process (a value that is not a number is ignored)."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        ctypes.CDLL("libc.so.6").mallopt(parameter, int(value))
