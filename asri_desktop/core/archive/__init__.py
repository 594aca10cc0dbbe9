"""The local archive: database, content-addressed store, decision log, backup."""

from asri_desktop.core.archive.archive import Archive, Asset, AssetId, FileRecord, Member, MemberId, Version

__all__ = ["Archive", "Asset", "AssetId", "FileRecord", "Member", "MemberId", "Version"]
