"""Date and time fields as people fill them on a phone. Every text field of
the theme that takes a date (its placeholder dd/mm/yyyy) or a time asks
for the keyboard that has digits and a separator (inputmode="decimal"),
says dd/mm/yyyy in full, and the server takes what people type there:
1-9-2026, 1.9.2026, 01092026, 1/9/26 all mean 1 September 2026. Reads the
templates, so a field added anywhere is held to it; then types the dates
into the sidebar's search form on the demo site."""
import glob
import os
import re
import urllib.parse

from loatest import ROOT, Server, check, run_tests


def template_inputs():
    for path in sorted(glob.glob(os.path.join(ROOT, "themes", "default", "templates", "**", "*.html"),
                              recursive=True)):
        text = open(path, encoding="utf-8").read()
        for tag in re.findall(r"<input\b[^>]*>", text):
            yield os.path.relpath(path, ROOT), tag


def test_date_fields_offer_a_separator():
    found = 0
    for where, tag in template_inputs():
        placeholder = re.search(r'placeholder="([^"]*)"', tag)
        name = re.search(r'name="([^"]*)"', tag)
        is_date = placeholder and re.fullmatch(r"[dmy]{2}/[dmy]{2}/[y]+", placeholder.group(1))
        is_time = name and re.fullmatch(r"gio(-[a-z]+)?", name.group(1)) and 'type="text"' in tag
        if not (is_date or is_time):
            continue
        found += 1
        field = "%s %s" % (where, name.group(1) if name else tag[:40])
        check('inputmode="decimal"' in tag, "%s offers a keyboard with a separator" % field, tag)
        if is_date:
            check(placeholder.group(1) == "dd/mm/yyyy", "%s says dd/mm/yyyy in full" % field, placeholder.group(1))
    check(found >= 10, "the theme's date and time fields were found", found)


def test_dates_as_typed():
    S = Server()
    S.start()
    try:
        base = S.get("/tim-kiem?q=x%C3%A3&tu-ngay=01%2F09%2F2026")
        check(base.status == 200, "a search from 01/09/2026 answers", base.status)
        value = re.search(r'name="tu-ngay" value="([^"]*)"', base.text)
        check(value and value.group(1) == "01/09/2026", "the search form shows the date it searched from",
              value and value.group(1))
        for typed in ["1-9-2026", "1.9.2026", "01092026", "1/9/26", " 1/9/2026 "]:
            r = S.get("/tim-kiem?q=x%C3%A3&tu-ngay=" + urllib.parse.quote(typed))
            got = re.search(r'name="tu-ngay" value="([^"]*)"', r.text)
            check(r.status == 200 and got and got.group(1) == "01/09/2026",
                  "the search takes the date typed as %r as 01/09/2026" % typed, (r.status, got and got.group(1)))
        r = S.get("/tim-kiem?q=x%C3%A3&tu-ngay=31%2F02%2F2026")
        check(r.status == 400 and "Ngày" in r.text, "an impossible date is refused in Vietnamese", r.status)
    finally:
        S.cleanup()


run_tests(test_date_fields_offer_a_separator, test_dates_as_typed)
