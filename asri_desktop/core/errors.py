"""Errors the core raises for the faces (CLI, UI) to show.

Every message is in Bahasa Indonesia and names the problem. The CLI maps
``exit_code`` to its process exit status: 1 for a refusal by a rule or a failed
check, 2 for bad input or usage.
"""

from __future__ import annotations


class AsriError(Exception):
    """Base of every error meant for a person, not a crash report."""

    exit_code = 2

    def __init__(self, message: str, *, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule

    def __str__(self) -> str:
        return self.message


class InputError(AsriError):
    """Bad input: an unreadable file, an unknown id, a malformed value (exit 2)."""

    exit_code = 2


class RefusedError(AsriError):
    """An action refused by a rule of the workflow or a failed check (exit 1).

    ``rule`` carries a stable identifier of the rule that refused it, such as
    ``four_eyes`` or ``role``.
    """

    exit_code = 1


class ArchiveError(AsriError):
    """The archive cannot be opened or used: corrupt, too new, unreadable (exit 2)."""

    exit_code = 2
