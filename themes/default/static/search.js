/* dossier search: turns the header's search link into a search box, and
   runs queries on the search page with Pagefind, ten results at a time
   with a button for the next ten. Without JavaScript the link leads to the
   claims index and nothing here runs. */
(function () {
  "use strict";
  var PAGE = 10;
  var page = document.getElementById("search-form");
  var link = document.querySelector("a.search-link[data-search-url]");
  if (link && page) {
    // The search page has its own box: the header keeps a plain link.
    link.setAttribute("aria-current", "page");
  } else if (link) {
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
  if (!page) return;

  var query = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var shown = document.getElementById("search-shown");
  var root = new URL(page.getAttribute("data-root") || "./", location.href);
  var text = function (name) { return page.getAttribute("data-" + name) || ""; };
  var pagefind = null;
  var current = null; // { q, results, shown }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content) e.textContent = content;
    return e;
  }

  function say() {
    var total = current.results.length;
    var rest = current.shown < total;
    status.textContent = text("results").replace("{count}", String(total));
    shown.textContent = rest ? text("shown").replace("{shown}", String(current.shown)).replace("{count}", String(total)) : "";
    more.hidden = !rest;
  }

  function item(d) {
    var li = el("li", "search-result");
    var a = el("a", null, d.meta && d.meta.title ? d.meta.title : d.url);
    a.href = d.url;
    var key = d.meta && d.meta.status_key;
    if (key && /^[a-z]+$/.test(key) && d.meta.status) {
      // The same badge as on the pages: the verdict before the statement.
      li.appendChild(el("span", "status-tag status-" + key, d.meta.status));
      li.appendChild(document.createTextNode(" "));
    }
    li.appendChild(a);
    var p = el("p", "search-excerpt");
    p.innerHTML = d.excerpt; /* Pagefind escapes the page text; only <mark> is markup */
    li.appendChild(p);
    return li;
  }

  // Shows the next ten results of the current search.
  function next() {
    var search = current;
    var slice = search.results.slice(search.shown, search.shown + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
      if (current !== search) return;
      var first = null;
      items.forEach(function (d) {
        var li = item(d);
        if (!first) first = li;
        list.appendChild(li);
      });
      search.shown += items.length;
      say();
      return first;
    });
  }

  function run(q) {
    list.textContent = "";
    more.hidden = true;
    shown.textContent = "";
    current = null;
    if (!q.trim()) { status.textContent = ""; return; }
    status.textContent = text("loading");
    load().then(function (pf) { return pf.search(q); }).then(function (search) {
      if (query.value !== q) return;
      current = { q: q, results: search.results, shown: 0 };
      if (!search.results.length) {
        status.textContent = text("none") + " ";
        var browse = el("a", null, text("browse"));
        browse.href = text("browse-url");
        status.appendChild(browse);
        return;
      }
      return next();
    }).catch(function () { status.textContent = text("unavailable"); });
  }

  var timer = null;
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(query.value); }, 150);
  });
  page.addEventListener("submit", function (e) { e.preventDefault(); run(query.value); });
  more.addEventListener("click", function () {
    if (!current) return;
    // Focus moves to the first new result, so a keyboard reader goes on
    // reading where the list grew.
    next().then(function (first) {
      var a = first && first.querySelector("a");
      if (a) a.focus();
    });
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { query.value = initial; run(initial); }
})();
