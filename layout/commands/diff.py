"""`paiban diff OLD NEW`: what changed between two proofs (folders `paiban proof` wrote)
or two revisions of an issue (issue folders: each is proofed first, into OUT/old and
OUT/new).

Per page images of the old and the new page with the changed lines outlined and the
changes listed (--json: their boxes and text), per article the characters added and
removed; OUT/diff.html shows the pages side by side with the changes to step through.
Exit status 0 (1 on an error).
"""

from __future__ import annotations

import json
from pathlib import Path

from layout.errors import PaibanError
from layout.i18n import _, add_lang_option


def register(subparsers) -> None:
    p = subparsers.add_parser("diff", help="what changed between two proofs or two revisions of an issue",
                              description="Compare two proof folders (or two issue folders, proofed first): "
                                          "changed regions per page, added and removed text per article.")
    p.add_argument("old", type=Path, help="the earlier proof folder (or issue folder)")
    p.add_argument("new", type=Path, help="the later proof folder (or issue folder)")
    p.add_argument("-o", "--out", type=Path,
                   help="folder for the page images and diff.html (default: NEW/diff-OLDNAME for proofs; "
                        "needed for issue folders)")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_lang_option(p)
    p.set_defaults(func=run)


def is_issue(folder: Path) -> bool:
    return (folder / "issue.yaml").is_file() and not (folder / "proof.json").is_file()


def output_folder(args) -> Path:
    if args.out is not None:
        return args.out
    if is_issue(args.old) or is_issue(args.new):
        raise PaibanError(_("comparing issue folders: say where the proofs and images go with -o DIR"))
    return args.new / f"diff-{args.old.resolve().name}"


def proof_set(folder: Path, out: Path):
    """The proof of `folder`: read, or made into `out` when `folder` is an issue."""
    from layout.proof import ProofOptions, load_proof, proof

    if is_issue(folder):
        proof(folder, out, ProofOptions(round="diff"))
        return load_proof(out)
    return load_proof(folder)


def run(args) -> int:
    from layout.i18n import language, using

    with using(getattr(args, "lang", None) or language(default="zh")):  # like the proof page: Chinese unless asked
        return _run(args)


def _run(args) -> int:
    from layout.commands.build import report_error
    from layout.proof import compare
    from layout.proof.html import diff_html
    from layout.render import write_set

    try:
        out = output_folder(args)
        old, new = proof_set(args.old, out / "old"), proof_set(args.new, out / "new")
        comparison = compare(old, new, out)
        write_set(out, {"diff.html": diff_html(comparison).encode("utf-8")})
    except PaibanError as exc:
        report_error(exc)
        return 1
    print(json.dumps(as_json(comparison), ensure_ascii=False, indent=1) if args.json else report(comparison))
    return 0


def as_json(comparison) -> dict:
    return {"old": str(comparison.old.folder), "new": str(comparison.new.folder),
            "html": str(comparison.folder / "diff.html"),
            "pages": [{"number": p.number, "status": p.status, "regions": [list(r) for r in p.regions],
                       "image": str(comparison.folder / p.image) if p.image else None,
                       "before_image": str(comparison.folder / p.old_image) if p.old_image else None,
                       "lines": _lines(p)} for p in comparison.pages],
            "articles": [{"id": c.article, "headline": c.headline, "added": c.added, "removed": c.removed,
                          "changes": c.inline()} for c in comparison.articles]}


def _lines(page) -> dict | None:
    """The page's changed lines (boxes in px of the two images) and its changes, or
    None for a proof that does not record its lines."""
    if page.lines is None:
        return None
    def boxes(marks, state):
        return [list(m.box) + [m.step] for m in marks if m.state.value == state]
    return {"changed_new": boxes(page.lines.new, "changed"), "changed_old": boxes(page.lines.old, "changed"),
            "reflowed_new": boxes(page.lines.new, "reflowed"),
            "steps": [{"number": s.number, "article": s.article, "field": s.field, "block": s.block,
                       "before": s.before, "after": s.after} for s in page.lines.steps]}


def report(comparison) -> str:
    """For people, in the reader's language: one line per page, one per changed article."""
    from layout.i18n import _, ngettext
    from layout.proof.diffpage import STATUS

    lines = [_("paiban diff: {old} → {new}").format(old=comparison.old.folder, new=comparison.new.folder)]
    for page in comparison.pages:
        parts = [_(STATUS.get(page.status, page.status))]
        if page.lines is not None and page.status == "changed":
            count = sum(1 for m in page.lines.new if m.state.value == "changed")
            parts.append(ngettext("{n} changed line", "{n} changed lines", count).format(n=count))
            parts.append(ngettext("{n} change", "{n} changes", len(page.lines.steps)).format(n=len(page.lines.steps)))
            if page.other:
                parts.append(ngettext("{n} other changed region", "{n} other changed regions",
                                      len(page.other)).format(n=len(page.other)))
        elif page.regions:
            parts.append(ngettext("{n} changed region", "{n} changed regions", len(page.regions)).format(
                n=len(page.regions)))
        where = f" → {comparison.folder / page.image}" if page.image else ""
        lines.append("  " + _("page {page}: {what}").format(page=page.number, what=", ".join(parts)) + where)
    for change in comparison.articles:
        lines.append(f"  {change.article} {change.headline}: +{change.added} −{change.removed}  {change.inline()}")
    if not comparison.articles:
        lines.append("  " + _("no text changed"))
    lines.append("  " + _("open {file}").format(file=comparison.folder / "diff.html"))
    return "\n".join(lines)
