"""Human-readable dates per language, with no dependency on the system's locales.

Babel supplies month names for any language. It has no Buddhist calendar, so for Thai the year is
counted in the Buddhist Era by hand (B.E. = C.E. + 543), which is how Thai readers expect dates.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date

# Languages whose readers count years in the Buddhist Era.
BUDDHIST_ERA_LANGUAGES = {"th"}
BUDDHIST_ERA_OFFSET = 543


def display_year(year: int, lang: str) -> int:
    """Return the year as readers of `lang` count it."""
    return year + BUDDHIST_ERA_OFFSET if lang in BUDDHIST_ERA_LANGUAGES else year


def year_of(value: datetime.date | datetime.datetime | int, lang: str) -> int:
    """Return the year of a date, or a year, as readers of `lang` count it (for archive headings)."""
    return display_year(value if isinstance(value, int) else value.year, lang)


def human_date(value: datetime.date | datetime.datetime, lang: str) -> str:
    """Format a date as `5 มีนาคม 2567` (Thai) or `5 March 2024` (English)."""
    day_and_month = format_date(value, "d MMMM", locale=lang)
    return f"{day_and_month} {display_year(value.year, lang)}"


def iso_date(value: datetime.date | datetime.datetime) -> str:
    """Return the ISO 8601 date for `<time datetime>` attributes."""
    return value.strftime("%Y-%m-%d")


def date_known(article) -> str:
    """How much of an article's Date its sources give: `day`, `month` or `year` (content_guard reads `Date_known:`)."""
    return getattr(article, "date_known", "day")


def event_date(article, lang: str) -> str:
    """An article's Date as far as its sources give it (`Date_known:`): `5 March 2024`, `March 2024` or `2024`."""
    known = date_known(article)
    if known == "year":  # a year alone is written พ.ศ. 2567 in Thai, as browsers write it (search results)
        year = display_year(article.date.year, lang)
        return f"พ.ศ. {year}" if lang in BUDDHIST_ERA_LANGUAGES else str(year)
    if known == "month":
        return f"{format_date(article.date, 'LLLL', locale=lang)} {display_year(article.date.year, lang)}"
    return human_date(article.date, lang)


def event_iso(article) -> str:
    """An article's Date for `<time datetime>` and the search index, as far as it is known: `2024-03`, `2024`."""
    return article.date.strftime({"year": "%Y", "month": "%Y-%m"}.get(date_known(article), "%Y-%m-%d"))
