"""Mark the visible text of templates for translation, in place and line by line.

    python scripts/wrap_templates.py templates/some/page.html ...

Each run of text on a line (with the simple {{ values }} inside it) becomes one
{{ _("... %(name)s ...", name=value) }}; aria-label, placeholder, title, alt and data-label
attributes become {{ _('...') }}. Text already marked is left alone, so running it again changes
nothing. Read the diff afterwards: a tag with ">" inside a Jinja expression needs a hand edit, and
tests/i18n/test_templates_wrapped.py lists anything still unmarked. Then `make translations`.
"""

import re
import sys
from pathlib import Path

TOKEN = re.compile(
    r"(\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<[^>]*>)",
    re.S,
)
LETTER = re.compile(r"[^\W\d_]", re.U)
ATTRS = re.compile(r'\b(aria-label|placeholder|title|alt|data-label)="([^"{}]*)"')
KW = {
    "format",
    "if",
    "else",
    "not",
    "none",
    "and",
    "or",
    "is",
    "true",
    "false",
    "join",
    "length",
    "in",
    "e",
    "safe",
    "default",
    "strftime",
    "isoformat",
    "round",
    "int",
    "string",
    "lower",
    "upper",
    "title",
    "replace",
    "count",
    "get",
    "items",
    "trim",
}


def varname(expr, used):
    expr = expr.strip()
    cleaned = re.sub(r"\"[^\"]*\"|'[^']*'", "", expr)
    names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", cleaned)
    name = "value"
    for n in names:
        last = n.split(".")[-1]
        if last.lower() not in KW and not last.startswith("_"):
            name = last
            break
    base, i = name, 2
    while name in used and used[name] != expr:
        name = f"{base}{i}"
        i += 1
    used[name] = expr
    return name


def esc(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def wrap_run(run):
    """run: list of ('text'|'expr', str). Returns replacement string."""
    # Trim leading/trailing whitespace of the run into outside parts.
    text_all = "".join(v for k, v in run if k == "text")
    if not LETTER.search(text_all):
        return "".join(v for _, v in run)
    # strip leading/trailing expr-free whitespace
    first, _last = run[0], run[-1]
    lead = trail = ""
    if first[0] == "text":
        stripped = first[1].lstrip()
        lead = first[1][: len(first[1]) - len(stripped)]
        run = [("text", stripped), *run[1:]]
    if run[-1][0] == "text":
        stripped = run[-1][1].rstrip()
        trail = run[-1][1][len(stripped) :]
        run = [*run[:-1], ("text", stripped)]
    used = {}
    msg = []
    args = []
    named = set()  # a set, not a substring test: "number=" is inside "version_number=x"
    for kind, value in run:
        if kind == "text":
            msg.append(value.replace("%", "%%"))
        else:
            inner = value[2:-2].strip()
            name = varname(inner, used)
            msg.append(f"%({name})s")
            if name not in named:
                named.add(name)
                args.append(f"{name}={inner}")
    call = '_("' + esc("".join(msg)) + '"'
    if args:
        call += ", " + ", ".join(args)
    call += ")"
    return lead + "{{ " + call + " }}" + trail


def attr_wrap(tag):
    def repl(m):
        if not LETTER.search(m.group(2)):
            return m.group(0)
        return f"{m.group(1)}=\"{{{{ _('{m.group(2).replace(chr(39), chr(92) + chr(39))}') }}}}\""

    return ATTRS.sub(repl, tag)


def process(src):
    parts = TOKEN.split(src)
    out = []
    run = []

    def flush():
        if run:
            out.append(wrap_run(run))
            run.clear()

    for i, part in enumerate(parts):
        if i % 2 == 0:  # text
            lines = part.split("\n")
            for j, line in enumerate(lines):
                if j > 0:
                    flush()
                    out.append("\n")
                if line:
                    run.append(("text", line))
        else:
            if part.startswith("{{") and not re.match(r"\{\{-?\s*_\(", part) and "\n" not in part:
                run.append(("expr", part))
            else:
                flush()
                if part.startswith("<") and not part.startswith(("<script", "<style", "<!--")):
                    part = attr_wrap(part)
                out.append(part)
    flush()
    return "".join(out)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        p = Path(name)
        src = p.read_text(encoding="utf-8")
        new = process(src)
        if new != src:
            p.write_text(new, encoding="utf-8")
