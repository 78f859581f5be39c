"""A page's rereads get time of their own: a busy machine must not change what a scan reads as."""

from __future__ import annotations

import time

from pipeline.readers.ocr import pages


def test_a_reread_after_a_slow_main_run_still_gets_half_the_page_time() -> None:
    # the main run of a page took 59.5 of its 60 s (a loaded machine): the reread is not starved to a second
    assert pages._reread_timeout(60.0, time.monotonic() - 59.5) == 30.0


def test_a_reread_after_a_quick_main_run_gets_what_is_left() -> None:
    left = pages._reread_timeout(60.0, time.monotonic() - 5.0)
    assert 54.0 < left <= 55.0
