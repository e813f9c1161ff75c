"""The JSON of the e-paper: ninjs 2.0 per story (checked against the 2.0 schema's
rules, each rule with a negative control) and stories.json for search engines and apps."""

from __future__ import annotations

import json

from conftest import BASE_YAML, edit
from layout.epaper.ninjs import SCHEMA, problems

from .conftest import build_site
from .htmlread import main_text

VALID = {"uri": "https://epaper.example.cn/story-a.html", "type": "text", "language": "zh-CN",
         "versioncreated": "2023-01-06T00:00:00+08:00", "headlines": [{"role": "main", "value": "标题"}],
         "associations": [{"name": "photo1", "type": "picture", "uri": "https://epaper.example.cn/img/a-1.jpg"}],
         "renditions": [{"name": "web", "href": "https://epaper.example.cn/img/a-1.jpg", "width": 10}],
         "rightsinfo": {"linkedrights": "https://example.cn/rights"}}


def ninjs_of(built) -> dict[str, dict]:
    index = json.loads(built.read("stories.json"))
    return {s["id"]: json.loads(built.read(s["ninjs"])) for s in index["stories"]}


def test_every_story_is_valid_ninjs_2_0(site):
    for story_id, item in ninjs_of(site).items():
        assert problems(item) == [], story_id
        assert item["standard"] == {"name": "ninjs", "version": "2.0",
                                    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"}
        for association in item.get("associations", ()):
            rest = {k: v for k, v in association.items() if k != "name"}
            assert problems(rest) == [], f"{story_id}: an association is a ninjs object too"


def test_the_schema_rules_have_negative_controls():
    assert problems(VALID) == []
    cases = {
        "no uri": ({k: v for k, v in VALID.items() if k != "uri"}, "/uri: required"),
        "unknown property": ({**VALID, "page": 5}, "/page: not a ninjs 2.0 property here"),
        "bad type": ({**VALID, "type": "article"}, "/type: 'article' is not one of"),
        "relative uri": ({**VALID, "uri": "story-a.html"}, "/uri: 'story-a.html' is not an absolute URI"),
        "bad date": ({**VALID, "versioncreated": "2023-01-06"}, "is not an RFC 3339 date-time"),
        "headline without value": ({**VALID, "headlines": [{"role": "main"}]}, "/headlines/0/value: required"),
        "extra in a headline": ({**VALID, "headlines": [{"value": "x", "size": 1}]}, "/headlines/0/size: not a ninjs"),
        "rendition without name": ({**VALID, "renditions": [{"href": "https://x.cn/a"}]}, "/renditions/0/name: required"),
        "number as string": ({**VALID, "urgency": "3"}, "/urgency: expected a number"),
        "bool is no number": ({**VALID, "urgency": True}, "/urgency: expected a number"),
        "nameless association": ({**VALID, "associations": [{"type": "pictures"}]}, "an association needs a name"),
        "rights twice": ({**VALID, "rightsinfo": {"linkedrights": "https://a.cn", "encodedrights": "x"}},
                         "exactly one of linkedrights and encodedrights"),
    }
    for name, (item, expected) in cases.items():
        found = problems(item)
        assert any(expected in p for p in found), f"{name}: {found}"


def test_the_schema_table_names_the_2_0_properties():
    """The top level of ninjs 2.0 as published (a spot check of the restated rules)."""
    assert SCHEMA.required == ("uri",)
    for name in ("uri", "type", "representationtype", "profile", "version", "firstcreated", "versioncreated",
                 "contentcreated", "embargoed", "pubstatus", "urgency", "copyrightholder", "copyrightnotice",
                 "usageterms", "ednote", "language", "descriptions", "bodies", "headlines", "people",
                 "organisations", "places", "subjects", "events", "objects", "infosources", "title", "by",
                 "slugline", "located", "renditions", "associations", "altids", "trustindicators", "standard",
                 "genres", "rightsinfo"):
        assert name in SCHEMA.fields, name
    assert len(SCHEMA.fields) == 37


def test_ninjs_carries_the_story(multi_site):
    items = ninjs_of(multi_site)
    metro = items["metro-trial"]
    assert metro["uri"] == "https://epaper.qcrb.example.cn/20240315/story-metro-trial.html"
    assert {h["role"]: h["value"] for h in metro["headlines"]} == {
        "kicker": "全长23.6公里 设站18座", "main": "青川地铁1号线开始试运行",
        "subheadline": "——预计今年6月底开通载客，沿线通勤时间有望缩短一半"}
    assert metro["by"] == "本报记者 林晓 通讯员 周明" and metro["language"] == "zh-CN"
    text = next(b for b in metro["bodies"] if b["contenttype"] == "text/plain")
    article = next(a for a in multi_site.issue.articles if a.id == "metro-trial")
    assert text["value"].split("\n") == [b.text for b in article.blocks]
    assert text["charcount"] == len(text["value"])
    html = next(b for b in metro["bodies"] if b["contenttype"] == "text/html")["value"]
    assert all(b.text in main_text(f"<main>{html}</main>") for b in article.blocks)
    photo = metro["associations"][0]
    assert photo["type"] == "picture" and photo["by"] == "本报记者 林晓 摄"
    assert photo["descriptions"] == [{"role": "caption", "value": article.photos[0].caption}]
    assert photo["renditions"][0]["href"] == "https://epaper.qcrb.example.cn/20240315/img/metro-trial-1.jpg"
    assert photo["renditions"][0]["sizeinbytes"] == (multi_site.folder / "img/metro-trial-1.jpg").stat().st_size
    assert [a["value"] for a in metro["altids"] if a["role"] == "print-page"] == ["A01", "B03"]
    assert items["park-photo"]["type"] == "picture" and "bodies" not in items["park-photo"]


def test_without_a_base_url_uris_are_urns_and_hrefs_are_left_out(seed_site):
    for item in ninjs_of(seed_site).values():
        assert item["uri"].startswith("urn:paiban:jzrb:20230106:")
        for association in item.get("associations", ()):
            assert all("href" not in r for r in association["renditions"])


def test_stories_json_indexes_pages_and_stories(multi_site):
    index = json.loads(multi_site.read("stories.json"))
    assert index["generator"] == "paiban epaper" and index["language"] == "zh-CN"
    assert (index["paper"], index["date"], index["issue_number"]) == ("青川日报", "2024-03-15", 52)
    assert [p["name"] for p in index["pages"]] == ["第01版：要闻", "第02版：文体", "第03版：城事", "第04版：副刊"]
    assert [p["section_code"] for p in index["pages"]] == ["A", "A", "B", "B"]
    ids = [s["id"] for s in index["stories"]]
    assert ids[0] == "metro-trial"  # the lead, top left of 第1版
    assert [s["pages"][0] for s in index["stories"]] == sorted(s["pages"][0] for s in index["stories"])
    for page in index["pages"]:
        on = [s["slug"] for s in index["stories"] if page["number"] in s["pages"]]
        assert sorted(page["stories"]) == sorted(on)
    metro = index["stories"][0]
    assert metro["url"] == "https://epaper.qcrb.example.cn/20240315/story-metro-trial.html"
    assert metro["photos"][0]["src"] == "img/metro-trial-1.jpg" and metro["photos"][0]["width"] > 0
    article = next(a for a in multi_site.issue.articles if a.id == "metro-trial")
    assert all(b.text in metro["text"] for b in article.blocks)


def test_an_id_that_is_no_file_name_gets_a_safe_one(make_issue, tmp_path):
    folder = make_issue(edit(BASE_YAML, "id: alpha", "id: 信用/体系 建设"))
    built = build_site(folder, tmp_path / "site")
    index = json.loads(built.read("stories.json"))
    story = next(s for s in index["stories"] if s["id"] == "信用/体系 建设")
    assert story["slug"].isascii() and story["slug"].isalnum() and (built.folder / story["html"]).is_file()
    assert next(s for s in index["stories"] if s["id"] == "beta")["slug"] == "beta"


def test_a_sitemap_with_a_base_url_only(multi_site, seed_site):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(multi_site.read("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    index = json.loads(multi_site.read("stories.json"))
    assert locs == ["https://epaper.qcrb.example.cn/20240315/" + f for f in
                    ["index.html"] + [p["html"] for p in index["pages"]] + [s["html"] for s in index["stories"]]]
    assert {e.text for e in root.findall("s:url/s:lastmod", ns)} == {"2024-03-15"}
    assert not (seed_site.folder / "sitemap.xml").exists()


def test_sharing_and_canonical_addresses(multi_site, seed_site):
    from .htmlread import elements

    html = multi_site.read("story-metro-trial.html")
    meta = {m.attrs["property"]: m.attrs["content"] for m in elements(html, "meta") if "property" in m.attrs}
    assert meta["og:type"] == "article" and meta["og:locale"] == "zh_CN"
    assert meta["og:image"] == "https://epaper.qcrb.example.cn/20240315/img/metro-trial-1.jpg"
    canonical = [e.attrs["href"] for e in elements(html, "link") if e.attrs.get("rel") == "canonical"]
    assert canonical == ["https://epaper.qcrb.example.cn/20240315/story-metro-trial.html"]
    seed = seed_site.read("index.html")
    assert not [e for e in elements(seed, "link") if e.attrs.get("rel") == "canonical"]
    assert not [m for m in elements(seed, "meta") if m.attrs.get("property") in ("og:url", "og:image")]


def test_copy_that_looks_like_html_is_shown_as_text(make_issue, tmp_path):
    from .htmlread import elements, main_text

    yaml = edit(BASE_YAML, "headline: 测试标题一", 'headline: "A&B <b>测试</b> 标题"')
    folder = make_issue(yaml, {"articles/alpha.md": "第一段 <script>alert(1)</script> & 正文。\n"})
    built = build_site(folder, tmp_path / "site")
    html = built.read("story-alpha.html")
    assert elements(html, "h1")[0].text == "A&B <b>测试</b> 标题" and not elements(html, "b")
    assert "<script>alert(1)</script> & 正文" in main_text(html)
    assert len(elements(html, "script")) == 2  # the JSON-LD and epaper.js, nothing from the copy
    index = json.loads(built.read("stories.json"))
    assert index["stories"][0]["headline"] == "A&B <b>测试</b> 标题"
