"""Enumerations shared by the whole product. Values are stable strings stored in the database and synced."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    OFFICER = "officer"
    ASSISTANT = "assistant"


class DocumentType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证 (card type 'J')
    FOREIGNER_PR_2017 = "foreigner_pr_2017"  # 外国人永久居留身份证 2017 ('I')
    FOREIGNER_PR_2023 = "foreigner_pr_2023"  # 外国人永久居留身份证 2023 ('Y')
    PASSPORT = "passport"
    OTHER = "other"


class DocumentValidity(StrEnum):
    """A document's validity period against a day (see `documents.document_validity`)."""

    VALID = "valid"
    EXPIRED = "expired"  # 已过期: the end date has passed
    NOT_YET_VALID = "not_yet_valid"  # 尚未生效: the start date is in the future
    UNKNOWN = "unknown"  # no dates on the document (or typed without them)


class Sex(StrEnum):
    """GB/T 2261.1 codes."""

    UNKNOWN = "0"
    MALE = "1"
    FEMALE = "2"
    UNSPECIFIED = "9"


class VisaType(StrEnum):
    """The visa or permit a foreign guest stays on (出入境管理法; 外国人入境出境管理条例 art. 6 lists
    the visa categories). Stored as the value; the desk shows the category's name beside its letter."""

    C = "C"  # 乘务: crew
    D = "D"  # 定居: permanent residence
    F = "F"  # 交流、访问、考察: exchanges, visits
    G = "G"  # 过境: transit
    J1 = "J1"  # 常驻记者: resident journalist
    J2 = "J2"  # 临时采访记者: journalist on a short assignment
    L = "L"  # 旅游: tourism
    M = "M"  # 商贸: business and trade
    Q1 = "Q1"  # 家庭团聚 (居留): family reunion, long stay
    Q2 = "Q2"  # 探亲 (短期): visiting relatives, short stay
    R = "R"  # 高层次人才: talent
    S1 = "S1"  # 私人事务 (居留): family of a resident foreigner, long stay
    S2 = "S2"  # 私人事务 (短期): private affairs, short stay
    X1 = "X1"  # 学习 (长期): study, long term
    X2 = "X2"  # 学习 (短期): study, short term
    Z = "Z"  # 工作: work
    RESIDENCE_PERMIT = "residence_permit"  # 外国人居留许可
    STAY_PERMIT = "stay_permit"  # 外国人停留证件
    VISA_FREE = "visa_free"  # 免签入境 (visa-free or transit-without-visa entry): no visa number

    @property
    def has_number(self) -> bool:
        """A visa or permit is numbered; a visa-free entry has no number to record."""
        return self is not VisaType.VISA_FREE


class PropertyKind(StrEnum):
    APARTMENT = "apartment"
    HOUSE = "house"  # 自建房
    DORMITORY = "dormitory"
    SHOP_RESIDENCE = "shop_residence"  # 商住
    OTHER = "other"


class TenancyRelation(StrEnum):
    TENANT = "tenant"
    OWNER = "owner"
    FAMILY = "family"
    EMPLOYEE_DORM = "employee_dorm"
    OTHER = "other"


class TenancySource(StrEnum):
    LANDLORD_DECLARATION = "landlord_declaration"
    ASSISTANT = "assistant"
    OFFICER = "officer"


class SpotCheckResult(StrEnum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_FOUND = "not_found"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class TaskKind(StrEnum):
    VERIFY_PERSON = "verify_person"
    REVISIT_PROPERTY = "revisit_property"
    CONFIRM_PREREGISTRATION = "confirm_preregistration"
    OTHER = "other"


class Operation(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class FingerprintSkipReason(StrEnum):
    """Why a registration went without a fingerprint (the fixed list the desk offers; audited as the code)."""

    FINGER_INJURED = "finger_injured"  # 手指受伤或缺失
    NO_USABLE_FINGER = "no_usable_finger"  # worn or damaged ridges: no finger gives a readable print
    DEVICE_UNAVAILABLE = "device_unavailable"  # the scanner is missing or out of order
    TOO_YOUNG = "too_young"  # a child under the age for fingerprints
    REFUSED = "refused"  # the person refused
    OTHER = "other"  # another reason, written out


class FingerPosition(IntEnum):
    """ISO/IEC 19794-2 / ANSI-NIST finger position codes."""

    UNKNOWN = 0
    RIGHT_THUMB = 1
    RIGHT_INDEX = 2
    RIGHT_MIDDLE = 3
    RIGHT_RING = 4
    RIGHT_LITTLE = 5
    LEFT_THUMB = 6
    LEFT_INDEX = 7
    LEFT_MIDDLE = 8
    LEFT_RING = 9
    LEFT_LITTLE = 10

    @classmethod
    def from_chinese_code(cls, code: int) -> FingerPosition:
        """Map the resident ID card's finger codes (11–20, 97–99) to ISO positions."""
        if 11 <= code <= 20:
            return cls(code - 10)
        return cls.UNKNOWN
