"""Open data and contact cards for the coordination centres: JSON, CSV, vCard, JSON-LD."""

from __future__ import annotations

import csv
import io
import json

from .records import BORDERS, Centre

VCARD_LINE_OCTETS = 75  # RFC 6350, 3.2: lines longer than 75 octets are folded
# A contact card saved from an unconfirmed centre's page leaves the page's "Not yet confirmed" behind:
# the card says so itself.
UNCONFIRMED_NOTE = {
    "th": "ยังไม่มีแหล่งข้อมูลสาธารณะยืนยันว่าอำเภอนี้มีศูนย์ประสานงาน กรุณาสอบถามที่ที่ว่าการอำเภอก่อน",
    "en": "No public source confirms that this district has a coordination centre: ask at the district office first.",
}


def public_record(centre: Centre, page_urls: dict[str, str]) -> dict:
    """Every public field of a centre, as plain data (the JSON record; the CSV row is its flat form)."""
    return {
        "id": centre.id,
        "name": centre.name.as_dict(),
        "district": centre.district.as_dict(),
        "province": centre.province.as_dict(),
        "address": centre.address.as_dict(),
        "border": centre.border,
        "border_country": BORDERS[centre.border],
        "counterpart": {"district": centre.counterpart.district.as_dict(),
                        "province": centre.counterpart.province.as_dict(),
                        "paired_by": centre.counterpart.paired_by or None},
        "lat": centre.lat,
        "lon": centre.lon,
        "crossings": [crossing.as_dict() for crossing in centre.crossings],
        "also_spelled": list(centre.also_spelled),
        "phones": [phone.uri for phone in centre.phones],
        "email": centre.email,
        "hours": centre.hours.as_dict() if centre.hours else None,
        "last_checked": centre.last_checked.isoformat(),
        # Which public sources name the district (keys of the site's sources), or null if none does yet.
        "confirmed": centre.confirmed,
        "listed_by": centre.listed_by if centre.confirmed else None,
        "url": page_urls,
    }


def centres_json(records: list[dict]) -> str:
    """The open-data JSON file."""
    return json.dumps({"centres": records}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def centres_csv(records: list[dict], languages: list[str]) -> str:
    """The open-data CSV file: one row per centre, one column per field and language."""
    columns = ["id"]
    for field in ("name", "district", "province", "address"):
        columns += [f"{field}_{lang}" for lang in languages]
    columns += ["border", "border_country"]
    columns += [f"counterpart_district_{lang}" for lang in languages]
    columns += [f"counterpart_province_{lang}" for lang in languages] + ["counterpart_paired_by"]
    columns += ["lat", "lon"] + [f"crossings_{lang}" for lang in languages] + ["also_spelled"]
    columns += ["phones", "email"] + [f"hours_{lang}" for lang in languages]
    columns += ["last_checked", "confirmed", "listed_by"] + [f"url_{lang}" for lang in languages]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row = {"id": record["id"], "border": record["border"], "border_country": record["border_country"],
               "lat": record["lat"], "lon": record["lon"], "phones": "; ".join(record["phones"]),
               "email": record["email"] or "", "last_checked": record["last_checked"],
               "also_spelled": "; ".join(record["also_spelled"]),
               "counterpart_paired_by": record["counterpart"]["paired_by"] or "",
               "confirmed": "yes" if record["confirmed"] else "no", "listed_by": record["listed_by"] or ""}
        for lang in languages:
            for field in ("name", "district", "province", "address"):
                row[f"{field}_{lang}"] = record[field][lang]
            row[f"counterpart_district_{lang}"] = record["counterpart"]["district"][lang]
            row[f"counterpart_province_{lang}"] = record["counterpart"]["province"][lang]
            row[f"crossings_{lang}"] = "; ".join(crossing[lang] for crossing in record["crossings"])
            row[f"hours_{lang}"] = (record["hours"] or {}).get(lang, "")
            row[f"url_{lang}"] = record["url"][lang]
        writer.writerow(row)
    return buffer.getvalue()


def vcard_escape(value: str) -> str:
    """Escape a vCard text value (RFC 6350, 3.4)."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 6350, 3.2)."""
    parts, current = [], b""
    for character in line:
        encoded = character.encode("utf-8")
        limit = VCARD_LINE_OCTETS if not parts else VCARD_LINE_OCTETS - 1  # continuation lines start with a space
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def centre_vcard(centre: Centre, page_url: str, agency: dict[str, str], languages: list[str]) -> str:
    """A vCard 4.0 (RFC 6350) for the centre, with its names in every language, `languages[0]` preferred.

    Written by hand: vobject, the maintained Python vCard library, serialises vCard 3.0 only.
    """
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:org"]
    for index, lang in enumerate(languages, start=1):
        lines.append(f"FN;LANGUAGE={lang};ALTID=1;PREF={index}:{vcard_escape(centre.name[lang])}")
    for index, lang in enumerate(languages, start=1):
        lines.append(f"ORG;LANGUAGE={lang};ALTID=1;PREF={index}:"
                     f"{vcard_escape(agency[lang])};{vcard_escape(centre.name[lang])}")
    for index, lang in enumerate(languages, start=1):
        street = vcard_escape(centre.address[lang])
        lines.append(f"ADR;TYPE=work;LANGUAGE={lang};ALTID=1;PREF={index};GEO=\"geo:{centre.lat},{centre.lon}\":"
                     f";;{street};{vcard_escape(centre.district[lang])};{vcard_escape(centre.province[lang])};;"
                     f"{'ประเทศไทย' if lang == 'th' else 'Thailand'}")
    lines.append(f"GEO:geo:{centre.lat},{centre.lon}")
    for phone in centre.phones:
        lines.append(f"TEL;TYPE=work,voice;VALUE=uri:tel:{phone.uri}")
    if centre.email:
        lines.append(f"EMAIL;TYPE=work:{centre.email}")
    if not centre.confirmed:  # in the languages it is written in (a third would need its own)
        noted = [lang for lang in languages if lang in UNCONFIRMED_NOTE]
        for index, lang in enumerate(noted, start=1):
            lines.append(f"NOTE;LANGUAGE={lang};ALTID=1;PREF={index}:{vcard_escape(UNCONFIRMED_NOTE[lang])}")
    lines.append(f"URL:{page_url}")
    lines.append(f"REV:{centre.last_checked.strftime('%Y%m%d')}T000000Z")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def centre_json_ld(centre: Centre, lang: str, page_url: str, agency_name: str) -> dict | None:
    """schema.org GovernmentOffice data for the centre's page, in the page's language (None if unconfirmed).

    Search engines show this data as the office's own: an unconfirmed centre would be stated as an office
    that exists, and the project's e-mail address or the national hotlines, given as its contact points,
    as the office's own contacts. So there is none for an unconfirmed centre, and contact points only
    for the telephones and e-mail the centre publishes itself.
    """
    if not centre.confirmed:
        return None
    contact_points = []
    for phone in centre.phones:
        contact_points.append({"@type": "ContactPoint", "contactType": "coordination centre",
                               "telephone": phone.uri, "areaServed": centre.district[lang]})
    if centre.email:
        contact_points.append({"@type": "ContactPoint", "contactType": "coordination centre",
                               "email": centre.email})
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "@id": page_url,
        "url": page_url,
        "name": centre.name[lang],
        "inLanguage": lang,
        "address": {"@type": "PostalAddress", "streetAddress": centre.address[lang],
                    "addressLocality": centre.district[lang], "addressRegion": centre.province[lang],
                    "addressCountry": "TH"},
        "geo": {"@type": "GeoCoordinates", "latitude": centre.lat, "longitude": centre.lon},
        "parentOrganization": {"@type": "GovernmentOrganization", "name": agency_name},
    }
    if contact_points:
        data["contactPoint"] = contact_points
    return data
