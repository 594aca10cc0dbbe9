"""Comment moderation: comments handled per post, by category, with their response time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import times, vocab
from asri_desktop.core.plan.publications import get_publication


@dataclass(frozen=True)
class Comment:
    """A comment on a published post and how it was handled."""

    id: int
    publication_id: int
    received_at: str
    author: str
    text: str
    category: str
    handled_at: str | None
    handled_by: str | None
    response: str

    @property
    def response_minutes(self) -> float | None:
        """Minutes from receipt to handling; None while open."""
        if not self.handled_at:
            return None
        return (times.from_iso(self.handled_at) - times.from_iso(self.received_at)).total_seconds() / 60

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["response_minutes"] = self.response_minutes
        return d


def categories() -> dict[str, str]:
    return dict(vocab.plan_config()["comment_categories"])


def category(value: str) -> str:
    table = categories()
    key = str(value or "").strip().casefold()
    for k, label in table.items():
        if key in (k, label.casefold()):
            return k
    raise InputError(f"Kategori komentar '{value}' tidak dikenal. Pilihan: {', '.join(f'{k} ({v})' for k, v in table.items())}.")


_SELECT = (
    "SELECT c.id, c.publication_id, c.received_at, c.author, c.text, c.category, c.handled_at, m.name, c.response"
    " FROM comments c LEFT JOIN members m ON m.id = c.handled_by"
)


def get_comment(arch: Any, comment_id: int) -> Comment:
    try:
        cid = int(comment_id)
    except (TypeError, ValueError):
        raise InputError(f"ID komentar tidak valid: '{comment_id}'.") from None
    row = arch.conn.execute(_SELECT + " WHERE c.id = ?", (cid,)).fetchone()
    if not row:
        raise InputError(f"Komentar #{cid} tidak ada di arsip.")
    return Comment(*row)


def list_comments(arch: Any, *, publication_id: int | None = None, category_id: str | None = None,
                  open_only: bool = False) -> list[Comment]:
    where, params = [], []
    if publication_id is not None:
        where.append("c.publication_id = ?")
        params.append(int(publication_id))
    if category_id:
        where.append("c.category = ?")
        params.append(category(category_id))
    if open_only:
        where.append("c.handled_at IS NULL")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.received_at, c.id"
    return [Comment(*r) for r in arch.conn.execute(sql, params).fetchall()]


def record(arch: Any, publication_id: int, *, text: str, category_id: str, received_at: Any, actor: str,
           author: str = "") -> Comment:
    """Log a comment received on a post (``comment.record``)."""
    member = arch.member(actor)
    pub = get_publication(arch, publication_id)
    text = (text or "").strip()
    if not text:
        raise InputError("Isi komentar tidak boleh kosong.")
    cat = category(category_id)
    when = times.parse_time(received_at, "Waktu komentar")
    if times.to_iso(when) < pub.published_at:
        raise InputError("Waktu komentar lebih awal daripada waktu publikasi unggahannya.")
    with arch.write():
        cid = arch.conn.execute(
            "INSERT INTO comments(publication_id, received_at, author, text, category, recorded_by, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (pub.id, times.to_iso(when), (author or "").strip(), text, cat, member.id, times.to_iso(times.utc_now())),
        ).lastrowid
        arch.log(member.name, "comment.record", asset_id=pub.asset_id,
                 comment=f"Komentar #{cid} ({categories()[cat]}) pada publikasi #{pub.id}")
    return get_comment(arch, cid)


def handle(arch: Any, comment_id: int, *, response: str, actor: str, at: Any = None,
           category_id: str | None = None) -> Comment:
    """Mark a comment handled (replied, hidden, forwarded ...), optionally re-categorised (``comment.handle``)."""
    member = arch.member(actor)
    c = get_comment(arch, comment_id)
    if c.handled_at:
        raise InputError(f"Komentar #{c.id} sudah ditangani oleh {c.handled_by}.")
    response = (response or "").strip()
    if not response:
        raise InputError("Tuliskan tanggapan atau tindakan (mis. 'dibalas dengan nomor posko', 'disembunyikan').")
    when = times.parse_time(at, "Waktu tanggapan") if at else times.utc_now()
    if times.to_iso(when) < c.received_at:
        raise InputError("Waktu tanggapan lebih awal daripada waktu komentar diterima.")
    cat = category(category_id) if category_id else c.category
    pub = get_publication(arch, c.publication_id)
    with arch.write():
        arch.conn.execute("UPDATE comments SET handled_at=?, handled_by=?, response=?, category=? WHERE id=?",
                          (times.to_iso(when), member.id, response, cat, c.id))
        arch.log(member.name, "comment.handle", asset_id=pub.asset_id,
                 comment=f"Komentar #{c.id} ditangani: {response[:150]}")
    return get_comment(arch, c.id)
