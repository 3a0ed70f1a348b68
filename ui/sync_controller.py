"""Background sync while the app is open: one :class:`SyncController` per open studio.

It runs :func:`studio.sync.engine.sync` in a :class:`~ui.workers.Job` (never two at once) when
the shared folder changes (a ``QFileSystemWatcher`` on folder places), every two minutes, and
shortly after each local change; changes the sync itself applied do not start another one. The
changes that arrive reach every view through the usual ``ctx.bridge.sig_changed``. It keeps the
status the status bar shows (*Synced 2 min ago*, *3 changes waiting to go out*, *Offline —
changes kept*, or a problem by name), and tells the Sharing panel when its *Changes to review*
(kept in the studio by :mod:`studio.sync.review`) have changed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from studio.domain import formatting
from studio.sync import credentials, engine
from studio.sync import review as share_review
from studio.sync import status as share_status
from studio.sync.keys import SyncError
from studio.sync.places import open_place
from ui.context import AppContext
from ui.workers import Job, JobOutcome

#: How often a sync runs when nothing else starts one.
INTERVAL_MS = 2 * 60 * 1000
#: How long after a local change (the last of a burst) a sync starts.
DEBOUNCE_MS = 3000
#: How long after a change in the shared folder (the last of a burst) a sync starts.
WATCH_DEBOUNCE_MS = 1500


@dataclass
class SyncState:
    """What the last sync found; what the status bar says is made from it."""

    shared: bool = False
    running: bool = False
    last_at: datetime | None = None  # the last successful sync
    pending: int = 0  # this laptop's changes not yet gone out
    offline: str | None = None  # the place could not be reached: why
    error: str | None = None  # the sync failed: the sentence
    held: list[share_status.Held] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    waiting_admission: bool = False
    names: dict[str, str] = field(default_factory=dict)  # device -> laptop name
    password_needed: bool = False  # a WebDAV place whose password nobody gave in this session


@dataclass
class _Outcome:
    report: Any = None
    pending: int = 0
    offline: str | None = None
    names: dict[str, str] = field(default_factory=dict)


class SyncController(QObject):
    """Runs the sync in the background and keeps its status (see the module's docstring)."""

    #: Fires with the status text whenever it may have changed.
    sig_status = Signal(str)
    #: Fires with the :class:`~studio.sync.engine.SyncReport` after each successful sync.
    sig_synced = Signal(object)
    #: Fires when the list of changes to review has changed.
    sig_review_changed = Signal()
    #: Fires when a sync job ends, whatever its outcome (the :class:`~ui.workers.JobOutcome`).
    sig_finished = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        debounce_ms: int = DEBOUNCE_MS,
        pool: QThreadPool | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.state = SyncState()
        self._pool = pool
        self._job: Job | None = None
        self._again = False
        self._stopped = False
        self._sync_thread: int | None = None
        self._sync_txs: set[str] = set()  # transactions the running sync committed
        self._during_sync: list[Any] = []  # change sets seen while a sync ran: decided after
        self._quiet_until = 0.0  # folder events of our own sync's writes are ignored until then
        self._asked_password = False  # background syncs ask for a WebDAV password once a run
        #: Asks for a WebDAV place's password: ``(password, remember in the keychain)``, or None
        #: when the user declines. Tests replace it.
        self.password_prompt: Callable[[str], tuple[str, bool] | None] = self._prompt

        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.sync_now)
        self.watch_debounce = QTimer(self)
        self.watch_debounce.setSingleShot(True)
        self.watch_debounce.setInterval(WATCH_DEBOUNCE_MS)
        self.watch_debounce.timeout.connect(self.sync_now)
        self.clock = QTimer(self)  # "Synced 2 min ago" moves on by itself
        self.clock.setInterval(30_000)
        self.clock.timeout.connect(self._emit_status)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)

        self._unsubscribe = ctx.studio.subscribe(self._on_commit)
        ctx.bridge.sig_changed.connect(self._on_changed)
        self.refresh_shared()

    # -- state ----------------------------------------------------------------------------------
    def refresh_shared(self) -> None:
        """Look again whether the studio is shared (after Share… or Join…); start or stop."""
        studio = self.ctx.studio
        self.state.shared = share_status.is_shared(studio)
        if self.state.shared:
            last = _last_sync(studio.setting("sync_last"))
            if last is not None and self.state.last_at is None:
                self.state.last_at = last
            if not self._stopped:
                self.timer.start()
                self.clock.start()
            self._watch()
        else:
            self.timer.stop()
            self.clock.stop()
        self._emit_status()

    @property
    def running(self) -> bool:
        return self._job is not None

    def review(self) -> list[dict]:
        """The collisions waiting for review (as the engine reported them), newest first; kept
        in the studio, so they outlast a restart."""
        return share_review.pending(self.ctx.studio)

    def dismiss(self, collision: dict) -> None:
        """Take a collision off the review list (its value was taken, or it was looked at)."""
        if share_review.settle(self.ctx.studio, share_review.key_of(collision)):
            self.sig_review_changed.emit()

    # -- running a sync -------------------------------------------------------------------------
    def sync_now(self, *, ask: bool = False) -> Job | None:
        """Start a sync now (or right after the running one); returns the job started.

        A WebDAV place whose password this session does not have is asked for in a dialog, once
        for the background syncs of a run; ``ask`` (F5, *Sync now*) asks again."""
        if self._stopped or not self.state.shared:
            return None
        if self._job is not None:
            self._again = True
            return None
        if not self._have_password(ask):
            return None
        self.debounce.stop()
        self.watch_debounce.stop()
        studio = self.ctx.studio

        def work(_progress, _cancel) -> _Outcome:
            self._sync_thread = threading.get_ident()
            try:
                place = share_status.place(studio)
                try:
                    open_place(place or "").check()
                except SyncError as exc:
                    if "refused the account" in str(exc):
                        credentials.forget(place or "")  # asked again, not tried again
                        raise
                    return _Outcome(offline=str(exc), pending=engine.pending_records(studio))
                report = engine.sync(studio)
                names = {}
                try:
                    names = {lap["device"]: lap["name"] for lap in engine.status(studio)["laptops"]}
                except SyncError:
                    pass
                return _Outcome(report=report, pending=engine.pending_records(studio), names=names)
            finally:
                self._sync_thread = None

        job = Job(work)
        self._job = job
        self.state.running = True
        job.sig_finished.connect(self._finished)
        job.start(self._pool)
        self._emit_status()
        return job

    def _finished(self, outcome: JobOutcome) -> None:
        self._job = None
        self.state.running = False
        self._quiet_until = time.monotonic() + 0.5
        result: _Outcome | None = outcome.result
        if outcome.error is not None:
            self.state.error = outcome.error
            self.state.offline = None
        elif result is not None and result.offline:
            self.state.offline = result.offline
            self.state.error = None
            self.state.pending = result.pending
        elif result is not None:
            report = result.report
            self.state.error = self.state.offline = None
            self.state.last_at = datetime.now(UTC)
            self.state.pending = result.pending
            self.state.held = share_status.held(report.held)
            self.state.refused = list(report.refused)
            self.state.waiting_admission = report.waiting_admission
            self.state.names.update(result.names)
            share_status.remember_laptop_names(self.ctx.studio, result.names)
            if report.collisions:  # the sync listed them in the studio (studio.sync.review)
                self.sig_review_changed.emit()
        # change sets committed while the sync ran: the sync's own start nothing
        local = [cs for cs in self._during_sync if cs.tx not in self._sync_txs]
        self._during_sync.clear()
        self._sync_txs.clear()
        for cs in local:
            self._local_change(cs)
        self._watch()
        self._emit_status()
        if result is not None and result.report is not None:
            self.sig_synced.emit(result.report)
        self.sig_finished.emit(outcome)
        if self._again and not self._stopped:
            self._again = False
            self.sync_now()

    # -- the WebDAV password -------------------------------------------------------------------
    def _have_password(self, ask: bool) -> bool:
        """False (and the status says so) when the place needs a password nobody gave."""
        place = share_status.place(self.ctx.studio)
        if not credentials.needs_password(place):
            self.state.password_needed = False
            return True
        if self._asked_password and not ask:
            return False
        self._asked_password = True
        answer = self.password_prompt(place or "")
        if answer and answer[0]:
            credentials.use_for_session(place or "", answer[0], remember=answer[1])
            self.state.password_needed = False
            return True
        self.state.password_needed = True
        self._emit_status()
        return False

    def _prompt(self, place: str) -> tuple[str, bool] | None:
        from PySide6.QtWidgets import QDialog, QWidget

        from ui.widgets.share_widgets import PasswordDialog

        parent = self.parent()
        window = getattr(parent, "window", None)
        dialog = PasswordDialog(place, window if isinstance(window, QWidget) else None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()

    # -- what starts a sync -----------------------------------------------------------------------
    def _on_commit(self, changes: Any) -> None:
        # Called on the committing thread, before its queued sig_changed reaches the GUI thread.
        if self._sync_thread is not None and threading.get_ident() == self._sync_thread:
            self._sync_txs.add(changes.tx)

    def _on_changed(self, changes: Any) -> None:
        if not self.state.shared:
            return
        if self._job is not None:  # decided when the sync has ended (see _finished)
            self._during_sync.append(changes)
            return
        self._local_change(changes)

    def _local_change(self, changes: Any) -> None:
        self.state.pending += len(changes.entries)
        self.debounce.start()
        self._emit_status()

    def _folder_changed(self, _path: str) -> None:
        if self._job is not None or time.monotonic() < self._quiet_until:
            return  # our own sync writing
        self.watch_debounce.start()

    def _watch(self) -> None:
        place = share_status.place(self.ctx.studio) if self.state.shared else None
        if not place or "://" in place:
            return
        root = Path(place)
        wanted = [root, root / "journal", root / "requests"]
        journal = root / "journal"
        if journal.is_dir():
            wanted += [p for p in journal.iterdir() if p.is_dir()]
        have = set(self.watcher.directories())
        new = [str(p) for p in wanted if p.is_dir() and str(p) not in have]
        if new:
            self.watcher.addPaths(new)

    # -- the status bar's words -----------------------------------------------------------------
    def status_text(self) -> str:
        s = self.state
        if not s.shared:
            return ""
        parts = []
        if s.password_needed:
            parts.append(self.tr("Not syncing: the WebDAV password is needed (F5 asks for it)"))
        elif s.offline:
            parts.append(self.tr("Offline — changes kept"))
        elif s.error:
            parts.append(self.tr("Sync problem: %1").replace("%1", s.error))
        elif s.pending:
            parts.append(
                self.tr("%1 changes waiting to go out").replace("%1", f"{s.pending:,}")
                if s.pending != 1
                else self.tr("1 change waiting to go out")
            )
        elif s.running and s.last_at is None:
            parts.append(self.tr("Syncing…"))
        elif s.last_at is not None:
            parts.append(self.tr("Synced %1").replace("%1", self._ago(s.last_at)))
        else:
            parts.append(self.tr("Not synced yet"))
        parts += self.problems()
        return " · ".join(parts)

    def problems(self) -> list[str]:
        """The problems the last sync found, one sentence each."""
        s = self.state
        out = []
        if s.waiting_admission:
            out.append(self.tr("Waiting for the owner's laptop to admit this one"))
        done = set()
        for h in s.held:
            name = s.names.get(h.device) or self.tr("Laptop %1").replace("%1", h.device[:8])
            if (h.device, h.kind) in done:
                continue
            done.add((h.device, h.kind))
            if h.kind == "newer":
                out.append(
                    self.tr("%1 runs a newer Travel Studio; update to see its %2 changes")
                    .replace("%1", name)
                    .replace("%2", f"{h.records:,}")
                )
            elif h.kind == "clock":
                out.append(
                    self.tr("%1's clock is %2 min ahead; its changes wait until then")
                    .replace("%1", name)
                    .replace("%2", f"{h.ahead_min:,}")
                )
            else:
                out.append(
                    self.tr("Changes from %1 are held: %2")
                    .replace("%1", name)
                    .replace("%2", h.reason)
                )
        for r in s.refused:
            name = s.names.get(r.get("device", "")) or r.get("device", "")[:8]
            out.append(
                self.tr("Changes from %1 were refused: %2")
                .replace("%1", name)
                .replace("%2", r.get("reason", ""))
            )
        return out

    def status_tooltip(self) -> str:
        s = self.state
        lines = [self.tr("Shared in %1").replace("%1", share_status.place(self.ctx.studio) or "")]
        if s.offline:
            lines.append(s.offline)
        if s.last_at is not None:
            lines.append(
                self.tr("Last synced %1").replace("%1", formatting.format_datetime(s.last_at))
            )
        return "\n".join(lines)

    def _ago(self, when: datetime) -> str:
        seconds = max(0, int((datetime.now(UTC) - when).total_seconds()))
        if seconds < 60:
            return self.tr("just now")
        minutes = seconds // 60
        if minutes < 60:
            return self.tr("%1 min ago").replace("%1", str(minutes))
        hours = minutes // 60
        if hours < 48:
            return self.tr("%1 h ago").replace("%1", str(hours))
        return self.tr("%1 days ago").replace("%1", str(hours // 24))

    def _emit_status(self) -> None:
        self.sig_status.emit(self.status_text())

    # -- ending -----------------------------------------------------------------------------------
    def stop(self, wait_ms: int = 30_000) -> None:
        """Stop the timers and watcher; wait for a running sync and deliver its outcome."""
        self._stopped = True
        for t in (self.timer, self.debounce, self.watch_debounce, self.clock):
            t.stop()
        if self._job is not None:
            self._job.finish_now(wait_ms)
        try:
            self._unsubscribe()
        except ValueError:  # already unsubscribed
            pass
        try:
            self.ctx.bridge.sig_changed.disconnect(self._on_changed)
        except (RuntimeError, TypeError):
            pass


def _last_sync(raw: str | None) -> datetime | None:
    try:
        at = (json.loads(raw) or {}).get("at") if raw else None
        return datetime.fromisoformat(at.replace("Z", "+00:00")) if at else None
    except (ValueError, AttributeError):
        return None
