"""Coordination centres: one data file becomes validated records, pages, maps, vCards and open data."""

from __future__ import annotations

import codecs
import csv
import datetime
import functools
import http.server
import io
import json
import math
import re
import shutil
import textwrap
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
import yaml
from invoke.exceptions import Exit

import tasks
from centres.records import load_centres, load_hotlines
from conftest import ROOT
from sitereader import shown_text

CENTRES_YAML = ROOT / "content/data/centres.yaml"
SOURCE = yaml.safe_load(CENTRES_YAML.read_text(encoding="utf-8"))

NAME_LINE = "name: {th: ศูนย์ประสานงานอำเภอเชียงของ, en: Chiang Khong Coordination Centre}"
VALID = """\
- id: chiang-khong
  name: {th: ศูนย์ประสานงานอำเภอเชียงของ, en: Chiang Khong Coordination Centre}
  district: {th: เชียงของ, en: Chiang Khong}
  province: {th: เชียงราย, en: Chiang Rai}
  address: {th: ที่ว่าการอำเภอเชียงของ, en: Chiang Khong District Office}
  border: LA
  counterpart: {district: {th: ห้วยทราย, en: Houayxay}, province: {th: บ่อแก้ว, en: Bokeo}}
  lat: 20.2636
  lon: 100.4056
  last_checked: 2026-11-27
  listed_by: "[CR]"
"""


def with_change(old: str, new: str) -> str:
    """The valid record with one line changed."""
    assert old in VALID
    return VALID.replace(old, new)


# (YAML text, words the message must contain)
RULES = {
    "missing English name": (with_change(NAME_LINE, "name: {th: ศูนย์ประสานงานอำเภอเชียงของ}"),
                             ["centres.yaml:2:", "centre `chiang-khong`", "field `name.en`", "add the text in `en`"]),
    "name not in both languages": (with_change(NAME_LINE, "name: Chiang Khong Coordination Centre"),
                                   ["field `name`", "like `name: {th: ..., en: ...}`"]),
    "id not ascii": (with_change("id: chiang-khong", "id: เชียงของ"),
                     ["centres.yaml:1:", "field `id`", "lower-case English letters", "`chiang-khong`"]),
    "duplicate id": (VALID + VALID.replace("lat: 20.2636", "lat: 20.3"),
                     ["centres.yaml:12:", "field `id`", "already used by the record at line 1"]),
    "no source for the district": (with_change('  listed_by: "[CR]"\n', ""),
                                   ["centres.yaml:1:", "field `listed_by`", "is missing", "inferred from geography"]),
    "unknown border": (with_change("border: LA", "border: Laos"),
                       ["centres.yaml:6:", "field `border`", "`Laos`", "write `LA` (Lao PDR) or `KH` (Cambodia)"]),
    "latitude outside the border region": (with_change("lat: 20.2636", "lat: 2.2636"),
                                           ["centres.yaml:8:", "field `lat`", "outside Thailand's border region",
                                            "not swapped"]),
    "swapped coordinates": (with_change("lat: 20.2636\n  lon: 100.4056", "lat: 100.4056\n  lon: 20.2636"),
                            ["field `lat`", "field `lon`", "not swapped"]),
    "coordinate not a number": (with_change("lon: 100.4056", "lon: 100°24'E"),
                                ["field `lon`", "is not a number", "`lon: 100.4056`"]),
    "coordinate missing": (with_change("  lon: 100.4056\n", ""),
                           ["field `lon`", "is missing: add the longitude of the district office in decimal degrees, "
                            "e.g. `lon: 100.4056`"]),
    "missing counterpart": (with_change(
        "  counterpart: {district: {th: ห้วยทราย, en: Houayxay}, province: {th: บ่อแก้ว, en: Bokeo}}\n", ""),
        ["field `counterpart`", "district and province across the border"]),
    "invalid phone": (VALID + "  phones: ['12345']\n",
                      ["field `phones[0]`", "`12345` is not a valid Thai telephone number", "053 791 234"]),
    "two numbers in one item": (VALID + "  phones: ['053 791 234, 053 791 235']\n",
                                ["field `phones[0]`", "holds more than one number",
                                 '`phones: ["053 791 234", "053 791 235"]`']),
    # Each item a number to dial: "13" alone was offered, which is itself no number.
    "two extensions of one number": (VALID + "  phones: ['053 791 234 ต่อ 12, 13']\n",
                                     ["field `phones[0]`", "holds more than one number",
                                      '`phones: ["053 791 234 ต่อ 12", "053 791 234 ต่อ 13"]`']),
    "an extension, then a hotline": (VALID + "  phones: ['053 791 234 ต่อ 12 หรือ 1300']\n",
                                     ["field `phones[0]`", "holds more than one number",
                                      '`phones: ["053 791 234 ต่อ 12", "1300"]`']),
    "a Thai-style range of numbers": (VALID + "  phones: ['053-791234-5']\n",
                                      ["field `phones[0]`", "is a range of numbers, 053-791234 to 053-791235",
                                       '`phones: ["053-791234", "053-791235"]`']),
    # Every number of the range (the middle one was dropped), an extension's range as extensions.
    "a range of three numbers": (VALID + "  phones: ['042 811 234-6']\n",
                                 ['`phones: ["042 811 234", "042 811 235", "042 811 236"]`']),
    "a range in Thai digits": (VALID + "  phones: ['๐๔๒ ๘๑๑ ๒๓๔-๕']\n",
                               ['`phones: ["042 811 234", "042 811 235"]`']),
    "a range of twenty numbers, its ends": (VALID + "  phones: ['02 123 4560-79']\n",
                                            ["is a range of numbers, 02 123 4560 to 02 123 4579",
                                             '`phones: ["02 123 4560", "02 123 4579"]`']),
    "a range of extensions": (VALID + "  phones: ['042 123 456 ต่อ 5-7']\n",
                              ['`phones: ["042 123 456 ต่อ 5", "042 123 456 ต่อ 6", "042 123 456 ต่อ 7"]`']),
    "the same number twice, written two ways": (VALID + "  phones: ['0 5379 1234', '๐๕๓ ๗๙๑ ๒๓๔']\n",
                                                ["field `phones[1]`", "`๐๕๓ ๗๙๑ ๒๓๔` is the same number as "
                                                 "`0 5379 1234` (phones[0])", "delete one"]),
    "a record pasted twice with a new id": (VALID + VALID.replace("id: chiang-khong", "id: chiang-khong-2"),
                                            ["centres.yaml:14:", "centre `chiang-khong-2`, field `district`",
                                             "is the district of centre `chiang-khong` (line 1)", "count and list it "
                                             "twice. Delete one of the two records"]),
    # Started from a copy of another record, the names changed, the position not: the message was about the
    # district (changed) and said to delete a record.
    "a record copied as a model, its position kept": (
        VALID + VALID.replace("id: chiang-khong", "id: wiang-kaen").replace("เชียงของ, en: Chiang Khong}",
                                                                            "เวียงแก่น, en: Wiang Kaen}"),
        ["centres.yaml:19:", "centre `wiang-kaen`, field `lat`", "is the position of centre `chiang-khong` (line 1), "
         "another district", "Write this district office's position"]),
    "e-mail copied from a link with its subject": (
        VALID + "  email: 'mailto:report@example.go.th?subject=Report&bcc=someone%40example.org'\n",
        ["field `email`", "holds what a mailto: link adds after the address "
         "(`?subject=Report&bcc=someone%40example.org`): write the address alone, `report@example.go.th`"]),
    "e-mail with a space": (VALID + "  email: district office@example.go.th\n",
                            ["field `email`", "is not an e-mail address"]),
    "invalid e-mail": (VALID + "  email: district.office.go.th\n",
                       ["field `email`", "is not an e-mail address", "name@example.go.th"]),
    "bad date": (with_change("last_checked: 2026-11-27", "last_checked: 27/11/2026"),
                 ["field `last_checked`", "is not a date", "`2026-11-27`"]),
    "a date with the Thai month's name": (with_change("last_checked: 2026-11-27", "last_checked: 3 พ.ย. 2569"),
                                          ["field `last_checked`", "is not a date: write it as `2026-11-03`"]),
    "future date": (with_change("last_checked: 2026-11-27", "last_checked: 2099-01-01"),
                    ["field `last_checked`", "in the future"]),
    "misspelt field": (VALID.replace("  province:", "  provnce:"),
                       ["field `provnce`", "did you mean `province`?", "field `province`", "is missing"]),
    "phone without quotes": (VALID + "  phones: [053711234]\n",
                             ["centres.yaml:12:", "field `phones[0]`", "write the telephone number in quotes",
                              "drops its first 0"]),
    "Buddhist Era year": (with_change("last_checked: 2026-11-27", "last_checked: 2569-11-27"),
                          ["field `last_checked`", "2569 is a Buddhist Era year", "`2026-11-27`"]),
    "not a list": ("id: chiang-khong\n", ["must be a list of records"]),
    "broken YAML": (VALID + "  - : : :\n", ["not valid YAML"]),
    "tab indentation": (VALID.replace("  border: LA", "\tborder: LA"),
                        ["centres.yaml:6:", "not valid YAML", "the line holds a tab. Indent with spaces only"]),
    "colon inside a value": (with_change("en: Chiang Khong District Office", "en: District Office: Chiang Khong"),
                             ["not valid YAML", "Put the whole value in quotes"]),
    "three-space indentation": (VALID.replace("  border: LA", "   border: LA"),
                                ["centres.yaml:6:", "not valid YAML", "the field `border` starts 3 characters into "
                                 "the line, the record's fields 2 (after `- `): start each field of a record in the "
                                 "same column"]),
    # A group's name with a space after it (GitHub's editor keeps it): still a group, the colon the mistake.
    "a colon in a value, its group's name followed by a space": (
        with_change(NAME_LINE, "name: \n    th: ศูนย์ประสานงาน: เชียงของ\n    en: Chiang Khong Coordination Centre"),
        ["not valid YAML", "Put the whole value in quotes"]),
    # Read as the value above going on, PyYAML blamed the colon: the check said to put a value in quotes.
    "a field indented one space more, last": (VALID + "   phones: ['053 791 234']\n",
                                              ["centres.yaml:12:", "not valid YAML", "the field `phones` starts 3 "
                                               "characters into the line, the record's fields 2"]),
    # Other spellings readers type: in Latin letters, other than the page's own, each once.
    "another spelling in Thai letters": (VALID + "  also_spelled: Huay Xai, ห้วยทราย\n",
                                         ["centres.yaml:12:", "field `also_spelled`", "`ห้วยทราย` is not an "
                                          "English spelling: give the names readers may type in Latin letters"]),
    "another spelling that is the page's own": (VALID + "  also_spelled: [Huay Xai, houayxay]\n",
                                                ["field `also_spelled`", "`houayxay` is the spelling the page "
                                                 "already uses: give only other spellings, or delete the field"]),
    "another spelling given twice": (VALID + "  also_spelled: Huay Xai, Houei Sai, huay xai\n",
                                     ["field `also_spelled`", "`huay xai` is given twice: delete one"]),
    "other spellings joined by semicolons": (VALID + "  also_spelled: Huay Xai; Houei Sai\n",
                                             ["field `also_spelled`", "`Huay Xai; Houei Sai` holds `;`: separate the "
                                              "spellings with commas only, without notes or brackets"]),
    "another spelling with a note in brackets": (VALID + "  also_spelled: Huay Xai (Lao)\n",
                                                 ["field `also_spelled`", "holds `(`: separate the spellings"]),
    "another spelling with an invisible character": (VALID + "  also_spelled: Huay\u200bXai\n",
                                                     ["field `also_spelled`", "`HuayXai` looks right, but it holds an "
                                                      "invisible character (U+200B"]),
    "other spellings as a mapping": (VALID + "  also_spelled: {en: Huay Xai}\n",
                                     ["field `also_spelled`", "must be spellings separated by commas, e.g. "
                                      "`also_spelled: Huay Xai, Houei Sai`"]),
}


@pytest.mark.parametrize("rule", list(RULES), ids=list(RULES))
def test_each_rule_names_the_file_record_field_and_fix(tmp_path, rule):
    text, expected = RULES[rule]
    path = tmp_path / "centres.yaml"
    path.write_text(text, encoding="utf-8")
    centres, problems = load_centres(path, ["th", "en"])
    message = "\n".join(str(problem) for problem in problems)
    assert problems, f"{rule} was accepted"
    for words in expected:
        assert words in message, f"{words!r} not in:\n{message}"


def test_a_date_in_the_future_is_judged_in_the_sites_time_zone_not_the_machines(tmp_path):
    """CI runs in UTC: from midnight to 7 am in Bangkok, a centre checked that day was refused as "in the future".

    UTC+14 and UTC-12 are 26 hours apart, so at any time at least one of them is on another day than the
    machine: there, the site's today is accepted and the site's tomorrow refused.
    """
    path = tmp_path / "centres.yaml"
    tried = 0
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        today = datetime.datetime.now(ZoneInfo(zone)).date()
        if today == datetime.date.today():
            continue
        tried += 1
        for day, future in ((today, False), (today + datetime.timedelta(days=1), True)):
            path.write_text(VALID.replace("last_checked: 2026-11-27", f"last_checked: {day}"), encoding="utf-8")
            _centres, problems = load_centres(path, ["th", "en"], settings={"TIMEZONE": zone})
            assert any("is in the future" in str(problem) for problem in problems) == future, (zone, day, problems)
    assert tried


def test_an_e_mail_address_pasted_with_mailto_is_published_as_the_address(tmp_path):
    path = tmp_path / "centres.yaml"
    path.write_text(VALID + "  email: 'mailto:office@example.go.th'\n", encoding="utf-8")
    centres, problems = load_centres(path, ["th", "en"])
    assert problems == [] and centres[0].email == "office@example.go.th"


def test_a_valid_record_becomes_a_typed_centre(tmp_path):
    path = tmp_path / "centres.yaml"
    path.write_text(VALID + "  phones: ['053 791 234']\n  email: office@example.go.th\n", encoding="utf-8")
    centres, problems = load_centres(path, ["th", "en"])
    assert problems == []
    centre = centres[0]
    assert centre.district["th"] == "เชียงของ" and centre.counterpart.province["en"] == "Bokeo"
    assert centre.phones[0].e164 == "+6653791234"
    assert centre.last_checked == datetime.date(2026, 11, 27)
    assert centre.also_spelled == ()


@pytest.mark.parametrize("written", ["Huay Xai, Houei Sai", "[Huay Xai, Houei Sai]", "'Huay Xai,  Houei Sai,'",
                                     "Huay\u00a0Xai, Houei Sai"])  # a no-break space, copied from a web page
def test_other_spellings_are_read_as_a_list_or_a_line_with_commas(tmp_path, written):
    path = tmp_path / "centres.yaml"
    path.write_text(VALID + f"  also_spelled: {written}\n", encoding="utf-8")
    centres, problems = load_centres(path, ["th", "en"])
    assert problems == [] and centres[0].also_spelled == ("Huay Xai", "Houei Sai")


def test_all_problems_are_reported_in_one_run(tmp_path):
    path = tmp_path / "centres.yaml"
    path.write_text(with_change("border: LA", "border: XX") + VALID.replace("chiang-khong", "second")
                    .replace("lat: 20.2636", "lat: 99"), encoding="utf-8")
    _centres, problems = load_centres(path, ["th", "en"])
    fields = [str(problem) for problem in problems]
    assert any("`chiang-khong`, field `border`" in f for f in fields)
    assert any("`second`, field `lat`" in f for f in fields)


def test_hotlines_must_be_real_numbers_with_their_agency(tmp_path):
    path = tmp_path / "hotlines.yaml"
    path.write_text("- number: '99'\n  agency: {th: ตำรวจ}\n  purpose: {th: เหตุด่วน, en: Emergencies}\n"
                    "  source: test\n", encoding="utf-8")
    _hotlines, problems = load_hotlines(path, ["th", "en"])
    message = "\n".join(map(str, problems))
    assert "`99` is not a Thai hotline" in message and "field `agency.en`" in message
    hotlines, problems = load_hotlines(ROOT / "content/data/hotlines.yaml", ["th", "en"])
    assert problems == [] and {h.number for h in hotlines} >= {"191", "1300"}


# --- The real data ---------------------------------------------------------------------------

def test_the_shipped_data_has_44_centres_in_17_provinces():
    centres, problems = load_centres(CENTRES_YAML, ["th", "en"])
    assert problems == []
    assert len(centres) == 44
    assert len({centre.province["en"] for centre in centres}) == 17
    assert {centre.border for centre in centres} == {"LA", "KH"}
    assert not any(centre.phones or centre.email for centre in centres), "no invented contacts"


def test_every_centre_has_a_page_in_both_languages(site):
    centres, _problems = load_centres(CENTRES_YAML, ["th", "en"])
    read = {centre.id: centre for centre in centres}
    for record in SOURCE:
        for prefix, lang in (("", "th"), ("en/", "en")):
            soup = site.soup(f"{prefix}centres/{record['id']}.html")
            assert " ".join(soup.h1.get_text().split()) == record["name"][lang]
            facts = soup.select_one(".nm-facts").get_text()  # no separator: names kept together are spans
            for value in (record["district"][lang], record["province"][lang], record["address"][lang],
                          record["counterpart"]["district"][lang], record["counterpart"]["province"][lang]):
                assert value in facts
            # Other spellings of its places, in Latin letters on both pages (marked English on the Thai one),
            # after the address: beside "Across the border", a Thai province's spelling read as the other
            # country's.
            spelled = soup.find("dt", string=["Other spellings of these places",
                                              "ชื่อสถานที่เหล่านี้ที่สะกดแบบอื่น (ภาษาอังกฤษ)"])
            if read[record["id"]].also_spelled:
                shown = spelled.find_next_sibling("dd")
                assert shown.get_text() == ", ".join(read[record["id"]].also_spelled) and shown["lang"] == "en"
                assert spelled.find_previous_sibling("dt").get_text() in ("Address", "ที่ตั้ง")
            else:
                assert spelled is None
    assert sum(bool(centre.also_spelled) for centre in read.values()) >= 30
    assert len(list((site.root / "centres").glob("*.html"))) == 45  # 44 centres and the directory
    assert len(list((site.root / "en/centres").glob("*.html"))) == 45


def test_centre_pages_without_contacts_fall_back_to_hotlines_and_the_agency(site):
    soup = site.soup(f"en/centres/{SOURCE[0]['id']}.html")
    numbers = [a["href"] for a in soup.select(".nm-hotlines a[href^='tel:']")]
    assert "tel:191" in numbers and "tel:1300" in numbers
    assert soup.select_one("main a[href='mailto:mkcfdopa@gmail.com']")
    # A reader across the border is told, before tapping, that these numbers work from a Thai phone only.
    abroad = soup.select_one(".nm-hotlines__abroad")
    assert "only from a phone in Thailand" in abroad.get_text()
    assert abroad.a.get_text() == "If you are calling from Lao PDR or Cambodia"
    assert site.page_of(abroad.a["href"]) == Path("en/report.html") and abroad.a["href"].endswith("#abroad-title")
    assert site.soup("en/report.html").find(id="abroad-title")
    report = site.soup("report.html").select_one(".nm-hotlines__abroad")
    assert "จากโทรศัพท์ในประเทศไทยเท่านั้น" in report.get_text() and report.a["href"] == "#abroad-title"
    assert shown_text(report.a) == "หากโทรจาก สปป. ลาว หรือกัมพูชา"
    osm = soup.find("a", href=lambda href: href and "openstreetmap.org" in href)
    assert osm and f"mlat={SOURCE[0]['lat']}" in osm["href"]
    assert not soup.find("iframe"), "no map is loaded from a third party"


def test_directory_groups_centres_by_border_and_province(site):
    for page, lang in (("centres/index.html", "th"), ("en/centres/index.html", "en")):
        soup = site.soup(page)
        borders = soup.select("section.nm-border")
        assert len(borders) == 2
        # A named section is a landmark: one per province buried the page's landmarks (20 regions).
        assert not soup.select("section.nm-province[aria-labelledby], section.nm-province[aria-label]")
        listed = []
        for border, border_section in zip(("LA", "KH"), borders, strict=True):
            for province in border_section.select("section.nm-province"):
                ids = [site.page_of(a["href"]).stem for a in province.select(".nm-centre-list__link")]
                listed.append((border, province.h3.get_text(), ids))
        expected = {}
        for record in SOURCE:
            expected.setdefault((record["border"], record["province"][lang]), []).append(record["id"])
        assert len(listed) == len(expected)
        assert len({province for _border, province in expected}) == 17
        for (border, province, ids), ((exp_border, exp_province), exp_ids) in zip(listed, expected.items(),
                                                                                  strict=True):
            assert border == exp_border and exp_province in province and ids == exp_ids
        anchors = [a["href"] for a in soup.select(".nm-directory__provinces a")]
        assert len(anchors) == len(expected) and all(soup.find(id=href[1:]) for href in anchors)


def test_map_has_one_named_link_per_centre(site):
    for page in ("centres/index.html", "en/centres/index.html"):
        svg = site.soup(page).select_one(".nm-map svg")
        links = svg.find_all("a")
        assert len(links) == 44
        targets = {site.page_of(link["href"]) for link in links}
        assert len(targets) == 44 and None not in targets
        assert all(link.get("aria-label", "").strip() for link in links)
        assert len(svg.find_all("path")) >= 3  # Thailand, Lao PDR, Cambodia at least


def test_centre_page_map_marks_its_own_centre(site):
    soup = site.soup(f"centres/{SOURCE[0]['id']}.html")
    current = soup.select(".nm-map a[aria-current=page]")
    assert len(current) == 1 and site.page_of(current[0]["href"]) == Path(f"centres/{SOURCE[0]['id']}.html")


@pytest.mark.parametrize("prefix, lang, other", [("", "th", "en"), ("en/", "en", "th")])
def test_vcards_parse_with_thai_names_intact_in_the_pages_language_first(site, prefix, lang, other):
    """Contact apps keep a card's first name and address: an English reader's phone saved the Thai ones."""
    for record in SOURCE:
        path = site.root / f"{prefix}centres" / f"{record['id']}.vcf"
        raw = path.read_bytes()
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines folded at 75 octets"
        card = vobject.readOne(raw.decode("utf-8"))
        assert [fn.value for fn in card.contents["fn"]] == [record["name"][lang], record["name"][other]]
        assert card.contents["adr"][0].params["LANGUAGE"] == [lang]
        assert site.page_of(card.url.value) == Path(f"{prefix}centres/{record['id']}.html")
        assert card.version.value == "4.0"
        assert f"{record['lat']},{record['lon']}" in card.geo.value
        link = site.soup(f"{prefix}centres/{record['id']}.html").find("a", download=True)
        assert site.file_for(link["href"]) == path


def test_json_ld_states_only_what_the_sources_do(site):
    """Search engines show a page's GovernmentOffice data as the office's own facts.

    It gave every centre, confirmed or not, the project's e-mail address and the national hotlines as its
    contact points: a search result could show the project's mailbox as a district office's.
    """
    confirmed = next(record for record in SOURCE if record["listed_by"] != "inferred from geography")
    unconfirmed = next(record for record in SOURCE if record["listed_by"] == "inferred from geography")
    for prefix, lang in (("", "th"), ("en/", "en")):
        soup = site.soup(f"{prefix}centres/{confirmed['id']}.html")
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "GovernmentOffice"
        assert data["name"] == confirmed["name"][lang]
        assert data["geo"]["latitude"] == confirmed["lat"]
        # Only the centre's own telephones and e-mail (the extension test has a centre with some).
        assert ("contactPoint" in data) == bool(confirmed.get("phones") or confirmed.get("email"))
        assert not site.soup(f"{prefix}centres/{unconfirmed['id']}.html").find("script", type="application/ld+json")


def test_an_unconfirmed_centres_contact_card_says_so(site):
    for record in SOURCE:
        card = vobject.readOne((site.root / "centres" / f"{record['id']}.vcf").read_text(encoding="utf-8"))
        notes = {note.params["LANGUAGE"][0]: note.value for note in card.contents.get("note", [])}
        if record["listed_by"] == "inferred from geography":
            assert "ยังไม่มีแหล่งข้อมูลสาธารณะยืนยัน" in notes["th"], record["id"]
            assert notes["en"].startswith("No public source confirms that this district has a coordination centre")
        else:
            assert notes == {}, record["id"]


def test_open_data_matches_the_yaml(site):
    published = json.loads((site.root / "centres.json").read_text(encoding="utf-8"))["centres"]
    assert [record["id"] for record in published] == [record["id"] for record in SOURCE]
    read = {centre.id: centre for centre in load_centres(CENTRES_YAML, ["th", "en"])[0]}  # the spellings, as read
    for record, source in zip(published, SOURCE, strict=True):
        for field in ("name", "district", "province", "address", "border", "lat", "lon"):
            assert record[field] == source[field], (source["id"], field)
        assert record["counterpart"] == {"paired_by": None, **source["counterpart"]}, source["id"]
        inferred = source["listed_by"] == "inferred from geography"
        assert (record["confirmed"], record["listed_by"]) == (not inferred, None if inferred else source["listed_by"])
        assert record["last_checked"] == str(source["last_checked"])
        assert record["also_spelled"] == list(read[source["id"]].also_spelled)
        assert site.page_of(record["url"]["en"]) == Path(f"en/centres/{source['id']}.html")
    # Excel reads a CSV as UTF-8, and shows the Thai, only when it starts with the byte-order mark.
    assert (site.root / "centres.csv").read_bytes().startswith(codecs.BOM_UTF8 + b"id,")
    rows = list(csv.DictReader(io.StringIO((site.root / "centres.csv").read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in rows] == [record["id"] for record in SOURCE]
    for row, source in zip(rows, SOURCE, strict=True):
        assert row["district_th"] == source["district"]["th"] and row["province_en"] == source["province"]["en"]
        assert float(row["lat"]) == source["lat"] and row["counterpart_district_en"] == \
            source["counterpart"]["district"]["en"]
        assert row["confirmed"] == ("no" if source["listed_by"] == "inferred from geography" else "yes")
        assert row["also_spelled"] == "; ".join(read[source["id"]].also_spelled)
    assert not (site.root / "en/centres.json").exists()
    # The directory says what a record holds, naming the fields of the files as they are.
    for page in ("centres/index.html", "en/centres/index.html"):
        described = shown_text(site.soup(page).find("main"))
        for field in ("confirmed", "listed_by"):
            assert field in described and all(field in record for record in published), (page, field)


def test_centre_pages_say_what_no_source_confirms(site):
    """A district no source names, a pairing no source makes: the reader is told, not shown a guess as fact."""
    inferred = {record["id"] for record in SOURCE if record["listed_by"] == "inferred from geography"}
    paired = {record["id"] for record in SOURCE if record["counterpart"].get("paired_by")}
    assert inferred and paired
    for record in SOURCE:
        for prefix, words in (("", ("ยังไม่ได้รับการยืนยัน", "จับคู่")), ("en/", ("Not yet confirmed", "paired"))):
            soup = site.soup(f"{prefix}centres/{record['id']}.html")
            callout = soup.select_one("main .nm-callout")
            assert (callout is not None and words[0] in callout.get_text()) == (record["id"] in inferred), record["id"]
            note = soup.select_one(".nm-facts .nm-facts__note").get_text()
            says_paired = note.startswith(("The project paired", "โครงการจับคู่"))
            assert says_paired == (record["id"] in paired), record["id"]
            cited = ("" if record["id"] in inferred else record["listed_by"]) + \
                (record["counterpart"].get("paired_by") or "")
            listed = {key.get_text() for key in soup.select("section.nm-sources .nm-sources__key")}
            assert listed == set(re.findall(r"\[[A-Z0-9]+\]", cited)), record["id"]
    directory = site.soup("en/centres/index.html")
    marked = {a["href"].rsplit("/", 1)[1].removesuffix(".html") for a in directory.select(".nm-centre-list__item a")
              if a.find_parent("li").select_one(".nm-centre-list__unconfirmed")}
    assert marked == inferred


def test_an_unconfirmed_centre_says_so_where_its_page_is_shown_without_its_callout(site):
    """A browser tab, a search engine's result, a shared link's preview and the map show no callout."""
    inferred = {record["id"] for record in SOURCE if record["listed_by"] == "inferred from geography"}
    for prefix, words in (("", "ยังไม่ได้รับการยืนยัน"), ("en/", "not yet confirmed")):
        for record in SOURCE:
            soup = site.soup(f"{prefix}centres/{record['id']}.html")
            shown = [soup.title.get_text(), soup.find("meta", attrs={"name": "description"})["content"],
                     soup.find("meta", property="og:description")["content"]]
            assert [words.lower() in text.lower() for text in shown] == [record["id"] in inferred] * 3, shown
        directory = site.soup(f"{prefix}centres/index.html")
        rings = {link["href"].rsplit("/", 1)[1].removesuffix(".html")
                 for link in directory.select(".nm-map__link") if link.select_one(".nm-map__point--unconfirmed")}
        assert rings == inferred
        for link in directory.select(".nm-map__link"):
            centre = next(r for r in SOURCE if link["href"].endswith(f"/{r['id']}.html"))
            assert (words.lower() in link["aria-label"].lower()) == (centre["id"] in inferred), link["aria-label"]
        # Told before the list and the map that show them among the others, not at the foot of the page.
        note = next(p for p in directory.select("main p") if "44" in p.get_text() and str(len(inferred)) in p.get_text()
                    and words.split()[-1] in p.get_text().lower())
        assert note.find_next("svg", class_="nm-map__svg") is not None


def test_a_centre_page_s_map_explains_its_rings_when_it_has_any(site):
    """A centre's own map drew its unconfirmed neighbours as rings, and its caption did not say what a ring is."""
    explained = 0
    for record in SOURCE:
        figure = site.soup(f"en/centres/{record['id']}.html").select_one(".nm-map--small")
        rings = figure.select(".nm-map__point--unconfirmed:not(.nm-map__point--current)")
        says = "hollow dot" in figure.figcaption.get_text()
        assert says == bool(rings), record["id"]
        explained += says
    assert explained


@pytest.mark.parametrize("prefix, lang, district, province", [("", "th", "อำเภอ", "จังหวัด"),
                                                               ("en/", "en", "district", "province")])
def test_map_points_name_the_district_and_the_province_as_such(site, prefix, lang, district, province):
    """"Chiang Khong, Chiang Rai district" called the province a district."""
    directory = site.soup(f"{prefix}centres/index.html")
    for link in directory.select(".nm-map__link"):
        centre = next(r for r in SOURCE if link["href"].endswith(f"/{r['id']}.html"))
        label = link["aria-label"]
        named = {"th": (f"{district}{centre['district'][lang]}", f"{province}{centre['province'][lang]}"),
                 "en": (f"{centre['district'][lang]} {district}", f"{centre['province'][lang]} {province}")}[lang]
        assert all(name in label for name in named), label


@pytest.mark.parametrize("page, countries", [("report.html", ("ลาว", "กัมพูชา")),
                                             ("en/report.html", ("Lao PDR", "Cambodia"))])
def test_the_report_page_tells_readers_across_the_border_the_hotlines_are_not_for_them(site, page, countries):
    """A Cambodian or Lao official found only Thai short numbers, which cannot be dialled from abroad."""
    soup = site.soup(page)
    hotlines = soup.find(id="hotlines-title").find_parent("section")
    after = hotlines.find_next_sibling("section")
    heading = after.find(["h2", "h3"]).get_text()
    assert all(country in heading for country in countries), heading
    # What the section says stays true: a number callable from abroad (+66...) would need other words.
    assert all(len(number["href"].removeprefix("tel:")) <= 5 for number in hotlines.select("a[href^='tel:']"))
    # Said only when no centre publishes a number (test_an_extension_is_shown_dialled... shows the other case).
    assert ("+66" in after.get_text()) == any(record.get("phones") for record in SOURCE)


def test_report_page_is_linked_from_every_page(site):
    for page in site.html_pages():
        link = site.soup(page).select_one(".nm-report-link")
        assert link is not None, page
        expected = Path("en/report.html") if site.lang_of(page) == "en" else Path("report.html")
        assert site.page_of(link["href"]) == expected
    soup = site.soup("en/report.html")
    text = soup.main.get_text(" ", strip=True)
    for topic in ("Human trafficking", "Drug smuggling", "People smuggling", "Illegal migration"):
        assert topic in text
    assert {a["href"] for a in soup.select(".nm-hotlines a")} >= {"tel:191", "tel:1300", "tel:1386"}
    assert soup.find("a", href="mailto:mkcfdopa@gmail.com")
    assert not soup.select_one("main form"), "no report form unless an endpoint is configured"
    assert "This website does not receive reports." in soup.select_one("#not-a-channel").get_text()
    assert "แจ้งเบาะแสผ่านเว็บไซต์นี้ไม่ได้" in site.soup("report.html").select_one("#not-a-channel").get_text()


# --- Fixture sites ---------------------------------------------------------------------------

def centres_site(fixture_site, extra_settings: str = "", extra_centre: str = ""):
    """A fixture site with the real centres (plus one), hotlines and outlines."""
    fixture = fixture_site(extra_settings, centres=True)
    data = fixture.content / "data"
    shutil.copytree(ROOT / "content/data/geo", data / "geo")
    shutil.copy(ROOT / "content/data/hotlines.yaml", data)
    shutil.copy(ROOT / "content/data/sources.yaml", data)
    (data / "centres.yaml").write_text(CENTRES_YAML.read_text(encoding="utf-8") + extra_centre, encoding="utf-8")
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
        fixture.page("report", lang, title, extra="Template: report\n")
    return fixture


NEW_CENTRE = textwrap.dedent("""\
    - id: test-district
      name: {th: ศูนย์ประสานงานทดสอบ, en: Test Coordination Centre}
      district: {th: ทดสอบ, en: Testville}
      province: {th: จังหวัดทดสอบ, en: Test Province}
      address: {th: ที่ว่าการอำเภอทดสอบ, en: Testville District Office}
      border: KH
      counterpart: {district: {th: ฝั่งตรงข้าม, en: Across}, province: {th: จังหวัดตรงข้าม, en: Over There}}
      lat: 14.1
      lon: 103.9
      last_checked: 2026-11-01
      listed_by: inferred from geography
    """)


def test_an_extension_is_shown_dialled_and_exported_with_its_number(fixture_site):
    """A number's extension reaches the page, the dialler, the vCard and the open data.

    Thai offices publish numbers with an extension (ต่อ 12): the page wrote "ext." in Thai (when written `ext.`)
    or refused `ต่อ`, the tel: link dialled the switchboard alone, and the open data and vCard dropped it.
    """
    # The extension in Thai digits, as a Thai keyboard types them: a phone cannot dial "๑๒".
    confirmed = NEW_CENTRE.replace("listed_by: inferred from geography", 'listed_by: "[WS2]"')
    fixture = centres_site(fixture_site, extra_centre=confirmed + "  phones: ['053-791234 ต่อ ๑๒', '081 234 5678']\n")
    site = fixture.build()
    for prefix, shown in (("", "053 791 234 ต่อ 12"), ("en/", "053 791 234 ext. 12")):
        links = site.soup(f"{prefix}centres/test-district.html").select(".nm-contact-list a[href^='tel:']")
        assert [(link["href"], link.get_text()) for link in links] == [
            ("tel:+6653791234,12", shown), ("tel:+66812345678", "081 234 5678")]
        page = site.soup(f"{prefix}centres/test-district.html")
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert [point["telephone"] for point in data["contactPoint"]] == ["+6653791234;ext=12", "+66812345678"]
    card = vobject.readOne((site.root / "centres/test-district.vcf").read_text(encoding="utf-8"))
    assert [tel.value for tel in card.contents["tel"]] == ["tel:+6653791234;ext=12", "tel:+66812345678"]
    record = next(centre for centre in json.loads((site.root / "centres.json").read_text(encoding="utf-8"))["centres"]
                  if centre["id"] == "test-district")
    assert record["phones"] == ["+6653791234;ext=12", "+66812345678"]
    # Its card holds numbers: a contact card. One with only an address and a position says so (a journalist
    # saved a "contact card" with no way to contact anyone).
    for page, words in (("en/centres/test-district.html", "Save the contact card"),
                        ("en/centres/chiang-khong.html", "Save the address and map position")):
        assert site.soup(page).select_one("a[href$='.vcf']").get_text().startswith(words), page
    # The report page no longer says no centre can be called from abroad: it says how to dial one.
    abroad = site.soup("en/report.html").find(id="abroad-title").find_parent("section").get_text(" ", strip=True)
    assert "+66" in abroad and "knows no number" not in abroad, abroad
    row = next(row for row in csv.DictReader(io.StringIO((site.root / "centres.csv").read_text(encoding="utf-8-sig")))
               if row["id"] == "test-district")
    assert row["phones"] == "+6653791234;ext=12; +66812345678"


def test_a_45th_centre_needs_only_one_yaml_record(fixture_site):
    fixture = centres_site(fixture_site, extra_centre=NEW_CENTRE)
    site = fixture.build()
    for prefix in ("", "en/"):
        assert (site.root / f"{prefix}centres/test-district.html").is_file()
        directory = site.soup(f"{prefix}centres/index.html")
        assert directory.select_one(".nm-map svg a[href$='centres/test-district.html']")
        assert directory.select_one(".nm-centre-list a[href$='centres/test-district.html']")
        assert directory.select_one("#kh-test-province")
    assert "test-district" in (site.root / "centres.json").read_text()
    assert "Testville" in (site.root / "centres.csv").read_text()
    assert (site.root / "centres/test-district.vcf").is_file()


def test_a_malformed_record_stops_the_build_with_its_fix(fixture_site, capfd):
    fixture = centres_site(fixture_site, extra_centre=NEW_CENTRE.replace("lat: 14.1", "lat: 41.1"))
    with pytest.raises(Exit):
        fixture.build()
    message = "".join(capfd.readouterr())
    assert "centre `test-district`, field `lat`: 41.1 is outside Thailand's border region" in message
    assert not fixture.output.exists()


def test_articles_link_to_a_centre_by_id(fixture_site, capfd):
    fixture = centres_site(fixture_site)
    centre = SOURCE[0]["id"]
    # Without a Summary line, the paragraph is the summary too: the link is resolved there as well (the build
    # stopped on Pelican's "Replacement Indicator 'centre' not recognized").
    fixture.article("visit", "th", "เยี่ยม", body=f"ดู[ศูนย์]({{centre}}{centre})")
    fixture.article("visit", "en", "Visit", body=f"See [the centre]({{centre}}{centre}).")
    site = fixture.build()
    assert site.page_of(site.soup("articles/visit.html").select_one(".nm-prose a")["href"]) == \
        Path(f"centres/{centre}.html")
    assert site.page_of(site.soup("en/articles/visit.html").select_one(".nm-prose a")["href"]) == \
        Path(f"en/centres/{centre}.html")
    fixture.article("visit", "en", "Visit", body="See [the centre]({centre}no-such-place).")
    with pytest.raises(Exit):
        fixture.build()
    assert "visit.en.md:7: the link {centre}no-such-place names no coordination centre" in \
        "".join(capfd.readouterr())


FORM_SETTINGS = ('CENTRES_REPORT_FORM = {"url": "https://reports.example.go.th/submit", '
                 '"recipient": {"th": "ศูนย์ประสานงานโครงการ กรมการปกครอง", '
                 '"en": "the project coordination centre at DOPA"}}\n')
FORM_ALLOWED = ('CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace('
                '"form-action \'self\'", "form-action \'self\' https://reports.example.go.th")\n')


@pytest.mark.parametrize("allowed", ["https:", "https://*.example.go.th", "HTTPS://Reports.Example.go.th"])
def test_a_report_form_the_policy_allows_another_way_is_accepted(fixture_site, capsys, allowed):
    fixture = centres_site(fixture_site, FORM_SETTINGS + FORM_ALLOWED.replace("https://reports.example.go.th", allowed))
    capsys.readouterr()
    assert tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True) == 0


@pytest.mark.parametrize("settings, message", [
    (FORM_SETTINGS, "the security policy does not let the report form send to https://reports.example.go.th: the "
                    "reader would press the button and nothing would be sent. Add https://reports.example.go.th to "
                    "`form-action` in CONTENT_SECURITY_POLICY"),
    (FORM_SETTINGS.replace("https://", "http://") + FORM_ALLOWED,
     "CENTRES_REPORT_FORM's url `http://reports.example.go.th/submit` is not an https:// address"),
    (FORM_SETTINGS.replace('"th": "ศูนย์ประสานงานโครงการ กรมการปกครอง", ', "") + FORM_ALLOWED,
     "CENTRES_REPORT_FORM's recipient has no `th`"),
])
def test_a_report_form_that_could_not_send_is_refused(fixture_site, capsys, settings, message):
    """The policy's `form-action 'self'` blocked the configured form: readers pressed the button, nothing was sent."""
    fixture = centres_site(fixture_site, settings)
    capsys.readouterr()
    errors = tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    assert errors == 1 and f"pelicanconf.py:1: {message}" in capsys.readouterr().out


@pytest.mark.browser
def test_report_form_appears_only_when_an_endpoint_is_configured(fixture_site, browser):
    form_settings = FORM_SETTINGS + FORM_ALLOWED
    site = centres_site(fixture_site, form_settings).build()
    form = site.soup("en/report.html").select_one("main form")
    assert form["action"] == "https://reports.example.go.th/submit" and form["method"] == "post"
    assert "the project coordination centre at DOPA" in site.soup("en/report.html").select_one(
        ".nm-report-form__destination").get_text()
    for field in form.find_all(["input", "select", "textarea"]):
        if field.get("type") != "hidden":
            assert site.soup("en/report.html").find("label", attrs={"for": field["id"]}), field
    assert form.find("textarea")["required"] is not None
    # And it sends, under the page's own security policy (a host without headers, as GitHub Pages).
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.root))
    handler.log_message = lambda *args: None
    sent = []
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as host:
        threading.Thread(target=host.serve_forever, daemon=True).start()
        tab = browser.new_page()
        tab.route("https://reports.example.go.th/**", lambda route: (
            sent.append(route.request.post_data), route.fulfill(status=200, body="Received")))
        tab.goto(f"http://127.0.0.1:{host.server_address[1]}/en/report.html")
        tab.select_option("#report-topic", "people-smuggling")
        tab.fill("#report-district", "Tha Uthen")
        tab.fill("#report-text", "A boat crossing at night with people.")
        tab.click(".nm-report-form button[type=submit]")
        tab.wait_for_url("https://reports.example.go.th/submit")
        tab.close()
        host.shutdown()
    assert sent and "topic=people-smuggling" in sent[0] and "lang=en" in sent[0]


def haversine_km(lat1, lon1, lat2, lon2):
    """Distance on the sphere, computed here independently of the page's script."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def nearest_ids(lat, lon, count=5):
    """The ids of the centres nearest to a point, by the YAML's coordinates."""
    return [r["id"] for r in sorted(SOURCE, key=lambda r: haversine_km(lat, lon, r["lat"], r["lon"]))[:count]]


def test_a_mistake_in_a_centre_record_is_one_message_not_one_for_every_link_to_it(fixture_site, capsys):
    """A mistyped number left the record out, and every link to it was "names no centre, did you mean" another."""
    fixture = centres_site(fixture_site)
    data = fixture.content / "data/centres.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "- id: chiang-khong\n", "- id: chiang-khong\n  phones: ['053 79 123']\n", 1), encoding="utf-8")
    fixture.article("visit", "th", "เยี่ยม", body="ดู[ศูนย์]({centre}chiang-khong)")
    fixture.article("visit", "en", "Visit", body="See [the centre]({centre}chiang-khong).")
    capsys.readouterr()
    errors = tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    out = capsys.readouterr().out
    assert errors == 1
    assert "centres.yaml" in out and "`053 79 123` is not a valid Thai telephone number" in out
    assert "visit.th.md" not in out and "visit.en.md" not in out
    # A file that cannot be read at all is its own one message too.
    data.write_text("- id: chiang-khong\n  name: [\n", encoding="utf-8")
    errors = tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    out = capsys.readouterr().out
    assert errors == 1 and "not valid YAML" in out and "visit.th.md" not in out


@pytest.mark.parametrize("written", ["chiangkhong", "Chiang-Khong", "Chiang Khong", "เชียงของ"])
def test_a_centre_link_written_another_way_suggests_the_id(fixture_site, capsys, written):
    fixture = centres_site(fixture_site)
    fixture.article("visit", "th", "เยี่ยม", body=f"ดู[ศูนย์]({{centre}}{written})")
    fixture.article("visit", "en", "Visit", body="Text.")
    capsys.readouterr()
    errors = tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    assert errors == 1
    assert (f"visit.th.md:7: the link {{centre}}{written} names no coordination centre: use an id from "
            "data/centres.yaml (English letters, digits and dashes), did you mean {centre}chiang-khong?") \
        in capsys.readouterr().out


def test_the_english_directory_says_what_mueang_means(site):
    """A Lao reader took "Mueang Nong Khai" for the Lao word for district: the English directory explains it."""
    mueang = [record["district"]["en"] for record in SOURCE if record["district"]["en"].startswith("Mueang ")]
    assert mueang
    english = shown_text(site.soup("en/centres/index.html").find("main"))
    assert "“Mueang” before a district’s name means the district of the province’s main town" in english
    assert "Mueang" not in shown_text(site.soup("centres/index.html").find("main"))
