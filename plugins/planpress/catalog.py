"""The site described for machines: citations, JSON-LD, the DCAT catalog, the sitemap, the feed.

Pure functions from the model, the downloads registry and the addresses to values and bytes;
no Pelican and no files (`generator.py` writes what these return). Every date comes from the
data (`updated`, the package history, the plan), never the clock, so a commit builds the same
bytes. Links are absolute when the site has a public address and relative to the file that
holds them otherwise (`addresses.link_between`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import feedgenerator

from .addresses import Addresses, link_between, version_anchor
from .licences import read_licences
from .model import Change, City, Site
from .present import (
    CATALOG_DESCRIPTION,
    CATALOG_TITLE,
    FEED_SUBTITLE,
    FEED_TITLE,
    PUBLISHER,
    describe_change,
    describe_dataset,
    title_change,
)

if TYPE_CHECKING:
    from .downloads import DownloadIndex

Link = Callable[[str], str]
"""An output path → how the file being written names it."""

KOREAN = "ko"
KOREAN_LANGUAGE_URI = "http://publications.europa.eu/resource/authority/language/KOR"
"""Korean in the EU language vocabulary that DCAT-AP uses for dct:language."""
MEDIA_TYPES_URI = "https://www.iana.org/assignments/media-types/"
SEOUL = dt.timezone(dt.timedelta(hours=9), "KST")
"""The data's dates are Korean days (TIMEZONE = Asia/Seoul): midnight there."""
FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "planpress.feed")
"""Entry ids are name-based UUIDs: the same city and version give the same id on every
build and under every address."""
CITATION_ROLES = ("author", "maintainer")
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


# -- shared facts -----------------------------------------------------------------------


def parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def first_published(city: City) -> str:
    """The day of the city's first version: the oldest history entry, else `updated`."""
    return city.history[-1].date if city.history else city.updated


def changes_of(city: City) -> tuple[Change, ...]:
    """The city's history, newest first; one entry for its version when it keeps none."""
    if city.history:
        return city.history
    return (Change(city.version, city.updated, describe_change(None, city.version)),)


def temporal_bounds(city: City) -> tuple[str, str] | None:
    """The plan's period as (start, end) years ("" for an open end); else its announced day
    as both; None when the plan states neither."""
    plan = city.plan
    if plan is None:
        return None
    if plan.period_start is not None or plan.period_end is not None:
        start, end = plan.period_start, plan.period_end
        return ("" if start is None else str(start), "" if end is None else str(end))
    if plan.announced is not None:
        day = plan.announced.isoformat()
        return day, day
    return None


def temporal_coverage(city: City) -> str | None:
    """schema.org temporalCoverage, ISO 8601: `2021/2025`, `2021/..`, or the announced day."""
    bounds = temporal_bounds(city)
    if bounds is None:
        return None
    start, end = bounds
    if start == end and start:
        return start
    return f"{start or '..'}/{end or '..'}"


def licence_urls(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    return [licence.url for licence in read_licences(entries) if licence.url]


def creators(contributors: Iterable[Mapping[str, Any]]) -> list[str]:
    """Who made the data: its authors and maintainers by name, else planpress."""
    names = [c["title"] for c in contributors if c.get("role") in CITATION_ROLES]
    return list(dict.fromkeys(names)) or [PUBLISHER]


def to_json_file(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


# -- citations (CSL-JSON, BibTeX): from a scope's published descriptor --------------------


def citation_key(descriptor: Mapping[str, Any]) -> str:
    """`planpress-<package>-<version>`: `planpress-paju-1.2.0`, `planpress-all-1.2.0` (the
    all-cities package is already named `planpress-all`)."""
    name = descriptor["name"]
    prefix = "" if name.startswith(f"{PUBLISHER}-") else f"{PUBLISHER}-"
    return f"{prefix}{name}-{descriptor['version']}"


def describe_sources_note(sources: Sequence[str]) -> str:
    """The articles the data was copied from, as one note: "원 출처: a; b"."""
    return f"원 출처: {'; '.join(sources)}" if sources else ""


def date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def render_csl_json(
    descriptor: Mapping[str, Any], address: str, sources: Sequence[str] = ()
) -> bytes:
    """The dataset as one CSL-JSON item (a list of one), for Zotero, Pandoc and citeproc.

    `issued` is the data's `updated` day: the citation says which state of the data it
    names, and two builds give the same bytes. There is no `accessed`: only the reader knows
    when they read it (a build date would change the bytes and say something untrue).
    `sources` are the articles (present.describe_source), kept in `note`.
    """
    day = parse_day(descriptor.get("updated"))
    item: dict[str, Any] = {
        "id": citation_key(descriptor),
        "type": "dataset",
        "title": descriptor["title"],
        "author": [{"literal": name} for name in creators(descriptor.get("contributors", ()))],
        "publisher": PUBLISHER,
        "version": descriptor["version"],
        "language": KOREAN,
    }
    if descriptor.get("description"):
        item["abstract"] = descriptor["description"]
    if day is not None:
        item["issued"] = date_parts(day)
    if address:
        item["URL"] = address
    if sources:
        item["note"] = describe_sources_note(sources)
    return to_json_file([item])


BIBTEX_SPECIALS = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "%": "\\%",
    "&": "\\&",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}


def escape_bibtex(text: str) -> str:
    """A value inside `{…}`: TeX's special characters escaped, line breaks as spaces."""
    return "".join(BIBTEX_SPECIALS.get(ch, ch) for ch in " ".join(text.split()))


def render_bibtex(
    descriptor: Mapping[str, Any], address: str, sources: Sequence[str] = ()
) -> bytes:
    """The dataset as one biblatex `@dataset` entry (with `year` for classic BibTeX styles).

    Each author is braced whole, so "planpress 편집팀" is one corporate name, not a first
    and last name. No `urldate`, as no `accessed` in CSL-JSON; the articles go in `note`.
    """
    day = parse_day(descriptor.get("updated"))
    names = " and ".join(
        f"{{{escape_bibtex(n)}}}" for n in creators(descriptor.get("contributors", ()))
    )
    fields = [
        ("title", escape_bibtex(descriptor["title"])),
        ("author", names),
        ("publisher", escape_bibtex(PUBLISHER)),
        ("version", escape_bibtex(descriptor["version"])),
        ("langid", "korean"),
    ]
    if day is not None:
        fields += [("date", day.isoformat()), ("year", str(day.year))]
    if address:
        fields.append(("url", address))
    if sources:
        fields.append(("note", escape_bibtex(describe_sources_note(sources))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@dataset{{{citation_key(descriptor)},\n{body}\n}}\n".encode()


# -- schema.org Dataset (JSON-LD on each city page) -----------------------------------------


def place(city: City) -> dict[str, Any]:
    """The city as a schema.org Place, inside its province unless it is one itself."""
    found: dict[str, Any] = {
        "@type": "Place",
        "name": city.name_ko,
        "alternateName": city.name_en,
    }
    if city.province_ko != city.name_ko:
        found["containedInPlace"] = {
            "@type": "AdministrativeArea",
            "name": city.province_ko,
            "alternateName": city.province_en,
        }
    return found


def source_works(city: City) -> list[dict[str, Any]]:
    works = []
    for source in city.sources:
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if source.title:
            work["name"] = source.title
        if source.publisher:
            work["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.author:
            work["author"] = source.author
        if source.published:
            work["datePublished"] = source.published.isoformat()
        if source.url:
            work["url"] = source.url
        works.append(work)
    return works


def describe_city_dataset(
    city: City,
    downloads: DownloadIndex,
    addresses: Addresses,
    public_url: str,
    citation: str,
) -> dict[str, Any]:
    """The schema.org Dataset of one city, as its page embeds it; links from that page."""
    page = addresses.city_page(city.slug)

    def link(target: str) -> str:
        return link_between(public_url, page, target)

    dataset: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": city.title,
        "description": city.description or describe_dataset(city),
        "inLanguage": KOREAN,
        "url": link(page),
        "identifier": city.slug,
        "keywords": list(city.keywords),
        "license": licence_urls(city.licenses),
        "spatialCoverage": place(city),
        "creator": [{"@type": "Organization", "name": n} for n in creators(city.contributors)],
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "isBasedOn": source_works(city),
        "citation": citation,
        "version": city.version,
        "datePublished": first_published(city),
        "dateModified": city.updated,
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": d.title,
                "contentUrl": link(downloads.href(d)),
                "encodingFormat": d.media_type,
                "contentSize": f"{d.size} B",
            }
            for d in downloads.for_scope(city.slug)
        ],
    }
    coverage = temporal_coverage(city)
    if coverage is not None:
        dataset["temporalCoverage"] = coverage
    return dataset


# -- DCAT catalog (catalog.jsonld) ------------------------------------------------------------

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def typed(value: str, kind: str) -> dict[str, str]:
    return {"@value": value, "@type": f"xsd:{kind}"}


def dcat_temporal(city: City) -> dict[str, Any] | None:
    bounds = temporal_bounds(city)
    if bounds is None:
        return None
    period: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
    for key, value in zip(("dcat:startDate", "dcat:endDate"), bounds, strict=True):
        if value:
            period[key] = typed(value, "gYear" if len(value) == 4 else "date")
    return period


def dcat_dataset(city: City, downloads: DownloadIndex, link: Link, page: str) -> dict[str, Any]:
    licences = [{"@id": url} for url in licence_urls(city.licenses)]
    dataset: dict[str, Any] = {
        "@id": link(page),
        "@type": "dcat:Dataset",
        "dct:identifier": city.slug,
        "dct:title": {"@value": city.title, "@language": KOREAN},
        "dct:description": {
            "@value": city.description or describe_dataset(city),
            "@language": KOREAN,
        },
        "dct:language": {"@id": KOREAN_LANGUAGE_URI},
        "dct:license": licences,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": PUBLISHER},
        "dct:spatial": {
            "@type": "dct:Location",
            "rdfs:label": {"@value": city.name_ko, "@language": KOREAN},
            "locn:geographicName": [city.name_ko, city.name_en],
        },
        "dct:issued": typed(first_published(city), "date"),
        "dct:modified": typed(city.updated, "date"),
        "dcat:version": city.version,
        "dcat:keyword": [{"@value": k, "@language": KOREAN} for k in city.keywords],
        "dcat:landingPage": {"@id": link(page)},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": {"@value": d.title, "@language": KOREAN},
                "dcat:downloadURL": {"@id": link(downloads.href(d))},
                "dcat:accessURL": {"@id": link(downloads.href(d))},
                "dcat:mediaType": {"@id": f"{MEDIA_TYPES_URI}{d.media_type}"},
                "dcat:byteSize": typed(str(d.size), "nonNegativeInteger"),
                "dct:license": licences,
            }
            for d in downloads.for_scope(city.slug)
        ],
    }
    temporal = dcat_temporal(city)
    if temporal is not None:
        dataset["dct:temporal"] = temporal
    return dataset


def describe_catalog(
    site: Site, downloads: DownloadIndex, addresses: Addresses, public_url: str
) -> dict[str, Any]:
    """The whole site as a DCAT catalog (DCAT-AP's required fields and most recommended ones):
    one dcat:Dataset per city, one dcat:Distribution per download of that city."""

    def link(target: str) -> str:
        return link_between(public_url, addresses.catalog, target)

    return {
        "@context": DCAT_CONTEXT,
        "@id": link(addresses.catalog),
        "@type": "dcat:Catalog",
        "dct:title": {"@value": CATALOG_TITLE, "@language": KOREAN},
        "dct:description": {"@value": CATALOG_DESCRIPTION, "@language": KOREAN},
        "dct:language": {"@id": KOREAN_LANGUAGE_URI},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": PUBLISHER},
        "dct:modified": typed(site.updated or "", "date") if site.updated else None,
        "foaf:homepage": {"@id": link(addresses.home)},
        "dcat:dataset": [
            dcat_dataset(city, downloads, link, addresses.city_page(city.slug))
            for city in site.cities
        ],
    }


def render_catalog(
    site: Site, downloads: DownloadIndex, addresses: Addresses, public_url: str
) -> bytes:
    described = describe_catalog(site, downloads, addresses, public_url)
    return to_json_file({k: v for k, v in described.items() if v is not None})


# -- sitemap.xml -------------------------------------------------------------------------------


def render_sitemap(pages: Sequence[tuple[str, str]], public_url: str) -> bytes | None:
    """The sitemap of `(page path, lastmod day)` pairs, in path order; None without a public
    address, because a sitemap's every `<loc>` must be an absolute URL."""
    if not public_url:
        return None
    ET.register_namespace("", SITEMAP_NAMESPACE)
    root = ET.Element(f"{{{SITEMAP_NAMESPACE}}}urlset")
    for path, lastmod in sorted(dict(pages).items()):
        entry = ET.SubElement(root, f"{{{SITEMAP_NAMESPACE}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NAMESPACE}}}loc").text = link_between(
            public_url, "", path
        )
        if lastmod:
            ET.SubElement(entry, f"{{{SITEMAP_NAMESPACE}}}lastmod").text = lastmod
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def page_dates(site: Site, addresses: Addresses, pages: Iterable[str]) -> list[tuple[str, str]]:
    """Each HTML page with the day its data last changed: a city page its city's `updated`,
    every other page (they show every city) the site's."""
    cities = {addresses.city_page(c.slug): c.updated for c in site.cities}
    return [(page, cities.get(page, site.updated or "")) for page in pages]


# -- the Atom feed of data updates ----------------------------------------------------------


def seoul_midnight(day: str) -> dt.datetime:
    found = parse_day(day) or dt.date(1980, 1, 1)
    return dt.datetime.combine(found, dt.time(), SEOUL)


def entry_id(city: City, version: str) -> str:
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, f'{city.slug}/{version}')}"


def render_feed(site: Site, addresses: Addresses, public_url: str) -> bytes:
    """One Atom entry per version of each city's package, newest first (then by city), each
    linking to the version in the city page's history (the page, when it keeps none):
    written with feedgenerator (Pelican's own feed writer), which escapes every value. The
    feed's <updated> is its newest entry's (feedgenerator reads the entries, not the clock;
    validation guarantees a site has at least one city)."""

    def link(target: str) -> str:
        return link_between(public_url, addresses.feed, target)

    entries = sorted(
        ((change, city) for city in site.cities for change in changes_of(city)),
        key=lambda pair: (pair[0].date, pair[1].slug),
        reverse=True,
    )
    feed = feedgenerator.Atom1Feed(
        title=FEED_TITLE,
        link=link(addresses.home),
        description=FEED_SUBTITLE,
        language=KOREAN,
        feed_url=link(addresses.feed) if public_url else None,
        feed_guid=f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed')}",
        author_name=PUBLISHER,
    )
    for change, city in entries:
        day = seoul_midnight(change.date)
        feed.add_item(
            title=title_change(city, change),
            link=link(addresses.city_page(city.slug))
            + (f"#{version_anchor(change.version)}" if city.history else ""),
            # feedgenerator marks a summary type="html": the text is escaped once for HTML
            # here, and once for XML by the writer, so "<자원>" reads as written
            description=html.escape(change.changes_ko),
            unique_id=entry_id(city, change.version),
            pubdate=day,
            updateddate=day,
        )
    return feed.writeString("utf-8").encode() + b"\n"


# -- what the generator writes ----------------------------------------------------------------


def plan_site_files(
    site: Site,
    downloads: DownloadIndex,
    addresses: Addresses,
    public_url: str,
    pages: Iterable[str],
) -> list[tuple[str, bytes]]:
    """The site-wide machine-readable files, as (path under the output folder, bytes): the
    catalog and the feed always, the sitemap of `pages` only under a public address."""
    files = [
        (addresses.catalog, render_catalog(site, downloads, addresses, public_url)),
        (addresses.feed, render_feed(site, addresses, public_url)),
    ]
    sitemap = render_sitemap(page_dates(site, addresses, pages), public_url)
    if sitemap is not None:
        files.append((addresses.sitemap, sitemap))
    return files
