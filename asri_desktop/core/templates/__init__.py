"""Templates and rendering: posters, infographics, carousels, stories with auto-stamped mandatory elements.

Templates are data (``assets/templates/<id>/template.toml``, documented in
``docs/templates.md``); this package loads them, renders them with Pillow (the
same function serves the live preview and the export), checks text overflow and
contrast, stamps the mandatory elements in a locked band, and exports
platform-ready files.
"""

from __future__ import annotations

from asri_desktop.core.templates.endcard import render_end_card
from asri_desktop.core.templates.export import export, platform_profile, platforms
from asri_desktop.core.templates.render import RenderResult, render
from asri_desktop.core.templates.spec import (
    Slot,
    TemplateError,
    TemplateSpec,
    Variant,
    list_templates,
    load_template,
    parse_template,
    template_problems,
)
from asri_desktop.core.templates.stamps import default_settings, missing_stamps

__all__ = [
    "RenderResult", "Slot", "TemplateError", "TemplateSpec", "Variant", "default_settings", "export",
    "list_templates", "load_template", "missing_stamps", "parse_template", "platform_profile", "platforms",
    "render", "render_end_card", "template_problems",
]
