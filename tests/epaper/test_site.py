"""The e-paper site as files: a page view per page and a story page per article,
every character of every story on its story page (checked against the copy as the
pipeline reads it), every story reachable from a page image with its areas where the
composition put it, lang and alt text, nothing fetched from elsewhere, and the same
input giving the same bytes. Each check has a negative control."""

from __future__ import annotations

import json
import re

import pytest

from layout.compose.items import TextRun
from layout.model.schema import Article
from layout.text.classes import CharClass, classify, is_fullwidth
from layout.text.metrics import MetricsSet

from .conftest import MULTI, build_site
from .htmlread import elements, external, main_text, read, urls


def copy_of(article: Article) -> list[str]:
    """Every piece of an article's copy a reader must find on its page, as the source
    holds it (the test's own list: not layout.epaper.stories.story_texts)."""
    texts = [article.kicker, article.headline, article.subhead, article.byline]
    for block in article.blocks:
        texts += [block.runin, block.text]
    for photo in article.photos:
        texts += [photo.caption, photo.credit, photo.licence]
    return [t for t in texts if t]


def lost_copy(article: Article, html: str) -> list[str]:
    shown = main_text(html)
    return [t for t in copy_of(article) if t not in shown]


def story_file(built, article: Article) -> str:
    index = json.loads(built.read("stories.json"))
    return next(s["html"] for s in index["stories"] if s["id"] == article.id)


def test_every_page_and_every_story_has_its_file(site):
    index = json.loads(site.read("stories.json"))
    assert [p["number"] for p in index["pages"]] == [p.number for p in site.issue.pages]
    assert sorted(s["id"] for s in index["stories"]) == sorted(a.id for a in site.issue.articles)
    for name in ["index.html", "epaper.css", "epaper.js"] + [p["html"] for p in index["pages"]] + \
            [s["html"] for s in index["stories"]] + [s["ninjs"] for s in index["stories"]]:
        assert (site.folder / name).is_file(), name
    assert site.read("index.html") == site.read(index["first_page"])


def test_every_character_of_every_story_is_on_its_page(site):
    for article in site.issue.articles:
        assert lost_copy(article, site.read(story_file(site, article))) == [], article.id
    body = "".join(b.text for a in site.issue.articles for b in a.blocks)
    assert len(body) > 1000  # the check saw real copy


def test_a_character_missing_from_a_story_page_is_found(site):
    article = next(a for a in site.issue.articles if a.blocks)
    html = site.read(story_file(site, article))
    text = article.blocks[-1].text
    cut = text[: len(text) // 2] + text[len(text) // 2 + 1:]
    assert lost_copy(article, html.replace(text, cut)) == [text]


MARKUP = [(re.compile(r"\*(.+?)\*"), r"\1"), (re.compile(r"__(.+?)__"), r"\1"), (re.compile(r"~~(.+?)~~"), r"\1"),
          (re.compile(r"\[\[(.+?)\]\]"), r"\1"), (re.compile(r"\\([*_~\[])"), r"\1")]


def source_texts(folder, normalized: bool) -> dict[str, list[str]]:
    """Article id → its copy read straight from issue.yaml and the body files (the
    Markdown subset of docs/issue-format.md undone here, not by the loader), normalized
    as the build normalizes copy."""
    import yaml

    from layout.text.normalize import normalize

    spec = yaml.safe_load((folder / "issue.yaml").read_text(encoding="utf-8"))
    out = {}
    for article in spec["articles"]:
        texts = [article.get(k, "") for k in ("kicker", "headline", "subhead", "byline")]
        texts += [p.get(k, "") for p in article.get("photos", ()) for k in ("caption", "credit", "licence")]
        if "body" in article:
            for chunk in (folder / article["body"]).read_text(encoding="utf-8").split("\n\n"):
                for line in chunk.strip().splitlines():
                    line = re.sub(r"^(#{2,3}|>) ?", "", line.strip())
                    for pattern, plain in MARKUP:
                        line = pattern.sub(plain, line)
                    texts.append(line)
        out[article["id"]] = [normalize(t)[0] if normalized and t else t for t in texts if t]
    return out


def test_every_character_of_the_source_files_is_on_the_story_pages(site):
    index = {s["id"]: s["html"] for s in json.loads(site.read("stories.json"))["stories"]}
    for article_id, texts in source_texts(site.issue.folder, site.issue.normalize).items():
        shown = main_text(site.read(index[article_id]))
        assert [t for t in texts if t not in shown] == [], article_id
    assert sum(len(t) for texts in source_texts(site.issue.folder, True).values() for t in texts) > 1500


def test_the_body_reads_in_order_as_the_source(site):
    """The body's paragraphs, in order, are the source's blocks (run-in headings first)."""
    for article in (a for a in site.issue.articles if a.blocks):
        html = site.read(story_file(site, article))
        shown = [e.text for e in elements(html) if e.tag in ("p", "h2") and _in_body(html, e)]
        expected = [f"{b.runin}\u3000{b.text}" if b.runin else b.text for b in article.blocks]
        assert shown == expected, article.id


def _in_body(html: str, element) -> bool:
    body = next(e for e in elements(html, "div", "body"))
    return element.text in body.text and "meta" not in element.classes


def area_targets(built) -> dict[str, list[str]]:
    """Page file → the story files its areas link to."""
    index = json.loads(built.read("stories.json"))
    return {p["html"]: [a.attrs["href"] for a in elements(built.read(p["html"]), "a", "area")]
            for p in index["pages"]}


def unreachable(built, targets: dict[str, list[str]]) -> set[str]:
    index = json.loads(built.read("stories.json"))
    return {s["html"] for s in index["stories"]} - {t for links in targets.values() for t in links}


def test_every_story_is_reachable_from_a_page_image(site):
    assert unreachable(site, area_targets(site)) == set()


def test_a_story_without_an_area_is_found(site):
    targets = area_targets(site)
    first = next(iter(targets))
    dropped = targets[first][0]
    targets = {page: [t for t in links if t != dropped] for page, links in targets.items()}
    assert unreachable(site, targets) == {dropped}


def test_the_jump_has_an_area_on_both_pages(multi_site):
    index = json.loads(multi_site.read("stories.json"))
    metro = next(s for s in index["stories"] if s["id"] == "metro-trial")
    assert metro["pages"] == [1, 3] and [a["page"] for a in metro["areas"]] == [1, 3]
    targets = area_targets(multi_site)
    assert metro["html"] in targets["page-A01.html"] and metro["html"] in targets["page-B03.html"]
    page3 = multi_site.read("page-B03.html")
    assert "上接第01版" in main_text(page3)
    story = multi_site.read(metro["html"])
    assert 'href="page-A01.html"' in story and 'href="page-B03.html"' in story


def areas_px(built, page_file: str) -> dict[str, list[tuple[float, float, float, float]]]:
    """Story file → its areas on that page, in pt, read back from the percentages."""
    index = json.loads(built.read("stories.json"))
    page = next(p for p in index["pages"] if p["html"] == page_file)
    width, height = next((r.page.width, r.page.height) for r in built.pages if r.page.number == page["number"])
    out: dict[str, list] = {}
    for a in elements(built.read(page_file), "a", "area"):
        style = dict(re.findall(r"(left|top|width|height):([\d.]+)%", a.attrs["style"]))
        x, y = float(style["left"]) * width / 100, float(style["top"]) * height / 100
        out.setdefault(a.attrs["href"], []).append((x, y, x + float(style["width"]) * width / 100,
                                                    y + float(style["height"]) * height / 100))
    return out


def ink(run: TextRun, metrics: MetricsSet) -> tuple[float, float, float, float]:
    """The ink box of a line, pt: the first glyph's left to the last glyph's advance
    (a full-width mark's blank half left out), em top to baseline."""
    (first, x0), (last, x1) = run.glyphs[0], run.glyphs[-1]
    blank = lambda ch: 0.5 if is_fullwidth(ch) and classify(ch) is not CharClass.IDEO else 0.0  # noqa: E731
    return (x0 + blank(first) * run.size, run.baseline - 0.88 * run.size,
            x1 + (metrics.get(run.role).advance(last) - blank(last)) * run.size, run.baseline)


def outside(built, page_file: str, areas) -> list[str]:
    """Text lines of each story that lie outside all its areas on the page (0.1 em of
    slack at the right, what 紧排 may take off the advances)."""
    index = json.loads(built.read("stories.json"))
    number = next(p["number"] for p in index["pages"] if p["html"] == page_file)
    files = {s["id"]: s["html"] for s in index["stories"]}
    result = next(r for r in built.pages if r.page.number == number)
    metrics = MetricsSet.for_fonts(built.issue.fonts)
    out = []
    for run in (i for i in result.page.items if isinstance(i, TextRun) and i.article and i.glyphs):
        x0, y0, x1, y1 = ink(run, metrics)
        slack = 0.1 * run.size + 0.05
        boxes = areas.get(files[run.article], [])
        if not any(b[0] - 0.05 <= x0 and b[1] - 0.05 <= y0 and x1 <= b[2] + slack and y1 <= b[3] + 0.05
                   for b in boxes):
            out.append(f"{run.article}: {run.text}")
    return out


def test_every_line_of_a_story_lies_in_its_areas(site):
    index = json.loads(site.read("stories.json"))
    for page in index["pages"]:
        assert outside(site, page["html"], areas_px(site, page["html"])) == [], page["html"]


def test_an_area_in_the_wrong_place_is_found(site):
    page = json.loads(site.read("stories.json"))["pages"][0]["html"]
    areas = areas_px(site, page)
    moved = next(iter(areas))
    areas[moved] = [(x0 + 40, y0, x1 + 40, y1) for x0, y0, x1, y1 in areas[moved]]
    assert outside(site, page, areas)


def test_areas_do_not_overlap_and_stay_on_the_page(site):
    index = json.loads(site.read("stories.json"))
    for page in index["pages"]:
        boxes = [a for s in index["stories"] for a in s["areas"] if a["page"] == page["number"]]
        for a in boxes:
            assert 0 <= a["left"] and a["left"] + a["width"] <= 1 and 0 <= a["top"] and a["top"] + a["height"] <= 1
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a["left"] < b["left"] + b["width"] - 1e-4 and b["left"] < a["left"] + a["width"] - 1e-4
                            and a["top"] < b["top"] + b["height"] - 1e-4 and b["top"] < a["top"] + a["height"] - 1e-4)


def html_files(built) -> list:
    return sorted(built.folder.glob("*.html"))


def test_every_file_is_chinese_and_every_image_has_alt_text(site):
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        assert elements(html, "html")[0].attrs.get("lang") == "zh-CN", path.name
        assert elements(html, "meta") and any(m.attrs.get("name") == "viewport" for m in elements(html, "meta"))
        for img in elements(html, "img"):
            assert img.attrs.get("alt", "").strip(), f"{path.name}: {img.attrs.get('src')} has no alt text"


def fetched_from_elsewhere(html: str) -> list[str]:
    """URLs of the file that point outside the site (a canonical link is not fetched)."""
    canonical = {e.attrs["href"] for e in elements(html, "link") if e.attrs.get("rel") == "canonical"}
    return [u for u in urls(html) if external(u) and u not in canonical]


def test_nothing_is_fetched_from_elsewhere(site):
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        assert fetched_from_elsewhere(html) == [], path.name
        for url in urls(html):
            if not external(url) and not url.startswith("#"):
                assert (site.folder / url.split("#")[0]).is_file(), f"{path.name}: {url} is not in the site"
    css = site.read("epaper.css")
    assert "@import" not in css and not re.search(r"url\(", css)
    js = site.read("epaper.js")
    assert not re.search(r"fetch\(|XMLHttpRequest|https?://", js)


def test_an_external_reference_is_found():
    html = '<html><body><img src="https://cdn.example.com/a.png" alt="x"><a href="page.html">p</a></body></html>'
    assert fetched_from_elsewhere(html) == ["https://cdn.example.com/a.png"]
    assert fetched_from_elsewhere('<link rel="stylesheet" href="//fonts.example.com/x.css">') != []


def test_page_images_at_screen_zoom_and_thumbnail_sizes(site):
    from PIL import Image

    index = json.loads(site.read("stories.json"))
    for page in index["pages"]:
        for size, width in (("screen", 1000), ("zoom", 2000), ("thumb", 360)):
            info = page["images"][size]
            with Image.open(site.folder / info["src"]) as image:
                assert image.size == (info["width"], info["height"]) and image.width == width


def test_a_black_and_white_page_stays_grey(multi_site):
    from PIL import Image, ImageChops

    def colourful(name: str) -> int:
        with Image.open(multi_site.folder / name) as image:
            r, g, b = image.convert("RGB").split()
            return max(ImageChops.difference(r, g).getextrema()[1], ImageChops.difference(g, b).getextrema()[1])

    assert colourful("img/page-B04.jpg") == 0     # 第4版 is printed black only, its photo too
    assert colourful("img/page-A01.jpg") > 60     # the colour photo of 第1版 (the control)
    assert colourful("img/spring-walk-1.jpg") > 60  # on the story page the photo is in colour


def test_story_pages_carry_the_headline_stack_and_photos(multi_site):
    html = multi_site.read("story-metro-trial.html")
    assert elements(html, "p", "kicker")[0].text == "全长23.6公里 设站18座"
    assert elements(html, "h1")[0].text == "青川地铁1号线开始试运行"
    assert elements(html, "p", "subhead")[0].text.startswith("——预计今年6月底")
    assert elements(html, "p", "byline")[0].text == "本报记者 林晓 通讯员 周明"
    figure = elements(html, "img")[0]
    assert figure.attrs["src"] == "img/metro-trial-1.jpg" and "试运行列车" in figure.attrs["alt"]
    assert len(elements(html, "h2")) >= 3  # the in-text subheads (and the panel's headings)
    assert elements(html, "em", "dots")[0].text == "每一项都必须达到标准"
    festival = multi_site.read("story-culture-festival.html")
    assert elements(festival, "cite", "book")[0].text == "黄河大合唱"
    assert elements(festival, "span", "proper")[0].text == "青川之声"
    assert elements(festival, "blockquote")
    assert elements(festival, "strong", "runin")[0].text == "非遗展示"
    photo_story = multi_site.read("story-park-photo.html")
    assert elements(photo_story, "h1")[0].text == "图片新闻"


def test_previous_and_next_follow_the_reading_order(site):
    index = json.loads(site.read("stories.json"))
    files = [s["html"] for s in index["stories"]]
    for i, name in enumerate(files):
        links = {a.attrs["rel"]: a.attrs["href"] for a in elements(site.read(name), "a") if "rel" in a.attrs}
        assert links.get("prev") == (files[i - 1] if i else None)
        assert links.get("next") == (files[i + 1] if i + 1 < len(files) else None)
    pages = [p["number"] for s in index["stories"] for p in [{"number": s["pages"][0]}]]
    assert pages == sorted(pages)  # stories in page order


def test_sections_and_pages_are_navigable(multi_site):
    html = multi_site.read("page-A02.html")
    sections = [(a.text, a.attrs["href"]) for a in elements(html) if a.tag == "a" and _in_nav(html, a)]
    assert sections == [("要闻", "page-A01.html"), ("文体", "page-A02.html"), ("城事", "page-B03.html"),
                        ("副刊", "page-B04.html")]
    steps = {a.attrs["rel"]: a.attrs["href"] for a in elements(html, "a") if "rel" in a.attrs}
    assert steps == {"prev": "page-A01.html", "next": "page-B03.html"}
    assert "2024年3月15日" in main_text(html) or "2024年3月15日" in read(html).all[0].text


def _in_nav(html: str, element) -> bool:
    nav = next(e for e in elements(html, "nav") if "sections" in e.classes)
    return element.text in nav.text and element.attrs.get("href", "").startswith("page-")


def test_the_same_issue_gives_the_same_bytes(seed_site, tmp_path):
    again = build_site(seed_site.issue.folder, tmp_path / "again")
    names = sorted(str(p.relative_to(seed_site.folder)) for p in seed_site.folder.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(again.folder)) for p in again.folder.rglob("*") if p.is_file())
    for name in names:
        assert (seed_site.folder / name).read_bytes() == (again.folder / name).read_bytes(), name


@pytest.mark.parametrize("issue", [MULTI])
def test_the_multi_page_issue_is_what_it_claims(issue, multi_site):
    """The test issue has the features the e-paper tests rely on (a setup check)."""
    articles = {a.id: a for a in multi_site.issue.articles}
    assert len(multi_site.issue.pages) == 4 and len(articles["metro-trial"].parts) == 2
    assert sum(len(a.photos) for a in articles.values()) >= 3 and not articles["park-photo"].blocks


def test_each_story_page_is_headed_by_its_headline(site):
    for story in json.loads(site.read("stories.json"))["stories"]:
        article = next(a for a in site.issue.articles if a.id == story["id"])
        assert elements(site.read(story["html"]), "h1")[0].text == (article.headline or "图片新闻"), story["id"]
