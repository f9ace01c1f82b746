/* planpress search: cities, pillars, programmes and targets, found by any part of a word.
   The index (search-index.js, built by plugins/planpress/search.py) is loaded the first time
   the search box is used, as a script file: that works from disk (file://), where fetch() of
   a JSON file is refused, and under the Content-Security-Policy (script-src 'self').
   Matching mirrors search.py's match_entries: the entries holding every bigram of every
   query word, then each checked for every word as a substring, then ranked. All wording comes from the
   form's data attributes (written from present.py); nothing here is Korean. */
(function () {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form) return;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var data = form.dataset;
  var limit = parseInt(data.searchLimit, 10) || 50;
  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var CONTINUE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var KIND_RANKS = { programme: 0, pillar: 1, target: 1, city: 2 };  // search.py KIND_RANKS
  var index = null, texts = null, names = null, wholeNames = null, cityNames = null, decoded = {};
  var loading = false, failed = false, timer = null;

  form.hidden = false;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function normalise(text) { return text.normalize("NFKC").toLowerCase(); }
  function splitWords(text) { return normalise(text).match(/[\p{L}\p{N}]+/gu) || []; }

  function decodeIds(code) {
    var ids = [], value = 0, previous = 0;
    for (var i = 0; i < code.length; i += 1) {
      var letter = code.charAt(i), digit = CONTINUE.indexOf(letter);
      if (digit !== -1) {
        value = value * 32 + digit;
      } else {
        previous += value * 32 + FINAL.indexOf(letter);
        ids.push(previous);
        value = 0;
      }
    }
    return ids;
  }

  function postings(gram) {
    if (!(gram in decoded)) {
      var code = Object.prototype.hasOwnProperty.call(index.grams, gram) ? index.grams[gram] : null;
      decoded[gram] = code === null ? null : decodeIds(code);
    }
    return decoded[gram];
  }

  // search.py's split_places: in a query of several words, a word of two or more letters
  // inside a city's name names the place; the other words are searched in its entries.
  function splitPlaces(words) {
    if (words.length < 2) return { words: words, places: null };
    var places = null, rest = [];
    words.forEach(function (word) {
      var cities = [];
      cityNames.forEach(function (name, number) { if (name.indexOf(word) !== -1) cities.push(number); });
      if (word.length >= 2 && cities.length) {
        places = places === null ? cities : places.filter(function (c) { return cities.indexOf(c) !== -1; });
      } else {
        rest.push(word);
      }
    });
    return rest.length ? { words: rest, places: places } : { words: words, places: null };
  }

  function match(query) {
    var split = splitPlaces(splitWords(query));
    var words = split.words, places = split.places;
    if (!words.length) return [];
    var grams = {};
    words.forEach(function (word) {
      for (var i = 0; i + 1 < word.length; i += 1) grams[word.substr(i, 2)] = true;
    });
    var candidates = null;
    var keys = Object.keys(grams);
    for (var k = 0; k < keys.length; k += 1) {
      var ids = postings(keys[k]);
      if (ids === null) return [];
      if (candidates === null) {
        candidates = ids.slice();
      } else {
        var keep = {};
        ids.forEach(function (id) { keep[id] = true; });
        candidates = candidates.filter(function (id) { return keep[id]; });
      }
    }
    if (candidates === null) {
      candidates = [];
      for (var n = 0; n < texts.length; n += 1) candidates.push(n);
    } else {
      candidates.sort(function (a, b) { return a - b; });
    }
    function holdsAll(text) {
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    }
    var hits = candidates.filter(function (id) {
      return (places === null || places.indexOf(index.entries[id][1]) !== -1) && holdsAll(texts[id]);
    });
    var query = words.join("");
    var probes = Object.keys(grams);  // and each one-letter word once, as search.py's set
    words.forEach(function (w) { if (w.length === 1 && probes.indexOf(w) === -1) probes.push(w); });
    var keys = {};
    hits.forEach(function (id) { keys[id] = rankKey(id, query, probes); });
    return hits.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      for (var i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i] - y[i];
      return 0;
    });
  }

  // search.py's rank_key: the query as the whole name (a city's also without its suffix),
  // then the more query bigrams in the name, then programme rows, other rows, city pages.
  function isWholeName(id, query) {
    var joined = wholeNames[id];
    if (joined === query) return true;
    if (index.kinds[index.entries[id][0]] !== "city") return false;
    for (var i = 0; i < index.suffixes.length; i += 1) {
      var suffix = index.suffixes[i];
      if (joined.length > suffix.length && joined.slice(-suffix.length) === suffix) {
        return joined.slice(0, -suffix.length) === query;
      }
    }
    return false;
  }

  function rankKey(id, query, probes) {
    var hitsInName = probes.filter(function (p) { return names[id].indexOf(p) !== -1; }).length;
    var kind = index.kinds[index.entries[id][0]];
    var kindRank = Object.prototype.hasOwnProperty.call(KIND_RANKS, kind) ? KIND_RANKS[kind] : 4;
    return [isWholeName(id, query) ? 0 : 1, -hitsInName, kindRank, id];
  }

  function kindLabel(kind) {
    return data["kind" + kind.charAt(0).toUpperCase() + kind.slice(1)] || kind;
  }

  function entryItem(entry) {
    var city = index.cities[entry[1]];  // its name; entry[4] is the page and row (addresses.py)
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.searchBase + entry[4];
    link.textContent = entry[2];
    var about = document.createElement("span");
    about.className = "search-meta";
    about.textContent = kindLabel(index.kinds[entry[0]]) + " · " + city;
    item.appendChild(link);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(about);
    if (entry[3]) {
      var summary = document.createElement("span");
      summary.className = "search-summary";
      summary.textContent = entry[3];
      item.appendChild(summary);
    }
    return item;
  }

  function show() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    if (failed) { status.textContent = data.textFailed; return; }
    if (!index) { status.textContent = data.textLoading; load(); return; }
    var found = match(query);
    found.slice(0, limit).forEach(function (id) { list.appendChild(entryItem(index.entries[id])); });
    var values = { query: query, count: found.length, shown: limit };
    var text = found.length ? say(data.textCount, values) : say(data.textNone, values);
    if (found.length > limit) text += " " + say(data.textMore, values);
    status.textContent = text;
  }

  function ready() {
    index = window[data.searchGlobal];
    if (!index || !index.grams) { failed = true; show(); return; }
    texts = index.entries.map(function (e) { return normalise(e[2] + "\n" + e[3]); });
    cityNames = index.cities.map(normalise);
    names = index.entries.map(function (e) { return normalise(e[2]); });
    wholeNames = index.entries.map(function (e) { return splitWords(e[2]).join(""); });
    show();
  }

  function load() {
    if (loading || index || failed) return;
    loading = true;
    var script = document.createElement("script");
    script.src = data.searchIndex;
    script.onload = ready;
    script.onerror = function () { failed = true; show(); };
    document.head.appendChild(script);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(show, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();  // the CSP forbids form submission (form-action 'none'); search here
    clearTimeout(timer);
    show();
  });
  if (input.value) load();  // a query the browser restored on going back
  // Arriving from the main menu's link to this section: the box is where typing goes.
  function focusOnArrival() {
    if (window.location.hash === "#" + form.parentNode.id) input.focus();
  }
  window.addEventListener("hashchange", focusOnArrival);
  window.addEventListener("load", focusOnArrival);  // after the browser has scrolled to it
})();
