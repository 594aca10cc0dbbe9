"""Video and subtitles: probe, platform profiles, technical checks, speech coverage, captioned export.

Modules: :mod:`.ffmpeg` (the bundled binary as a cancellable job), :mod:`.probe`
(stream facts without decoding), :mod:`.profiles` (limits from
``resources/video_profiles.toml``), :mod:`.checks` (``check_video``),
:mod:`.export` (burned-in captions and end card), :mod:`.subtitles` and
:mod:`.speech` (subtitle parsing/checks and voice-activity coverage).
"""
