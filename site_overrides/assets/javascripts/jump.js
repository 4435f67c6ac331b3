// Jump box (data-kb-component="jump"; parser as kb.jump.parse): opens an article, 款 or 项 typed as
// 26, 二十六, 第二十六条, 第二十六条第三项, 第26条第2款, 26.3 (the next level down: 款 3, or 项 3 when
// the article has a single 款) or 26.1.3 (款 1, 项 3); full-width digits too. Anything it cannot read
// in exactly one way (二六, 26.., 第三项 alone) is refused with what is accepted. The article list
// and the id patterns (generator/render.py jump_targets) are a script of their own, named by the
// form's data-kb-targets and loaded on first use: the list grows with the regulation, pages must not.
// With further regulations in the site, a name in front (处罚法第32条, 《行政处罚法》32.1) opens that
// regulation's provision; their names and articles come in the same script. On a law's pages
// (data-kb-law, its slug) a bare number opens that law's article (64 on a 行政处罚法 page: 处罚法第64条).
// Shorthand without 第 for 款 and 项 (27条3项, 32条1款4项) is read too.
(function () {
  "use strict";

  var DIGITS = "零一二三四五六七八九";
  var UNITS = [[1000, "千"], [100, "百"], [10, "十"]];
  var ACCEPTED = "可输入条号，如 26、二十六、第二十六条，或款、项，如 第二十六条第三项、第26条第2款、26.3";

  // The hint, naming the first further regulation's shortest name when the site has any.
  function accepted(laws) {
    if (!laws || !laws.length) return ACCEPTED;
    var names = laws[0].names;
    return ACCEPTED + "；相关法律法规在条号前加名称，如 " + names[names.length - 1] + "第1条";
  }

  // 26 -> 二十六, as statutes write numbers (numerals.to_chinese in Python).
  function toChinese(n) {
    var out = "", rest = n, zero = false;
    for (var i = 0; i < UNITS.length; i++) {
      var digit = Math.floor(rest / UNITS[i][0]);
      rest = rest % UNITS[i][0];
      if (digit) {
        if (zero) { out += "零"; zero = false; }
        if (!(UNITS[i][1] === "十" && digit === 1 && !out)) out += DIGITS.charAt(digit);
        out += UNITS[i][1];
      } else if (out) {
        zero = true;
      }
    }
    if (rest) out += (zero ? "零" : "") + DIGITS.charAt(rest);
    return out;
  }

  // A number written in digits or as a statute writes it (二十六, also 一十六); else null. Numerals
  // that only look like one (二六, 十十) are refused: they are read back and must match.
  function number(text) {
    if (/^\d+$/.test(text)) return parseInt(text, 10) || null;
    if (!/^[零一二三四五六七八九十百千]+$/.test(text)) return null;
    for (var n = 1; n < 10000; n++) {
      var written = toChinese(n);
      if (written === text || (written.charAt(0) === "十" && "一" + written === text)) return n;
    }
    return null;
  }

  var NUM = "(\\d+|[零一二三四五六七八九十百千]+)";
  var CHINESE = new RegExp("^(?:第?" + NUM + "条?|第?" + NUM + "条(?:第?" + NUM + "款)?(?:第?" + NUM + "项)?)$");
  var DOTTED = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/;

  // What was typed -> {article, paragraph, point, dotted} (numbers or null), or null when unreadable.
  function parse(raw) {
    var text = String(raw || "")
      .replace(/[０-９]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xfee0); })
      .replace(/[．。]/g, ".")
      .replace(/[\s（）()]/g, "");
    var m = DOTTED.exec(text);
    if (m) {
      return {
        article: parseInt(m[1], 10), paragraph: m[2] ? parseInt(m[2], 10) : null,
        point: m[3] ? parseInt(m[3], 10) : null, dotted: true
      };
    }
    m = CHINESE.exec(text);
    if (!m) return null;
    var article = number(m[1] || m[2]);
    var paragraph = m[3] ? number(m[3]) : null;
    var point = m[4] ? number(m[4]) : null;
    if (!article || (m[3] && !paragraph) || (m[4] && !point)) return null;
    return { article: article, paragraph: paragraph, point: point, dotted: false };
  }

  // The anchor of a parsed request in this regulation, or {error} saying why there is none.
  // targets: {urls: [article page URLs], shape: [[points of each 款] of each article], para, point}.
  function resolve(request, targets) {
    var count = targets.urls.length;
    var a = request.article;
    var whole = targets.name ? "《" + targets.name + "》" : "本规定";
    if (a < 1 || a > count || !targets.urls[a - 1]) return { error: whole + "共 " + count + " 条，没有第" + toChinese(a) + "条" };
    var shape = targets.shape[a - 1];
    var label = "第" + toChinese(a) + "条";
    var para = request.paragraph, point = request.point;
    if (request.dotted && para !== null && point === null && shape.length === 1) {
      if (!shape[0]) return { error: label + "只有一款，没有第" + toChinese(para) + "项" };
      point = para; para = 1;  // 26.3: the sole 款's 项 3
    } else if (!request.dotted && para === null && point !== null) {
      var withPoints = [];
      for (var i = 0; i < shape.length; i++) if (shape[i]) withPoints.push(i + 1);
      if (withPoints.length !== 1) {
        return { error: label + (withPoints.length ? "有多款列项，请写明第几款，如 第" + toChinese(a) + "条第" + toChinese(withPoints[0]) + "款第一项" : "没有列项") };
      }
      para = withPoints[0];
    }
    var url = targets.urls[a - 1];
    if (para === null) return { url: url, label: label };
    if (para < 1 || para > shape.length) {
      return { error: shape.length === 1 ? label + "只有一款" : label + "共 " + shape.length + " 款，没有第" + toChinese(para) + "款" };
    }
    var id = targets.para.replace("{a}", a).replace("{p}", para);
    if (point === null) return { url: url + "#" + id, label: label + "第" + toChinese(para) + "款" };
    var paraLabel = shape.length > 1 ? label + "第" + toChinese(para) + "款" : label;
    if (point < 1 || point > shape[para - 1]) {
      return { error: shape[para - 1] ? paraLabel + "共 " + shape[para - 1] + " 项，没有第" + toChinese(point) + "项" : paraLabel + "没有列项" };
    }
    id = targets.point.replace("{a}", a).replace("{p}", para).replace("{i}", point);
    return { url: url + "#" + id, label: paraLabel + "第" + toChinese(point) + "项" };
  }

  // jump-targets.js hands its data to receive(); callers wait in `pending` until it has.
  var targets = null, pending = [], loading = false;

  function receive(data) {
    targets = data;
    var waiting = pending;
    pending = [];
    waiting.forEach(function (fn) { fn(data); });
  }

  function withTargets(src, done, failed) {
    if (targets) return done(targets);
    pending.push(done);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = src;
    script.onerror = function () { loading = false; pending = []; failed(); };
    document.head.appendChild(script);
  }

  // The further regulation named at the start of what was typed, longest name first:
  // {law, rest} or null. laws: [{slug, title, names, urls, shape}] (render.jump_targets).
  function split(raw, laws) {
    var text = String(raw || "").replace(/[\s《》〈〉]/g, "");
    var best = null;
    (laws || []).forEach(function (law) {
      law.names.forEach(function (name) {
        if (text.indexOf(name) === 0 && (!best || name.length > best.name.length)) best = { law: law, name: name };
      });
    });
    return best ? { law: best.law, rest: text.slice(best.name.length) } : null;
  }

  // What was typed -> {url, label}, {error}, or null when unreadable, against loaded targets;
  // pageLaw: the slug of the law whose page this is (a number alone is read in that law).
  function find(typed, all, pageLaw) {
    var named = split(typed, all.laws);
    var request = parse(named ? named.rest : typed);
    if (!request) return null;
    if (!named && pageLaw) {
      (all.laws || []).forEach(function (law) { if (law.slug === pageLaw) named = { law: law }; });
    }
    if (!named) return resolve(request, all);
    var law = named.law;
    return resolve(request, { urls: law.urls, shape: law.shape, para: all.para, point: all.point, name: law.title });
  }

  function mount(form) {
    var input = form.querySelector("input");
    var status = form.querySelector(".kb-jump-status");
    var src = form.getAttribute("data-kb-targets");
    var base = form.getAttribute("data-kb-base") || ".";
    var pageLaw = form.getAttribute("data-kb-law") || "";
    form.hidden = false;
    function refuse(message) {
      status.textContent = message;
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
    input.addEventListener("focus", function () { withTargets(src, function () {}, function () {}); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = input.value.trim();
      withTargets(src, function (loaded) {
        var hint = accepted(loaded.laws);
        if (!typed) return refuse(hint);
        var target = find(typed, loaded, pageLaw);
        if (!target) return refuse("无法识别“" + typed + "”。" + hint);
        if (target.error) return refuse(target.error + "。" + hint);
        input.removeAttribute("aria-invalid");
        status.textContent = "";
        window.location.href = base + "/" + target.url;
      }, function () { refuse("条文列表未能加载，无法跳转。"); });
    });
  }

  window.kb.jump = { parse: parse, resolve: resolve, split: split, find: find, toChinese: toChinese, receive: receive };
  window.kb.mount("jump", mount);
})();
