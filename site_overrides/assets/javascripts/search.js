// search.js: the header search (data-kb-component="search") and window.kbSearch.
//
// The ranking is generator/search.py's, step for step (tests/vectors/search.yaml holds both to the
// same order; tests/js/run_search.js runs this file under node). The index is built from the model
// at build time and shipped as assets/javascripts/search-index.js, loaded by a <script> on the
// first focus of the box (so it works from disk); that file calls window.kbSearch.receive(data).
//
// window.kbSearch
//   query(text, {limit, scope})  [{id, citation, url, snippet, score, kind}]: law hits (at most
//                         limit, default 10), then reading aids (kind "aid", at most 5); [] before
//                         load. scope: "home" (the site's own regulation, default), "laws" (the
//                         further regulations, ids slug:id), a further regulation's slug, or
//                         "all" (one ranking over the library), or "versions" (历史版本: the
//                         earlier versions of further regulations, in no other scope); a query
//                         naming a regulation lists its hits (in "versions" its earlier
//                         versions' hits) first (generator/search.py scoped_query)
//   marks(text, query)    [[start, end]] spans of text to highlight (code points)
//   load(which)           Promise resolved when the index ("home") or the laws' shard meta ("laws") is there
//   ready(which)          whether that is loaded (no argument: those the box's scope needs)
//   prepare(text, scope)  Promise resolved when query(text, {scope}) answers as the whole index
//                         would: the laws' shards it needs are in (search-shards.js), in "versions"
//                         the earlier versions' shards (v<k>, loaded for that scope alone); before
//                         that, query answers [] for a scope or query that searches the further
//                         regulations or their earlier versions
//   prepared(text, scope) whether it is
//   receive(data, which)  called by search-index.js; with "laws", the whole laws index at once
//                         (tests/js/run_search.js)
//   shard(name, data)     called by each shard script (assets/javascripts/search/<name>.js)
(function () {
  "use strict";

  var LIMIT = 10;
  var AID_LIMIT = 5;
  var K1 = 1.2;
  var B = 0.75;
  var UNIGRAM = 0.25;
  var SKIP = 0.25;
  var TIER = 10000000;
  var SNIPPET = 80;
  var LEAD = 20;
  var DROP = {};
  " \t\r\n\u3000，。、；：？！“”‘’《》〈〉「」『』（）()【】[],.;:?!\"'-—…·/".split("").forEach(function (c) { DROP[c] = true; });
  var FOLD = { "〇": "零", "两": "二" };
  var CN = "零〇一二两三四五六七八九十百千";
  var NUM = "(\\d+|[" + CN + "]+)";
  // search.py: _TAIL, _CITATION, _CITED, _LEADING.
  var TAIL = "(?:第?" + NUM + "款)?(?:第?\\(?" + NUM + "\\)?项|\\(" + NUM + "\\))?";
  var CITATION = new RegExp("^第?" + NUM + "条?" + TAIL + "$");
  var BARE = new RegExp("^" + NUM + "条?$");
  var DOTTED = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;
  // Shorthand without 第 is a citation once 条 follows the number (search.py: _ARTICLE).
  var ARTICLE = new RegExp("^" + NUM + "条");
  var CITED = new RegExp("第" + NUM + "条" + TAIL, "g");
  var LEADING = new RegExp("^[^\\p{L}\\p{N}_]*(\\d+)条" + TAIL, "u");
  var KEEP = 3;
  var NAME_DROP = {};
  "《》〈〉“”‘’「」『』\"'".split("").forEach(function (c) { NAME_DROP[c] = true; });

  // --- normalisation (search.py: fold_char, fold) ---------------------------------------------

  function foldChar(ch) {
    if (DROP[ch]) return "";
    var code = ch.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) {
      ch = String.fromCharCode(code - 0xfee0);
      if (DROP[ch]) return "";
    }
    if (FOLD[ch]) return FOLD[ch];
    return ch.toLowerCase();
  }

  // [folded string as an array of characters, position in text of each]
  function fold(text) {
    var chars = Array.from(text);
    var out = [], where = [];
    for (var i = 0; i < chars.length; i++) {
      var f = foldChar(chars[i]);
      if (f) { out.push(f); where.push(i); }
    }
    return { text: out.join(""), where: where };
  }

  // fold(text).text, without the positions: each code point's folding kept (FOLDED), the text
  // walked by UTF-16 units as Array.from splits it (a surrogate pair is one character, a lone
  // surrogate one too). The staged loader folds every record of the shards it loads.
  var FOLDED = new Map();
  function foldText(text) {
    var out = "", n = text.length;
    for (var i = 0; i < n; i++) {
      var c = text.charCodeAt(i), ch;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { ch = text.substr(i, 2); i++; }
      else ch = text.charAt(i);
      var f = FOLDED.get(ch);
      if (f === undefined) { f = foldChar(ch); FOLDED.set(ch, f); }
      out += f;
    }
    return out;
  }

  function width(text) {
    return Array.from(text).filter(function (c) { return !/\s/.test(c); }).map(function (c) {
      var code = c.codePointAt(0);
      return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : c;
    }).join("");
  }

  // search.py: plain. Half-width, without title marks and quotes (spaces kept).
  function plain(text) {
    return Array.from(text).filter(function (c) { return !NAME_DROP[c]; }).map(function (c) {
      var code = c.codePointAt(0);
      return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : c;
    }).join("");
  }

  // --- numerals (generator/numerals.py: parse_chinese, to_chinese) -------------------------------

  var DIGITS = "零一二三四五六七八九";
  var VALUES = { "〇": 0, "两": 2 };
  DIGITS.split("").forEach(function (c, i) { VALUES[c] = i; });
  var UNITS = { "十": 10, "百": 100, "千": 1000 };

  function toChinese(n) {
    if (!(n >= 1 && n <= 9999)) return null;
    var out = [], rest = n, pendingZero = false;
    [[1000, "千"], [100, "百"], [10, "十"]].forEach(function (u) {
      var digit = Math.floor(rest / u[0]);
      rest = rest % u[0];
      if (digit) {
        if (pendingZero) { out.push("零"); pendingZero = false; }
        if (!(u[1] === "十" && digit === 1 && !out.length)) out.push(DIGITS.charAt(digit));
        out.push(u[1]);
      } else if (out.length) {
        pendingZero = true;
      }
    });
    if (rest) {
      if (pendingZero) out.push("零");
      out.push(DIGITS.charAt(rest));
    }
    return out.join("");
  }

  function parseChinese(text) {
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    var total = 0, digit = null;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (ch in VALUES) digit = VALUES[ch];
      else if (ch in UNITS) { total += (digit === null ? 1 : digit) * UNITS[ch]; digit = null; }
      else return null;
    }
    if (digit !== null) total += digit;
    return toChinese(total) === text ? total : null;
  }

  // --- ranking (search.py: Engine) ---------------------------------------------------------------

  function count(haystack, needle) {
    if (!needle) return 0;
    var n = 0, at = haystack.indexOf(needle);
    while (at >= 0) { n++; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  function unique(list) {
    var seen = Object.create(null), out = [];
    list.forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });
    return out;
  }

  function grams(text) {
    var chars = Array.from(text), bigrams = [];
    for (var i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1]);
    return { bigrams: unique(bigrams), chars: unique(chars) };
  }

  function bigramsOf(words) {
    var out = [];
    words.forEach(function (w) {
      var chars = Array.from(w);
      for (var j = 0; j + 1 < chars.length; j++) out.push(chars[j] + chars[j + 1]);
    });
    return out;
  }

  function pack(tier, cap, occ, share, fuzzy) {
    return (((tier * 2 + cap) * 100 + Math.min(occ, 99)) * 1001 + share) * TIER + fuzzy;
  }

  // Array.from(text).length: code points, a surrogate pair counting once.
  function len(text) {
    var n = text.length, out = n;
    for (var i = 0; i + 1 < n; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { out--; i++; }
    }
    return out;
  }

  function includesAll(words, text) {
    return words.every(function (w) { return text.indexOf(w) >= 0; });
  }

  // `rules` sorted by `compare`, which reads a rule's source length as rule.n: each length is
  // counted once, not in every comparison (1,600 rules: 16 ms of the index hand-over otherwise).
  function sortedByLength(rules, compare) {
    return rules.map(function (r) { return { r: r, n: len(r[0]) }; })
      .sort(compare)
      .map(function (x) { return x.r; });
  }

  // --- the index as shipped (search.py: pack_index) ------------------------------------------------

  var NAME_PREFIX = "中华人民共和国";
  var NAME_REF = /\u0005(\d+)(?:\.(\d+))?\u0006/g;

  function byUnits(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // search.py: derived_names. A regulation's names from its name and the extra ones.
  function derivedNames(name, extra) {
    var base = [plain(name)].concat(extra), every = base.slice();
    base.forEach(function (n) { if (n.indexOf(NAME_PREFIX) === 0 && n !== NAME_PREFIX) every.push(n.slice(NAME_PREFIX.length)); });
    return sortedByLength(unique(every).map(function (n) { return [n]; }), function (a, b) {
      return b.n - a.n || byUnits(a.r[0], b.r[0]);
    }).map(function (x) { return x[0]; });
  }

  // search.py: unpack_index. The index as index_data gives it, from the packed one (regs as
  // [slug, name, extra names...] or [slug, name, [names]]; a name in a citation or text as its
  // place in regs); an index not packed as it is.
  function unpackIndex(data) {
    if (!data.regs || !data.regs.length || !Array.isArray(data.regs[0])) return data;
    var regs = data.regs.map(function (row) {
      var explicit = row.length > 2 && Array.isArray(row[2]);
      return { slug: row[0], name: row[1], names: explicit ? row[2] : derivedNames(row[1], row.slice(2)) };
    });
    function named(text) {
      if (Array.isArray(text)) return text[0];
      return text.replace(NAME_REF, function (m, i, k) { return k === undefined ? regs[+i].name : regs[+i].names[+k]; });
    }
    var out = {}, key;
    for (key in data) out[key] = data[key];
    out.regs = regs;
    out.records = data.records.map(function (r) {
      var rec = {}, k;
      for (k in r) rec[k] = r[k];
      rec.citation = named(r.citation);
      rec.text = named(r.text);
      return rec;
    });
    return out;
  }

  // [name, slug] of every regulation of the library, longest name first (search.py: Engine.names).
  // Kept per list of regulations (the staged loader's engines all take the site's own list).
  var NAMES = new WeakMap();
  function namesOf(regs) {
    if (NAMES.has(regs)) return NAMES.get(regs);
    var names = [];
    regs.forEach(function (r) { r.names.forEach(function (n) { names.push([n, r.slug]); }); });
    names = sortedByLength(names, function (a, b) {
      return b.n - a.n || (a.r[0] < b.r[0] ? -1 : a.r[0] > b.r[0] ? 1 : 0);
    });
    NAMES.set(regs, names);
    return names;
  }

  function longestFirst(a, b) {
    return b.n - a.n || (a.r[0] < b.r[0] ? -1 : a.r[0] > b.r[0] ? 1 : 0);
  }

  // [word, wording] pairs from the groups [wording, word, word, ...], longest source first (ties
  // cannot both match at one place: a word is listed once) (search.py: _pairs).
  function pairsOf(groups) {
    var pairs = [];
    groups.forEach(function (group) {
      for (var k = 1; k < group.length; k++) pairs.push([group[k], group[0]]);
    });
    return sortedByLength(pairs, longestFirst);
  }

  // One vocabulary's rules: its synonyms, and fillers dropped except inside a word that has a
  // synonym, kept whole (search.py: _strip_rules); each grouped by first character.
  function vocabulary(pairs, fillers) {
    var strip = sortedByLength(pairs.map(function (p) { return [p[0], p[0]]; })
      .concat(fillers.map(function (w) { return [w, ""]; })), function (a, b) {
      return b.n - a.n || (a.r[1] === "" ? 1 : 0) - (b.r[1] === "" ? 1 : 0);
    });
    return { synonymFirst: byFirst(pairs), stripFirst: byFirst(strip) };
  }

  // Per record object, what every engine over it computes alike: its folded text, caption and
  // citation, its length and its grams counted. The staged loader builds an engine over the site's
  // own records and the loaded shards' at each step (the library's: search.py all_index_data), so
  // a record is folded and counted once, not once per engine.
  var DERIVED = new WeakMap();
  function derivedOf(r) {
    var d = DERIVED.get(r);
    if (!d) {
      var text = foldText(r.text);
      d = {
        text: text, caption: foldText(r.caption), title: foldText(r.citation), length: len(text),
        counted: null, head: null, headOf: null
      };
      DERIVED.set(r, d);
    }
    return d;
  }

  // Each vocabulary by key ("" the site's own; a slug: that regulation's words over the site's
  // own), as rules grouped by first character (search.py: Engine.vocabs); keys in search.py's order.
  // Kept per list of words: the staged loader's engines all take the same lists, so each step does
  // not sort them again.
  var VOCABS = new WeakMap();
  function vocabsOf(data) {
    var fillers = data.fillers, vocabularies = data.vocabularies || {};
    var held = VOCABS.get(data.synonyms);
    if (held && held.fillers === fillers && held.vocabularies === vocabularies) return held;
    var home = pairsOf(data.synonyms), vocabs = Object.create(null), keys = [""];
    vocabs[""] = vocabulary(home, fillers);
    Object.keys(vocabularies).sort().forEach(function (slug) {
      var own = pairsOf(vocabularies[slug]), words = Object.create(null);
      own.forEach(function (p) { words[p[0]] = true; });
      var pairs = sortedByLength(own.concat(home.filter(function (p) { return !words[p[0]]; })), longestFirst);
      vocabs[slug] = vocabulary(pairs, fillers);
      keys.push(slug);
    });
    held = { fillers: fillers, vocabularies: vocabularies, synonyms: home, vocabs: vocabs, keys: keys };
    VOCABS.set(data.synonyms, held);
    return held;
  }

  // lazy: an engine over shards (partialEngine), which takes the whole index's statistics: its
  // records' grams are neither counted nor posted, each query gram's postings are found when first
  // asked (postingsOf).
  function Engine(data, lazy) {
    var self = this;
    this.title = data.title;
    this.records = data.records;
    this.names = data.regs ? namesOf(data.regs) : [];
    this.regs = this.records.map(function (r) { return r.reg || ""; });
    var held = vocabsOf(data);
    this.synonyms = held.synonyms;
    this.vocabs = held.vocabs;
    this.vocabKeys = held.keys;
    this.vkeys = this.regs.map(function (reg) { return reg && self.vocabs[reg] ? reg : ""; });
    this.lastRaw = null;
    this.lastVariants = null;
    this.ids = Object.create(null);
    this.byId = Object.create(null);
    this.records.forEach(function (r) { self.byId[r.id] = r; });
    this.records.forEach(function (r) { if (r.kind === "law") self.ids[r.id] = true; });
    var derived = this.records.map(derivedOf);
    this.folded = derived.map(function (d) { return d.text; });
    this.captions = derived.map(function (d) { return d.caption; });
    this.titles = derived.map(function (d) { return d.title; });
    this.lengths = derived.map(function (d) { return d.length; });
    var counted = this.counts(derived, lazy);
    // Postings (gram -> [record, count, record, count, ...]) and each record's length norm, so a
    // keystroke visits only the records holding a query gram. Sums are added gram by gram in the
    // order search.py adds them per record, so the floating-point totals are the same.
    this.norm = new Float64Array(this.records.length);
    this.articles = [];
    this.isArticle = new Uint8Array(this.records.length);
    // Reading aids are matched on title + text; kept joined with its length so a keystroke does not
    // rebuild them.
    this.aidIndex = [];
    this.both = [];
    this.bothLengths = [];
    this.records.forEach(function (r, i) {
      if (r.kind !== "law") {
        self.aidIndex.push(i);
        self.both[i] = self.titles[i] + self.folded[i];
        self.bothLengths[i] = len(self.both[i]);
        return;
      }
      if (r.id.indexOf("__") < 0) { self.articles.push(i); self.isArticle[i] = 1; }
      self.norm[i] = K1 * (1 - B + B * derived[i].length / self.avg);
    });
    this.post = Object.create(null);
    this.headPost = Object.create(null);
    this.lazy = !!lazy;
    this.heads = lazy ? this.headings(data.regs || []) : null;
    if (!lazy) this.postings(counted, data.regs || []);
    // Scratch arrays reused by every query (cleared after use), so a keystroke allocates little.
    this.scores = new Float64Array(this.records.length);
    this.touchedFlag = new Uint8Array(this.records.length);
    this.headedFlag = new Uint8Array(this.records.length);
    this.best = new Float64Array(this.records.length);
    this.bestFlag = new Uint8Array(this.records.length);
  }

  // Sets n, df, regN and avg from the law records; each one's grams counted once (kept per record),
  // their distinct grams giving the articles' document frequencies (and returned, for the
  // postings). Articles per regulation too (search.py: Engine.reg_n; their frequencies: regDf).
  // lazy: n, df and regN are the whole index's (partialEngine), so no gram is counted.
  Engine.prototype.counts = function (derived, lazy) {
    var self = this, df = Object.create(null), n = 0, lengths = 0, laws = 0, counted = [];
    var regN = this.regN = Object.create(null);
    this.records.forEach(function (r, i) {
      if (r.kind !== "law") return;
      laws++;
      lengths += derived[i].length;
      if (!lazy) counted[i] = derived[i].counted || (derived[i].counted = gramCounts(self.folded[i]));
      if (r.id.indexOf("__") >= 0) return;
      n++;
      regN[self.regs[i]] = (regN[self.regs[i]] || 0) + 1;
      if (!lazy) counted[i].order.forEach(function (x) { df[x] = (df[x] || 0) + 1; });
    });
    this.n = n;
    this.df = df;
    this.avg = laws ? lengths / laws : 1;
    return counted;
  };

  // An engine over some shards of an index (search-shards.js) with the whole index's statistics,
  // so every record it holds scores as in the whole index.
  function partialEngine(data, stats) {
    var engine = new Engine(data, true);
    engine.partial = true;
    engine.n = stats.n;
    engine.df = stats.df;
    engine.avg = stats.avg;
    engine.regN = stats.regN;
    engine.regDf = stats.regDf;
    engine.records.forEach(function (r, i) {
      if (r.kind === "law") engine.norm[i] = K1 * (1 - B + B * engine.lengths[i] / engine.avg);
    });
    return engine;
  }

  // search.py: heading. The folded heading of a law record: its regulation's name and its own
  // caption, parted so no gram spans the two.
  var HEADING_SEPARATOR = "\n";
  function heading(r, name) {
    return [name, r.caption !== name ? r.caption : ""].filter(function (p) { return p; })
      .map(function (p) { return fold(p).text; }).join(HEADING_SEPARATOR);
  }

  // Occurrences of every bigram and character of text, counted as str.count / count() do:
  // left to right without overlaps (only matters for a bigram of one repeated character).
  function gramCounts(text) {
    var chars = Array.from(text), tf = Object.create(null), end = Object.create(null), order = [];
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (!tf[c]) { tf[c] = 0; order.push(c); }
      tf[c]++;
      if (i + 1 < chars.length) {
        var g = c + chars[i + 1];
        if (!tf[g]) { tf[g] = 0; end[g] = 0; order.push(g); }
        if (end[g] <= i) { tf[g]++; end[g] = i + 2; }
      }
    }
    return { tf: tf, order: order };
  }

  // The postings of every law record's grams, counted in its text (counted) and its heading: the
  // heading's occurrences count with the text's (search.py: Engine.fuzzy); a gram of the heading
  // alone adds to the score and lists no record (headPost).
  Engine.prototype.postings = function (counted, regs) {
    var post = this.post, headPost = this.headPost, heads = this.headings(regs);
    this.records.forEach(function (r, i) {
      if (r.kind !== "law") return;
      var counts = counted[i], d = derivedOf(r);
      if (d.headOf !== heads[i]) { d.head = gramCounts(heads[i]); d.headOf = heads[i]; }
      var head = d.head;
      counts.order.forEach(function (g) {
        (post[g] || (post[g] = [])).push(i, counts.tf[g] + (head.tf[g] || 0));
      });
      head.order.forEach(function (g) {
        if (!counts.tf[g] && g.indexOf(HEADING_SEPARATOR) < 0) (headPost[g] || (headPost[g] = [])).push(i, head.tf[g]);
      });
    });
  };

  // The folded heading of every law record (search.py: heading), kept per record and name.
  Engine.prototype.headings = function (regs) {
    var names = Object.create(null), out = [];
    regs.forEach(function (r) { names[r.slug] = r.name; });
    var regsOf = this.regs;
    this.records.forEach(function (r, i) {
      if (r.kind !== "law") return;
      var name = names[regsOf[i]] || "", d = derivedOf(r);
      if (d.headTextName !== name || d.headText === undefined) { d.headText = heading(r, name); d.headTextName = name; }
      out[i] = d.headText;
    });
    return out;
  };

  // The postings of gram g ([record, count, ...]) and its heading-only postings, as postings()
  // lists them: an eager engine's, or a lazy one's found now by counting g in every law record's
  // text and heading (count() counts as gramCounts does), in record order, then kept.
  var NO_POSTINGS = [];
  Engine.prototype.postingsOf = function (g) {
    if (!this.lazy || g in this.post) return this.post[g] || NO_POSTINGS;
    var post = [], head = [], folded = this.folded, heads = this.heads, records = this.records;
    var spans = g.indexOf(HEADING_SEPARATOR) >= 0;
    for (var i = 0; i < records.length; i++) {
      if (heads[i] === undefined) continue;
      var t = count(folded[i], g), h = count(heads[i], g);
      if (t) post.push(i, t + h);
      else if (h && !spans) head.push(i, h);
    }
    this.post[g] = post;
    this.headPost[g] = head;
    return post;
  };

  Engine.prototype.headPostingsOf = function (g) {
    if (this.lazy) this.postingsOf(g);
    return this.headPost[g] || NO_POSTINGS;
  };

  // Fuzzy scores of every law record holding a query gram in its text or heading: {scores,
  // touched (holding one in its text, in first-touch order), paired (how many of touched hold a
  // bigram or skip: they come first), headed (scored by its heading alone so far)}.
  Engine.prototype.fuzzyAll = function (plan) {
    // Results live in this.scores / this.touchedFlag / this.headedFlag until the caller clears
    // them (clearFuzzy).
    var scores = this.scores, seen = this.touchedFlag, headed = this.headedFlag, touched = [], only = [];
    var self = this, paired = 0;
    [[1.0, plan.bigrams], [SKIP, plan.skips], [UNIGRAM, plan.chars]].forEach(function (pair, n) {
      if (n === 2) paired = touched.length;
      pair[1].forEach(function (g) {
        if (!(self.df[g] || 0)) return;
        var weight = pair[0], rarity = self.rarity(g), list = self.postingsOf(g), k, i, tf;
        for (k = 0; k < list.length; k += 2) {
          i = list[k]; tf = list[k + 1];
          scores[i] += weight * rarity * (tf * (K1 + 1)) / (tf + self.norm[i]);
          if (!seen[i]) { seen[i] = 1; touched.push(i); }
        }
        list = self.headPostingsOf(g);
        for (k = 0; k < list.length; k += 2) {
          i = list[k]; tf = list[k + 1];
          scores[i] += weight * rarity * (tf * (K1 + 1)) / (tf + self.norm[i]);
          if (!headed[i]) { headed[i] = 1; only.push(i); }
        }
      });
    });
    return { scores: scores, touched: touched, paired: paired, headed: only };
  };

  // {regulation: articles holding g in their text} (search.py: Engine.reg_df), from the postings;
  // kept per gram (an engine's records do not change).
  Engine.prototype.regDf = function (g) {
    var cache = this.regCache || (this.regCache = Object.create(null));
    if (cache[g]) return cache[g];
    var out = cache[g] = Object.create(null), list = this.post[g] || [], i;
    for (var k = 0; k < list.length; k += 2) {
      i = list[k];
      if (this.isArticle[i]) out[this.regs[i]] = (out[this.regs[i]] || 0) + 1;
    }
    return out;
  };

  // search.py: Engine.prior. Each regulation's prior for the typed query's plan: the sum over its
  // bigrams of rarity x (share of the regulation's articles holding it - share of all articles),
  // at least 0.
  Engine.prototype.prior = function (p) {
    return priorOf(p, { n: this.n, df: this.df, regN: this.regN, regDf: this.regDf.bind(this) });
  };

  // The priors of plan p under statistics {n, df, regN, regDf(g)} (an engine's, or the shards').
  function priorOf(p, stats) {
    var out = Object.create(null), counts = [], rarity = [];
    p.bigrams.forEach(function (g) {
      var d = stats.df[g] || 0;
      counts.push(d ? stats.regDf(g) : null);
      rarity.push(rarityOf(stats.n, d));
    });
    Object.keys(stats.regN).forEach(function (reg) {
      var n = stats.regN[reg], total = 0;
      for (var k = 0; k < p.bigrams.length; k++) {
        var d = stats.df[p.bigrams[k]] || 0;
        if (d) total += rarity[k] * ((counts[k][reg] || 0) / n - d / stats.n);
      }
      out[reg] = Math.max(0, total);
    });
    return out;
  }

  Engine.prototype.clearFuzzy = function (f) {
    var k;
    for (k = 0; k < f.touched.length; k++) { this.scores[f.touched[k]] = 0; this.touchedFlag[f.touched[k]] = 0; }
    for (k = 0; k < f.headed.length; k++) { this.scores[f.headed[k]] = 0; this.headedFlag[f.headed[k]] = 0; }
  };

  // search.py: Engine.idf and Engine.rarity (IDF squared) of a gram held by d of n articles; an
  // engine's, the priors' (priorOf) and the staged loader's bound (rarityBound) alike.
  function idfOf(n, d) { return Math.log(1 + (n - d + 0.5) / (d + 0.5)); }
  function rarityOf(n, d) { var idf = idfOf(n, d); return idf * idf; }

  Engine.prototype.idf = function (g) { return idfOf(this.n, this.df[g] || 0); };

  Engine.prototype.rarity = function (g) { return rarityOf(this.n, this.df[g] || 0); };

  // search.py: Engine.named. [slug, rest of the query] when it names a regulation, else null.
  Engine.prototype.named = function (raw) {
    var text = plain(String(raw)), best = null;
    this.names.forEach(function (p) {
      var at = text.indexOf(p[0]);
      if (at < 0) return;
      var n = len(p[0]);
      if (!best || n > best.n || (n === best.n && at < best.at)) best = { at: at, n: n, name: p[0], slug: p[1] };
    });
    return best ? [best.slug, text.slice(0, best.at) + text.slice(best.at + best.name.length)] : null;
  };

  Engine.prototype.resolve = function (prefix, art, para, point) {
    var base = prefix + "art_" + art;
    if (!this.ids[base]) return null;
    if (point) {
      var pid = base + "__para_" + (para || 1) + "__point_" + point;
      return this.ids[pid] ? pid : null;
    }
    if (para) {
      var id = base + "__para_" + para;
      if (this.ids[id]) return id;
      return para === 1 ? base : null;
    }
    return base;
  };

  // search.py: cited_numbers. [article, second, third, dotted] of a query's first citation.
  function citedNumbers(raw) {
    var every = citedAll(raw);
    return every.length ? every[0] : null;
  }

  // search.py: cited_all. Every citation of a query, in order.
  function citedAll(raw) {
    var text = width(raw);
    var m = DOTTED.exec(text);
    if (m) return [[1, 2, 3].map(function (k) { return m[k] ? parseInt(m[k], 10) : 0; }).concat([true])];
    var found = [];
    m = CITATION.exec(text);
    if (m && (text.charAt(0) === "第" || BARE.test(text) || ARTICLE.test(text))) {
      found.push(m);
    } else {
      var lead = LEADING.exec(text);
      if (lead) found.push(lead);
      CITED.lastIndex = lead ? lead[0].length : 0;
      for (var c = CITED.exec(text); c; c = CITED.exec(text)) found.push(c);
    }
    var out = [];
    for (var f = 0; f < found.length; f++) {
      var values = [];
      for (var k = 1; k <= 4; k++) {
        var v = found[f][k] ? parseChinese(found[f][k]) : 0;
        if (v === null) return out;
        values.push(v);
      }
      out.push([values[0], values[1], values[2] || values[3], false]);
    }
    return out;
  }

  // search.py: Engine.citation, Engine.citations. The provision ids of every citation of raw, in
  // order, until one names no provision; none when raw names another regulation than reg.
  Engine.prototype.citations = function (raw, reg) {
    var named = this.named(raw);
    if (named && named[0] !== reg) return [];
    var out = [], every = citedAll(raw);
    for (var k = 0; k < every.length; k++) {
      var pid = this.cited(every[k], reg);
      if (pid === null) break;
      out.push(pid);
    }
    return out;
  };

  Engine.prototype.citation = function (raw, reg) {
    var every = this.citations(raw, reg);
    return every.length ? every[0] : null;
  };

  Engine.prototype.cited = function (nums, reg) {
    var prefix = reg ? reg + ":" : "";
    if (nums[3] && nums[1] && !nums[2] && !this.ids[prefix + "art_" + nums[0] + "__para_2"]) return this.resolve(prefix, nums[0], 1, nums[1]);
    return this.resolve(prefix, nums[0], nums[1], nums[2]);
  };

  // Rules grouped by the first character of their source, each group in the rules' order, so a
  // rewrite tries only the rules that can match where it stands.
  function byFirst(rules) {
    var out = Object.create(null);
    rules.forEach(function (r) {
      var c = String.fromCodePoint(r[0].codePointAt(0));
      (out[c] || (out[c] = [])).push(r);
    });
    return out;
  }

  // search.py: _within. Whether src, met in word at i, stands inside its own target dst (复议
  // inside 行政复议 for the rule 复议 -> 行政复议).
  function within(word, i, src, dst) {
    for (var k = dst.indexOf(src); k !== -1; k = dst.indexOf(src, k + 1)) {
      if (k <= i && word.startsWith(dst, i - k)) return true;
    }
    return false;
  }

  // search.py: _rewrite. Every rule's source replaced by its target, left to right; a source
  // standing inside its own target is kept (行政复议 stays, never 行政行政复议).
  function rewrite(word, rules) {
    var out = [], i = 0;
    while (i < word.length) {
      var ch = String.fromCodePoint(word.codePointAt(i)), hit = null, list = rules[ch] || [];
      for (var s = 0; s < list.length; s++) {
        if (word.startsWith(list[s][0], i)) { hit = list[s]; break; }
      }
      if (hit) { out.push(within(word, i, hit[0], hit[1]) ? hit[0] : hit[1]); i += hit[0].length; }
      else { out.push(ch); i += ch.length; }
    }
    return out.join("");
  }

  Engine.prototype.stripped = function (words, key) {
    var rules = this.vocabs[key || ""].stripFirst;
    return words.map(function (w) { return rewrite(w, rules) || w; });
  };

  // search.py: Engine.keyed. Sets this.lastKeys: for each variant null (every record) or the keys
  // of the vocabularies giving it.
  Engine.prototype.variants = function (raw) {
    raw = String(raw);
    // The panel asks again for every hit's marks: the last answer is kept.
    if (this.lastRaw === raw) return this.lastVariants;
    var self = this;
    var words = raw.split(/\s+/).map(function (p) { return fold(p).text; }).filter(Boolean);
    var out = words.length ? [words] : [], keys = words.length ? [null] : [], joined = [words.join("\u0000")];
    if (words.length) {
      this.vocabKeys.forEach(function (key) {
        var synonyms = self.vocabs[key].synonymFirst;
        var swapped = self.stripped(words, key).map(function (w) { return rewrite(w, synonyms); });
        var j = swapped.join("\u0000"), same = joined.indexOf(j, 1);
        if (j === joined[0]) return;
        if (same < 0) { out.push(swapped); keys.push([key]); joined.push(j); }
        else keys[same].push(key);
      });
    }
    this.lastRaw = raw;
    this.lastVariants = out;
    this.lastKeys = keys;
    return out;
  };

  // search.py: Engine.plans. The typed words count without their fillers, rewritten ones as they
  // are; each plan's `keys` (null or {key: true}) are the vocabularies it is for.
  Engine.prototype.plans = function (variants) {
    var self = this, keys = this.lastKeys;
    return variants.map(function (v, k) {
      var p = plan(v, k === 0 ? self.stripped(v) : v);
      p.keys = null;
      if (keys[k]) { p.keys = Object.create(null); keys[k].forEach(function (key) { p.keys[key] = true; }); }
      return p;
    });
  };

  // What a keystroke needs of one query variant, computed once: its words, their lengths in code
  // points, the distinct bigrams, skips and characters of the fuzzy score over `gramWords`
  // (search.py: Plan.of) and every bigram of every word (with repeats, as search.py's aid_score
  // walks them).
  function plan(words, gramWords) {
    var bigrams = [], chars = [], skips = [];
    gramWords.forEach(function (w) {
      var g = grams(w);
      bigrams = bigrams.concat(g.bigrams);
      chars = chars.concat(g.chars);
      var c = Array.from(w);
      for (var j = 0; j + 2 < c.length; j++) skips.push(c[j] + c[j + 2]);
    });
    bigrams = unique(bigrams);
    var isBigram = Object.create(null);
    bigrams.forEach(function (g) { isBigram[g] = true; });
    return {
      words: words,
      lengths: words.map(len),
      bigrams: bigrams,
      skips: unique(skips).filter(function (g) { return !isBigram[g]; }),
      chars: unique(chars),
      wordBigrams: bigramsOf(words)
    };
  }

  // search.py: Engine.fuzzy(plan, text), with textLength = len(text).
  Engine.prototype.fuzzy = function (p, text, textLength) {
    var norm = K1 * (1 - B + B * textLength / this.avg);
    var total = 0, groups = [[1.0, p.bigrams], [SKIP, p.skips], [UNIGRAM, p.chars]];
    for (var n = 0; n < groups.length; n++) {
      var weight = groups[n][0], list = groups[n][1];
      for (var k = 0; k < list.length; k++) {
        var g = list[k], tf = count(text, g);
        if (tf && (this.df[g] || 0)) total += weight * this.rarity(g) * (tf * (K1 + 1)) / (tf + norm);
      }
    }
    return total;
  };

  function milli(x) { return Math.min(Math.floor(x * 1000 + 0.5), TIER - 1); }

  // search.py: Engine.law_score. Runs for every record holding a query character (nearly all of
  // them for the first key of a query), so it is written as plain loops that allocate nothing.
  // prior: its regulation's (Engine.prior), added to a fuzzy score that is not 0.
  Engine.prototype.lawScore = function (i, p, fuzzyValue, paired, prior) {
    var text = this.folded[i], caption = this.captions[i], words = p.words, n = words.length;
    var hits = 0, hitChars = 0, k;
    for (k = 0; k < n; k++) if (text.indexOf(words[k]) >= 0) { hits++; hitChars += p.lengths[k]; }
    var fuzzy = milli(fuzzyValue ? fuzzyValue + (prior || 0) : 0);
    if (hits === n) {
      var occ = 0, covered = 0, c;
      for (k = 0; k < n; k++) { c = count(text, words[k]); occ += c; covered += p.lengths[k] * c; }
      var share = Math.floor(1000 * covered / this.lengths[i]);
      return pack(3, includesAll(words, caption) ? 1 : 0, occ, share, fuzzy);
    }
    if (this.isArticle[i] && includesAll(words, caption)) return pack(2, 0, 0, 0, fuzzy);
    if (hits) return pack(1, 0, hits, hitChars, fuzzy);
    // Listed on a pair of characters (a bigram or a skip); on single characters alone only when
    // no record shares a pair with the query (paired is then true for all).
    return paired && fuzzy ? pack(0, 0, 0, 0, fuzzy) : 0;
  };

  // search.py: Engine.aid_score.
  Engine.prototype.aidScore = function (i, p) {
    var title = this.titles[i], text = this.folded[i], both = this.both[i], words = p.words, k;
    var fuzzy = milli(this.fuzzy(p, both, this.bothLengths[i]));
    if (includesAll(words, title)) return pack(3, 1, 0, 0, fuzzy);
    var all = true;
    for (k = 0; k < words.length && all; k++) all = title.indexOf(words[k]) >= 0 || text.indexOf(words[k]) >= 0;
    if (all) return pack(2, 0, 0, 0, fuzzy);
    var matched = 0, wb = p.wordBigrams;
    for (k = 0; k < wb.length; k++) if (both.indexOf(wb[k]) >= 0) matched++;
    return matched >= 2 ? pack(0, 0, 0, 0, fuzzy) : 0;
  };

  // The reading aids' scores of a query ([score, record index] of each aid that scores). An aid's
  // score reads only its own text, the plans and the statistics of the plans' grams, so it is kept
  // per aid record under those (AIDS): the staged loader's engines share the site's aid records
  // and the whole library's statistics, and each step asks again.
  var AIDS = new Map();
  var AIDS_KEPT = 8;
  Engine.prototype.aids = function (plans) {
    var self = this, out = [], used = plans.filter(function (p) { return !p.keys || p.keys[""]; });
    var grams = [];
    used.forEach(function (p) { grams = grams.concat(p.bigrams, p.skips, p.chars); });
    var key = JSON.stringify([this.n, this.avg, used.map(function (p) {
      return [p.words, p.bigrams, p.skips, p.chars, p.wordBigrams];
    }), grams.map(function (g) { return self.df[g] || 0; })]);
    var kept = AIDS.get(key);
    if (!kept) {
      if (AIDS.size >= AIDS_KEPT) AIDS.delete(AIDS.keys().next().value);
      AIDS.set(key, kept = new WeakMap());
    }
    this.aidIndex.forEach(function (i) {
      var r = self.records[i], b = kept.get(r);
      if (b === undefined) {
        b = 0;
        used.forEach(function (p) { b = Math.max(b, self.aidScore(i, p)); });
        kept.set(r, b);
      }
      if (b) out.push([b, i]);
    });
    return out;
  };

  function byScore(a, b) { return b[0] - a[0] || a[1] - b[1]; }

  // Record indices in `items` best first by score[i] (ties in document order, as search.py's sort),
  // taken one at a time: a binary heap built in linear time, then popped only as far as the caller
  // reads. The first key of a query matches nearly every record, and only the first few are shown.
  function Ranking(items, score) {
    this.heap = items;
    this.score = score;
    for (var k = (items.length >> 1) - 1; k >= 0; k--) this.down(k);
  }

  Ranking.prototype.before = function (a, b) {
    var sa = this.score[a], sb = this.score[b];
    return sa > sb || (sa === sb && a < b);
  };

  Ranking.prototype.down = function (k) {
    var heap = this.heap, n = heap.length;
    for (;;) {
      var l = 2 * k + 1, r = l + 1, top = k;
      if (l < n && this.before(heap[l], heap[top])) top = l;
      if (r < n && this.before(heap[r], heap[top])) top = r;
      if (top === k) return;
      var x = heap[k]; heap[k] = heap[top]; heap[top] = x;
      k = top;
    }
  };

  Ranking.prototype.next = function () {
    var heap = this.heap;
    if (!heap.length) return -1;
    var first = heap[0], last = heap.pop();
    if (heap.length) { heap[0] = last; this.down(0); }
    return first;
  };

  // only: the slug of one regulation ("" for the site's own): its hits alone, no reading aids.
  // lawsAlone: every regulation's hits, without the reading aids (their scores are not computed).
  Engine.prototype.query = function (raw, limit, only, lawsAlone) {
    var self = this;
    var some = only !== undefined && only !== null;
    var regs = this.regs;
    var variants = this.variants(raw);
    var cited = this.citations(raw, only || "");
    var law = [], aids = [];
    // Only records holding a query gram, or articles whose caption holds every word, can score.
    var best = this.best, seen = this.bestFlag, order = [];
    var vkeys = this.vkeys;
    function consider(i, score, p) {
      if (some && regs[i] !== only) return;
      if (p.keys && !p.keys[vkeys[i]]) return;
      if (!seen[i]) { seen[i] = 1; order.push(i); }
      if (score > best[i]) best[i] = score;
    }
    var plans = this.plans(variants);
    // Limited to one regulation (only), the priors rank nothing against each other: left out.
    var priors = plans.length && !some ? this.prior(plans[0]) : {};
    // single: list records on single characters too (search.py: Engine.query's second pass).
    function pass(single) {
      plans.forEach(function (p) {
        var f = self.fuzzyAll(p), k, i;
        for (k = 0; k < f.touched.length; k++) {
          i = f.touched[k];
          consider(i, self.lawScore(i, p, f.scores[i], single || k < f.paired, priors[regs[i]]), p);
        }
        for (k = 0; k < self.articles.length; k++) {
          i = self.articles[k];
          if (!self.touchedFlag[i] && includesAll(p.words, self.captions[i])) consider(i, self.lawScore(i, p, f.scores[i], false, priors[regs[i]]), p);
        }
        self.clearFuzzy(f);
      });
    }
    pass(false);
    if (!order.some(function (i) { return best[i] > 0; }) && citedNumbers(raw) === null) {
      pass(true);
      // Records holding only single characters of the query can rank: an engine over shards needs
      // the shards of every record holding one (prepare, second step).
      if (this.partial) singleRan = true;
    }
    if (cited.length) {
      // The provisions cited above all, in their order (search.py: Engine._law).
      this.records.forEach(function (rec, i) {
        var k = cited.indexOf(rec.id);
        if (k >= 0) { consider(i, 0, plans[0] || {}); best[i] = pack(4, 0, 0, 0, 0) + cited.length - k - 1; }
      });
    }
    // Law hits as record indices, best first (ties in document order).
    var ranking = new Ranking(order.filter(function (i) { return best[i] > 0; }), best);
    for (var r = ranking.next(); r >= 0 && law.length < limit; r = ranking.next()) {
      var rid = this.records[r].id;
      var inside = law.some(function (x) { return self.records[x[1]].id.indexOf(rid + "__") === 0; });
      if (!inside) law.push([best[r], r]);
    }
    // An engine over the shards of the records holding every word: exact when its answer is full
    // and holds only such records (prepare, first step).
    if (this.partial && (law.length < limit || law[law.length - 1][0] < EVERY_WORD)) shortRan = true;
    if (this.partial) {
      var floorKey = some ? only : "", last = law.length < limit ? 0 : law[limit - 1][0];
      keptFloors[floorKey] = Math.min(floorKey in keptFloors ? keptFloors[floorKey] : Infinity, last);
    }
    order.forEach(function (i) { best[i] = 0; seen[i] = 0; });
    if (!some && !lawsAlone) aids = this.aids(plans);
    aids.sort(byScore);
    var out = law.map(function (x) { return self.hit(x[1], x[0], variants); });
    return out.concat(aids.slice(0, Math.min(AID_LIMIT, limit)).map(function (x) { return self.hit(x[1], x[0], variants); }));
  };

  // Throwaway queries run once when the index arrives (on first focus, before the first key): the
  // most common character and bigram of the articles touch nearly every record, so the scoring
  // code is compiled by then and the first key does not pay for it. Results are not kept.
  Engine.prototype.warm = function () {
    var top = { 1: ["", 0], 2: ["", 0] }, g;
    for (g in this.df) {
      var size = g.length === 1 || (g.length === 2 && g.codePointAt(0) > 0xffff) ? 1 : 2;
      if (this.df[g] > top[size][1]) top[size] = [g, this.df[g]];
    }
    if (top[1][0]) this.query(top[1][0], LIMIT);
    if (top[2][0]) this.query(top[2][0], LIMIT);
  };

  Engine.prototype.hit = function (i, score, variants) {
    var rec = this.records[i];
    return { id: rec.id, citation: rec.citation, url: rec.url, snippet: snippet(rec.text, variants), score: score, kind: rec.kind };
  };

  function spans(folded, terms) {
    var out = [];
    terms.forEach(function (t) {
      if (!t) return;
      var tl = len(t);
      // Positions in code points: folded text is searched as an array of characters.
      var chars = Array.from(folded);
      var joined = chars.join("");
      var at = joined.indexOf(t);
      while (at >= 0) {
        var start = len(joined.slice(0, at));
        out.push([start, start + tl]);
        at = joined.indexOf(t, at + t.length);
      }
    });
    return out;
  }

  function marksOf(text, variants) {
    var f = fold(text);
    var terms = [];
    variants.forEach(function (v) { terms = terms.concat(v); });
    terms = unique(terms);
    var found = spans(f.text, terms);
    if (!found.length) found = spans(f.text, unique(bigramsOf(terms)));
    var covered = Object.create(null), keys = [];
    found.forEach(function (s) {
      for (var k = s[0]; k < s[1]; k++) if (!covered[k]) { covered[k] = true; keys.push(k); }
    });
    keys.sort(function (a, b) { return a - b; });
    var out = [];
    keys.forEach(function (k) {
      if (out.length && covered[k - 1]) out[out.length - 1][1] = f.where[k] + 1;
      else out.push([f.where[k], f.where[k] + 1]);
    });
    return out;
  }

  function snippet(text, variants) {
    var chars = Array.from(text.replace(/\n/g, " "));
    if (chars.length <= SNIPPET) return chars.join("");
    var found = marksOf(text, variants);
    var start = found.length ? Math.max(0, Math.min(found[0][0] - LEAD, chars.length - SNIPPET)) : 0;
    var end = start + SNIPPET;
    return (start ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
  }

  // --- window.kbSearch ---------------------------------------------------------------------------

  var engines = { home: null, laws: null, all: null, versions: null };
  // search.py: VERSIONS, the scope of the earlier versions of further regulations (历史版本).
  var VERSIONS = "versions";
  var waiting = { home: [], laws: [] };
  var loading = {};
  var indexUrls = {};
  // Set by the mounted box: the indexes its current scope needs (only the site's own without one).
  var boxNeeds = function () { return ["home"]; };
  // Set by the mounted box: [its text, its scope].
  var boxQuery = function () { return ["", "home"]; };

  // The indexes a query needs: the site's own always (it holds the regulations' names), the
  // further regulations' for any other scope or a query naming one of them.
  function needs(scope, text) {
    if (scope !== "home") return ["home", "laws"];
    var named = engines.home && text ? engines.home.named(text) : null;
    return named && named[0] !== "" ? ["home", "laws"] : ["home"];
  }

  function lawHits(hits) { return hits.filter(function (h) { return h.kind === "law"; }); }
  function aidHits(hits) { return hits.filter(function (h) { return h.kind === "aid"; }); }

  // search.py: all_index_data. One engine over the library, built when first asked for.
  function libraryEngine() {
    if (!engines.all) {
      var home = engines.home.data, laws = lawsData();
      var data = {
        title: home.title, synonyms: home.synonyms, fillers: home.fillers, regs: home.regs,
        vocabularies: laws.vocabularies || {},
        records: lawHits(home.records).concat(laws.records, aidHits(home.records))
      };
      engines.all = lawsLater || engines.laws.partial ? partialEngine(data, heldStats()) : new Engine(data);
    }
    return engines.all;
  }

  // --- the further regulations' shards (search-shards.js, generator/search.py shard_data) ---------

  var store = null;        // a kbShards.Store once the box names the shards' folder
  // The laws engine over the loaded shards, built when first used ({data, stats} from rebuild):
  // a query in 全部 ranks with the library's engine alone, so the page builds one engine per step
  // of the staged loading, not two.
  var lawsLater = null;
  var lawsWhole = false;   // engines.laws holds the whole index (receive(data, "laws"), or whole())
  var prepared = Object.create(null);
  var singleRan = false;
  var shortRan = false;
  var builtVersion = -1;
  // The lowest last kept score of the partial engines' answers, by the regulation they are
  // limited to ("" for none).
  var keptFloors = Object.create(null);
  var EVERY_WORD = pack(3, 0, 0, 0, 0);

  function preparedKey(raw, scope) { return scope + "\u0000" + raw; }

  // The library's statistics (search.py: all_index_data): the site's own articles and lengths with
  // the further regulations' from meta; document frequencies summed.
  function libraryStats() {
    var home = engines.home, meta = store.meta(), df = Object.create(null), g, lengths = 0, laws = 0;
    home.records.forEach(function (r, i) { if (r.kind === "law") { lengths += home.lengths[i]; laws++; } });
    for (g in home.df) df[g] = home.df[g];
    for (g in store.df) df[g] = (df[g] || 0) + store.df[g];
    var laws_ = lawsRegStats(), regN = Object.create(null);
    for (g in laws_.regN) regN[g] = laws_.regN[g];
    if (home.regN[""]) regN[""] = home.regN[""];
    function regDf(gram) {
      var out = Object.create(null), laws = laws_.regDf(gram), own = home.regDf(gram)[""], slug;
      for (slug in laws) out[slug] = laws[slug];
      if (own) out[""] = own;
      return out;
    }
    return { n: home.n + meta.n, avg: (lengths + meta.lengths) / (laws + meta.laws), df: df, regN: regN, regDf: regDf };
  }

  // meta.regs as the loader reads them (search-shards.js regRows: [slug, first shard, last shard,
  // folded name, first article, articles]), the names from the site's index; kept per meta once
  // that index is in.
  var regRowsOf = new WeakMap();
  function metaRegs() {
    var meta = store.meta(), home = engines.home ? engines.home.data : arrived;
    if (regRowsOf.has(meta)) return regRowsOf.get(meta);
    var names = Object.create(null);
    ((home && home.regs) || []).forEach(function (r) { names[r.slug] = foldText(r.name); });
    var rows = window.kbShards.regRows(meta, names);
    if (home) regRowsOf.set(meta, rows);
    return rows;
  }

  // libraryStats, kept while no shard arrives and the site's engine is the same: each staged step
  // asks for them twice (the bounds' priors, the library's engine), and they merge every loaded
  // frequency.
  var statsHeld = null;
  function heldStats() {
    if (!statsHeld || statsHeld.version !== store.version || statsHeld.home !== engines.home) {
      statsHeld = { version: store.version, home: engines.home, stats: libraryStats() };
    }
    return statsHeld.stats;
  }

  // The further regulations' articles per regulation (meta: each one's record shards and their
  // first articles) and, for a gram whose p shard is in, its articles per regulation from its
  // postings (search.py: Engine.reg_n, reg_df).
  function lawsRegStats() {
    var regN = Object.create(null), firsts = [], slugs = [];
    // [slug, first shard, last shard, name, first article, articles], in article order.
    metaRegs().forEach(function (r) { regN[r[0]] = r[5]; firsts.push(r[4]); slugs.push(r[0]); });
    function slugOf(ordinal) { return slugs[window.kbShards.shardOf(firsts, ordinal)]; }
    // Kept per gram: a gram's postings do not change once its p shard is in (and regDf is asked
    // only for a gram whose frequency, in the same shard, is in).
    var cache = Object.create(null);
    function regDf(g) {
      if (cache[g]) return cache[g];
      var out = cache[g] = Object.create(null);
      store.postings(g).forEach(function (o) { var slug = slugOf(o); out[slug] = (out[slug] || 0) + 1; });
      return out;
    }
    return { regN: regN, regDf: regDf, slugOf: slugOf };
  }

  // [text, regulation its citation reads in] of every query the laws engine answers for raw in
  // scope (search.py: scoped_query and _scoped).
  function lawQueries(raw, scope) {
    var out = [];
    if (scope !== "home" && scope !== VERSIONS) out.push([raw, scope === "laws" || scope === "all" ? "" : scope]);
    var named = engines.home.named(raw);
    // In 历史版本 a regulation with earlier versions is answered from them alone.
    if (named && named[0] !== "" && !(scope === VERSIONS && earlier(named[0]).length)) {
      out.push([named[1] || "第1条", named[0]]);
    }
    return out;
  }

  // The shards one query needs: the frequencies of its grams, the postings that list every record
  // that can score (a bigram or skip of the query, each word's first bigram, the first character of
  // a caption holding every word, the article a citation names; with single, every character), and
  // whole regulations whose name, their articles' caption, holds every word.
  function shardKeys(text, reg, step) {
    var KS = window.kbShards, meta = store.meta(), out = { d: [], p: [], r: [], every: [] };
    var single = step === "single";
    plansOf(text).forEach(function (pl) {
      pl.bigrams.concat(pl.skips, pl.chars).forEach(function (g) { out.d.push(store.dfName(g)); });
      if (step === "every") {
        // The records holding every word hold every bigram (or the character) of each.
        var all = [];
        pl.words.forEach(function (w) { all = all.concat(wordKeys(w)); });
        out.p = out.p.concat(all);
        out.every.push(all);
        return;
      }
      var keys = single ? pl.chars : pl.bigrams.concat(pl.skips);
      if (!single) {
        pl.words.forEach(function (w) { var c = Array.from(w); keys.push(c.length > 1 ? c[0] + c[1] : c[0]); });
        if (pl.words.length) keys.push(KS.CAPTION_KEY + Array.from(pl.words[0])[0]);
      }
      keys.forEach(function (k) { out.p.push(k); });
      metaRegs().forEach(function (r) {
        if (!single && pl.words.length && includesAll(pl.words, r[3])) for (var k = r[1]; k <= r[2]; k++) out.r.push("r" + k);
      });
    });
    if (reg) citedAll(text).forEach(function (nums) { out.p.push(KS.ARTICLE_KEY + reg + ":" + nums[0]); });
    return out;
  }

  // The plans of every variant a query has in the laws' engine or the library's: the site's own
  // vocabulary and each regulation's (meta), from an engine holding no record.
  var planner = null;
  function plansOf(text) {
    if (!planner) {
      var home = engines.home ? engines.home.data : arrived;
      planner = new Engine({
        title: "", synonyms: home.synonyms, fillers: home.fillers, regs: [],
        vocabularies: store.meta().vocabularies || {}, records: []
      });
    }
    return planner.plans(planner.variants(text));
  }

  function wordKeys(w) {
    var c = Array.from(w), out = [];
    for (var j = 0; j + 1 < c.length; j++) out.push(c[j] + c[j + 1]);
    return out.length ? out : c;
  }

  // Loads the shards of the queries in list, then the record shards their postings name: in step
  // "every" the articles listed under every key of some plan, else under any key.
  function gather(list, step) {
    var d = [], keys = [], r = [], every = [];
    list.forEach(function (q) {
      var k = shardKeys(q[0], q[1], step);
      d = d.concat(k.d); keys = keys.concat(k.p); r = r.concat(k.r); every = every.concat(k.every);
    });
    var p = keys.map(function (k) { return store.pName(k); });
    // Most queries at library scale go on to the step "any" (bounded): its postings shards are
    // asked for now, beside this step's, so they arrive while this step's records load and rank
    // rather than after (not waited for here; bounded waits for them).
    if (step === "every") store.load(anyShards(list).names).catch(function () { /* bounded reports it */ });
    return store.load(d.concat(p)).then(function () {
      var names = step === "every" ? store.commonShards(every, keys.filter(isArticleKey)) : store.recordShards(keys);
      return store.load(r.concat(names));
    });
  }

  function isArticleKey(k) { return k.charAt(0) === window.kbShards.ARTICLE_KEY; }

  // The largest rarity a gram can have in the laws' engine or the library's.
  function rarityBound(g) {
    var meta = store.meta(), home = engines.home, d = store.df[g] || 0, best = 0;
    [[meta.n, d], [meta.n + home.n, d + (home.df[g] || 0)]].forEach(function (x) {
      best = Math.max(best, rarityOf(x[0], x[1]));
    });
    return best;
  }

  // Articles that can rank on the fuzzy score alone, with a bound of it: each bigram or skip they
  // hold in their text counts at the bound of its tf ratio there (the p shard's, search.py
  // tf_ratios); one they may hold in their heading as if it occurred without end (tf / (tf + norm)
  // < 1); every character as held.
  // By the regulation a query is limited to ("" for none): the articles of its shards alone.
  // (Summed in typed arrays over the library's articles, each pair's ratio in an article found
  // in its sorted postings only where its heading may hold the pair: a common bigram lists tens
  // of thousands of articles.)
  function fuzzyBounds(list) {
    var byReg = Object.create(null), meta = store.meta(), regs = lawsRegStats(), at = ordinals(regs);
    list.forEach(function (q) {
      var bound = byReg[q[1]] = byReg[q[1]] || new Bounds(meta.n), span = regSpan(q[1]);
      var priors = priorBounds(plansOf(q[0])[0], regs);
      plansOf(q[0]).forEach(function (pl) {
        var mine = new Float64Array(meta.n), seen = new Uint8Array(meta.n), touched = [], chars = 0, pairs = [];
        pl.chars.forEach(function (g) { chars += UNIGRAM * rarityBound(g) * (K1 + 1); });
        [[1.0, pl.bigrams], [SKIP, pl.skips]].forEach(function (pair) {
          pair[1].forEach(function (g) {
            var add = pair[0] * rarityBound(g) * (K1 + 1), ratios = store.ratios(g), listed = store.postings(g);
            for (var k = 0; k < listed.length; k++) {
              var o = listed[k];
              if (!seen[o]) { seen[o] = 1; touched.push(o); }
              mine[o] += add * (ratios ? ratios[k] : 1);
            }
            pairs.push({ add: add, listed: listed, ratios: ratios, head: headHolders(g) });
          });
        });
        touched.forEach(function (o) {
          var total = mine[o] + chars, k = at.shard[o];
          if (k < span[0] || k > span[1]) return;
          pairs.forEach(function (p) {
            if (p.head.shards[k] || p.head.captions[o]) total += p.add * (1 - heldIn(p, o));
          });
          total += priors[at.slug[o]] || 0;
          bound.add(o, total);
        });
      });
    });
    return byReg;
  }

  // Bounds of articles by ordinal: each bounded article listed once, in the order first bounded,
  // with the largest bound given (as an object {ordinal: Math.max(bound || 0, given)}, in arrays).
  function Bounds(n) {
    this.value = new Float64Array(n);
    this.has = new Uint8Array(n);
    this.list = [];
  }

  Bounds.prototype.add = function (o, b) {
    if (!this.has[o]) { this.has[o] = 1; this.list.push(o); this.value[o] = Math.max(0, b); }
    else this.value[o] = Math.max(this.value[o], b);
  };

  // Per article ordinal of the laws: its record shard (kbShards.shardOf over meta.starts) and its
  // regulation's slug (regs.slugOf), found once per meta rather than per bounded article.
  var ORDINALS = new WeakMap();
  function ordinals(regs) {
    var meta = store.meta(), held = ORDINALS.get(meta);
    if (held) return held;
    var starts = meta.starts, shard = new Int32Array(meta.n), slug = new Array(meta.n), k = 0;
    for (var o = 0; o < meta.n; o++) {
      while (k + 1 < starts.length && starts[k + 1] <= o) k++;
      shard[o] = k;
      slug[o] = regs.slugOf(o);
    }
    held = { shard: shard, slug: slug };
    ORDINALS.set(meta, held);
    return held;
  }

  // The bound of a pair's tf ratio in article o (0 when its postings do not list o).
  function heldIn(pair, o) {
    var list = pair.listed, lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] === o) return pair.ratios ? pair.ratios[mid] : 1;
      if (list[mid] < o) lo = mid + 1; else hi = mid - 1;
    }
    return 0;
  }

  // The largest prior of each further regulation for the typed query's plan, in the laws' engine
  // or the library's (see rarityBound).
  function priorBounds(pl, regs) {
    var out = Object.create(null), meta = store.meta();
    if (!pl) return out;
    var lib = heldStats();
    [priorOf(pl, { n: meta.n, df: store.df, regN: regs.regN, regDf: regs.regDf }), priorOf(pl, lib)].forEach(function (pr) {
      for (var reg in pr) out[reg] = Math.max(out[reg] || 0, pr[reg]);
    });
    return out;
  }

  // The record shards [first, last] of regulation `slug` (metaRegs); every shard for "".
  function regSpan(slug) {
    var meta = store.meta(), regs = metaRegs();
    for (var k = 0; k < regs.length; k++) if (regs[k][0] === slug) return [regs[k][1], regs[k][2]];
    return [0, slug ? -1 : meta.starts.length - 1];
  }

  // Where the pair g may stand in an article's heading (search.py: heading): the record shards of
  // every regulation whose name holds it, and the articles whose own caption holds both its
  // characters (their postings under CAPTION_KEY, loaded by bounded).
  function headHolders(g) {
    var out = { shards: Object.create(null), captions: Object.create(null) }, c = Array.from(g);
    metaRegs().forEach(function (r) {
      if (r[3].indexOf(g) >= 0) for (var k = r[1]; k <= r[2]; k++) out.shards[k] = true;
    });
    var second = Object.create(null);
    store.postings(window.kbShards.CAPTION_KEY + c[1]).forEach(function (o) { second[o] = true; });
    store.postings(window.kbShards.CAPTION_KEY + c[0]).forEach(function (o) { if (second[o]) out.captions[o] = true; });
    return out;
  }

  // Step "any" without loading every record that can score: the records a word, a caption or a
  // citation can list (not by the fuzzy score alone) and the FIRST articles of largest bound; then
  // the articles whose bound reaches the last kept score of that answer (none else can enter it).
  var FIRST = 30;
  // What bounded loads first for the queries of list: {names: the frequency and postings shards,
  // keys: the postings keys, r: whole regulations' record shards, words: each word's keys}.
  function anyShards(list) {
    var d = [], keys = [], r = [], words = [], captions = [];
    list.forEach(function (q) {
      var k = shardKeys(q[0], q[1], "any");
      d = d.concat(k.d); keys = keys.concat(k.p); r = r.concat(k.r);
      plansOf(q[0]).forEach(function (pl) {
        pl.words.forEach(function (w) { words.push(wordKeys(w)); });
        // The characters of own captions, for the bound of a heading (headHolders).
        pl.chars.forEach(function (c) { captions.push(window.kbShards.CAPTION_KEY + c); });
      });
    });
    var p = keys.concat(captions).map(function (k) { return store.pName(k); });
    return { names: d.concat(p), keys: keys, r: r, words: words };
  }

  function bounded(list, run) {
    var any = anyShards(list), keys = any.keys, r = any.r, words = any.words;
    var at = null, byReg = null, order = null;
    return store.load(any.names).then(function () {
      byReg = fuzzyBounds(list);
      at = ordinals(lawsRegStats());
      var bound = new Bounds(store.meta().n);
      Object.keys(byReg).forEach(function (reg) {
        byReg[reg].list.forEach(function (o) { bound.add(o, byReg[reg].value[o]); });
      });
      order = largest(bound, FIRST);
      var must = store.commonShards(words, keys.filter(function (k) {
        return isArticleKey(k) || k.charAt(0) === window.kbShards.CAPTION_KEY;
      }));
      var first = order.map(function (o) { return "r" + at.shard[o]; });
      return store.load(r.concat(must, first));
    }).then(function () {
      keptFloors = Object.create(null);
      run();
      // An article can enter the answer of a query limited as it is only when its bound there
      // reaches that answer's last kept score.
      var more = Object.create(null);
      Object.keys(byReg).forEach(function (reg) {
        var floor = reg in keptFloors ? keptFloors[reg] : 0, bounds = byReg[reg];
        bounds.list.forEach(function (o) {
          if (Math.floor(bounds.value[o] * (1 + 1e-9) * 1000 + 0.5) >= floor) more["r" + at.shard[o]] = true;
        });
      });
      return store.load(Object.keys(more));
    });
  }

  // The site's own index as it arrives, before its engine is built (early).
  var arrived = null;

  // When the site's own index arrives with a query in the box (typed before it came) and the
  // shards' meta in: asks at once for the postings shards the query's first steps load (prepare:
  // "every", then bounded's), so they arrive while the site's engine is built rather than after.
  // Only the query in the box's scope (a regulation it names is left to prepare); not waited for.
  function early(data) {
    var q = boxQuery(), raw = String(q[0] || ""), scope = q[1];
    if (!store || lawsWhole || !store.meta() || !raw.trim() || scope === "home" || scope === VERSIONS) return;
    if (store.meta().whole && !staged()) return;
    arrived = data;
    var list = [[raw, scope === "laws" || scope === "all" ? "" : scope]], every = shardKeys(raw, list[0][1], "every");
    var names = every.d.concat(every.p.map(function (k) { return store.pName(k); }), anyShards(list).names);
    store.load(names).catch(function () { /* prepare reports it */ });
  }

  // The answer the last staged run computed ({key, state, hits}), handed once to the query that
  // asks for the same with the same engines and shards (the box's render right after prepare), so
  // the first result is not ranked twice; any other query ranks anew.
  var ranAnswer = null;
  function answerState() { return [engines.home, engines.all, engines.versions, lawsData(), store ? store.version : -1]; }
  function takeAnswer(raw, limit, scope) {
    var ran = ranAnswer, now = answerState();
    if (!ran || limit !== LIMIT || ran.key !== preparedKey(raw, scope)) return null;
    ranAnswer = null;
    return ran.state.every(function (x, k) { return x === now[k]; }) ? ran.hits : null;
  }

  // The `count` articles of largest bound (a Bounds; ordinals, ties by ordinal), as sorting every
  // article bounded and taking the first would give them, without that sort (in any order listed).
  function largest(bound, count) {
    var top = [], value = bound.value, list = bound.list;
    for (var k = 0; k < list.length; k++) {
      var o = list[k], b = value[o], at = top.length;
      while (at > 0 && (value[top[at - 1]] < b || value[top[at - 1]] === b && top[at - 1] > o)) at--;
      if (at < count) { top.splice(at, 0, o); if (top.length > count) top.pop(); }
    }
    return top;
  }

  // The laws index's data (its records), whether or not its engine is built yet; null when none.
  function lawsData() { return lawsLater ? lawsLater.data : engines.laws ? engines.laws.data : null; }

  // The laws engine (built now when rebuild left it for later); null when there is none.
  function lawsEngine() {
    if (lawsLater) {
      engines.laws = partialEngine(lawsLater.data, lawsLater.stats);
      engines.laws.data = lawsLater.data;
      lawsLater = null;
    }
    return engines.laws;
  }

  // The laws engine over every record shard loaded so far (built when first used: lawsEngine).
  function rebuild() {
    // The library's engine sums the frequencies of the shards in when it is built.
    if (store.version !== builtVersion) { engines.all = null; builtVersion = store.version; }
    if (lawsData() && !store.fresh) return;
    var home = engines.home.data, meta = store.meta();
    var data = {
      title: "相关法律法规", synonyms: home.synonyms, fillers: home.fillers, regs: home.regs,
      vocabularies: meta.vocabularies || {}, records: store.allRecords()
    };
    var regs = lawsRegStats();
    lawsLater = {
      data: data,
      stats: { n: meta.n, avg: meta.laws ? meta.lengths / meta.laws : 1, df: store.df, regN: regs.regN, regDf: regs.regDf }
    };
    engines.laws = null;
    engines.all = null;
  }

  // Resolves when query(raw, {scope}) answers as the whole index would: the shards it needs are in.
  function prepare(raw, scope) {
    raw = String(raw || "");
    scope = scope || "home";
    var key = preparedKey(raw, scope);
    if (pending[key]) return pending[key];
    return (pending[key] = api.load("home").then(function () {
      // 历史版本 needs the earlier versions' shards, and the laws' only for a query naming a
      // regulation without earlier versions (lawQueries).
      return scope === VERSIONS && store ? loadVersions() : null;
    }).then(function () {
      if (lawsWhole || !store || prepared[key]) return null;
      var list = lawQueries(raw, scope);
      if (!list.length) { prepared[key] = true; return null; }
      if (store.meta() && store.meta().whole && !staged()) return whole();
      // Three steps, each only when the one before cannot answer as the whole index: the records
      // holding every word; every record that can score; every record holding a character. The
      // flags are read at once: another query's step may run before this chain goes on.
      function run() {
        rebuild();
        singleRan = shortRan = false;
        var hits = scopedQuery(raw, LIMIT, scope);
        ranAnswer = { key: key, state: answerState(), hits: hits };
        return { short: shortRan, single: singleRan };
      }
      function step(name) { return gather(list, name).then(run); }
      // The last run of the step is skipped when its last load brought nothing new (the answer
      // would be the one just computed).
      function anyStep() {
        var first = null, at = -1;
        return bounded(list, function () { first = run(); at = store.version; return first; })
          .then(function () { return store.version === at ? first : run(); });
      }
      return api.load("laws").then(function () {
        if (store.meta().whole && !staged()) return whole();
        return step("every").then(function (r) { return r.short ? anyStep() : r; })
          .then(function (r) { return r.single ? step("single") : null; });
      }).then(function () { prepared[key] = true; });
    }).then(function () { delete pending[key]; }, function (e) { delete pending[key]; throw e; }));
  }

  // A small library's records are loaded whole on the first query that needs them
  // (meta.whole); window.kbSearchOptions = {staged: true} loads shards as for a large one (the
  // tests and benchmarks measure that path on the shipped site).
  function staged() { return !!(window.kbSearchOptions && window.kbSearchOptions.staged); }

  // One load and one engine, however many queries ask at once (focus, then the first key).
  var wholeLoad = null;
  var pending = Object.create(null);

  function whole() {
    return wholeLoad || (wholeLoad = store.load(["w"]).then(function () {
      var home = engines.home.data, data = {
        title: "相关法律法规", synonyms: home.synonyms, fillers: home.fillers, regs: home.regs,
        vocabularies: store.meta().vocabularies || {}, records: store.allRecords()
      };
      lawsLater = null;
      engines.laws = new Engine(data);
      engines.laws.data = data;
      engines.all = null;
      lawsWhole = true;
    }));
  }

  function isPrepared(raw, scope) {
    raw = String(raw || "");
    scope = scope || "home";
    if (scope === VERSIONS && !versionsIn()) return false;
    if (lawsWhole || !store) return true;
    return !!prepared[preparedKey(raw, scope)] || (engines.home !== null && !lawQueries(raw, scope).length);
  }

  // --- 历史版本 (search.py: VERSIONS) ----------------------------------------------------------------

  // Whether the earlier versions' records are in: the laws' index received whole holds them; over
  // shards, their own (v<k>), loaded for this scope alone (loadVersions).
  function versionsIn() {
    if (lawsData() && lawsData().versions) return true;
    return !store || store.versionRecords() !== null;
  }

  function loadVersions() {
    return api.load("laws").then(function () { return store.load(store.versionShards()); });
  }

  // search.py: versions_index_data. The earlier versions' articles with the site's own vocabulary;
  // null while they are not in.
  function versionsEngine() {
    if (engines.versions) return engines.versions;
    var laws = lawsData();
    var records = laws && laws.versions ? laws.versions : store ? store.versionRecords() : null;
    var base = laws || (engines.home && engines.home.data);
    if (!records || !base) return null;
    engines.versions = new Engine({
      title: "历史版本", synonyms: base.synonyms, fillers: base.fillers, regs: base.regs, records: records
    });
    return engines.versions;
  }

  // search.py: earlier. From the shards' meta when there is one (so a query naming a regulation
  // knows which index it needs before any record is in).
  function earlier(slug) {
    var meta = store && store.meta();
    var pairs = meta ? meta.versions.map(function (v) { return { reg: v[0], of: v[1] }; })
      : versionsEngine() ? versionsEngine().records : [];
    return unique(pairs.filter(function (r) { return r.of === slug; })
      .map(function (r) { return r.reg; })).sort();
  }

  // search.py: _versions.
  function versionsQuery(raw, limit, named) {
    var engine = versionsEngine(), first = [];
    if (!engine) return [];
    if (named) {
      earlier(named[0]).forEach(function (slug) { first = first.concat(engine.query(named[1] || "第1条", limit, slug)); });
    }
    var seen = Object.create(null);
    first.forEach(function (h) { seen[h.id] = true; });
    return first.concat(engine.query(raw, limit).filter(function (h) { return !seen[h.id]; })).slice(0, limit);
  }

  // search.py: scoped_query.
  function scopedQuery(raw, limit, scope) {
    var home = engines.home;
    var named = home ? home.named(raw) : null;
    if (scope === VERSIONS && (!named || earlier(named[0]).length)) return versionsQuery(raw, limit, named);
    if (named && (named[0] === "" || lawsData())) {
      var engine = named[0] === "" ? home : lawsEngine();
      var first = lawHits(engine.query(named[1] || "第1条", limit, named[0]));
      var seen = Object.create(null);
      first.forEach(function (h) { seen[h.id] = true; });
      var rest = unscoped(raw, limit, scope);
      var law = first.concat(lawHits(rest).filter(function (h) { return !seen[h.id]; }));
      return law.slice(0, limit).concat(aidHits(rest));
    }
    return unscoped(raw, limit, scope);
  }

  // search.py: _scoped.
  function unscoped(raw, limit, scope) {
    var home = engines.home;
    if (scope === VERSIONS) return versionsEngine() ? versionsEngine().query(raw, limit) : [];
    if (scope === "home" || !lawsData()) return home ? home.query(raw, limit) : [];
    if (scope === "laws") return lawsEngine().query(raw, limit);
    if (scope !== "all") return lawsEngine().query(raw, limit, scope);
    if (!home) return [];
    var hits = libraryEngine().query(raw, limit);
    var own = home.query(raw, 1, undefined, true)[0];
    var law = lawHits(hits);
    var top = law.slice(0, KEEP).map(function (h) { return h.id; });
    if (own && top.indexOf(own.id) < 0) {
      law = law.filter(function (h) { return h.id !== own.id; });
      law.splice(Math.min(KEEP - 1, law.length), 0, own);
    }
    return law.slice(0, limit).concat(aidHits(hits));
  }

  var api = {
    Engine: Engine,
    unpack: unpackIndex,
    receive: function (data, which) {
      which = which || "home";
      data = unpackIndex(data);
      if (which === "home") early(data);
      if (which === "laws") { lawsWhole = true; lawsLater = null; }
      var engine = engines[which] = new Engine(data);
      engine.data = data;  // the library's engine is built from both (libraryEngine)
      engines.all = null;
      engines.versions = null;
      engine.warm();
      var w = waiting[which];
      waiting[which] = [];
      w.forEach(function (fn) { fn(engine); });
    },
    // ready(which): that index is loaded; ready(): every index the header box's scope needs.
    ready: function (which) {
      var list = which ? [which] : boxNeeds();
      return list.every(function (w) {
        return w === "laws" && store && !lawsWhole ? store.meta() !== null : engines[w] !== null;
      });
    },
    // load("laws") loads the shards' meta; prepare(text, scope) the shards a query needs.
    load: function (which) {
      which = which || "home";
      if (which === "laws" && store && !lawsWhole) return store.loadOne("meta");
      return new Promise(function (resolve, reject) {
        if (engines[which]) { resolve(engines[which]); return; }
        waiting[which].push(resolve);
        if (loading[which] || !indexUrls[which] || typeof document === "undefined") return;
        loading[which] = true;
        var script = document.createElement("script");
        script.src = indexUrls[which];
        script.onerror = function () { loading[which] = false; reject(new Error("search index not loaded")); };
        document.head.appendChild(script);
      });
    },
    // query answers [] for a query whose shards are not all in (see prepare).
    query: function (text, options) {
      var limit = options && options.limit ? options.limit : LIMIT;
      var scope = options && options.scope ? options.scope : "home";
      if (!isPrepared(text, scope)) return [];
      return takeAnswer(String(text || ""), limit, scope) || scopedQuery(String(text || ""), limit, scope);
    },
    prepare: prepare,
    prepared: isPrepared,
    shard: function (name, data) { if (store) store.receive(name, data); },
    needs: needs,
    regs: function () { return engines.home ? engines.home.data.regs || [] : []; },
    marks: function (text, query) {
      var engine = engines.home || lawsEngine();
      return engine ? marksOf(String(text), engine.variants(String(query || ""))) : [];
    },
    title: function () { return engines.home ? engines.home.title : ""; },
    // Whether the laws' index holds earlier versions (the 历史版本 scope lists something).
    versions: function () {
      if (lawsData() && lawsData().versions) return lawsData().versions.length > 0;
      return store && store.meta() ? store.meta().versions.length > 0 : false;
    },
    record: function (id) {
      // A further regulation's record: the library's engine holds it too (the laws engine over
      // the shards may not be built: lawsEngine).
      var law = id.indexOf(":") >= 0, where = law ? lawsData() && engines.all || lawsEngine() : engines.home;
      var found = where ? where.byId[id] || null : null;
      if (!found && law && where === engines.all) found = lawsEngine() ? lawsEngine().byId[id] || null : null;
      if (!found && versionsEngine() && id.indexOf(":") >= 0) found = versionsEngine().byId[id] || null;
      return found;
    }
  };
  window.kbSearch = api;

  if (typeof document === "undefined" || !window.kb) return;

  // --- the header box ------------------------------------------------------------------------------

  var el = window.kb.el;

  function highlighted(text, spansList) {
    var nodes = [], at = 0, chars = Array.from(text);
    spansList.forEach(function (s) {
      if (s[0] > at) nodes.push(chars.slice(at, s[0]).join(""));
      nodes.push(el("mark", null, chars.slice(s[0], s[1]).join("")));
      at = s[1];
    });
    if (at < chars.length) nodes.push(chars.slice(at).join(""));
    return nodes;
  }

  // The box's scope: on a law's pages that law, elsewhere the box's default (全部); a reader's
  // choice is kept for the session (sessionStorage, guarded), apart for each law's pages and the
  // rest of the site. {get, watch(changed): follow the reader's choice, sync: add one option per
  // further regulation from the index (its names are data) and show the current scope}.
  function scopeState(root, scopeBox) {
    var pageLaw = root.getAttribute("data-kb-law") || "";
    var key = window.kb.storage.prefix + "search-scope:" + (pageLaw || "site");
    var stored = null;
    try { stored = window.sessionStorage.getItem(key); } catch (e) { /* no session storage */ }
    var current = stored || pageLaw || (scopeBox ? scopeBox.value : "home");
    var listed = null;
    return {
      get: function () { return scopeBox ? current : "home"; },
      watch: function (changed) {
        if (!scopeBox) return;
        this.sync();
        scopeBox.addEventListener("change", function () {
          current = scopeBox.value;
          try { window.sessionStorage.setItem(key, current); } catch (e) { /* the choice lasts this page */ }
          changed();
        });
      },
      sync: function () {
        if (!scopeBox) return;
        // The options listed, by value, so a library's regulations are not looked up one by one
        // among the options at every render.
        if (!listed) {
          listed = Object.create(null);
          Array.prototype.forEach.call(scopeBox.options, function (o) { listed[o.value] = true; });
        }
        var added = document.createDocumentFragment();
        api.regs().forEach(function (r) {
          if (!r.slug || listed[r.slug]) return;
          listed[r.slug] = true;
          added.appendChild(new Option(r.name, r.slug));
        });
        scopeBox.appendChild(added);
        // 历史版本 is listed by the page; without earlier versions in the index it goes.
        var old = scopeBox.querySelector('option[value="' + VERSIONS + '"]');
        if (old && api.ready("laws") && !api.versions()) old.remove();
        if (scopeBox.querySelector('option[value="' + current + '"]')) scopeBox.value = current;
        else if (api.ready("home")) current = scopeBox.value;
      }
    };
  }

  // The hit list under the box: which hit is active, the arrow keys, Enter and Escape.
  function listbox(input, panel) {
    var state = { active: -1, links: [] };

    function setActive(k) {
      var links = state.links;
      if (state.active >= 0 && links[state.active]) links[state.active].classList.remove("kb-search__hit--active");
      state.active = k;
      if (k >= 0 && links[k]) {
        links[k].classList.add("kb-search__hit--active");
        input.setAttribute("aria-activedescendant", links[k].id);
        links[k].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function reset() {
      state.links = [];
      state.active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function keydown(event) {
      var links = state.links, active = state.active;
      if (event.isComposing) return;
      if (event.key === "ArrowDown" && links.length) { event.preventDefault(); setActive((active + 1) % links.length); }
      else if (event.key === "ArrowUp" && links.length) { event.preventDefault(); setActive(active <= 0 ? links.length - 1 : active - 1); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var target = links[active >= 0 ? active : 0];
        if (target) window.location.href = target.href;
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
        input.blur();
      }
    }

    return { state: state, close: close, reset: reset, keydown: keydown };
  }

  // One hit of the list: its citation, the article's caption and the snippet with the query marked.
  function hitLink(h, k, title, q, base) {
    var head = h.kind !== "law" ? "阅读辅助 · " + h.citation : h.id.indexOf(":") >= 0 ? h.citation : "《" + title + "》" + h.citation;
    var rec = api.record(h.id);
    var a = el("a", { className: "kb-search__hit", href: base + h.url, id: "kb-search-hit-" + k, role: "option" }, [
      el("span", { className: "kb-search__cite" }, head),
      el("span", { className: "kb-search__caption" }, rec ? rec.caption : ""),
      el("span", { className: "kb-search__snippet" }, highlighted(h.snippet, api.marks(h.snippet, q)))
    ]);
    a.setAttribute("data-kb-id", h.id);
    a.setAttribute("data-kb-kind", h.kind);
    a.setAttribute("data-kb-citation", h.citation);
    return a;
  }

  function statusText(hits) {
    var law = hits.filter(function (h) { return h.kind === "law"; }).length;
    var aids = hits.length - law;
    return hits.length ? "找到 " + law + " 条规定" + (aids ? "，" + aids + " 项辅助内容" : "") : "没有找到相关规定";
  }

  function mount(root) {
    var input = root.querySelector(".kb-search__input");
    var panel = root.querySelector(".kb-search__panel");
    var status = root.querySelector(".kb-search__status");
    var list = root.querySelector(".kb-search__list");
    var base = indexesOf(root);
    var scoping = scopeState(root, root.querySelector(".kb-search__scope"));
    var scope = scoping.get;
    var box = listbox(input, panel);
    root.hidden = false;

    function render() {
      var q = input.value;
      list.textContent = "";
      box.reset();
      if (!q.trim()) { box.close(); return; }
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      scoping.sync();
      if (!loaded()) { status.textContent = "正在载入检索索引…"; start(); return; }
      var hits = api.query(q, { limit: LIMIT, scope: scope() });
      status.textContent = statusText(hits);
      root.setAttribute("data-kb-rendered", q);
      var title = api.title();
      hits.forEach(function (h, k) {
        var a = hitLink(h, k, title, q, base);
        box.state.links.push(a);
        list.appendChild(el("li", { role: "presentation" }, a));
      });
    }

    // data-kb-rendered names the query the list shows; cleared while one is on its way.
    function start() {
      root.removeAttribute("data-kb-rendered");
      Promise.all(needs(scope(), input.value).map(function (w) { return api.load(w); }))
        .then(function () { return input.value.trim() ? api.prepare(input.value, scope()) : null; })
        .then(render, function () { status.textContent = "检索索引无法载入"; });
    }

    function loaded() {
      return needs(scope(), input.value).every(function (w) { return api.ready(w); }) && api.prepared(input.value, scope());
    }
    boxNeeds = function () { return needs(scope(), input.value); };
    boxQuery = function () { return [input.value, scope()]; };

    input.addEventListener("focus", start);
    input.addEventListener("input", function () {
      root.removeAttribute("data-kb-rendered");
      if (loaded()) render(); else start();
    });
    input.addEventListener("compositionend", function () { if (loaded()) render(); });
    scoping.watch(function () { start(); input.focus(); });
    input.addEventListener("keydown", box.keydown);
    root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
    document.addEventListener("click", function (event) { if (!root.contains(event.target)) box.close(); });
    document.addEventListener("keydown", function (event) { shortcut(event, input); });
  }

  // / or s outside a field focuses the box.
  function shortcut(event, input) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      input.focus();
    }
  }

  // The index scripts' URLs from the box's data attributes; the site's base URL ("/"-ended).
  function indexesOf(root) {
    var base = root.getAttribute("data-kb-base") || ".";
    if (base.charAt(base.length - 1) !== "/") base += "/";
    indexUrls.home = base + root.getAttribute("data-kb-index");
    var lawsIndex = root.getAttribute("data-kb-laws-index");
    if (lawsIndex) indexUrls.laws = base + lawsIndex;
    if (lawsIndex && window.kbShards) store = new window.kbShards.Store(indexUrls.laws.replace(/[^/]*$/, ""));
    return base;
  }

  window.kb.mount("search", mount);
})();
