"""Index one library in a fresh process and print what it cost (peak RSS) as JSON; run by the tests."""

from __future__ import annotations

import json
import resource
import sys
import time


def _status_mb(field: str) -> float:
    """VmRSS or VmHWM from /proc (Linux); ru_maxrss is inherited from the parent across exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(root: str, data_dir: str, full_text: str) -> None:
    from reader.core.library import Library

    before = _status_mb("VmRSS")
    began = time.monotonic()
    library = Library(root, data_dir=data_dir)
    report = library.refresh(full_text=full_text == "1")
    after = _status_mb("VmHWM")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done, total = library.text_progress()
    print(
        json.dumps(
            {
                "rss_before_mb": before,
                "rss_after_mb": after,
                "children_peak_mb": children / 1024,
                "seconds": time.monotonic() - began,
                "count": library.count(),
                "text_done": done,
                "text_total": total,
                "problems": [[p.path, p.message] for p in library.problems()],
                "notes": list(report.notes),
            },
            ensure_ascii=False,
        )
    )
    library.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
