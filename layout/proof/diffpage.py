"""The changes section of the proof page and of `paiban diff`'s page: per changed page
the old page beside the new one, the changed lines outlined on both, and a list of
the changes to step through (previous / next, or a click): the current change is
ringed on both pages and scrolled into view. The previous / next bar follows the
pages down the screen (sticky), so it stays in reach on a phone.

Static HTML with a small script; without the script the list and both images are
still there. Positions are percentages of the images, so the marks stay on their
lines at any width (a phone shows the two pages one above the other).
"""

from __future__ import annotations

import html

from layout.i18n import N_, _
from layout.proof.linediff import Box, LineMark, LineState, Step

STATUS = {"changed": N_("changed"), "added": N_("new page"), "unchanged": N_("unchanged"), "removed": N_("removed")}

STYLE = """
.pair { display: flex; gap: 12px; flex-wrap: wrap; background: #fff; border: 1px solid var(--line); padding: 8px;
        margin: 10px 0; }
.pair figure { margin: 0; flex: 1 1 300px; min-width: 0; }
.pair .frame { position: relative; } .pair img { width: 100%; height: auto; display: block; }
.lm { position: absolute; pointer-events: none; }
.lm.current { outline: 3px solid #ffbf00; outline-offset: 2px; box-shadow: 0 0 0 6px rgba(255, 191, 0, .35); }
.stepper { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin: 6px 0; padding: 6px 8px;
            position: sticky; bottom: 0; z-index: 4; background: rgba(255, 255, 255, .95); border: 1px solid var(--line); }
.stepper button { font: inherit; padding: 4px 12px; cursor: pointer; }
ol.steps { padding-left: 2.2em; } ol.steps li { margin: 3px 0; } ol.steps li a { color: inherit; text-decoration: none; }
ol.steps li.current { background: #fff3a0; } ol.steps .where { color: #555; font-size: 13px; margin-right: 6px; }
"""

SCRIPT = """
(function () {
  const steps = [...document.querySelectorAll('ol.steps li[data-step]')];
  if (!steps.length) return;
  const at = document.querySelectorAll('.stepper .at');
  let current = -1;
  function select(i, scroll) {
    current = (i + steps.length) % steps.length;
    const li = steps[current], key = li.dataset.step;
    document.querySelectorAll('.lm.current, ol.steps li.current').forEach(el => el.classList.remove('current'));
    li.classList.add('current');
    const marks = [...document.querySelectorAll('.lm[data-step="' + key + '"]')];
    marks.forEach(el => el.classList.add('current'));
    at.forEach(el => { el.textContent = (current + 1) + ' / ' + steps.length; });
    if (scroll && marks.length) marks[marks.length - 1].scrollIntoView({block: 'center', inline: 'nearest'});
  }
  document.querySelectorAll('.stepper .next').forEach(b => b.addEventListener('click', () => select(current + 1, true)));
  document.querySelectorAll('.stepper .prev').forEach(b => b.addEventListener('click', () => select(current - 1, true)));
  steps.forEach((li, i) => li.querySelector('a').addEventListener('click', e => { e.preventDefault(); select(i, true); }));
})();
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def pair_html(number: int, old_src: str | None, new_src: str, size: tuple[int, int], old_size: tuple[int, int],
              marks: tuple[tuple[LineMark, ...], tuple[LineMark, ...]], status: str,
              other: tuple[Box, ...] = ()) -> str:
    """The old page beside the new one (`old_src` None: a page new in this proof), each
    image with its line marks and the changes that are not type (`other`: photos,
    rules; boxes in px of the new image, which the old one shares); `size`, `old_size`
    are the images' px."""
    label = _("page {page}").format(page=number)
    zoom_label = _("zoom")
    zoom = f' <a href="#diff-{number}">{esc(zoom_label)}</a>'
    new = _figure(new_src, size, marks[1], (number, "after"), _("{page} after: {status}").format(page=label, status=_(STATUS.get(status, status))), zoom, other)
    old = _figure(old_src, old_size, marks[0], (number, "before"), _("{page} before").format(page=label), "",
                  other) if old_src else ""
    return f'<div class="pair" id="pair-{number}">{old}{new}</div>'


def _figure(src: str, size: tuple[int, int], marks: tuple[LineMark, ...], which: tuple[int, str], caption: str,
            extra: str = "", other: tuple[Box, ...] = ()) -> str:
    """An image of page `which[0]`, `before` or `after` (`which[1]`), with its marks."""
    (number, side), (width, height) = which, size
    boxes = "".join(_mark(m, number, width, height) for m in marks if m.state is LineState.CHANGED)
    boxes += "".join(_box(box, other_key(number, k), width, height) for k, box in enumerate(other))
    return (f'<figure class="{side}"><div class="frame"><img src="{esc(src)}" width="{width}" height="{height}" '
            f'alt="{esc(caption)}" loading="lazy">{boxes}</div><figcaption>{esc(caption)}{extra}</figcaption></figure>')


def _mark(mark: LineMark, number: int, width: int, height: int) -> str:
    return _box(mark.box, f"{number}-{mark.step}", width, height)


def _box(box: Box, key: str, width: int, height: int) -> str:
    x0, y0, x1, y1 = box
    style = (f"left:{100 * x0 / width:.3f}%;top:{100 * y0 / height:.3f}%;"
             f"width:{100 * (x1 - x0) / width:.3f}%;height:{100 * (y1 - y0) / height:.3f}%")
    return f'<span class="lm" data-step="{key}" style="{style}"></span>'


def other_key(number: int, index: int) -> str:
    """The step key of page `number`'s change `index` that is not type."""
    return f"{number}-x{index + 1}"


def stepper(count: int) -> str:
    """Previous / next buttons and where in the list one is."""
    if not count:
        return ""
    previous, following = _("previous change"), _("next change")
    return (f'<div class="stepper"><button type="button" class="prev">‹ {esc(previous)}</button>'
            f'<span class="at">– / {count}</span>'
            f'<button type="button" class="next">{esc(following)} ›</button></div>')


def steps_html(number: int, steps: tuple[Step, ...], headlines: dict[str, str], kinds: dict[str, list[str]]) -> str:
    """The list items of one page's changes, each with where it is and what changed."""
    items = []
    for step in steps:
        key = f"{number}-{step.number}"
        before = f"<del>{esc(step.before)}</del>" if step.before else ""
        after = f"<ins>{esc(step.after)}</ins>" if step.after else ""
        text = f"{esc(step.context[0])}{before}{after}{esc(step.context[1])}"
        items.append(f'<li id="step-{key}" data-step="{key}"><a href="#step-{key}"><span class="where">'
                     f"{esc(where(number, step, headlines, kinds))}</span>{text}</a></li>")
    return "".join(items)


def other_steps_html(number: int, other: tuple[Box, ...], height: int) -> str:
    """List items for the page's changes that are not type (a photo, a rule), after its
    text changes: each says where on the page it is (top, middle or foot)."""
    items = []
    page = _("page {page}").format(page=number)
    for k, (_x0, y0, _x1, y1) in enumerate(other):
        key = other_key(number, k)
        third = min(2, int(3 * (y0 + y1) / 2 / max(height, 1)))
        part = (_("top of the page"), _("middle of the page"), _("foot of the page"))[third]
        text = _("a photo or a rule changed (not text)")
        items.append(f'<li id="step-{key}" data-step="{key}"><a href="#step-{key}"><span class="where">'
                     f"{esc(_('{page}, {part}').format(page=page, part=part))}</span>{esc(text)}</a></li>")
    return "".join(items)


def where(number: int, step: Step, headlines: dict[str, str], kinds: dict[str, list[str]]) -> str:
    """第5版《标题》第3段 (in the current language): where a change is."""
    page = _("page {page}").format(page=number)
    if not step.article:
        return _("{page}, page furniture").format(page=page)
    at = _("page {page}, “{headline}”").format(page=number, headline=headlines.get(step.article, step.article))
    part = _part(step, kinds.get(step.article, []))
    return _("{where}, {detail}").format(where=at, detail=part) if part else at


def _part(step: Step, kinds: list[str]) -> str:
    if step.field in ("body", "runin") and 0 <= step.block < len(kinds):
        if kinds[step.block] == "subhead":
            return _("in-text heading")
        return _("paragraph {n}").format(n=sum(1 for k in kinds[:step.block + 1] if k != "subhead"))
    names = {"headline": _("headline"), "kicker": _("kicker"), "subhead": _("subhead"), "byline": _("byline"),
             "caption": _("photo caption"), "credit": _("photo credit"), "licence": _("photo licence")}
    return names.get(step.field, "")
