"""Encryption at rest: a random data key, wrapped by a passphrase key and by a recovery key.

- The passphrase key comes from Argon2id (RFC 9106's second recommended setting: 3 passes,
  4 lanes, 64 MiB) with a random salt; the parameters are stored so they can be raised later.
- The recovery key is 160 random bits, shown once as eight groups of four letters/digits; its
  wrapping key comes from HKDF-SHA256.
- The data key seals every entry with AES-256-GCM, a random 96-bit nonce, and the journal's id
  plus the row's place as associated data, so rows cannot be swapped or moved between journals.
- What the journal keeps beside its entries (the last answer of *Where am I?*, so the next one
  carries on from it) is sealed the same way, bound to its name.
- Before sealing, each payload is padded with spaces (JSON ignores them) to a size bucket: 512
  bytes, then each next power of two. A row's length tells only its bucket, not how long its
  note is. Rows written before padding still open.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import InputError

KDF_DEFAULTS = {"name": "argon2id", "iterations": 3, "lanes": 4, "memory_kib": 65536}
NONCE = 12
SMALLEST_BUCKET = 512


def padded(text: bytes) -> bytes:
    """``text`` followed by spaces up to its size bucket: :data:`SMALLEST_BUCKET` bytes, or
    the next power of two above that."""
    size = max(SMALLEST_BUCKET, 1 << (len(text) - 1).bit_length())
    return text + b" " * (size - len(text))


def new_salt() -> str:
    """16 random bytes, base64 (stored in the journal, not secret)."""
    return base64.b64encode(os.urandom(16)).decode()


def new_kdf() -> dict:
    """Fresh Argon2id parameters with a random salt."""
    return {**KDF_DEFAULTS, "salt": new_salt()}


def _check_passphrase(passphrase: str) -> bytes:
    if not passphrase:
        raise InputError("passphrase: empty; allowed: at least one character")
    return unicodedata.normalize("NFC", passphrase).encode()


def passphrase_key(passphrase: str, kdf: dict) -> bytes:
    """Derive the 256-bit key that wraps the data key from ``passphrase``."""
    return Argon2id(salt=base64.b64decode(kdf["salt"]), length=32,
                    iterations=kdf["iterations"], lanes=kdf["lanes"],
                    memory_cost=kdf["memory_kib"]).derive(_check_passphrase(passphrase))


def new_recovery_key() -> str:
    """A printable recovery key: 160 random bits as ``XXXX-XXXX-...`` (eight groups)."""
    text = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def recovery_key(recovery: str, salt: str) -> bytes:
    """Derive the 256-bit key that wraps the data key from a recovery key as printed."""
    text = "".join(ch for ch in recovery.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(text, casefold=True)
        if len(raw) != 20:
            raise ValueError
    except ValueError:
        raise InputError("recovery key: not in the printed form; allowed: eight groups of four "
                         "letters and digits, e.g. ABCD-EFGH-...") from None
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=base64.b64decode(salt),
                info=b"twinflames journal recovery").derive(raw)


def wrap(wrapping_key: bytes, data_key: bytes, label: bytes) -> bytes:
    """Encrypt ``data_key`` under ``wrapping_key`` (nonce + ciphertext)."""
    nonce = os.urandom(NONCE)
    return nonce + AESGCM(wrapping_key).encrypt(nonce, data_key, label)


def unwrap(wrapping_key: bytes, blob: bytes, label: bytes, what: str) -> bytes:
    """Decrypt a wrapped data key; a wrong key raises one plain :class:`InputError`."""
    try:
        return AESGCM(wrapping_key).decrypt(blob[:NONCE], blob[NONCE:], label)
    except InvalidTag:
        raise InputError(f"{what}: wrong {what} (it does not open this journal); nothing was "
                         "changed") from None


class Sealer:
    """Seals and opens entry payloads with the journal's data key."""

    def __init__(self, data_key: bytes, journal_id: str):
        self.data_key = data_key
        self.journal_id = journal_id
        self._aead = AESGCM(data_key)

    def _ad(self, place: str) -> bytes:
        return self.journal_id.encode() + b"/" + place.encode()

    def seal(self, payload: dict, place: str) -> bytes:
        """Encrypt one row's payload; ``place`` binds it to its row."""
        nonce = os.urandom(NONCE)
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return nonce + self._aead.encrypt(nonce, padded(text), self._ad(place))

    def seal_bytes(self, data: bytes, place: str) -> bytes:
        """Encrypt bytes kept beside the entries (not padded); ``place`` binds them."""
        nonce = os.urandom(NONCE)
        return nonce + self._aead.encrypt(nonce, data, self._ad(place))

    def open_bytes(self, blob: bytes, place: str) -> bytes | None:
        """Decrypt what :meth:`seal_bytes` made; None if it was tampered with or moved."""
        try:
            return self._aead.decrypt(blob[:NONCE], blob[NONCE:], self._ad(place))
        except (InvalidTag, ValueError):
            return None

    def open(self, blob: bytes, place: str) -> dict:
        """Decrypt one row's payload; a tampered or moved row raises :class:`InputError`."""
        try:
            return json.loads(self._aead.decrypt(blob[:NONCE], blob[NONCE:], self._ad(place)))
        except InvalidTag:
            raise InputError(f"journal: row {place} is damaged or was moved; restore a "
                             "backup") from None
