/* dossier claims index: the status and topic links become toggles that
   combine ("reported" claims about "chips"), and every count follows the
   selection. Without JavaScript the same links jump to a status section
   or show a topic's list (style.css, :target). */
(function () {
  "use strict";
  var index = document.getElementById("claims-index");
  var view = index && index.querySelector(".view-status");
  if (!view) return;
  index.classList.add("js");

  // Which topics each claim belongs to, read from the per-topic lists;
  // a claim is known by its link, the same in every list of the page.
  var topicsOf = {};
  index.querySelectorAll(".view-topic").forEach(function (section) {
    var topic = section.id.replace(/^topic-/, "");
    section.querySelectorAll("li > a[href]").forEach(function (a) {
      var id = a.getAttribute("href");
      (topicsOf[id] = topicsOf[id] || []).push(topic);
    });
  });
  var items = [];
  view.querySelectorAll(".status-group").forEach(function (group) {
    var status = group.id.replace(/^status-/, "");
    group.querySelectorAll("li > a[href]").forEach(function (a) {
      var id = a.getAttribute("href");
      items.push({ li: a.parentNode, group: group, status: status, topics: topicsOf[id] || [] });
    });
  });

  var state = { status: null, topic: null };
  var chips = [];
  // The links become buttons: they change the list, they lead nowhere.
  index.querySelectorAll(".chip[data-filter]").forEach(function (a) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = a.className;
    b.innerHTML = a.innerHTML;
    ["data-filter", "data-value", "lang"].forEach(function (n) {
      if (a.hasAttribute(n)) b.setAttribute(n, a.getAttribute(n));
    });
    a.replaceWith(b);
    chips.push(b);
    b.addEventListener("click", function () {
      var kind = b.getAttribute("data-filter");
      var value = b.getAttribute("data-value");
      if (kind === "all") state = { status: null, topic: null };
      else state[kind] = state[kind] === value ? null : value;
      apply();
    });
  });

  function matches(it, ignore) {
    return (ignore === "status" || !state.status || it.status === state.status) &&
      (ignore === "topic" || !state.topic || it.topics.indexOf(state.topic) >= 0);
  }

  function apply() {
    var shown = new Map();
    items.forEach(function (it) {
      var on = matches(it);
      it.li.hidden = !on;
      if (on) shown.set(it.group, (shown.get(it.group) || 0) + 1);
    });
    view.querySelectorAll(".status-group").forEach(function (group) {
      var n = shown.get(group) || 0;
      group.hidden = n === 0;
      var count = group.querySelector("h3 .n");
      if (count) count.textContent = String(n);
    });
    // Each chip counts what choosing it would show, given the other filter.
    chips.forEach(function (b) {
      var kind = b.getAttribute("data-filter");
      var value = b.getAttribute("data-value");
      var n = items.filter(function (it) {
        if (kind === "all") return true;
        if (!matches(it, kind)) return false;
        return kind === "status" ? it.status === value : it.topics.indexOf(value) >= 0;
      }).length;
      var count = b.querySelector(".n");
      if (count) count.textContent = String(n);
      var pressed = kind === "all" ? !state.status && !state.topic : state[kind] === value;
      b.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
  }

  // A link from elsewhere (a claim's topic, #status-reported) picks a filter.
  var hash = decodeURIComponent(location.hash.slice(1));
  var m = /^(status|topic)-(.+)$/.exec(hash);
  if (m) {
    state[m[1]] = m[2];
    apply();
    view.scrollIntoView();
  } else {
    apply();
  }
})();
