#!/usr/bin/env python3
"""Renders an executed notebook's HTML in headless Chromium, with no network, and checks that every chart was drawn.

    render.py NOTEBOOK.html [--notebook NOTEBOOK.ipynb] [--screenshot OUT.png]

nbconvert runs no JavaScript, so only a browser shows whether a chart would appear to a person opening the saved
notebook. Checks:
- the HTML loads no script from http(s) (no CDN: plotly.js must be embedded);
- Chromium, with no network (host names unresolvable, every request sent to a dead proxy), runs the page's scripts and dumps the DOM;
- every plot div named by a `Plotly.newPlot(ID, ...)` / `Plotly.react(ID, ...)` call holds an <svg class="main-svg">,
  i.e. plotly.js drew it;
- at least `metadata.ssnotebook.min_plots` plots (from the .ipynb, default 0) were found;
- in a 1280 px wide window no plot reaches past the page's right edge (a wide table beside a chart must scroll in its
  own box, not widen the output the responsive chart fills).
Debian's nbconvert pages load require.js from /usr/share/javascript when libjs-requirejs is installed (it comes with
the classic Jupyter Notebook), so run.sh installs it: the charts must draw with an AMD loader on the page too.
Saves a screenshot for humans when asked. Exit status 1 with a FAILED line per problem.
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                 "track", "wbr", "keygen"}
PLOT_CALL = re.compile(r"""Plotly\.(?:newPlot|react|plot)\(\s*(?:document\.getElementById\(\s*)?["']([^"']+)["']""")
REMOTE_SCRIPT = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//""", re.I)
AMD_LOADER = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["'][^"']*require(?:\.min)?\.js""", re.I)
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--no-default-browser-check", "--disable-sync", "--disable-extensions", "--mute-audio",
    # No network at all: every host name fails to resolve, so a CDN script could not load even if one slipped in.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    # ... and every request, IP literals included, goes to a proxy that is not there.
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    # Let the page's scripts and timers run (plotly draws synchronously, but fonts and resizes use timers).
    "--virtual-time-budget=15000",
]


class PlotFinder(html.parser.HTMLParser):
    """Finds, for each element id in `ids`, whether an <svg class="main-svg"> lies inside it."""

    def __init__(self, ids):
        super().__init__(convert_charrefs=True)
        self.ids = set(ids)
        self.drawn = set()
        self.found = set()
        self.open = []  # (tag, id or None)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        element_id = attributes.get("id")
        if element_id in self.ids:
            self.found.add(element_id)
        if tag == "svg" and "main-svg" in (attributes.get("class") or "").split():
            for _, open_id in self.open:
                if open_id in self.ids:
                    self.drawn.add(open_id)
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, element_id))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.open.pop()

    def handle_endtag(self, tag):
        # Close up to the matching element (tolerates the odd unclosed element).
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("render.py: chromium is not installed (apt-get install chromium)")


def overflow_probe(plot_ids):
    """A script that, once the page has drawn, lists on <body data-ss-overflow> the plots wider than the page."""
    return ("<script>window.addEventListener('load',function(){setTimeout(function(){"
            "var limit=document.documentElement.clientWidth,wide=[];"
            f"{json.dumps(plot_ids)}.forEach(function(id){{var e=document.getElementById(id);"
            "if(e&&e.getBoundingClientRect().right>limit+1)wide.push(id+':'+Math.round(e.getBoundingClientRect().right)+'>'+limit);});"
            "document.body.setAttribute('data-ss-overflow',wide.join(' '));},3000);});</script>")


def run_chromium(binary, page, extra, profile):
    command = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, "file://" + os.path.abspath(page)]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def min_plots(notebook):
    if not notebook:
        return 0
    with open(notebook, encoding="utf-8") as f:
        return int(json.load(f).get("metadata", {}).get("ssnotebook", {}).get("min_plots", 0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("html")
    parser.add_argument("--notebook")
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    with open(args.html, encoding="utf-8") as f:
        source = f.read()
    problems = []
    remote = sorted(set(m.group(0) for m in REMOTE_SCRIPT.finditer(source)))
    if remote:
        problems.append(f"loads scripts from the network: {remote[:5]}")
    plot_ids = list(dict.fromkeys(PLOT_CALL.findall(source)))
    wanted = min_plots(args.notebook)
    if len(plot_ids) < wanted:
        problems.append(f"{len(plot_ids)} plots in the HTML, expected at least {wanted}")

    binary = chromium_binary()
    with tempfile.TemporaryDirectory(prefix="ssnb-chromium-") as profile:
        # The page as saved, plus the overflow probe: a copy beside it, so its relative links still resolve.
        probed = os.path.join(os.path.dirname(os.path.abspath(args.html)), ".probe-" + os.path.basename(args.html))
        with open(probed, "w", encoding="utf-8") as f:
            f.write(source.replace("</body>", overflow_probe(plot_ids) + "</body>", 1) if "</body>" in source
                    else source + overflow_probe(plot_ids))
        try:
            result = run_chromium(binary, probed, ["--dump-dom", "--window-size=1280,9000"], profile)
        finally:
            os.remove(probed)
        if result.returncode != 0 or "<html" not in result.stdout:
            problems.append(f"chromium failed (exit {result.returncode}): {result.stderr[-2000:]}")
        else:
            finder = PlotFinder(plot_ids)
            finder.feed(result.stdout)
            missing = [i for i in plot_ids if i not in finder.found]
            blank = [i for i in plot_ids if i in finder.found and i not in finder.drawn]
            if missing:
                problems.append(f"plot divs missing from the DOM: {missing}")
            if blank:
                hint = ""
                if AMD_LOADER.search(source):
                    hint = (" (the page loads require.js: an embedded plotly.js then registers itself as an AMD module"
                            " instead of setting window.Plotly, unless its embedding hides define)")
                problems.append(f"plots not drawn by plotly.js (no svg.main-svg){hint}: {blank}")
            overflow = re.search(r'data-ss-overflow="([^"]*)"', result.stdout)
            if overflow is None:
                problems.append("the overflow probe did not run (no data-ss-overflow on <body>)")
            elif overflow.group(1):
                problems.append(f"plots wider than the 1280 px page (id:right>page width): {html.unescape(overflow.group(1))}")
            print(f"rendered {args.html}: {len(finder.drawn)} of {len(plot_ids)} plots drawn by plotly.js, "
                  f"no network scripts: {not remote}")
        if args.screenshot:
            shot = run_chromium(binary, args.html, [f"--screenshot={os.path.abspath(args.screenshot)}",
                                                    "--window-size=1280,9000", "--hide-scrollbars"], profile)
            if shot.returncode != 0 or not os.path.exists(args.screenshot):
                problems.append(f"screenshot failed (exit {shot.returncode}): {shot.stderr[-1000:]}")
    for problem in problems:
        print(f"FAILED: {args.html}: {problem}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
