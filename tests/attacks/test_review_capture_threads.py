"""What captures on one worker's threads share: a lookup of one host must not wait on another's."""

import socket
import threading

import pytest

from sources.fetching.errors import FetchError
from sources.fetching.policy import Exemptions, check_target

CAPTURE_THREADS = 16  # a capture worker's threads (Procfile, scripts/launch.py)


@pytest.fixture
def slow_names(monkeypatch):
    """Names under .slow.test take as long as a nameserver that does not answer; others answer at once."""
    answer = threading.Event()
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if str(host).endswith(".slow.test"):
            answer.wait(30)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        if str(host).endswith(".fast.test"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    answer.set()


def test_captures_of_hosts_with_slow_nameservers_do_not_hold_up_the_lookups_of_the_others(slow_names):
    """Most of a worker's threads capture pages of hosts whose nameserver does not answer; a capture
    of a host that answers at once still gets its address at once."""
    exempt = Exemptions.parse(["a.fast.test:80"])

    def look_up_slow(n):
        with pytest.raises(FetchError):
            check_target(f"http://h{n}.slow.test/", exemptions=exempt, dns_timeout=20)

    stuck = [threading.Thread(target=look_up_slow, args=(n,), daemon=True) for n in range(CAPTURE_THREADS - 1)]
    for thread in stuck:
        thread.start()
    target = check_target("http://a.fast.test/", exemptions=exempt, dns_timeout=2)
    assert target.address == "127.0.0.1"
