"""The video player of the Video screen: picture, caption line, transport controls.

This is the only module that imports ``PySide6.QtMultimedia``; it does so when a
player is built, and a machine without a multimedia backend gets a panel that
still shows the captions and follows seeks (the position is kept here), so the
rest of the screen works everywhere, the offscreen test platform included.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from asri_desktop.ui.models.findings import format_time
from asri_desktop.ui.strings import tr

log = logging.getLogger(__name__)


def multimedia_wanted() -> bool:
    """Whether to build a real player.

    False when ``ASRI_NO_MULTIMEDIA`` is set (servers, CI) or on Qt's ``offscreen`` platform,
    which has nowhere to show a picture (tests, screenshot scripts): the panel then never loads
    QtMultimedia and its decoding threads.
    """
    if os.environ.get("ASRI_NO_MULTIMEDIA", "") not in ("", "0"):
        return False
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() != "offscreen"


class PlayerPanel(QWidget):
    """Video picture with the current caption under it, a play button, a position slider.

    Args:
        enabled: False never loads QtMultimedia; None asks :func:`multimedia_wanted`.

    Attributes:
        requested_position: the last position (ms) the panel was asked to seek to.
        available: True when a real media player exists.
    """

    position_changed = Signal(int)

    def __init__(self, enabled: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requested_position: int | None = None
        self._position = 0
        self._duration = 0
        self._caption_source: Callable[[float], str] | None = None
        self.player: Any = None
        self.audio: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)

        screen = QFrame()
        screen.setObjectName("videoScreen")
        screen.setStyleSheet("#videoScreen { background: #0b1722; border-radius: 8px; }")
        screen_lay = QVBoxLayout(screen)
        screen_lay.setContentsMargins(0, 0, 0, 0)
        screen_lay.setSpacing(0)
        self.video_widget: QWidget | None = None
        if enabled is None:
            enabled = multimedia_wanted()
        if enabled:
            self._build_player(screen_lay)
        if self.player is None:
            self.placeholder = QLabel(tr("video.player_unavailable"))
        else:
            self.placeholder = QLabel(tr("video.player_empty"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #9fb3c4; padding: 24px; background: transparent;")
        self.placeholder.setMinimumHeight(260)
        screen_lay.addWidget(self.placeholder, 1)
        if self.video_widget is not None:
            self.video_widget.setVisible(False)

        self.caption = QLabel("")
        self.caption.setObjectName("caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.caption.setMinimumHeight(58)
        # Captions look like the burned-in ones: white bold text on a dark box.
        self.caption.setStyleSheet(
            "#caption { background: #000000; color: #ffffff; font-family: 'Plus Jakarta Sans';"
            " font-weight: 700; font-size: 12pt; padding: 8px 14px; border-bottom-left-radius: 8px;"
            " border-bottom-right-radius: 8px; }")
        screen_lay.addWidget(self.caption)
        lay.addWidget(screen, 1)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 10, 0, 0)
        controls.setSpacing(12)
        self.play_btn = QPushButton(tr("video.play"))
        self.play_btn.setEnabled(False)
        self.play_btn.clicked.connect(self.toggle_play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.sliderMoved.connect(self.seek)
        self.time_label = QLabel(self._time_text())
        self.time_label.setObjectName("hint")
        controls.addWidget(self.play_btn)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        lay.addLayout(controls)

    # ------------------------------------------------------------------ backend
    def _build_player(self, screen_lay: QVBoxLayout) -> None:
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError as exc:  # a Qt build without the multimedia module
            log.info("QtMultimedia unavailable: %s", exc)
            return
        try:
            player = QMediaPlayer(self)
            if not player.isAvailable():
                log.info("no multimedia backend: playback off")
                player.deleteLater()
                return
            self.audio = QAudioOutput(self)
            player.setAudioOutput(self.audio)
            self.video_widget = QVideoWidget()
            self.video_widget.setMinimumHeight(260)
            player.setVideoOutput(self.video_widget)
        except Exception as exc:  # noqa: BLE001 - a broken backend must not take the screen down
            log.warning("media player could not start: %s", exc)
            return
        self.player = player
        player.positionChanged.connect(self._backend_position)
        player.durationChanged.connect(self._backend_duration)
        player.playbackStateChanged.connect(self._backend_state)
        player.errorOccurred.connect(self._backend_error)
        screen_lay.addWidget(self.video_widget, 1)

    @property
    def available(self) -> bool:
        return self.player is not None

    def _backend_position(self, ms: int) -> None:
        self._set_position(int(ms))

    def _backend_duration(self, ms: int) -> None:
        if ms > 0:
            self.set_duration(int(ms))

    def _backend_state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_btn.setText(tr("video.pause") if playing else tr("video.play"))

    def _backend_error(self, _error: Any, text: str = "") -> None:
        self.placeholder.setText(tr("video.player_error", error=text or "-"))
        self.placeholder.setVisible(True)
        if self.video_widget is not None:
            self.video_widget.setVisible(False)

    # ------------------------------------------------------------------ public
    def load(self, path: Path) -> None:
        """Show ``path``; without a backend only the position bookkeeping and captions work."""
        self._position = 0
        self.requested_position = None
        self.slider.setValue(0)
        if self.player is not None:
            self.player.setSource(QUrl.fromLocalFile(str(Path(path).resolve())))
            self.placeholder.setVisible(False)
            if self.video_widget is not None:
                self.video_widget.setVisible(True)
            self.play_btn.setEnabled(True)
        else:
            self.placeholder.setText(tr("video.player_unavailable_file", name=Path(path).name))
        self._update_caption()

    def set_duration(self, ms: int) -> None:
        """The length of the open media (from the backend, or the core's probe without one)."""
        self._duration = max(0, int(ms))
        self.slider.setRange(0, self._duration)
        self.time_label.setText(self._time_text())

    def set_caption_source(self, source: Callable[[float], str]) -> None:
        """``source(seconds) -> caption text``; the panel asks it whenever the position moves."""
        self._caption_source = source
        self._update_caption()

    def seek(self, ms: int) -> None:
        """Ask the player to move to ``ms`` (recorded in :attr:`requested_position`)."""
        ms = max(0, int(ms))
        self.requested_position = ms
        if self.player is not None:
            self.player.setPosition(ms)
        # Without a backend (or before it reports back) the panel follows the request itself.
        self._set_position(ms)

    def position(self) -> int:
        """The current position in ms."""
        return self._position

    def toggle_play(self) -> None:
        """Play or pause."""
        if self.player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def pause(self) -> None:
        """Pause playback (nothing to do without a player)."""
        if self.player is not None:
            self.player.pause()

    def stop(self) -> None:
        """Stop playback and let go of the file (the decoder threads end with it)."""
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())

    # ------------------------------------------------------------------ internals
    def _set_position(self, ms: int) -> None:
        self._position = ms
        if ms > self._duration and self.player is None:
            self.set_duration(ms)
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        self.time_label.setText(self._time_text())
        self._update_caption()
        self.position_changed.emit(ms)

    def _update_caption(self) -> None:
        text = self._caption_source(self._position / 1000.0) if self._caption_source else ""
        self.caption.setText(text)

    def _time_text(self) -> str:
        return f"{format_time(self._position / 1000.0)} / {format_time(self._duration / 1000.0)}"
