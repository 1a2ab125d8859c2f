"""Fingerprints (biometrics). Reached as `desk.biometrics`.

Templates (and images, when the station allows keeping them) are sealed with AES-GCM under the
`fingerprint-templates` subkey, bound to the person's id (GB/T 35273: biometrics apart from identity
data). A resident's record lists enrolled fingers as position + quality only; the template leaves
storage only through `template()`, which is audited.

    add(person_id, *, position: FingerPosition, template: bytes, quality: int, device=None, image=None) -> Changes
    template(fingerprint_id: str) -> bytes
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from workstation.domain.enums import FingerPosition
from workstation.domain.permissions import Permission
from workstation.domain.validation import Problems
from workstation.errors import Problem
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import settings
from workstation.storage.areas.base import Area, Changes, raise_problems
from workstation.storage.schema import Fingerprint, Person


class Biometrics(Area):
    """Fingerprint enrolment records. See the module docstring."""

    def add(
        self,
        person_id: str,
        *,
        position: FingerPosition,
        template: bytes,
        quality: int,
        device: str | None = None,
        image: bytes | None = None,
    ) -> Changes:
        """Store an enrolled finger (ISO finger position, template, quality 0–100). `changes.id` is its id.

        Raises:
            PermissionDenied: the role may not capture fingerprints.
            ValidationError: no template; quality outside 0–100.
            NotFound: the resident was deleted.
        """
        self._require(Permission.CAPTURE_FINGERPRINT)
        problems: Problems = []
        if not template:
            problems.append(Problem("template", "invalid", QT_TRANSLATE_NOOP("storage", "no template was captured")))
        if not 0 <= quality <= 100:
            problems.append(Problem("quality", "invalid", QT_TRANSLATE_NOOP("storage", "quality must be 0–100")))
        raise_problems(problems)
        with self._write() as tx:
            tx.load(Person, person_id)
            keep_image = bool(settings.get(tx.session, "store_fingerprint_images"))
            tx.create(
                Fingerprint(
                    person_id=person_id,
                    position=int(FingerPosition(position)),
                    template_enc=self._seal(template, person_id),
                    quality=quality,
                    device=device,
                    image_enc=self._seal(image, person_id) if (image and keep_image) else None,
                ),
                details=f"finger {int(position)} quality {quality}",
            )
            return tx.changes

    def template(self, fingerprint_id: str) -> bytes:
        """The decrypted template of an enrolled finger (for matching). Audited.

        Raises:
            PermissionDenied: the role may not capture fingerprints.
            NotFound: no such fingerprint (or deleted).
        """
        self._require(Permission.CAPTURE_FINGERPRINT)
        with self._write() as tx:
            fp = tx.load(Fingerprint, fingerprint_id)
            tx.audit("fingerprint.read", target_type="person", target_id=fp.person_id)
            blob = fp.template_enc
            return AESGCM(self.db.subkey("fingerprint-templates")).decrypt(blob[:12], blob[12:], fp.person_id.encode())

    def _seal(self, data: bytes, person_id: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + AESGCM(self.db.subkey("fingerprint-templates")).encrypt(nonce, data, person_id.encode())
