"""Blocking calls refuse the thread the app marked as its GUI thread (issue 8 item 6)."""

import threading

import pytest

from workstation.devices.manager import DeviceManager, ManagerConfig
from workstation.devices.manager.status import DeviceNotConnected
from workstation.domain.enums import Role
from workstation.threads import OnGuiThread, is_gui_thread, mark_gui_thread, unmark_gui_thread
from workstation.wiring import open_desk


def _on_worker(fn):
    box = {}

    def run():
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed back to the test thread
            box["error"] = exc

    t = threading.Thread(target=run, name="test-worker")
    t.start()
    t.join(30)
    return box


@pytest.fixture
def st(tmp_path):
    from helpers import make_station

    s = make_station(tmp_path / "station")
    yield s
    s.db.close()


@pytest.fixture
def gui_thread():
    mark_gui_thread()
    yield
    unmark_gui_thread()


def test_database_write_refuses_the_gui_thread(st, gui_thread):
    assert is_gui_thread()
    with pytest.raises(OnGuiThread, match=r"Database\.write\(\)"), st.db.write():
        pass
    officer = st.actor  # creating an operator writes: do it on a worker
    box = _on_worker(lambda: officer(Role.OFFICER))
    assert "error" not in box
    desk = open_desk(st.db, box["result"])
    with pytest.raises(OnGuiThread):  # an audited read writes its audit row
        desk.residents.find("张")
    assert "error" not in _on_worker(lambda: desk.residents.find("张"))
    with st.db.read() as s:  # a plain read is allowed
        assert s is not None


def test_device_manager_call_refuses_the_gui_thread(tmp_path, gui_thread):
    m = DeviceManager(ManagerConfig(assignments_path=tmp_path / "assignments.json"), lister=list)
    try:
        with pytest.raises(OnGuiThread, match=r"DeviceManager\.call\(\)"):
            m.call("idcard", lambda reader: reader.read_card(), timeout=1)
        with pytest.raises(OnGuiThread):
            m.wait_discovered(0)
        box = _on_worker(lambda: m.call("idcard", lambda reader: reader.read_card(), timeout=1))
        assert isinstance(box.get("error"), DeviceNotConnected)  # off the GUI thread the call goes ahead
    finally:
        m.shutdown()


def test_nothing_is_marked_unless_the_app_marks_it(st):
    assert not is_gui_thread()
    with st.db.write():
        pass
