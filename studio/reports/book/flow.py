"""Text stacked top-down in a column, and long text cut into pieces that flow onto more pages."""

from __future__ import annotations

import re

from studio.reports.book.geometry import Frame, Measure, Rect


class Column:
    """Stacks text blocks top-down in ``box``; says when the next block does not fit."""

    def __init__(self, box: Rect, measure: Measure):
        self.box, self.measure = box, measure
        self.y = box.top
        self.frames: list[Frame] = []
        self.overflow = False  # a block did not fit (and was left out)

    def room(self) -> float:
        return self.y - self.box.y

    def height(self, text: str, style: str, indent: float = 0) -> float:
        return self.measure(text, style, self.box.w - indent)

    def add(
        self, text: str, style: str, before: float = 0, indent: float = 0, force: bool = False
    ) -> bool:
        if not text:
            return True
        before = before if self.frames else 0
        h = self.height(text, style, indent)
        if not force and before + h > self.room() + 0.01:
            self.overflow = True
            return False
        self.y -= before
        self.frames.append(
            Frame(
                "text", Rect(self.box.x + indent, self.y - h, self.box.w - indent, h), style, text
            )
        )
        self.y -= h
        return True

    def rule(
        self, before: float, after: float, width: float | None = None, center: bool = False
    ) -> None:
        self.y -= before
        w = width or self.box.w
        x = self.box.x + ((self.box.w - w) / 2 if center else 0)
        self.frames.append(Frame("rule", Rect(x, self.y, w, 0)))
        self.y -= after

    def shift(self, dy: float) -> None:
        """Move everything down by ``dy`` (to centre a block vertically)."""
        self.frames = [
            Frame(
                f.kind,
                Rect(f.rect.x, f.rect.y - dy, f.rect.w, f.rect.h),
                f.ref,
                f.text,
                f.bleed,
                f.caption_of,
            )
            for f in self.frames
        ]
        self.y -= dy


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a journal: blank lines separate them; single line breaks are kept."""
    out = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        block = "\n".join(line.strip() for line in block.strip().split("\n"))
        if block:
            out.append(block)
    return out


def pieces(text: str, style: str, width: float, max_h: float, measure: Measure) -> list[str]:
    """``text`` cut at sentence ends (else words) into pieces no taller than ``max_h``."""
    if measure(text, style, width) <= max_h:
        return [text]

    units = [u for u in re.split(r"(?<=[.!?。！？；;])\s*", text) if u]
    if len(units) <= 1:
        units = text.split(" ") if " " in text else list(text)
    joiner = "" if " " not in text else " "
    out, cur = [], ""
    for u in units:
        cand = f"{cur}{joiner}{u}" if cur else u
        if cur and measure(cand, style, width) > max_h:
            out.append(cur)
            cur = u
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out
