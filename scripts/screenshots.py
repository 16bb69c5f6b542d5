#!/usr/bin/env python
"""Re-take screenshots of Maillage's main pages at desktop (1366×900) and phone (390×844) sizes.

Start the site first (`make run`, demo data loaded), then:
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out screenshots]
The organisers' pages need an account that organises the demo event (see the README):
    .venv/bin/python manage.py create_organiser orga --event assises-2025 --email orga@example.org
    (choose its password with the printed link), then
    SCREENSHOT_PASSWORD=… .venv/bin/python scripts/screenshots.py --organiser orga
Writes one full-page PNG per page and size (e.g. screenshots/phone-carte-63.png) and prints, for
each, whether the page is wider than the screen. Requests to other hosts (tiles) are blocked, as in
the browser tests: what you see is what a visitor sees with no tile server.
"""

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# (file name, path): the pages a newcomer's first hour goes through.
PAGES = [
    ("accueil", "/"),
    ("typologie", "/acteurs/typologie/"),
    ("annuaire", "/acteurs/"),
    ("annuaire-63", "/acteurs/?departement=63"),
    ("carte", "/carte/"),
    ("carte-63", "/carte/?departement=63"),
    ("reseau", "/reseau/"),
    ("reseau-63", "/reseau/?departement=63"),
    ("diagnostic", "/diagnostic/"),
    ("evenements", "/evenements/"),
    ("programme", "/evenements/assises-2025/"),
    ("ateliers", "/evenements/assises-2025/ateliers/"),
    ("contribuer", "/contributions/proposer/"),
    ("organisateurs", "/evenements/organisation/"),
]
# Taken only with --organiser (signed in through the site's login page).
ORGANISER_PAGES = [
    ("orga-mes-evenements", "/evenements/organisation/"),
    ("orga-repartition", "/evenements/assises-2025/organisation/"),
    ("orga-inscriptions", "/evenements/assises-2025/organisation/inscriptions/"),
    ("orga-listes", "/evenements/assises-2025/organisation/participants/"),
    ("orga-emargement", "/evenements/assises-2025/organisation/emargement/1/"),
    ("orga-equipe", "/evenements/assises-2025/organisation/equipe/"),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots", type=Path)
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument(
        "--organiser", help="username of an organiser of the demo event; password in $SCREENSHOT_PASSWORD"
    )
    args = parser.parse_args(argv)
    pages = list(PAGES)
    if args.organiser:
        pages += ORGANISER_PAGES
    args.out.mkdir(parents=True, exist_ok=True)
    host = urlsplit(args.base).netloc
    too_wide = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox"])
        for size_name, viewport in SIZES.items():
            context = browser.new_context(locale="fr-FR", viewport=viewport)
            context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == host else r.abort())
            page = context.new_page()
            if args.organiser:
                page.goto(args.base + "/contributions/connexion/")
                page.fill("#id_username", args.organiser)
                page.fill("#id_password", os.environ.get("SCREENSHOT_PASSWORD", ""))
                page.click("form.contrib-form button[type=submit]")
                page.wait_for_load_state("networkidle")
            for name, path in pages:
                response = page.goto(args.base + path)
                page.wait_for_load_state("networkidle")
                target = args.out / f"{size_name}-{name}.png"
                page.screenshot(path=str(target), full_page=True)
                width = page.evaluate("document.documentElement.scrollWidth")
                status = response.status if response else "?"
                wide = width > viewport["width"]
                if wide:
                    too_wide.append(f"{size_name} {path}")
                print(f"{target}  HTTP {status}  {width}px{'  TOO WIDE' if wide else ''}")
            context.close()
        browser.close()
    return 1 if too_wide else 0


if __name__ == "__main__":
    sys.exit(main())
