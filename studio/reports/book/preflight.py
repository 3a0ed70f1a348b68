"""The preflight: what a build wrote (pages, each photo's effective ppi, photos left out and why,
fonts, file size), as a print shop would check it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studio.errors import StudioError
from studio.reports.book.photos import LOW_PPI, TARGET_PPI


class BuildCancelled(StudioError):
    """The build was cancelled; nothing was written."""


@dataclass(frozen=True)
class ImageReport:
    name: str
    media_id: str
    page: int  # 1-based, as a PDF viewer counts
    placed_mm: tuple[float, float]
    pixels: tuple[int, int]  # as embedded
    source_pixels: tuple[int, int]
    ppi: float  # effective, at the placed size
    low: bool  # prints below LOW_PPI


@dataclass(frozen=True)
class Problem:
    name: str
    reason: str


@dataclass
class Preflight:
    path: Path
    size: str
    bleed: bool
    pages: int = 0
    images: list[ImageReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fonts: list[tuple[str, bool]] = field(default_factory=list)  # (font, embedded)
    file_bytes: int = 0
    seconds: float = 0.0
    reused: int = 0  # photos taken ready-made from the cache instead of being prepared again
    # characters no shipped font draws, as 'U+XXXX (NAME) in "text"' (printed as [U+XXXX])
    missing_glyphs: list[str] = field(default_factory=list)

    @property
    def low_ppi(self) -> list[ImageReport]:
        return [i for i in self.images if i.low]

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and not self.low_ppi
            and not self.missing_glyphs
            and all(e for _, e in self.fonts)
        )

    def summary(self) -> str:
        trim = self.size + (
            " with 3 mm bleed and crop marks"
            if self.bleed and self.size in ("a4", "a4-landscape", "square20")
            else " with 0.125 in bleed and crop marks"
            if self.bleed
            else ""
        )
        lines = [
            f"Memory book {self.path.name}: {self.pages} pages, {trim}, "
            f"{self.file_bytes / 1e6:.1f} MB, built in {self.seconds:.1f} s."
        ]
        if self.images:
            ppis = [i.ppi for i in self.images]
            reused = f"; {self.reused} of them ready from an earlier build" if self.reused else ""
            lines.append(
                f"Photos: {len(self.images)} placed, effective {min(ppis):.0f}–{max(ppis):.0f} ppi "
                f"(target {TARGET_PPI}){reused}."
            )
        else:
            lines.append("Photos: none placed.")
        for i in self.low_ppi:
            lines.append(
                f"  LOW RESOLUTION: {i.name} prints at {i.ppi:.0f} ppi on page {i.page} "
                f"({i.placed_mm[0]:.0f} x {i.placed_mm[1]:.0f} mm from {i.source_pixels[0]} x "
                f"{i.source_pixels[1]} px); below {LOW_PPI} ppi it may look soft."
            )
        for p in self.problems:
            lines.append(f"  LEFT OUT: {p.name}: {p.reason}")
        for g in self.missing_glyphs:
            lines.append(f"  MISSING GLYPH: {g}; printed as its code point.")
        missing = [f for f, e in self.fonts if not e]
        lines.append(
            f"Fonts: {len(self.fonts)}, "
            + ("all embedded." if not missing else "NOT embedded: " + ", ".join(missing) + ".")
        )
        lines.append("Preflight: " + ("ready for print." if self.ok else "see the notes above."))
        return "\n".join(lines)
