"""The agency's own details: its phone number and logo, which the stamps need.

A new archive holds the agency's number as a placeholder (``resources/defaults/
bangka.toml``); every post that would carry it is refused until a person sets the
real number here. The first-start dialog, Pengaturan and ``asri settings`` all
come through these functions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from asri_desktop.core.errors import InputError

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-.]{3,18}[0-9]$")


def validate_phone(phone: str, placeholder: str = "") -> str:
    """The cleaned phone number, or an :class:`InputError` naming what is wrong."""
    phone = (phone or "").strip()
    if placeholder and phone == placeholder:
        raise InputError(f"Nomor '{phone}' masih nomor contoh; tulis nomor BPBD yang sebenarnya.")
    if not PHONE_RE.match(phone) or "x" in phone.lower():
        raise InputError(
            f"Nomor telepon '{phone}' tidak valid: tulis angka, spasi atau tanda hubung, 5 sampai 20 karakter."
        )
    return phone


def store_logo(arch: Any, logo: Path) -> str:
    """Check that ``logo`` is a readable image and put it in the archive store; returns its sha."""
    from PIL import Image, UnidentifiedImageError

    logo = Path(logo)
    if not logo.is_file():
        raise InputError(f"Berkas logo tidak ditemukan: {logo}")
    try:
        with Image.open(logo) as im:
            im.verify()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise InputError(f"Berkas logo '{logo.name}' bukan gambar yang dapat dibaca (gunakan PNG atau JPEG).") from None
    sha, _size = arch.store.put_file(logo)
    return sha


def set_agency(arch: Any, actor: str, *, phone: str | None = None, logo: Path | None = None) -> dict[str, Any]:
    """Set the agency's phone (also the ``bpbd`` emergency contact) and/or logo, in one transaction.

    The stored logo file goes into the content store first (an unreferenced blob is
    harmless), then the settings change with its decision-log entries.
    """
    agency = dict(arch.setting("agency", {}))
    if phone is not None:
        phone = validate_phone(phone, agency.get("phone_placeholder", ""))
    sha = store_logo(arch, logo) if logo is not None else None
    with arch.write():
        if phone is not None:
            agency["phone"] = phone
        if sha:
            agency["logo"] = sha
            agency["logo_name"] = Path(logo).name  # type: ignore[arg-type]
        arch.set_setting("agency", agency, actor, comment="Telepon/logo instansi diubah")
        if phone is not None:
            contacts = [dict(c) for c in arch.setting("contacts", [])]
            for c in contacts:
                if c.get("id") == "bpbd":
                    c["number"] = phone
                    c.pop("placeholder", None)
                    break
            else:
                contacts.append({"id": "bpbd", "label": agency.get("name", "BPBD"), "number": phone})
            arch.set_setting("contacts", contacts, actor, comment="Nomor BPBD diubah")
    return agency
