"""The watch list: commitments a user follows, and what changed for them since the last report."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus.filter import actor_matches
from corpus.register import CommitmentRow, deadline_rows, toezegging_rows
from corpus.store import Store

# The watch list's file in a home folder.
WATCH_FILE = "watch.json"
# How far ahead a report warns of deadlines.
DUE_WINDOW = dt.timedelta(weeks=8)
# "<document stem>:<ordinal>", the form of every clause id.
_CLAUSE_ID = re.compile(r"^\S+:\d+$")
_WORD = re.compile(r"\w+", re.UNICODE)


class WatchError(ValueError):
    """A watch list file that cannot be read, or a watch that does not exist; one line."""


@dataclass(frozen=True, slots=True)
class Watch:
    """One followed subject: a clause id, a registry id or words, optionally one actor's."""

    id: int
    query: str
    actor: str | None = None
    added: str = ""  # ISO date

    def matches(self, row: CommitmentRow) -> bool:
        """True when the row is what this watch follows.

        A clause id matches that clause; otherwise every word of the query must occur in the
        commitment's text, its section or its registry id (ignoring case), and the actor, when
        given, among its actors.
        """
        if self.actor and not actor_matches(row.actors, self.actor):
            return False
        query = self.query.strip()
        if _CLAUSE_ID.match(query):
            return row.clause_id == query
        haystack = " ".join(
            [row.text, row.section, getattr(row, "register_id", None) or ""]
        ).casefold()
        return all(word in haystack for word in _WORD.findall(query.casefold()))


@dataclass(frozen=True, slots=True)
class Change:
    """A followed commitment whose status or deadline differs from the last report."""

    clause_id: str
    text: str
    old_status: str
    status: str
    old_deadline: str | None
    deadline: str | None


@dataclass(frozen=True, slots=True)
class WatchReport:
    """Per watch: commitments new to it, status and deadline changes, and deadlines due soon."""

    watch: Watch
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    due: list[dict[str, Any]] = field(default_factory=list)

    def empty(self) -> bool:
        """True when there is nothing to tell."""
        return not (self.new or self.changed or self.due)

    def as_json(self) -> dict[str, Any]:
        """The report as plain JSON values."""
        return {
            "watch": asdict(self.watch),
            "new": self.new,
            "changed": [asdict(c) for c in self.changed],
            "due": self.due,
        }


class WatchList:
    """The watches and what the last report saw, in one JSON file written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._data = self._read()

    def _read(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"watches": [], "seen": {}}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise WatchError(f"{self.path}: unreadable watch list ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("watches"), list):
            raise WatchError(f"{self.path}: not a watch list")
        data.setdefault("seen", {})
        return data

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".watch-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self._data, out, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)  # a crash leaves the old list, never half a new one

    def watches(self) -> list[Watch]:
        """The watches, oldest first."""
        return [Watch(**w) for w in self._data["watches"]]

    def add(self, query: str, actor: str | None = None, today: dt.date | None = None) -> Watch:
        """Add a watch (the same query and actor twice gives the existing one)."""
        query = query.strip()
        if not query:
            raise WatchError("a watch needs a query or a clause id")
        for w in self.watches():
            if w.query == query and w.actor == actor:
                return w
        new_id = max((w.id for w in self.watches()), default=0) + 1
        watch = Watch(new_id, query, actor, (today or dt.date.today()).isoformat())
        self._data["watches"].append(asdict(watch))
        self._write()
        return watch

    def remove(self, watch_id: int) -> Watch:
        """Remove a watch by its number; WatchError when there is none."""
        for w in self.watches():
            if w.id == watch_id:
                self._data["watches"] = [x for x in self._data["watches"] if x["id"] != watch_id]
                self._data["seen"].pop(str(watch_id), None)
                self._write()
                return w
        raise WatchError(f"no watch number {watch_id}")

    def report(
        self,
        store: Store,
        *,
        since: dt.date | None = None,
        as_of: dt.date | None = None,
        remember: bool = True,
    ) -> list[WatchReport]:
        """What changed for each watch since the last report (or `since`, a letter date).

        New: matching commitments the last report did not see, or (with `since`) from letters
        dated on or after it. Changed: a status or deadline that differs from the last report's.
        Due: open commitments whose deadline lies within eight weeks of `as_of` (today).
        `remember` stores what this report saw, for the next one.
        """
        today = as_of or dt.date.today()
        rows = _commitments(store, today)
        reports = []
        for w in self.watches():
            seen: dict[str, dict[str, Any]] = self._data["seen"].get(str(w.id), {})
            matched = [r for r in rows if w.matches(r)]
            report = WatchReport(w)
            for r in matched:
                before = seen.get(r.clause_id)
                is_new = (
                    before is None
                    if since is None
                    else bool(r.letter_date and r.letter_date >= since)
                )
                if is_new:
                    report.new.append(_summary(r))
                elif before is not None and (
                    before["status"] != r.status or before["deadline"] != _iso(r.deadline)
                ):
                    report.changed.append(
                        Change(
                            r.clause_id,
                            r.text,
                            before["status"],
                            r.status,
                            before["deadline"],
                            _iso(r.deadline),
                        )
                    )
                if (
                    r.status == "openstaand"
                    and r.deadline is not None
                    and today <= r.deadline <= today + DUE_WINDOW
                ):
                    report.due.append(_summary(r))
            self._data["seen"][str(w.id)] = {
                r.clause_id: {"status": r.status, "deadline": _iso(r.deadline)} for r in matched
            }
            reports.append(report)
        if remember and reports:
            self._write()
        return reports


def _commitments(store: Store, as_of: dt.date) -> list[CommitmentRow]:
    """Every register row and every toezegging, once each."""
    rows: list[CommitmentRow] = list(deadline_rows(store, as_of=as_of))
    ids = {r.clause_id for r in rows}
    rows += [r for r in toezegging_rows(store, as_of=as_of) if r.clause_id not in ids]
    return rows


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _summary(r: CommitmentRow) -> dict[str, Any]:
    return {
        "clause_id": r.clause_id,
        "doc": r.doc,
        "page": r.page,
        "actors": list(r.actors),
        "text": r.text,
        "deadline": _iso(r.deadline),
        "earlier_deadline": _iso(r.earlier_deadline),
        "status": r.status,
        "fulfilled_in": r.fulfilled_in,
    }


def report_lines(reports: Sequence[WatchReport]) -> list[str]:
    """The reports as Dutch lines for a terminal or a log."""
    lines: list[str] = []
    for rep in reports:
        w = rep.watch
        head = f"[{w.id}] {w.query}" + (f" (actor {w.actor})" if w.actor else "")
        if rep.empty():
            lines.append(f"{head}: niets nieuws")
            continue
        lines.append(head)
        for item in rep.new:
            lines.append(f"  nieuw: {_line(item)}")
        for c in rep.changed:
            moved = ""
            if c.old_deadline != c.deadline:
                moved = f", termijn {c.old_deadline or 'open'} -> {c.deadline or 'open'}"
            what = f"{_short(c.text)} [{c.clause_id}]"
            lines.append(f"  gewijzigd: {c.old_status} -> {c.status}{moved}: {what}")
        for item in rep.due:
            lines.append(f"  binnenkort: {_line(item)}")
    return lines


def _line(item: dict[str, Any]) -> str:
    when = item["deadline"] or "open termijn"
    return f"{when} {item['status']}: {_short(item['text'])} [{item['clause_id']}]"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
