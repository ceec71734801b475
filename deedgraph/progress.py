"""How a long import shows its progress: on a terminal, one bar redrawn in place with the
rate and the time left; anywhere else (a log file, CI, a pipe), a plain line every few
seconds that reads on its own.

graph/ reports progress through a callback, (done, total, seconds since the start); this
module only draws it. `total` may be an upper bound (ACLED counts lines, and a quoted line
break makes a row of two), so a bar can stop short of 100 %: `close` says the last count.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1  # a terminal redraw costs a write; 10 a second reads as smooth
LINE_SECONDS = 5.0  # a plain line per 5 s: a million-row import (~4 min) logs ~50 lines


def duration(seconds: float) -> str:
    """0:07, 12:34, 1:02:03."""
    whole = max(round(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """A progress callback: `Progress("rows")(done, total, seconds)`; `close()` at the end."""

    def __init__(
        self,
        unit: str,
        stream: TextIO | None = None,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock = clock
        self.last: tuple[int, int, float] | None = None  # the latest report
        self.shown_at: float | None = None  # when something was last drawn or written
        self.shown: tuple[int, int, float] | None = None  # what was
        self.bar_open = False  # a bar is on the terminal's current line

    def __call__(self, done: int, total: int, seconds: float) -> None:
        self.last = (done, total, seconds)
        now = self.clock()
        wait = REDRAW_SECONDS if self.tty else LINE_SECONDS
        if self.shown_at is not None and now - self.shown_at < wait:
            return
        self.show(now)

    def show(self, now: float) -> None:
        assert self.last is not None
        self.shown_at, self.shown = now, self.last
        if self.tty:
            self.stream.write("\r" + self.bar(*self.last) + "\x1b[K")  # clear what was longer
            self.bar_open = True
        else:
            self.stream.write("progress: " + self.line(*self.last) + "\n")
        self.stream.flush()

    def say(self, message: str) -> None:
        """A step between reports ("stopping Neo4j"): on its own line, the bar left above it."""
        self.end_bar()
        self.stream.write(f"  {message}\n")
        self.stream.flush()

    def close(self) -> None:
        """Show the last report, if it was not, and end the bar's line."""
        if self.last is not None and self.last != self.shown:
            self.show(self.clock())
        self.end_bar()

    def end_bar(self) -> None:
        if self.bar_open:
            self.stream.write("\n")
            self.bar_open = False

    def rate(self, done: int, seconds: float) -> float:
        return done / seconds if seconds > 0 else 0.0

    def left(self, done: int, total: int, seconds: float) -> str:
        rate = self.rate(done, seconds)
        if done >= total:
            return "done"
        if rate <= 0:
            return "time left unknown"
        return f"{duration((total - done) / rate)} left"

    def line(self, done: int, total: int, seconds: float) -> str:
        """12,000/100,000 rows (12%), 3,456 rows/s, 0:23 elapsed, 0:25 left"""
        share = f" ({min(done / total, 1.0):.0%})" if total else ""
        return (
            f"{done:,}/{total:,} {self.unit}{share}, {self.rate(done, seconds):,.0f} "
            f"{self.unit}/s, {duration(seconds)} elapsed, {self.left(done, total, seconds)}"
        )

    def bar(self, done: int, total: int, seconds: float) -> str:
        """[#########---------------]  37%  37,000/100,000 rows  3,456 rows/s  0:18 left"""
        share = min(done / total, 1.0) if total else 0.0
        filled = int(share * BAR_WIDTH)
        drawn = "#" * filled + "-" * (BAR_WIDTH - filled)
        return (
            f"  [{drawn}] {share:4.0%}  {done:,}/{total:,} {self.unit}  "
            f"{self.rate(done, seconds):,.0f} {self.unit}/s  {self.left(done, total, seconds)}"
        )
