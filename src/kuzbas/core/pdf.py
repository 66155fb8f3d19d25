"""What every PDF Kuzbas writes shares: a font that prints Cyrillic.

reportlab's built-in fonts hold only Latin-1, so Russian names and a Russian interface would
print as boxes; DejaVu Sans (Debian's fonts-dejavu-core, which `make test` installs) is
embedded instead, with Helvetica where it is missing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
}


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """Register a Cyrillic-capable font once; fall back to Helvetica where none is installed."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in FONT_DIRS:
        regular, bold = folder / FONT_FILES["regular"], folder / FONT_FILES["bold"]
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("KuzbasSans", str(regular)))
            pdfmetrics.registerFont(TTFont("KuzbasSans-Bold", str(bold)))
            for italic in (0, 1):
                addMapping("KuzbasSans", 0, italic, "KuzbasSans")
                addMapping("KuzbasSans", 1, italic, "KuzbasSans-Bold")
            return "KuzbasSans", "KuzbasSans-Bold"
    return "Helvetica", "Helvetica-Bold"


@lru_cache(maxsize=1)
def mono_font() -> str:
    """Register a Cyrillic-capable fixed-width font once (for hashes and arithmetic)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in FONT_DIRS:
        mono = folder / FONT_FILES["mono"]
        if mono.exists():
            pdfmetrics.registerFont(TTFont("KuzbasMono", str(mono)))
            return "KuzbasMono"
    return "Courier"
