// File helpers shared by widgets: save text as a download, read a chosen file as text.
(function () {
  "use strict";

  // Offer text as a file download. bom=true prefixes U+FEFF so Excel/WPS read UTF-8 CSV correctly.
  function download(filename, text, mime, bom) {
    var blob = new Blob([(bom ? "\ufeff" : "") + text], { type: (mime || "text/plain") + ";charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () {
      document.body.removeChild(a);
      URL.revokeObjectURL(url);
    }, 0);
  }

  // Promise of the file's text (UTF-8; a leading BOM is dropped).
  function readText(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result).replace(/^\ufeff/, "")); };
      reader.onerror = function () { reject(new Error("无法读取文件")); };
      reader.readAsText(file, "utf-8");
    });
  }

  // One CSV field, quoted when needed (RFC 4180).
  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(rows) {
    return rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  window.kbFiles = { download: download, readText: readText, csv: csv };
})();
