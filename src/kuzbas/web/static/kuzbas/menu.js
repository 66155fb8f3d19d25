// The site's menus on a narrow screen: the areas, the account and every section list collapse
// behind a button. Without JavaScript everything stays open, so every link is still reachable.
(function () {
  "use strict";

  function collapsible(button, panel) {
    button.hidden = false;
    button.setAttribute("aria-expanded", "false");
    panel.classList.add("collapsible");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("open", open);
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel.classList.contains("open")) {
        button.click();
        button.focus();
      }
    });
  }

  function sections(nav, index) {
    var list = nav.querySelector("ul");
    if (!list) return;
    list.id = list.id || "sections-" + index;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sections-toggle secondary outline small";
    button.setAttribute("aria-controls", list.id);
    button.textContent = nav.getAttribute("aria-label") || "…";
    nav.insertBefore(button, list);
    collapsible(button, list);
  }

  // A table or chart that scrolls inside its own box must be reachable from the keyboard too.
  function scrolls(box) {
    var style = window.getComputedStyle(box);
    var x = /auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth;
    var y = /auto|scroll/.test(style.overflowY) && box.scrollHeight > box.clientHeight;
    return x || y;
  }

  function scrollable() {
    document.querySelectorAll("main table, main pre, main div").forEach(function (box) {
      if (!box.hasAttribute("tabindex") && scrolls(box)) box.tabIndex = 0;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (button && menu) collapsible(button, menu);
    document.querySelectorAll("main nav.subnav").forEach(sections);
    scrollable();
  });
  window.addEventListener("load", scrollable);
  document.addEventListener("htmx:afterSettle", scrollable);
})();
