"""The cells the complaints log (§806.4) and the appeals log (§807.1.D) write alike: what was
done, and the final disposition with the day its letter was sent."""

from __future__ import annotations

from typing import Any


def disposition_cells(item: Any) -> list[str]:
    """A complaint's or an appeal's activities (``on: what``, in order), the day of its final
    disposition, the disposition, and the day the letter of final disposition was sent."""
    return [
        "; ".join(f"{a['on']}: {a['what']}" for a in item.activities),
        item.disposition_on.isoformat() if item.disposition_on else "",
        item.disposition,
        item.letter_sent_on.isoformat() if item.letter_sent_on else "",
    ]
