"""Progress as a person sees it: a bar redrawn in place on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from deedgraph.progress import Progress, duration


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_durations_read_as_a_clock_does() -> None:
    assert [duration(s) for s in (0, 7.4, 754, 3723)] == ["0:00", "0:07", "12:34", "1:02:03"]


def test_a_terminal_gets_one_bar_redrawn_in_place_with_rate_and_time_left() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress("rows", out, tty=True, clock=clock)
    show(25_000, 100_000, 10.0)
    clock.now = 1.0
    show(50_000, 100_000, 20.0)
    screen = out.getvalue()
    assert "\n" not in screen  # redrawn with \r, never scrolled
    draws = screen.split("\r")[1:]
    assert draws[0].startswith("  [######------------------]  25%  25,000/100,000 rows")
    assert "2,500 rows/s  0:30 left" in draws[0]
    assert draws[1].startswith("  [############------------]  50%  50,000/100,000 rows")
    assert "2,500 rows/s  0:20 left" in draws[1]
    assert all(draw.endswith("\x1b[K") for draw in draws)  # a shorter bar clears the longer


def test_a_terminal_bar_is_redrawn_at_most_ten_times_a_second() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress("rows", out, tty=True, clock=clock)
    for done in range(1, 101):
        clock.now = done * 0.01  # a hundred reports within one second
        show(done, 100, done * 0.01)
    assert 9 <= out.getvalue().count("\r") <= 11


def test_closing_draws_the_last_count_and_ends_the_line() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress("rows", out, tty=True, clock=clock)
    show(10, 100, 1.0)
    show(99, 100, 2.0)  # within the redraw interval: not drawn yet
    show.close()
    last = out.getvalue().split("\r")[-1]
    assert "99/100 rows" in last and last.endswith("\n")
    show.close()  # twice is harmless
    assert out.getvalue().count("\n") == 1


def test_a_step_between_reports_gets_its_own_line_below_the_bar() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress("rows", out, tty=True, clock=clock)
    show(100, 100, 2.0)
    show.say("stopping Neo4j for the offline import")
    assert out.getvalue().endswith("done\x1b[K\n  stopping Neo4j for the offline import\n")


def test_elsewhere_a_plain_line_every_five_seconds_and_the_last_one() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress("rows", out, tty=False, clock=clock)
    for second in range(12):
        clock.now = float(second)
        show(1000 * (second + 1), 20_000, float(second + 1))
    show.close()
    lines = out.getvalue().splitlines()
    assert lines == [
        "progress: 1,000/20,000 rows (5%), 1,000 rows/s, 0:01 elapsed, 0:19 left",
        "progress: 6,000/20,000 rows (30%), 1,000 rows/s, 0:06 elapsed, 0:14 left",
        "progress: 11,000/20,000 rows (55%), 1,000 rows/s, 0:11 elapsed, 0:09 left",
        "progress: 12,000/20,000 rows (60%), 1,000 rows/s, 0:12 elapsed, 0:08 left",
    ]
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_a_count_past_its_estimate_is_done_not_negative() -> None:
    out = io.StringIO()
    Progress("rows", out, tty=False)(120, 100, 1.0)
    assert out.getvalue() == "progress: 120/100 rows (100%), 120 rows/s, 0:01 elapsed, done\n"


def test_whether_it_draws_a_bar_follows_the_stream() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert Progress("rows", Terminal()).tty
    assert not Progress("rows", io.StringIO()).tty
