"""The background helper and the single writer: progress, results, cancel, errors as clear messages."""

from __future__ import annotations

import threading
import time

import pytest

from asri_desktop.core.errors import RefusedError
from asri_desktop.ui import errors, tasks


def test_task_reports_progress_and_result_on_the_gui_thread(styled_app, qtbot):
    seen, threads = [], []

    def job(progress, cancelled):
        threads.append(threading.current_thread())
        for i in range(4):
            progress(i / 4, f"langkah {i}")
        return 42

    got = []
    handle = tasks.run_task(job, on_done=lambda r: got.append((r, threading.current_thread())),
                            on_progress=lambda f, m: seen.append((f, m)))
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert got[0][0] == 42 and handle.result == 42
    assert got[0][1] is threading.main_thread(), "callbacks run on the GUI thread"
    assert threads[0] is not threading.main_thread(), "the job runs in the background"
    assert seen[0] == (0.0, "langkah 0") and len(seen) == 4


def test_task_with_archive_gets_its_own_connection(archive, styled_app, qtbot):
    handle = tasks.run_task(lambda arch, progress, cancelled: arch.verify_log().ok, home=archive.home)
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert handle.result is True


def test_task_cancel(styled_app, qtbot):
    started = threading.Event()

    def job(progress, cancelled):
        started.set()
        while True:
            tasks.check(cancelled)
            time.sleep(0.005)

    cancelled = []
    handle = tasks.run_task(job, on_cancelled=lambda: cancelled.append(True))
    started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert cancelled == [True] and handle.error is None


def test_core_error_becomes_a_clear_message_box(styled_app, qtbot):
    def job(progress, cancelled):
        raise RefusedError("Prinsip empat mata: Anda tidak boleh memutuskan versi yang Anda buat sendiri.",
                           rule="four_eyes")

    handle = tasks.run_task(job)
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    boxes = errors.open_boxes()
    assert boxes and boxes[-1].text().startswith("Prinsip empat mata")
    assert boxes[-1].detailedText() == ""
    for b in boxes:
        b.close()


def test_unexpected_error_is_short_with_details_behind_a_button(styled_app, qtbot):
    def job(progress, cancelled):
        return {}["kunci"]

    handle = tasks.run_task(job)
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    box = errors.open_boxes()[-1]
    assert box.text().startswith("Terjadi kesalahan tak terduga")
    assert "Traceback" not in box.text() and "Traceback" in box.detailedText()
    assert box.windowTitle() == "Kesalahan tak terduga"
    box.close()


def test_writer_runs_writes_in_order_and_announces_topics(team, writer, qtbot, wait_writer):
    announced, order = [], []
    writer.changed.connect(lambda topics: announced.append(set(topics)))
    main = threading.current_thread()
    for i in range(3):
        writer.submit(lambda arch, i=i: (order.append(threading.current_thread() is not main),
                                         arch.set_setting("agency", {**arch.setting("agency"), "phone": f"0717-{i}0000"},
                                                          "Adi")),
                      {"settings", "log"})
    wait_writer(writer)
    assert order == [True, True, True]
    assert announced == [{"settings", "log"}] * 3
    assert team.setting("agency")["phone"] == "0717-20000"


def test_writer_error_is_shown_and_nothing_is_announced(team, writer, qtbot, wait_writer):
    announced = []
    writer.changed.connect(lambda topics: announced.append(topics))
    writer.submit(lambda arch: arch.add_member("", ["desainer"]), {"members"})
    wait_writer(writer)
    assert announced == []
    assert any("tidak boleh kosong" in b.text() for b in errors.open_boxes())
    got = []
    writer.submit(lambda arch: arch.member("Tidak Ada"), {"members"}, on_error=got.append)
    wait_writer(writer)
    assert "tidak dikenal" in str(got[0])
    with pytest.raises(ValueError):
        writer.submit(lambda arch: None, {"nonsense"})


def test_many_signal_emits_do_not_crash_the_interpreter():
    """PySide6 6.12 drops a reference to True per emit; importing the UI package guards against it."""
    import subprocess
    import sys

    code = (
        "import asri_desktop.ui\n"
        "from PySide6.QtCore import QObject, Signal, QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "class B(QObject):\n"
        "    s = Signal(object)\n"
        "b = B(); b.s.connect(lambda v: None)\n"
        "for i in range(60000):\n"
        "    b.s.emit(None)\n"
        "print('ok')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-500:]


def test_writer_starts_its_thread_with_the_first_write_and_closes_without_one(archive, styled_app, qtbot):
    """A session that only reads never starts the writer's thread; the first write starts it."""
    from asri_desktop.ui.writer import Writer

    def writer_threads() -> int:
        return sum(t.name == "asri-writer" for t in threading.enumerate())

    before = writer_threads()  # other tests' writers may still be winding down
    idle = Writer(archive.home)
    assert writer_threads() == before
    idle.close()  # nothing was started, nothing to wait for
    writer = Writer(archive.home)
    try:
        assert writer_threads() == before
        done = []
        writer.submit(lambda arch: arch.add_member("Fajar", ["editor"]), {"members", "log"}, on_done=done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=10000)
        assert writer_threads() == before + 1
        assert archive.member("Fajar").roles == ("editor",)
    finally:
        writer.close()
    assert writer_threads() == before
