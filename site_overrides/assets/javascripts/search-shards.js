// search-shards.js: the further regulations' search index in shards, loaded on demand.
//
// generator/search.py (shard_data) writes the index as scripts under assets/javascripts/search/
// (meta, p<k> postings and frequencies, r<k> records, w all r<k>, v<k> the earlier versions'
// records); each calls window.kbSearch.shard(name, data). This file loads them by script tags (so it
// works from disk, where fetch is refused) and decodes them; search.js asks for the shards a query
// needs and ranks over the records it has (window.kbShards). Pure parts are node-tested
// (tests/test_search_shards.py).
(function () {
  "use strict";

  var CAPTION_KEY = "\u0001";
  var ARTICLE_KEY = "\u0002";
  var RATIO_KEY = "\u0003";
  var DF_KEY = "\u0004";
  var RATIO_STEPS = 32;

  // search.py: gram_hash (over UTF-16 code units; h * 31 + unit stays below 2**53).
  function hash(key) {
    var h = 0;
    for (var i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 4294967296;
    return h;
  }

  // search.py: DIGITS, decode_numbers. A postings shard's list as text: each number in DIGITS,
  // the first DIGITS_END ending it, the rest carrying its lower digits, least significant first.
  var DIGITS_END = 64, DIGIT = Object.create(null), DIGIT_COUNT = 0;
  for (var code = 0x23; code < 0x7f; code++) {
    var c = String.fromCharCode(code);
    if ("\\<>&".indexOf(c) < 0) DIGIT[c] = DIGIT_COUNT++;
  }

  function decodeNumbers(text) {
    var out = [], n = 0, scale = 1, base = DIGIT_COUNT - DIGITS_END;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charAt(i)];
      if (digit < DIGITS_END) { out.push(n + digit * scale); n = 0; scale = 1; }
      else { n += (digit - DIGITS_END) * scale; scale *= base; }
    }
    return out;
  }

  // A list of a postings shard as numbers (text as search.py: pack_postings writes it).
  function numbers(list) { return typeof list === "string" ? decodeNumbers(list) : list; }

  function undelta(list) {
    var out = new Array(list.length), v = 0;
    for (var k = 0; k < list.length; k++) { v += list[k]; out[k] = v; }
    return out;
  }

  // The record shard holding an article ordinal: the last start at or before it.
  function shardOf(starts, ordinal) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= ordinal) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // search.py: reg_rows. [slug, first record shard, last record shard, folded name, first article,
  // articles] of each regulation of meta.regs ([slug, articles] in article order), its folded
  // name from foldedNames (slug: name).
  function regRows(meta, foldedNames) {
    var first = 0;
    return meta.regs.map(function (r) {
      var row = [r[0], shardOf(meta.starts, first), shardOf(meta.starts, first + r[1] - 1), foldedNames[r[0]] || "", first, r[1]];
      first += r[1];
      return row;
    });
  }

  function stored(value, prefix) { return Array.isArray(value) ? value[0] : prefix + value; }

  // search.py: expand_records. The records of a record shard, as the whole index lists them.
  function expand(shard) {
    var out = [], art = null;
    shard.recs.forEach(function (r) {
      var table = shard.regs[r[0]], slug = table[0], rid = r[1], text = r[5], url = r[6], rec;
      if (rid.indexOf("__") === 0) {
        var id = art.id + rid;
        rec = {
          id: id,
          citation: stored(r[2], art.citation),
          text: Array.isArray(text) ? art.text.slice(text[0], text[1]) : text,
          url: url === 0 ? art.url.split("#")[0] + "#" + id.slice(id.indexOf(":") + 1) : url
        };
      } else {
        rec = { id: slug + ":" + rid, citation: stored(r[2], table[1]), text: text, url: stored(url, table[2]) };
      }
      rec.kind = "law";
      rec.caption = table[3][r[3]];
      rec.chapter = table[4][r[4]];
      rec.reg = slug;
      if (rid.indexOf("__") !== 0) art = rec;
      out.push(rec);
    });
    return out;
  }

  // Shards by name, each loaded once by a script tag from `dir` ("/"-ended).
  function Store(dir) {
    this.dir = dir;
    this.shards = Object.create(null);
    this.waiting = Object.create(null);
    this.records = Object.create(null);  // record shard number -> expanded records
    this.old = Object.create(null);      // earlier version shard number -> expanded records
    this.df = Object.create(null);        // every loaded p shard's DF_KEY entries, merged
    this.post = Object.create(null);      // and the rest, merged (decoded on first use)
    this.fresh = false;                   // record shards arrived since the engine was built
    this.version = 0;                     // shards received
  }

  Store.prototype.receive = function (name, data) {
    if (this.shards[name]) return;
    this.shards[name] = data;
    this.version++;
    var kind = name.charAt(0), key;
    if (name === "meta") data.starts = undelta(data.starts);
    if (kind === "p") {
      for (key in data) {
        if (key.charAt(0) === DF_KEY) this.df[key.slice(1)] = data[key];
        else this.post[key] = data[key];
      }
    } else if (kind === "r") { this.records[name.slice(1)] = expand(data); this.fresh = true; }
    else if (kind === "v") this.old[name.slice(1)] = expand(data);
    else if (kind === "w") data.parts.forEach(function (part, k) { this.receive("r" + k, part); }, this);
    var w = this.waiting[name] || [];
    delete this.waiting[name];
    w.forEach(function (fn) { fn[0](data); });
  };

  Store.prototype.loadOne = function (name) {
    var self = this;
    return new Promise(function (resolve, reject) {
      if (self.shards[name]) { resolve(self.shards[name]); return; }
      var first = !self.waiting[name];
      (self.waiting[name] = self.waiting[name] || []).push([resolve, reject]);
      if (!first || typeof document === "undefined") return;
      var script = document.createElement("script");
      script.src = self.dir + name + ".js";
      script.onerror = function () {
        var w = self.waiting[name] || [];
        delete self.waiting[name];
        w.forEach(function (fn) { fn[1](new Error("search shard " + name + " not loaded")); });
      };
      document.head.appendChild(script);
    });
  };

  Store.prototype.load = function (names) {
    var self = this;
    return Promise.all(unique(names).map(function (n) { return self.loadOne(n); }));
  };

  Store.prototype.meta = function () { return this.shards.meta || null; };

  // Article ordinals listed under `key` ([] when none), from a loaded p shard.
  Store.prototype.postings = function (key) {
    var list = this.post[key];
    if (!list) return [];
    if (!list.decoded) { list = undelta(numbers(list)); list.decoded = true; this.post[key] = list; }
    return list;
  };

  // The bound of the tf ratio of bigram `key` in each article of its postings (search.py:
  // tf_ratios), aligned with them, as fractions; null when the shard carries none.
  Store.prototype.ratios = function (key) {
    var list = this.post[RATIO_KEY + key];
    return list ? numbers(list).map(function (n) { return n / RATIO_STEPS; }) : null;
  };

  Store.prototype.pName = function (key) { return "p" + hash(key) % this.meta().p; };

  // The p shard holding gram g's frequency (search.py: df_place): its postings' shard, but for a
  // character the one DF_KEY + it names.
  Store.prototype.dfName = function (g) { return this.pName(Array.from(g).length === 1 ? DF_KEY + g : g); };

  // The record shards holding the articles listed under `keys`, as names (r<k>).
  Store.prototype.recordShards = function (keys) {
    var self = this, starts = this.meta().starts, out = Object.create(null);
    keys.forEach(function (key) {
      self.postings(key).forEach(function (ordinal) { out["r" + shardOf(starts, ordinal)] = true; });
    });
    return Object.keys(out);
  };

  // The record shards holding the articles listed under every key of some group (each a list of
  // keys), and those listed under `also`, as names.
  Store.prototype.commonShards = function (groups, also) {
    var self = this, starts = this.meta().starts, out = Object.create(null);
    groups.forEach(function (keys) {
      if (!keys.length) return;
      var lists = keys.map(function (k) { return self.postings(k); }).sort(function (a, b) { return a.length - b.length; });
      lists[0].forEach(function (ordinal) {
        for (var k = 1; k < lists.length; k++) if (!has(lists[k], ordinal)) return;
        out["r" + shardOf(starts, ordinal)] = true;
      });
    });
    return Object.keys(out).concat(this.recordShards(also));
  };

  // Whether the sorted list holds value (binary search).
  function has(list, value) {
    var lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] === value) return true;
      if (list[mid] < value) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  // The earlier versions' shards (v<k>, one per version the meta lists), as names.
  Store.prototype.versionShards = function () {
    return this.meta().versions.map(function (v, k) { return "v" + k; });
  };

  // The earlier versions' records as search.py's version_records lists them (`of` from the meta),
  // or null while a v shard is not in.
  Store.prototype.versionRecords = function () {
    var meta = this.meta(), out = [];
    if (!meta) return null;
    for (var k = 0; k < meta.versions.length; k++) {
      if (!this.old[k]) return null;
      var of = meta.versions[k][1];
      this.old[k].forEach(function (r) { r.of = of; out.push(r); });
    }
    return out;
  };

  // Every record of the loaded record shards, in index order.
  Store.prototype.allRecords = function () {
    var self = this, out = [];
    Object.keys(this.records).map(Number).sort(function (a, b) { return a - b; }).forEach(function (k) {
      out = out.concat(self.records[k]);
    });
    this.fresh = false;
    return out;
  };

  function unique(list) {
    var seen = Object.create(null), out = [];
    list.forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });
    return out;
  }

  window.kbShards = {
    CAPTION_KEY: CAPTION_KEY,
    ARTICLE_KEY: ARTICLE_KEY,
    RATIO_KEY: RATIO_KEY,
    hash: hash,
    undelta: undelta,
    decodeNumbers: decodeNumbers,
    shardOf: shardOf,
    regRows: regRows,
    expand: expand,
    Store: Store
  };
})();
