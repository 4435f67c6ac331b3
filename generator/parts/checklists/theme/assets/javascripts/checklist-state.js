// The checklist's state, apart from the page (checklist.js mounts it): stored records and the
// answers in them, who and when (自查单位, 年度, 填表人, 日期), counts, export files and their names,
// and reading a file handed in (JSON or CSV, as any page of the site exports it). No DOM and no
// storage: node runs these functions in the fast tier (tests/js/run_checklist.js).
//
// `data` is the checklist as its page embeds it: {id, title, short, version, items: [{id, number,
// text, cites, evidence, area, fingerprint}], refs, areas}. An assessment: {name, checklist, version,
// answers: {"<item id>": {status?, note?, t?}}, t?, unit?, year?, filler?, date?}; records of earlier
// releases have no unit, year, filler or date and keep working (the unit is asked on export).
(function () {
  "use strict";

  var STATUS = { yes: "符合", no: "不符合", na: "不适用" };
  var LABELS = { "符合": "yes", "不符合": "no", "不适用": "na" };
  var MAX_NAME = 60;
  // Who and when, as files and the page name them (the compare page reads the same fields).
  var WHO = [["unit", "自查单位"], ["year", "年度"], ["filler", "填表人"], ["date", "日期"]];
  var CSV_HEAD = ["序号", "项目编号", "检查事项", "依据", "查阅材料", "考评内容", "答复", "备注"];
  // Files of the site's other pages: what they are and where they belong.
  var KINDS = {
    "scoring-years": "评分计算器导出的考核评分记录（请在“考核评分 › 评分计算器”页面导入）",
    "quiz-backup": "学法考试的练习记录备份（请在学法考试页面导入）"
  };

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isTime(v) { return typeof v === "number" && isFinite(v) && v >= 0; }
  function files() { return window.kb.files; }

  // One answer from storage or a file: {status?, note?, t?}; null when it is not an answer at all.
  function cleanAnswer(raw) {
    if (!isObject(raw)) return null;
    var out = {};
    if (has(raw, "t")) {
      if (!isTime(raw.t)) return null;
      out.t = raw.t;
    }
    if (has(raw, "status")) {
      if (!has(STATUS, raw.status)) return null;
      out.status = raw.status;
    }
    if (has(raw, "note")) {
      if (typeof raw.note !== "string") return null;
      out.note = raw.note;
    }
    return out;
  }

  // Who and when of a stored or imported assessment: only strings, trimmed to 60 characters;
  // `bad` is true when one was present but not a string.
  function cleanWho(raw) {
    var out = {}, bad = false;
    WHO.forEach(function (w) {
      if (!has(raw, w[0])) return;
      if (typeof raw[w[0]] !== "string") { bad = true; return; }
      var v = raw[w[0]].trim().slice(0, MAX_NAME);
      if (v) out[w[0]] = v;
    });
    return { who: out, bad: bad };
  }

  // One stored assessment, kept as far as it is well formed: {assessment, damaged}; assessment null
  // when it is not one of this checklist at all.
  function cleanAssessment(a, data, byId) {
    if (!isObject(a) || typeof a.name !== "string" || a.checklist !== data.id ||
        typeof a.version !== "string" || !isObject(a.answers)) return { assessment: null, damaged: true };
    var damaged = false;
    var answers = {};
    Object.keys(a.answers).forEach(function (itemId) {
      var answer = cleanAnswer(a.answers[itemId]);
      var known = a.version !== data.version || has(byId, itemId);
      if (answer && known) answers[itemId] = answer;
      else if (!(answer && !answer.status && !answer.note)) damaged = true; // a removed item's cleared answer is dropped
    });
    var out = { name: a.name.slice(0, MAX_NAME) || "未命名自查", checklist: data.id, version: a.version, answers: answers };
    var who = cleanWho(a);
    if (who.bad) damaged = true;
    Object.keys(who.who).forEach(function (k) { out[k] = who.who[k]; });
    if (has(a, "t")) {
      if (isTime(a.t)) out.t = a.t; else damaged = true;
    }
    return { assessment: out, damaged: damaged };
  }

  // A stored record (already of the current format) with every well-formed part kept:
  // {record, damaged}; damaged tells the page to set the original aside.
  function cleanRecord(raw, data) {
    var byId = itemsById(data);
    var out = { format: 1, current: "", assessments: {} };
    if (!raw) return { record: out, damaged: false };
    var damaged = false;
    Object.keys(raw.assessments).forEach(function (id) {
      var kept = cleanAssessment(raw.assessments[id], data, byId);
      if (kept.damaged) damaged = true;
      if (kept.assessment) out.assessments[id] = kept.assessment;
    });
    if (typeof raw.current === "string" && has(out.assessments, raw.current)) out.current = raw.current;
    if (has(raw, "currentT")) {
      if (isTime(raw.currentT)) out.currentT = raw.currentT; else damaged = true;
    }
    if (has(raw, "deleted")) {
      if (!isObject(raw.deleted)) damaged = true;
      else {
        Object.keys(raw.deleted).forEach(function (id) {
          if (!isTime(raw.deleted[id])) { damaged = true; return; }
          out.deleted = out.deleted || {};
          out.deleted[id] = raw.deleted[id];
        });
      }
    }
    return { record: out, damaged: damaged };
  }

  function itemsById(data) {
    var byId = {};
    data.items.forEach(function (item) { byId[item.id] = item; });
    return byId;
  }

  // One stored assessment as other widgets see it: {id, name, unit, year, statuses}; null when not usable.
  function view(record, id) {
    var a = isObject(record.assessments) && has(record.assessments, id) ? record.assessments[id] : null;
    if (!isObject(a) || !isObject(a.answers)) return null;
    var statuses = {};
    Object.keys(a.answers).forEach(function (itemId) {
      var answer = cleanAnswer(a.answers[itemId]);
      if (answer && answer.status) statuses[itemId] = answer.status;
    });
    var who = cleanWho(a).who;
    return { id: id, name: typeof a.name === "string" && a.name ? a.name : String(id), unit: who.unit || "",
      year: who.year || "", statuses: statuses };
  }

  // {yes, no, na, answered, count}: the assessment's choices among the checklist's items.
  function counts(items, answers) {
    var out = { yes: 0, no: 0, na: 0, answered: 0, count: items.length };
    items.forEach(function (item) {
      var a = answers[item.id];
      if (a && a.status) { out[a.status]++; out.answered++; }
    });
    return out;
  }

  // Whether the paper shows a blank form: nothing chosen and no note written.
  function isBlank(items, answers) {
    return !items.some(function (item) { var a = answers[item.id]; return a && (a.status || a.note); });
  }

  // Answers as exported: choices and notes, without times or cleared answers.
  function plainAnswers(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      if (!a.status && !a.note) return;
      out[id] = {};
      if (a.status) out[id].status = a.status;
      if (a.note) out[id].note = a.note;
    });
    return out;
  }

  // A name not yet taken: base, else base（2）, base（3）...
  function uniqueName(names, base) {
    if (names.indexOf(base) < 0) return base;
    for (var n = 2; ; n++) {
      var candidate = base + "（" + n + "）";
      if (names.indexOf(candidate) < 0) return candidate;
    }
  }

  function defaultName(year) { return year + "年度自查"; }

  function safeFileName(text) {
    return String(text).replace(/[\\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/^[.\s]+|[.\s]+$/g, "").slice(0, 80) || "自查";
  }

  // The export's file name without extension: unit, year and checklist, then the assessment's name
  // when it says more than the year ("甲局-2026年度-行政执法机关自查"), so two agencies' files differ.
  function fileStem(data, a) {
    var who = whoOf(a);
    var parts = [who.unit || "未填单位"];
    if (who.year) parts.push(who.year + "年度");
    parts.push(data.short + "自查");
    if (a.name !== defaultName(who.year)) parts.push(a.name);
    return safeFileName(parts.join("-"));
  }

  // Who and when of an assessment, each "" when not given; the year of an earlier release's record
  // is read from its name ("2025年度自查"), as its default name gave it.
  function whoOf(a) {
    var out = {};
    WHO.forEach(function (w) { out[w[0]] = typeof a[w[0]] === "string" ? a[w[0]] : ""; });
    if (!out.year) out.year = (/^(\d{4})年度/.exec(a.name || "") || [])[1] || "";
    return out;
  }

  // The JSON export of an assessment.
  function exportFile(data, a, kind) {
    var fingerprints = {};
    data.items.forEach(function (item) { fingerprints[item.id] = item.fingerprint; });
    var file = { format: 1, kind: kind, checklist: data.id, title: data.title, version: data.version, name: a.name };
    var who = whoOf(a);
    Object.keys(who).forEach(function (k) { file[k] = who[k]; });
    file.answers = plainAnswers(a.answers);
    file.items = fingerprints;
    return file;
  }

  // The CSV export of an assessment, as rows (kb.files.csv writes them).
  function csvRows(data, a) {
    var cell = files().cellText;
    var rows = [["清单", data.title], ["清单编号", data.id], ["清单版本", data.version], ["自查名称", cell(a.name)]];
    WHO.forEach(function (w) { rows.push([w[1], cell(a[w[0]] || "")]); });
    rows.push([], CSV_HEAD.slice());
    data.items.forEach(function (item) {
      var answer = a.answers[item.id] || {};
      rows.push([item.number, item.id, item.text,
        item.cites.map(function (ref) { return data.refs[ref] ? data.refs[ref].citation : ref; }).join("、"),
        item.evidence, data.areas[item.area] || item.area, answer.status ? STATUS[answer.status] : "",
        cell(answer.note || "")]);
    });
    return rows;
  }

  // --- reading a file handed in ---------------------------------------------------------------

  function kindName(kind, siteKey) {
    return typeof kind === "string" && kind.indexOf(siteKey + "-") === 0 ? kind.slice(siteKey.length + 1) : null;
  }

  // A file's text as the fields of a checklist export: {file} (as the JSON export has them, answers
  // without times) or {error}. Reads the JSON export and the CSV export of this page, and names the
  // other files of the site.
  function parseFile(text, siteKey) {
    var t = text.trim();
    if (!/^[{[]/.test(t)) return parseCsvFile(files().parseCsv(text));
    var parsed;
    try { parsed = JSON.parse(t); } catch (e) {
      return { error: files().truncatedJson(t) ? "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制" :
        "文件已损坏或不是 JSON 格式" };
    }
    if (!isObject(parsed)) return { error: "这不是本站导出的自查文件" };
    var kind = kindName(parsed.kind, siteKey);
    if (kind !== null && has(KINDS, kind)) return { error: "这是" + KINDS[kind] + "，不是自查文件" };
    if (kind !== "checklist-assessment") {
      if (typeof parsed.kind === "string") {
        return { error: "这是其他网站或版本导出的文件（类型“" + parsed.kind.slice(0, 60) + "”），不是本站的自查文件" };
      }
      return { error: "这不是本站导出的自查文件" };
    }
    return { file: parsed };
  }

  // The CSV of this page (header rows, then one row per item); names the site's other CSV files.
  function parseCsvFile(rows) {
    var first = rows[0] || [];
    if (first[0] === "单位" && first.indexOf("总分") >= 0) {
      return { error: "这是多单位对比表（请在“考核评分 › 多单位对比”页面导入），不是自查文件" };
    }
    if (first[0] === "年度" && first.indexOf("总分") >= 0) return { error: "这是" + KINDS["scoring-years"] + "，不是自查文件" };
    var head = {}, i = 0;
    for (; i < rows.length && rows[i][0] !== "序号"; i++) head[rows[i][0]] = rows[i][1] || "";
    if (!has(head, "清单编号") || i >= rows.length) return { error: "这不是本站导出的自查文件（CSV 文件缺少“清单编号”）" };
    var cols = rows[i];
    var idCol = cols.indexOf("项目编号"), answerCol = cols.indexOf("答复"), noteCol = cols.indexOf("备注");
    if (idCol < 0 || answerCol < 0) return { error: "CSV 文件缺少“项目编号”或“答复”列" };
    var plain = files().plainCell;
    var answers = {};
    for (var k = i + 1; k < rows.length; k++) {
      var r = rows[k], id = (r[idCol] || "").trim();
      var label = (r[answerCol] || "").trim(), note = noteCol >= 0 ? plain(r[noteCol] || "") : "";
      if (!id) continue;
      if (label && !has(LABELS, label)) {
        return { error: "CSV 第 " + (k + 1) + " 行的答复“" + label.slice(0, 10) + "”无法识别（应为符合、不符合或不适用）" };
      }
      if (!label && !note) continue;
      answers[id] = {};
      if (label) answers[id].status = LABELS[label];
      if (note) answers[id].note = note;
    }
    var file = { format: 1, checklist: head["清单编号"], title: head["清单"], version: head["清单版本"],
      name: plain(head["自查名称"]), answers: answers };
    WHO.forEach(function (w) { if (has(head, w[1])) file[w[0]] = plain(head[w[1]]); });
    return { file: file };
  }

  // A parsed export checked against this checklist: {error} or {name, answers, version, items, who}.
  // Answers are stamped with `now`.
  function checkImport(file, data, now) {
    if (file.format !== 1) return { error: "文件格式版本（" + String(file.format) + "）无法识别" };
    if (file.checklist !== data.id) {
      return { error: "该文件属于“" + String(file.title || file.checklist) + "”（" + String(file.checklist) +
        "），不是本清单“" + data.title + "”（" + data.id + "）" };
    }
    if (typeof file.version !== "string" || !file.version) return { error: "文件缺少清单版本" };
    if (typeof file.name !== "string" || !file.name.trim()) return { error: "文件缺少自查名称" };
    if (!isObject(file.answers)) return { error: "文件缺少答案" };
    if (has(file, "items") && !isObject(file.items)) return { error: "文件中的项目列表格式不正确" };
    var who = cleanWho(file);
    if (who.bad) return { error: "文件中的自查单位、年度、填表人或日期格式不正确" };
    var byId = itemsById(data);
    var answers = {};
    var keys = Object.keys(file.answers);
    for (var i = 0; i < keys.length; i++) {
      var answer = cleanAnswer(file.answers[keys[i]]);
      if (!answer) return { error: "项目 " + keys[i] + " 的答案格式不正确" };
      if (file.version === data.version && !has(byId, keys[i])) return { error: "本清单没有项目 " + keys[i] };
      answer.t = now;
      answers[keys[i]] = answer;
    }
    return { name: file.name.trim().slice(0, MAX_NAME), answers: answers, version: file.version,
      items: isObject(file.items) ? file.items : null, who: who.who };
  }

  // A file's text read for import into this checklist: as checkImport.
  function readImport(text, data, siteKey, now) {
    var parsed = parseFile(text, siteKey);
    return parsed.error ? parsed : checkImport(parsed.file, data, now);
  }

  // Carry an assessment made with another checklist version over to this one (in place). `after(t)`
  // gives a time later than t. Returns {added, changed, removed, unknown}.
  function migrate(assessment, data, oldFingerprints, after) {
    var report = { added: [], changed: [], removed: 0, unknown: !isObject(oldFingerprints) };
    if (assessment.version === data.version) return report;
    var byId = itemsById(data);
    var old = isObject(oldFingerprints) ? oldFingerprints : null;
    Object.keys(assessment.answers).forEach(function (itemId) {
      var answer = assessment.answers[itemId];
      if (!answer.status && !answer.note) return; // a cleared answer: nothing to carry over
      if (!has(byId, itemId)) {
        assessment.answers[itemId] = { t: after(answer.t) }; // so no other copy brings it back
        report.removed++;
      } else if (old && has(old, itemId) && old[itemId] !== byId[itemId].fingerprint) {
        // The question changed: the old choice may not fit it; the note stays as a reminder.
        var note = answer.note;
        assessment.answers[itemId] = note ? { note: note, t: after(answer.t) } : { t: after(answer.t) };
        report.changed.push(itemId);
      }
    });
    if (old) data.items.forEach(function (item) { if (!has(old, item.id)) report.added.push(item.id); });
    assessment.version = data.version;
    assessment.t = after(assessment.t);
    return report;
  }

  // A year as the page accepts it: "" or four digits.
  function yearProblem(year) {
    return year === "" || /^\d{4}$/.test(year) ? "" : "年度应为四位数，例如 2026";
  }

  window.kb = window.kb || {};
  window.kb.checklistState = {
    STATUS: STATUS, WHO: WHO, MAX_NAME: MAX_NAME,
    cleanAnswer: cleanAnswer, cleanRecord: cleanRecord, view: view, counts: counts, isBlank: isBlank,
    plainAnswers: plainAnswers, uniqueName: uniqueName, defaultName: defaultName, fileStem: fileStem,
    exportFile: exportFile, whoOf: whoOf, csvRows: csvRows, parseFile: parseFile, checkImport: checkImport,
    readImport: readImport, migrate: migrate, yearProblem: yearProblem
  };
})();
