"""Which catalog a source file's messages go in: one catalog (domain) per part of the
code, so the people working on different parts never edit the same catalog file.

`DOMAINS` maps a path under the repository (a folder ending in `/` or a file) to a
domain; the longest matching prefix wins, and a file matching none goes in `paiban`.
A new part of the code adds its line here. At run time every domain's catalog is
loaded (layout.i18n.catalog): the split is only for extraction and ownership.
"""

from __future__ import annotations

DOMAINS: dict[str, str] = {
    "layout/": "paiban",
    "layout/model/": "model",
    "layout/errors.py": "model",
    "layout/cli.py": "model",
    "layout/__main__.py": "model",
    "layout/__init__.py": "model",
    "layout/text/copyedit.py": "model",
    "layout/text/": "text",
    "layout/compose/vertical.py": "text",
    "layout/compose/": "compose",
    "layout/flow/": "compose",
    "layout/build.py": "print",
    "layout/commands/build.py": "print",
    "layout/render/": "print",
    "layout/workers.py": "print",
    "layout/pipeline.py": "print",
    "layout/preflight/": "preflight",
    "layout/commands/preflight.py": "preflight",
    "layout/proof/": "proof",
    "layout/lint/": "proof",
    "layout/i18n/": "proof",
    "layout/commands/proof.py": "proof",
    "layout/commands/lint.py": "proof",
    "layout/commands/diff.py": "proof",
    "layout/commands/watch.py": "proof",
    "layout/commands/signoff.py": "proof",
    "layout/epaper/": "epaper",
    "layout/model/ads.py": "ads",        # ads: advertising (广告), docs/ads.md
    "layout/model/adfiles.py": "ads",
    "layout/compose/ads.py": "ads",
    "layout/render/adfile.py": "ads",
    "layout/preflight/adfile.py": "ads",
    "layout/commands/epaper.py": "epaper",
}


def domain_of(path: str) -> str:
    """The domain of a source file given by its path relative to the repository
    (`layout/model/loader.py` → `model`)."""
    path = path.replace("\\", "/")
    best = ""
    for prefix in DOMAINS:
        if (path == prefix or (prefix.endswith("/") and path.startswith(prefix))) and len(prefix) > len(best):
            best = prefix
    return DOMAINS.get(best, "paiban")
