"""Review: checklists per stage, the approval gate, the language analysis and the PDF approval sheet.

Modules: :mod:`.checklist` (definitions and results), :mod:`.gate` (approve only when every
item passes), :mod:`.automated` (findings from render, video and language checks),
:mod:`.language` (Indonesian risk-communication analysis), :mod:`.sheet` (the PDF).
Submodules are imported by name; this package imports nothing heavy.
"""
