"""The site's search index: every city, pillar, programme and target, found by any part of a word.

Korean writes compounds and particles without spaces (의료빅데이터, 인공지능을), so splitting
on whitespace — what Pagefind and most static search tools do — cannot find `빅데이터` in
"의료빅데이터 플랫폼 구축". Search engines index CJK text by character bigrams instead, and
so does this module: each entry's text is normalised (NFKC, lower case) and cut into word
runs (letters and digits); every two-character window of a run is a key whose posting list
holds the ids of the entries that contain it. A query is cut the same way; the candidates
are the entries holding every bigram of every query word (AND), and each candidate is then
checked for every query word as a substring of its text, which removes the false positives
of bigrams (`데이터` holds 데이 and 이터, and so does "데이 … 이터"). A one-character word has no
bigram: it only filters the candidates, or, when the query has nothing else, every entry's
text is scanned, which is a few milliseconds even at national scale. The hits are ranked
(`rank_key`): the query as an entry's whole name first (a city's also without 시·군·광역시…, so
`파주` puts 파주시 first), then by how many of the query's bigrams the name holds, then
programme rows before other rows and city pages, then index order. In a query of several
words, a word inside a city's name names the place (`파주 스마트`: 파주시's entries holding
스마트), since no row repeats its city's name.

The index is written once, at build time, as `search-index.js`: a script that defines one
global, so it loads from disk (file://, where `fetch()` of a JSON file is refused) and under
the site's Content-Security-Policy (`script-src 'self'`). Texts are stored once; posting
lists are sorted entry ids written as gaps in a variable-length 64-letter code, so a
frequent bigram costs about one byte per entry. `theme/static/js/search.js` decodes and
matches exactly as `match_entries` below does; tests hold the two to the same answers.

Pure: no Pelican, no files, no wording (the page gives the labels). Deterministic bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .addresses import Addresses, pillar_anchor, programme_anchor, target_anchor
from .model import Site

INDEX_GLOBAL = "planpressSearchIndex"
"""The name the script defines on `window`; search.js reads it after loading the file."""
INDEX_VERSION = 2
"""2: the index carries `suffixes` and results are ranked (`rank_key`)."""

KINDS = ("city", "pillar", "programme", "target")
"""Entry kinds in index order; the page labels them (present.SEARCH_KIND_LABELS)."""

CITY_SUFFIXES = ("특별자치시", "특별자치도", "광역시", "특별시", "시", "군", "구", "도")
"""What a local government's name ends with: `파주` is the whole name of 파주시 for ranking.
Longest first, so 대구광역시 loses 광역시, not 시."""

KIND_RANKS = {"programme": 0, "pillar": 1, "target": 1, "city": 2}
"""Between results that match equally well: programme rows, then other rows, then the city
pages (which the city's name already puts first)."""

WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits (JS: /[\\p{L}\\p{N}]+/gu)."""

# Gap code: a number is written in base 32, most significant digit first; every digit but
# the last comes from CONTINUE, the last from FINAL, so no separator is needed.
FINAL = "0123456789abcdefghijklmnopqrstuv"
CONTINUE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


@dataclass(frozen=True)
class SearchEntry:
    """One thing a reader can find: its kind, its city, what it is called and where it is."""

    kind: str
    city: int
    """Index of the city in the site's order (`Site.cities`)."""
    slug: str
    name: str
    summary: str
    anchor: str
    """The row's anchor on the city page (addresses.py); "" for the city page itself."""

    @property
    def text(self) -> str:
        return normalise(f"{self.name}\n{self.summary}")


def normalise(text: str) -> str:
    """What matching compares: NFKC (full-width and compatibility forms folded), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def split_words(text: str) -> list[str]:
    """The letter-and-digit runs of a normalised text; punctuation and spaces divide them."""
    return WORD.findall(normalise(text))


def bigrams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)]


def list_entries(site: Site) -> list[SearchEntry]:
    """Every searchable thing, city by city: the city, then its pillars, programmes, targets."""
    entries = []
    for number, city in enumerate(site.cities):
        about = " ".join([city.province_ko, city.name_en, *(plan.title_ko for plan in city.plans)])
        entries.append(SearchEntry("city", number, city.slug, city.name_ko, about, ""))
        for plan in city.plans:
            for pillar in plan.pillars:
                entries.append(
                    SearchEntry(
                        "pillar",
                        number,
                        city.slug,
                        pillar.name_ko,
                        pillar.name_en or "",
                        pillar_anchor(pillar.pillar_id),
                    )
                )
            for programme in plan.programmes:
                entries.append(
                    SearchEntry(
                        "programme",
                        number,
                        city.slug,
                        programme.name_ko,
                        programme.summary_ko or "",
                        programme_anchor(programme.programme_id),
                    )
                )
            for target in plan.targets:
                entries.append(
                    SearchEntry(
                        "target",
                        number,
                        city.slug,
                        target.indicator_ko,
                        "",
                        target_anchor(target.target_id),
                    )
                )
    return entries


def encode_ids(ids: list[int]) -> str:
    """Sorted, distinct entry ids as gaps in the 64-letter code (the first gap is the first id)."""
    out = []
    previous = 0
    for number in ids:
        gap, previous = number - previous, number
        digits = [FINAL[gap % 32]]
        gap //= 32
        while gap:
            digits.append(CONTINUE[gap % 32])
            gap //= 32
        out.append("".join(reversed(digits)))
    return "".join(out)


def decode_ids(code: str) -> list[int]:
    ids, value, previous = [], 0, 0
    for letter in code:
        if letter in CONTINUE:
            value = value * 32 + CONTINUE.index(letter)
        else:
            previous += value * 32 + FINAL.index(letter)
            ids.append(previous)
            value = 0
    return ids


def build_index(site: Site, addresses: Addresses) -> dict[str, Any]:
    """The site's index as plain data (see `index_entries`)."""
    return index_entries(list_entries(site), [city.name_ko for city in site.cities], addresses)


def index_entries(
    entries: list[SearchEntry], city_names: list[str], addresses: Addresses
) -> dict[str, Any]:
    """City names, the entries (each text once, with its page and row) and bigram postings.

    An entry is `[kind, city, name, summary, href]`: `kind` indexes `kinds`, `city` indexes
    `cities`, `href` is the row's address under the site root (addresses.row_link).
    """
    postings: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        grams = {g for word in split_words(entry.text) for g in bigrams(word)}
        for gram in grams:
            postings.setdefault(gram, []).append(number)
    return {
        "version": INDEX_VERSION,
        "kinds": list(KINDS),
        "suffixes": list(CITY_SUFFIXES),
        "cities": list(city_names),
        "entries": [
            [KINDS.index(e.kind), e.city, e.name, e.summary, addresses.row_link(e.slug, e.anchor)]
            for e in entries
        ],
        "grams": {gram: encode_ids(postings[gram]) for gram in sorted(postings)},
    }


def render_index_script(index: dict[str, Any]) -> bytes:
    """`search-index.js`: the index as one global, compact JSON, keys in a fixed order."""
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{INDEX_GLOBAL}={body};\n".encode()


def read_index_script(data: bytes) -> dict[str, Any]:
    """The index back from `search-index.js` (tests and the bench read it this way)."""
    text = data.decode()
    prefix = f"window.{INDEX_GLOBAL}="
    if not text.startswith(prefix) or not text.endswith(";\n"):
        raise ValueError("not a planpress search index script")
    return json.loads(text[len(prefix) : -2])


def entry_text(index: dict[str, Any], number: int) -> str:
    _kind, _city, name, summary, _href = index["entries"][number]
    return normalise(f"{name}\n{summary}")


def is_whole_name(index: dict[str, Any], number: int, words: list[str]) -> bool:
    """The query is the entry's whole name (spaces and punctuation aside); a city's name
    also without its suffix (`파주` for 파주시, `대구` for 대구광역시)."""
    kind, _city, name, _summary, _href = index["entries"][number]
    query = "".join(words)
    joined = "".join(split_words(name))
    if joined == query:
        return True
    if index["kinds"][kind] != "city":
        return False
    suffix = next((s for s in index["suffixes"] if joined.endswith(s)), "")
    return bool(suffix) and joined[: -len(suffix)] == query


def count_name_hits(name: str, words: list[str]) -> int:
    """How many of the query's bigrams (and one-letter words) the entry's name holds."""
    text = normalise(name)
    grams = {g for word in words for g in bigrams(word)}
    letters = {w for w in words if len(w) == 1}
    return sum(1 for g in grams | letters if g in text)


def rank_key(index: dict[str, Any], number: int, words: list[str]) -> tuple[int, int, int, int]:
    """How a result ranks, smallest first: the query as the whole name, then the more of the
    query's bigrams the name holds, then programme rows before other rows and city pages,
    then index order (stable: a city's rows stay in page order)."""
    kind, _city, name, _summary, _href = index["entries"][number]
    return (
        0 if is_whole_name(index, number, words) else 1,
        -count_name_hits(name, words),
        KIND_RANKS.get(index["kinds"][kind], len(KIND_RANKS)),
        number,
    )


def split_places(index: dict[str, Any], words: list[str]) -> tuple[list[str], set[int] | None]:
    """In a query of several words, a word of two or more letters inside a city's name
    (`파주` in 파주시) names the place: the words left are searched in that city's entries
    (`파주 스마트`). Returns the words to search and the cities (None: every city). A query
    that is only place words is searched as text, as a one-word query always is."""
    if len(words) < 2:
        return words, None
    names = [normalise(name) for name in index["cities"]]
    places: set[int] | None = None
    rest = []
    for word in words:
        cities = {number for number, name in enumerate(names) if word in name}
        if len(word) >= 2 and cities:
            places = cities if places is None else places & cities
        else:
            rest.append(word)
    return (rest, places) if rest else (words, None)


def match_entries(index: dict[str, Any], query: str) -> list[int]:
    """The ids of the entries that hold every word of the query, ranked, as search.js finds them.

    Place words (`split_places`) keep the entries of their cities; the other words must all
    be in an entry. Candidates: the entries holding every bigram of those words (all entries
    when no word has two characters); then each candidate must contain every word as a
    substring. The hits are ranked by `rank_key`.
    """
    words, places = split_places(index, split_words(query))
    if not words:
        return []
    candidates: set[int] | None = None
    for gram in {g for word in words for g in bigrams(word)}:
        code = index["grams"].get(gram)
        if code is None:
            return []
        found = set(decode_ids(code))
        candidates = found if candidates is None else candidates & found
    numbers = range(len(index["entries"])) if candidates is None else sorted(candidates)
    hits = [
        n
        for n in numbers
        if (places is None or index["entries"][n][1] in places)
        and all(w in entry_text(index, n) for w in words)
    ]
    return sorted(hits, key=lambda n: rank_key(index, n, words))
