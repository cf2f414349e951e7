"""The page the HTML pack is printed from: one file that fetches nothing (no script, no font, no image, no
style sheet from anywhere: a Content-Security-Policy says so to the browser too), system fonts, and CSS paged
media for print: the handling marking at the top and bottom of every printed page and the page number, in
the page margins (@page margin boxes, which Chromium prints on every page).

The marking is briefing text: in the page it is escaped HTML, in the margin boxes a CSS string with every
character but letters, digits and a few safe signs written as a hex escape, so it cannot end the string or
the style element.
"""

from __future__ import annotations

from html import escape

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'

STYLE = """
@page {
  size: A4;
  margin: 18mm 14mm 17mm 14mm;
  @top-center { content: __MARKING__; font: 700 9pt/1.2 __FONTS__; letter-spacing: 0.04em; color: #000; }
  @bottom-center { content: __MARKING__; font: 700 9pt/1.2 __FONTS__; letter-spacing: 0.04em; color: #000; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt/1.2 __FONTS__; color: #000; }
}
:root { color: #111; background: #fff; font: 10pt/1.4 __FONTS__; }
body { margin: 0 auto; max-width: 60rem; padding: 0 1rem; overflow-wrap: break-word; }
.marking { text-align: center; font-weight: 700; letter-spacing: 0.04em; padding: 0.4rem; border: 2px solid #000;
  margin: 0.5rem 0; }
h1 { font-size: 18pt; margin: 0.6rem 0 0.4rem; }
h2 { font-size: 14pt; margin: 1.2rem 0 0.4rem; border-bottom: 1px solid #444; break-after: avoid; }
h3 { font-size: 11pt; margin: 0.9rem 0 0.3rem; break-after: avoid; }
p { margin: 0.3rem 0 0.5rem; }
ul, ol { margin: 0.2rem 0 0.6rem; padding-left: 1.4rem; }
li { margin: 0.1rem 0; }
.briefing-summary { color: #333; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.8rem; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 0.15rem 0.3rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.grade { font-weight: 700; font-variant-numeric: tabular-nums; }
.quote { font-style: italic; }
a { color: #00309a; text-decoration: none; }
a.cite { font-size: 0.85em; white-space: nowrap; }
a.url { overflow-wrap: anywhere; }
ol.citations { list-style: none; padding-left: 0; }
ol.citations li { margin: 0.2rem 0; padding-left: 3.8em; text-indent: -3.8em; break-inside: avoid; }
ol.citations .number { display: inline-block; min-width: 3.6em; text-indent: 0; font-weight: 700; }
ol.citations li:target, h3:target { outline: 2px solid #f0b400; }
.charts figure { margin: 0.6rem 0 1rem; break-inside: avoid; }
.chart-grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.2rem; }
.charts svg { width: 100%; height: auto; display: block; }
.charts svg text { font-family: __FONTS__; }
figcaption { font-size: 8.5pt; color: #333; margin-top: 0.2rem; }
@media print {
  body { max-width: none; padding: 0; }
  .marking { display: none; }
  a { color: inherit; }
}
"""


def css_string(text: str) -> str:
    """Text as a CSS string that means exactly the text: letters, digits, space and `/-.,:()` as they are,
    every other character as a six-digit hex escape (so no quote, backslash, `<` or newline is left)."""
    safe = set(" /-.,:()")
    words = [ch if (ch.isascii() and ch.isalnum()) or ch in safe else f"\\{ord(ch):06x}" for ch in text]
    return '"' + "".join(words) + '"'


def page(*, title: str, marking: str, body: str) -> str:
    """The whole document: `title` and `marking` are text (escaped here), `body` is HTML made by the pack."""
    line = " ".join(marking.split())
    style = STYLE.replace("__FONTS__", FONTS).replace("__MARKING__", css_string(line))  # the marking last: it is data
    shown = escape(line, quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title, quote=True)} ({shown})</title>\n"
        f"<style>{style}</style>\n</head>\n<body>\n"
        f'<header class="marking">{shown}</header>\n<main>\n{body}\n</main>\n'
        f'<footer class="marking">{shown}</footer>\n</body>\n</html>\n'
    )
