"""Alt text (every text in the image, in reading order) and a caption suggestion with CamelCase hashtags."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from asri_desktop.core import resources

if TYPE_CHECKING:  # pragma: no cover
    from asri_desktop.core.templates.render import RenderResult
    from asri_desktop.core.templates.spec import TemplateSpec
    from asri_desktop.core.templates.stamps import Stamps


def camel_tag(text: str) -> str:
    """``"Banjir Rob"`` -> ``"#BanjirRob"``; a name with a short form in brackets uses it (``(Karhutla)``)."""
    m = re.search(r"\(([^)]+)\)", text)
    if m:
        text = m.group(1)
    words = re.findall(r"[0-9A-Za-zÀ-ÿ]+", text)
    tag = "".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)
    return f"#{tag}" if tag else ""


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:" else text + "."


def build_alt_text(spec: "TemplateSpec", result: "RenderResult", st: "Stamps") -> str:
    """All text of the image (each page of a carousel in order), then the stamp band."""
    kind = resources.data("roles.toml")["kinds"].get(spec.kind, spec.kind)
    head = f"{kind} {st.agency}".strip()
    if st.hazard_name:
        head += f" tentang {st.hazard_name}"
    parts = [_sentence(head)]
    many = len(result.texts) > 1
    for i, texts in enumerate(result.texts, 1):
        body = [_sentence(t) for role, t in texts if role != "stempel" and role != "foto" and t]
        photos = [t for role, t in texts if role == "foto"]
        if photos:
            body.insert(0, _sentence("Foto: " + "; ".join(photos)))
        if many:
            parts.append(f"Slide {i}: " + " ".join(body))
        else:
            parts.extend(body)
    band = [st.title, st.date_line, st.source_line, st.contacts_line]
    parts.append(_sentence("Keterangan: " + "; ".join(x for x in band if x)))
    return " ".join(p for p in parts if p)


def hashtags(spec: "TemplateSpec", st: "Stamps") -> list[str]:
    """Agency, hazard, place and kind hashtags, CamelCase (readable by screen readers), without duplicates."""
    conf = resources.data("render.toml").get("hashtags", {})
    tags = [camel_tag(st.agency)] if st.agency else []
    if st.hazard_name:
        tags.append(camel_tag(st.hazard_name))
    tags += [camel_tag(k) for k in st.kecamatan]
    tags += [f"#{t}" for t in conf.get("kind", {}).get(spec.kind, [])]
    tags += [f"#{t}" for t in conf.get("always", [])]
    seen, out = set(), []
    for t in tags:
        if t and t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out


def build_caption(spec: "TemplateSpec", data: dict[str, Any], st: "Stamps") -> str:
    """A caption suggestion: title, the lead message, the stamps in words, and hashtags."""
    lead = ""
    for key in ("message", "subtitle", "body", "fact", "correct", "intro"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            lead = " ".join(value.split())
            break
    lines = [st.title] if st.title else []
    if lead:
        lines += ["", lead]
    steps = data.get("steps") or data.get("actions")
    if isinstance(steps, list) and steps:
        lines += ["", "Yang harus dilakukan:"]
        for i, s in enumerate(steps, 1):
            title = s.get("title", "") if isinstance(s, dict) else str(s)
            lines.append(f"{i}. {title}")
    lines += [""]
    if st.source_text:
        lines.append(f"Sumber: {st.source_text}")
    if st.location_text:
        lines.append(f"Lokasi: {st.location_text}")
    if st.contacts:
        lines.append("Kontak darurat: " + ", ".join(f"{a} {b}".strip() for a, b in st.contacts))
    lines += ["", " ".join(hashtags(spec, st))]
    return "\n".join(lines).strip()
