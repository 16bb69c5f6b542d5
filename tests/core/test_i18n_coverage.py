"""Every string meant for users is translatable, and the English catalogue translates all of them.

Three nets:
- templates: visible text and text attributes outside {% translate %}/{% blocktranslate %}, found by
  Django's template lexer and Python's HTML parser;
- Python: French string literals outside a gettext call (the UI's source language is French, code is
  English, so a French literal is user text), found by the ast module; JavaScript: no French literal
  at all, the bundles get their text from the templates;
- the catalogue: `makemessages` run into a temporary directory gives the messages of today's code,
  each of which must have a reviewed (non-fuzzy) English translation, compiled into the .mo.
"""

import ast
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)
PACKAGE = ROOT / "maillage"
CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Reads source files and catalogues, no database: once per `make test` (tests/conftest.py).
pytestmark = pytest.mark.one_suite

# --- Templates -------------------------------------------------------------------------------

HOLE = "\x00"  # stands for a variable or a translated string in the template's skeleton
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription", "label"}
BUTTON_TYPES = {"submit", "button", "reset"}
# Words that are the same in every language of the site (file formats, acronyms).
NEUTRAL_WORDS = {"CSV", "XLSX", "ODS", "GEXF", "GraphML", "SVG", "PNG", "JSON", "XML", "iCal", "INSEE"}
LETTER = re.compile(r"[^\W\d_]")
ATTRIBUTE_BLOCKS = ("_class", "_attributes", "_attrs", "_id")  # {% block body_class %} fills an attribute
CONTROL_TAGS = {
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "empty",
    "endfor",
    "with",
    "endwith",
    "load",
    "csrf_token",
    "block",
    "endblock",
    "extends",
    "comment",
    "endcomment",
    "spaceless",
    "endspaceless",
    "ifchanged",
    "endifchanged",
    "verbatim",
    "endverbatim",
    "blocktranslate",
    "endblocktranslate",
    "blocktrans",
    "endblocktrans",
    "autoescape",
    "endautoescape",
    "plural",
}


def template_skeleton(source):
    """The template with translated strings and variables replaced by holes, newlines kept.

    Text inside {% blocktranslate %}, {% comment %} and blocks that fill an attribute
    (`{% block body_class %}`, `{% block form_attributes %}`) is not visible text; everything else is kept as written.
    """
    out = []
    hidden = []  # stack of the closing tags of the hiding constructs we are in
    for token in Lexer(source).tokenize():
        newlines = "\n" * token.contents.count("\n")
        if token.token_type == TokenType.TEXT:
            out.append(HOLE + newlines if hidden else token.contents)
            continue
        if token.token_type == TokenType.VAR:
            out.append(HOLE + newlines)
            continue
        bits = token.split_contents() if token.token_type == TokenType.BLOCK else []
        name = bits[0] if bits else ""
        # A tag's output is text ({% translate %}, {% url %}…); a control tag ({% if %}) outputs nothing.
        out.append(("" if name in CONTROL_TAGS else HOLE) + newlines)
        if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
            hidden.append("end" + name)
        elif name == "block" and len(bits) > 1 and bits[1].endswith(ATTRIBUTE_BLOCKS):
            hidden.append("endblock")
        elif hidden and name == hidden[-1]:
            hidden.pop()
    return "".join(out)


class VisibleText(HTMLParser):
    """Collects text a user sees or hears: element content and text attributes."""

    SKIPPED = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []  # open elements whose content is not text to translate
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.SKIPPED or attributes.get("translate") == "no":
            self.skipping.append(tag)
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES or (name == "value" and attributes.get("type") in BUTTON_TYPES):
                self._check(value, f"<{tag} {name}>")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self._check(data, "text")

    def _check(self, text, where):
        words = (text or "").replace(HOLE, " ").split()
        if any(LETTER.search(word) and word.strip("().,:;") not in NEUTRAL_WORDS for word in words):
            self.found.append(f"line {self.getpos()[0]}, {where}: {' '.join(words)!r}")


def untranslated_template_text(source):
    parser = VisibleText()
    parser.feed(template_skeleton(source))
    parser.close()
    return parser.found


def test_the_template_scanner_finds_text_outside_translate_tags():
    source = (
        '{% load i18n %}<p title="Aide">{% translate "Bonjour" %} {{ name }}</p>'
        "<button>Envoyer</button>{% blocktranslate %}Texte {{ n }}{% endblocktranslate %}"
        '<script>const a = "texte";</script><textarea translate="no">&lt;iframe&gt;</textarea>'
    )
    assert untranslated_template_text(source) == ["line 1, <p title>: 'Aide'", "line 1, text: 'Envoyer'"]


def test_every_template_text_is_translatable():
    problems = []
    for path in sorted(PACKAGE.rglob("*.html")):
        problems += [f"{path.relative_to(ROOT)}: {p}" for p in untranslated_template_text(path.read_text())]
    assert problems == [], "Text not wrapped in {% translate %} / {% blocktranslate %}:\n" + "\n".join(problems)


# --- Python ----------------------------------------------------------------------------------

GETTEXT_FUNCTIONS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
LOGGER_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}
FRENCH = re.compile(
    r"[éèêàâçùûîôëïœÉÈÊÀÇ«»]|\b(le|la|les|des|du|une|un|est|pour|avec|aucun|aucune|pas|sur|dans|et|ou|votre|vos)\b",
    re.IGNORECASE,
)
ACCENTED = re.compile(r"[éèêàâçùûîôëïœÉÈÊÀÇ«»]")
EXEMPTION = "# untranslated:"  # on a statement's first line or the line above it, with the reason
# Not user interface: migrations and demo data hold data; management commands talk to the
# operator in the console and the admin is a French-only staff tool (its URLs have no /en/).
NOT_UI_PARTS = {"migrations", "demo", "commands"}
NOT_UI_FILES = {"admin.py"}


def _function_name(call):
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def untranslated_python_strings(source):
    tree = ast.parse(source)
    lines = source.splitlines()
    ignored = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            ignored.add(id(body[0].value))  # docstring
        if isinstance(node, ast.Call) and (
            _function_name(node) in GETTEXT_FUNCTIONS
            or (isinstance(node.func, ast.Attribute) and node.func.attr in LOGGER_METHODS)
        ):
            ignored.update(id(child) for child in ast.walk(node))
        if isinstance(node, ast.stmt):
            marked = lines[node.lineno - 1 : node.lineno] + lines[max(node.lineno - 2, 0) : node.lineno - 1]
            if any(EXEMPTION in line for line in marked):
                ignored.update(id(child) for child in ast.walk(node))
    return [
        f"line {node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in ignored
        and FRENCH.search(node.value)
        and (" " in node.value.strip() or ACCENTED.search(node.value))  # a phrase, or a word no identifier has
    ]


def test_the_python_scanner_finds_french_literals_outside_gettext():
    source = (
        "from django.utils.translation import gettext as _\n"
        'def f():\n    """Docstring de la fonction."""\n'
        '    ok = _("Une phrase traduite")\n'
        '    code = "select id from actor"\n'
        '    return f"Le lieu {ok} est créé"\n'
        '# untranslated: a file format\nHEADERS = ["Année de création"]\n'
    )
    assert untranslated_python_strings(source) == ["line 6: 'Le lieu '", "line 6: ' est créé'"]


def test_every_french_python_string_is_translatable():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if NOT_UI_PARTS & set(relative.parts) or path.name in NOT_UI_FILES:
            continue
        problems += [f"{relative}: {p}" for p in untranslated_python_strings(path.read_text())]
    assert problems == [], (
        "French text outside gettext (wrap it, or mark a non-UI string with "
        f"'{EXEMPTION} <reason>'):\n" + "\n".join(problems)
    )


# --- JavaScript ------------------------------------------------------------------------------

JS_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')
JS_COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*", re.DOTALL | re.MULTILINE)


def french_javascript_literals(source):
    """French string literals in a bundle's source: its user text must come from the templates."""
    source = JS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    return [
        f"line {source[: m.start()].count(chr(10)) + 1}: {m.group(0)}"
        for m in JS_LITERAL.finditer(source)
        if FRENCH.search(m.group(0)[1:-1]) and (" " in m.group(0)[1:-1].strip() or ACCENTED.search(m.group(0)))
    ]


def test_the_javascript_scanner_finds_french_literals():
    source = (
        '// Un commentaire\nconst a = "Chargement de la carte";\nconst b = config.text.loading;\nconst c = "map-ready";'
    )
    assert french_javascript_literals(source) == ['line 2: "Chargement de la carte"']


def test_javascript_shows_only_text_given_by_the_templates():
    problems = []
    for path in sorted((ROOT / "frontend").rglob("*.js")):
        problems += [f"{path.relative_to(ROOT)}: {p}" for p in french_javascript_literals(path.read_text())]
    assert problems == [], (
        "French text in JavaScript: pass it from the template (data attribute or json_script):\n" + "\n".join(problems)
    )


# --- The English catalogue -----------------------------------------------------------------


def _require_gettext():
    if not shutil.which("xgettext") or not shutil.which("msgfmt"):
        pytest.fail("GNU gettext (xgettext, msgfmt) is required: `make test` installs it (scripts/ensure-gettext.sh).")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages of today's code, extracted by the project's makemessages into a temporary directory."""
    _require_gettext()
    locale_dir = tmp_path_factory.mktemp("locale")
    with override_settings(LOCALE_PATHS=[locale_dir]), pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        call_command("makemessages", locale=["en"], ignore_patterns=["maillage/locale/*"], verbosity=0)
    return polib.pofile(str(locale_dir / "en" / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_the_extraction_finds_the_messages_of_the_code(extracted):
    msgids = {entry.msgid for entry in extracted}
    assert {"Annuaire", "Langue", "Carte des acteurs"} <= msgids
    assert len(extracted) > 900


def test_every_message_has_a_reviewed_english_translation(extracted, catalogue):
    translated = {_key(e) for e in catalogue if e.translated() and "fuzzy" not in e.flags}
    missing = [e.msgid for e in extracted if _key(e) not in translated]
    assert missing == [], (
        "Messages without an English translation: run `make messages`, translate them in "
        f"{CATALOGUE.relative_to(ROOT)} (no fuzzy entry) and compile:\n" + "\n".join(missing)
    )


def test_the_catalogue_has_no_stale_entry(extracted, catalogue):
    current = {_key(e) for e in extracted}
    stale = [e.msgid for e in catalogue if _key(e) not in current]
    assert stale == [], "Entries no longer in the code (run `make messages`):\n" + "\n".join(stale)


def test_translations_keep_the_placeholders_of_their_message():
    _require_gettext()
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_compiled_catalogue_matches_its_source(catalogue):
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))

    def contents(entries):
        return {_key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in entries if e.msgid}

    reviewed = [e for e in catalogue if e.translated() and "fuzzy" not in e.flags]
    assert contents(compiled) == contents(reviewed), "Run `make messages` to compile the catalogue."
