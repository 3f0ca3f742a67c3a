"""The heavy share (web.admission.HeavyShare): while other readers are being served, heavy requests run for at
most HEAVY_SHARE of the last 10 seconds, and wait for it (then 503) rather than being refused at once."""

import time

import pytest

from web.admission import Admission, Busy, HeavyShare


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_past_its_share_a_heavy_request_waits_while_others_are_served():
    clock = Clock()
    share = HeavyShare(0.3, window=10, clock=clock)
    for _ in range(3):
        share.enter()  # a reader arriving
        share.enter(), share.enter("heavy")  # and this heavy request
        token = share.start()
        assert token is not None
        clock.now += 1.0  # ran one second
        share.end(token)
    share.enter(), share.enter(), share.enter("heavy")
    assert share.busy(clock.now) == pytest.approx(3.0) and share.start() is None  # 3 s of the last 10: spent
    clock.now += 8.5  # the first run leaves the window
    share.enter()
    share.enter(), share.enter("heavy")  # a reader, and this heavy request: still contended
    assert share.busy(clock.now) == pytest.approx(1.5) and share.start() is not None


def test_alone_heavy_requests_run_whatever_the_share():
    # One researcher's exports at night, back to back: nobody else to protect.
    clock = Clock()
    share = HeavyShare(0.3, window=10, clock=clock)
    for _ in range(6):
        share.enter(), share.enter("heavy")  # only this request, and it is heavy
        token = share.start()
        assert token is not None
        clock.now += 1.5
        share.end(token)
    assert share.busy(clock.now) > 3.0
    share.enter()  # a reader arrives: now the share holds
    share.enter(), share.enter("heavy")
    assert share.start() is None


def test_a_running_request_counts_towards_the_share():
    clock = Clock()
    share = HeavyShare(0.3, window=10, clock=clock)
    share.enter(), share.enter()
    assert share.start() is not None
    clock.now += 0.5
    share.enter(), share.enter()
    assert share.start() is not None  # 0.5 s used so far
    clock.now += 2.6  # both still running: 3.1 + 2.6 = 5.7 s
    share.enter(), share.enter()
    assert share.start() is None


def test_admission_waits_for_the_share_then_refuses_and_frees_its_slot():
    gate = Admission(slots=1, wait=0.2, heavy_cost=6, share=0.3)
    gate.share.busy = lambda now: 10.0  # spent, and stays spent
    gate.share._contended = lambda now: True  # others are being served (whatever the machine's pauses)
    started = time.monotonic()
    with pytest.raises(Busy):
        with gate.admit(10):
            pass
    assert time.monotonic() - started >= 0.2  # it waited for the share instead of answering at once
    assert gate.slots.acquire(timeout=0)  # the slot it held while waiting is free again
    gate.slots.release()
    with gate.admit(1):  # a cheap request never waits for any of it
        pass
