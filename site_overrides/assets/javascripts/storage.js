// Browser storage behind one small module: versioned, prefixed keys; JSON values; every failure
// caught here. Corrupted data is set aside under a ".corrupt" key and reported, never a crash.
(function () {
  "use strict";

  var PREFIX = "jlzfzrz:v1:";
  var listeners = [];
  var memory = {}; // used when localStorage is unavailable (private mode, disabled storage)

  function backend() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "__probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  var store = backend();

  function report(kind, key, detail) {
    var problem = { kind: kind, key: key, detail: detail };
    for (var i = 0; i < listeners.length; i++) {
      try { listeners[i](problem); } catch (e) { /* a listener must not break storage */ }
    }
  }

  function rawGet(key) {
    return store ? store.getItem(PREFIX + key) : (PREFIX + key in memory ? memory[PREFIX + key] : null);
  }

  function rawSet(key, text) {
    if (store) store.setItem(PREFIX + key, text);
    else memory[PREFIX + key] = text;
  }

  // Value stored under key, or fallback when absent. Unreadable JSON is moved aside and reported.
  function get(key, fallback) {
    var text;
    try { text = rawGet(key); } catch (e) { report("unavailable", key, String(e)); return fallback; }
    if (text === null || text === undefined) return fallback;
    try {
      return JSON.parse(text);
    } catch (e) {
      var aside = key + ".corrupt-" + Date.now();
      try { rawSet(aside, text); remove(key); } catch (e2) { /* keep going: reporting matters more */ }
      report("corrupt", key, "已将无法读取的数据另存为 " + aside);
      return fallback;
    }
  }

  // Store value as JSON; returns false (and reports) when the browser refuses, e.g. quota exceeded.
  function set(key, value) {
    try {
      rawSet(key, JSON.stringify(value));
      return true;
    } catch (e) {
      report("write-failed", key, String(e && e.name || e));
      return false;
    }
  }

  function remove(key) {
    try {
      if (store) store.removeItem(PREFIX + key);
      else delete memory[PREFIX + key];
    } catch (e) { report("write-failed", key, String(e)); }
  }

  // Keys (without the prefix) that start with the given scope.
  function keys(scope) {
    var out = [];
    try {
      if (store) {
        for (var i = 0; i < store.length; i++) {
          var k = store.key(i);
          if (k && k.indexOf(PREFIX + scope) === 0) out.push(k.slice(PREFIX.length));
        }
      } else {
        for (var m in memory) if (m.indexOf(PREFIX + scope) === 0) out.push(m.slice(PREFIX.length));
      }
    } catch (e) { report("unavailable", scope, String(e)); }
    return out.sort();
  }

  window.kbStorage = {
    prefix: PREFIX,
    persistent: !!store,
    get: get,
    set: set,
    remove: remove,
    keys: keys,
    onProblem: function (fn) { listeners.push(fn); }
  };
})();
