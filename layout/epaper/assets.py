"""The site's style sheet and script, written as epaper.css and epaper.js.

No web fonts and nothing fetched from elsewhere: the faces are the reader's own CJK
fonts, Song (宋) for the body, Hei (黑) for headlines and furniture, Kai (楷) for
captions and 副题, as on the printed page. Phone first: one column under 900 px, the
page image beside its list of stories above it.
"""

CSS = """\
:root {
  --red: #b3191e; --dark-red: #8e1318; --ink: #1d1d1d; --grey: #5f5a52; --paper: #f4f1ea;
  --line: #dcd5c8; --white: #fff;
  --song: "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "Songti SC", "SimSun", serif;
  --hei: "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  --kai: "LXGW WenKai", "Paiban WenKai", "Kaiti SC", "STKaiti", "KaiTi", var(--song);
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font-family: var(--hei); line-height: 1.6;
  overflow-wrap: anywhere; }
a { color: inherit; }
img { max-width: 100%; height: auto; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.masthead { background: var(--red); color: var(--white); }
.bar { max-width: 1280px; margin: 0 auto; padding: .6rem 1rem .5rem; display: flex; flex-wrap: wrap;
  align-items: baseline; gap: .2rem 1.2rem; }
.paper { color: var(--white); text-decoration: none; font-family: var(--song); font-weight: 900;
  font-size: 1.75rem; letter-spacing: .12em; line-height: 1.2; }
.paper small { font-family: var(--hei); font-weight: 400; font-size: .8rem; letter-spacing: .1em;
  border: 1px solid rgba(255,255,255,.7); padding: 0 .35em; margin-left: .5em; vertical-align: middle; }
.dateline { font-size: .9rem; opacity: .92; }
.sections { background: var(--dark-red); }
.sections ul { max-width: 1280px; margin: 0 auto; padding: 0 .5rem; list-style: none; display: flex; flex-wrap: wrap; }
.sections a { display: block; padding: .35rem .7rem; color: var(--white); text-decoration: none; font-size: .95rem; }
.sections a:hover, .sections a:focus, .sections a[aria-current] { background: rgba(255,255,255,.18); }

.layout { max-width: 1280px; margin: 0 auto; padding: 1rem; display: grid; gap: 1rem;
  grid-template-columns: minmax(0, 1fr); }
@media (min-width: 900px) { .layout { grid-template-columns: minmax(0, 3fr) minmax(15rem, 1fr); } }

.tools { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .6rem; margin: 0 0 .6rem; }
.tools h1 { font-size: 1.15rem; margin: 0 auto 0 0; }
.button { display: inline-block; padding: .2rem .7rem; border: 1px solid var(--red); border-radius: 2px;
  background: var(--white); color: var(--red); font: inherit; font-size: .9rem; text-decoration: none; cursor: pointer; }
.button:hover, .button:focus { background: var(--red); color: var(--white); }
.button[aria-disabled] { border-color: var(--line); color: var(--grey); pointer-events: none; }
.scroller { overflow: auto; background: var(--white); box-shadow: 0 1px 5px rgba(0,0,0,.18); }
.frame { position: relative; width: 100%; }
.zoomed .frame { width: 200%; }
.frame img { display: block; width: 100%; height: auto; }
.area { position: absolute; display: block; border: 1px solid transparent; }
.area:hover, .area:focus, .area.lit { background: rgba(179,25,30,.09); border-color: var(--red); outline: none; }

.panel { background: var(--white); padding: .8rem 1rem 1rem; border-top: 3px solid var(--red); align-self: start; }
.panel h2 { font-size: 1rem; margin: .4rem 0 .5rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
.panel h2 small { font-weight: 400; color: var(--grey); font-size: .75rem; margin-left: .4em; }
.titles { margin: 0 0 1rem; padding: 0 0 0 1.4em; }
.titles li { margin: .3rem 0; }
.titles a { text-decoration: none; }
.titles a:hover, .titles a:focus, .titles a.lit { color: var(--red); text-decoration: underline; }
.titles .note { color: var(--grey); font-size: .8rem; margin-left: .3em; }
.pages { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem;
  grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); }
.pages a { display: block; text-decoration: none; font-size: .85rem; text-align: center; padding: .25rem;
  border: 1px solid var(--line); }
.pages a[aria-current] { border-color: var(--red); color: var(--red); font-weight: 700; }
.pages img { display: block; width: 100%; margin-bottom: .2rem; }

.story { background: var(--white); padding: 1.25rem 1rem 1.5rem; min-width: 0; overflow-wrap: anywhere; }
@media (min-width: 600px) { .story { padding: 1.75rem 2.5rem 2rem; } }
.crumbs { font-size: .85rem; color: var(--grey); margin-bottom: 1rem; }
.crumbs a { color: var(--red); }
.stack { text-align: center; margin-bottom: 1.2rem; padding-bottom: 1rem; border-bottom: 1px solid var(--line); }
.kicker { font-size: 1.05rem; margin: 0 0 .2rem; }
.story h1 { font-size: clamp(1.45rem, 5.5vw, 2.2rem); line-height: 1.35; margin: .2rem 0; font-weight: 700; }
.subhead { font-size: 1.15rem; margin: .3rem 0 0; }
.face-song, .face-song_bold { font-family: var(--song); }
.face-hei, .face-hei_bold { font-family: var(--hei); }
.face-kai { font-family: var(--kai); }
.face-song, .face-hei, .face-kai { font-weight: 400; }
.face-song_bold, .face-hei_bold { font-weight: 700; }
.byline { font-size: .95rem; margin: .8rem 0 0; }
.meta { font-size: .85rem; color: var(--grey); margin: .3rem 0 0; }
.meta a { color: var(--red); }
.body { font-family: var(--song); font-size: 1.125rem; line-height: 1.95; }
.body p { margin: 0 0 .75em; text-indent: 2em; text-align: justify; }
.body h2 { font-family: var(--hei); font-size: 1.1rem; margin: 1.4em 0 .6em; }
.body blockquote { margin: 0 0 .75em 2em; font-family: var(--kai); }
.body blockquote p { text-indent: 0; }
.runin { font-family: var(--hei); font-weight: 700; }
.dots { font-style: normal; -webkit-text-emphasis: filled dot; text-emphasis: filled dot;
  -webkit-text-emphasis-position: under right; text-emphasis-position: under right; }
.proper { text-decoration: underline; text-underline-offset: .3em; }
.book { font-style: normal; text-decoration: underline wavy; text-underline-offset: .3em; }
.deceased { border: 1px solid currentColor; padding: 0 .1em; }
figure { margin: 0 0 1.2rem; }
figure img { display: block; width: 100%; height: auto; background: var(--paper); }
figcaption { font-family: var(--kai); font-size: 1rem; line-height: 1.7; padding: .5rem 0; border-bottom: 1px solid var(--line); }
figcaption .credit { font-family: var(--hei); font-size: .9rem; margin-left: .5em; }
figcaption .licence { display: block; font-family: var(--hei); font-size: .75rem; color: var(--grey); }
.pager { display: grid; gap: .6rem; grid-template-columns: minmax(0, 1fr); margin-top: 2rem; padding-top: 1rem;
  border-top: 1px solid var(--line); font-size: .95rem; }
@media (min-width: 600px) { .pager { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .pager .next { text-align: right; } }
.pager a { color: var(--red); text-decoration: none; }
.pager a:hover, .pager a:focus { text-decoration: underline; }
.mini { display: block; margin-bottom: .8rem; text-decoration: none; font-size: .85rem; text-align: center; }
.mini .frame { border: 1px solid var(--line); }
.mark { position: absolute; background: rgba(179,25,30,.22); border: 2px solid var(--red); }

.site-footer { max-width: 1280px; margin: 0 auto; padding: 1rem; font-size: .8rem; color: var(--grey); text-align: center; }
.site-footer a { color: var(--grey); }
"""

JS = """\
/* paiban e-paper: zoom on the page image, and a story's areas lit with its title. */
(function () {
  "use strict";
  var sheet = document.querySelector(".sheet");
  var button = sheet && sheet.querySelector("button.zoom");
  var img = sheet && sheet.querySelector(".frame img");
  if (button && img) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !sheet.classList.contains("zoomed");
      if (on && img.getAttribute("data-zoom")) {
        img.src = img.getAttribute("data-zoom");
        img.removeAttribute("data-zoom");
      }
      sheet.classList.toggle("zoomed", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "缩小" : "放大";
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-story]"), function (el) {
    var mates = document.querySelectorAll('[data-story="' + el.getAttribute("data-story") + '"]');
    function light(on) {
      Array.prototype.forEach.call(mates, function (m) { m.classList.toggle("lit", on); });
    }
    el.addEventListener("mouseenter", function () { light(true); });
    el.addEventListener("mouseleave", function () { light(false); });
    el.addEventListener("focus", function () { light(true); });
    el.addEventListener("blur", function () { light(false); });
  });
})();
"""
