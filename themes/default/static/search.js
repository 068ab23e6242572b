/* dossier search: turns the header's search link into a search box, and
   runs queries on the search page with Pagefind. Without JavaScript the
   link leads to the claims index and nothing here runs. */
(function () {
  "use strict";
  var link = document.querySelector("a.search-link[data-search-url]");
  if (link) {
    var form = document.createElement("form");
    form.className = "search-box";
    form.setAttribute("role", "search");
    form.action = link.getAttribute("data-search-url");
    form.method = "get";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = link.getAttribute("data-placeholder");
    input.setAttribute("aria-label", link.getAttribute("data-label"));
    form.appendChild(input);
    link.replaceWith(form);
  }

  var page = document.getElementById("search-form");
  if (!page) return;
  var query = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = new URL(page.getAttribute("data-root") || "./", location.href);
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function run(q) {
    list.textContent = "";
    if (!q.trim()) { status.textContent = ""; return; }
    status.textContent = page.getAttribute("data-loading");
    load().then(function (pf) { return pf.search(q); }).then(function (search) {
      if (query.value !== q) return;
      var results = search.results.slice(0, 30);
      status.textContent = results.length
        ? page.getAttribute("data-results").replace("{count}", String(search.results.length))
        : page.getAttribute("data-none");
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (items) {
        items.forEach(function (d) {
          var li = el("li", "search-result");
          var a = el("a", null, d.meta && d.meta.title ? d.meta.title : d.url);
          a.href = d.url;
          li.appendChild(a);
          if (d.meta && d.meta.status) li.appendChild(document.createTextNode(" ")), li.appendChild(el("span", "status-tag", d.meta.status));
          var p = el("p", "search-excerpt");
          p.innerHTML = d.excerpt; /* Pagefind escapes the page text; only <mark> is markup */
          li.appendChild(p);
          list.appendChild(li);
        });
      });
    }).catch(function () { status.textContent = page.getAttribute("data-unavailable"); });
  }

  var timer = null;
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(query.value); }, 150);
  });
  page.addEventListener("submit", function (e) { e.preventDefault(); run(query.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { query.value = initial; run(initial); }
})();
