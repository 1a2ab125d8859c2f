"""Registrations through the app's wiring obey the freeze rules; a refusal is audited."""

from datetime import date

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.errors import UserFacingError
from workstation.storage import settings
from workstation.storage.schema import AuditEvent, Person
from workstation.sync import freeze
from workstation.wiring import open_desk


def _doc(number):
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=number, name="冻结测试", sex=Sex.FEMALE,
                            birth_date=date(1949, 12, 31))


def test_frozen_registration_is_refused_explained_and_audited(st):
    officer = st.actor(Role.OFFICER)
    sv = open_desk(st.db, officer)
    sv.residents.register(_doc("11010519491231002X"))
    with st.db.write() as s:
        settings.set(s, freeze.COUNT_KEY, 1)  # the platform's limit: at most 1 unsynced change
    with pytest.raises(UserFacingError) as err:
        sv.residents.register(_doc("440524188001010014").with_changes(sex=Sex.MALE, birth_date=date(1880, 1, 1)))
    assert "blocked" in err.value.message and err.value.hint
    with st.db.read() as s:
        assert s.execute(select(Person).where(Person.name == "冻结测试")).scalars().all().__len__() == 1
        blocked = s.execute(select(AuditEvent).where(AuditEvent.action == "registration.blocked")).scalars().all()
    assert len(blocked) == 1 and blocked[0].outcome == "refused" and blocked[0].actor == officer.username
    sup = st.actor(Role.SUPERVISOR)
    freeze.override(st.db, sup, reason="platform outage")
    sv.residents.register(_doc("440524188001010014").with_changes(sex=Sex.MALE, birth_date=date(1880, 1, 1)))
