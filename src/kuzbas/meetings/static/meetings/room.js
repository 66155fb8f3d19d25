// The meeting room on a phone: the choice shown back from this browser's own memory, and a
// ranked ballot filled by tapping candidates in order. The server never sends the choice back
// (every answer to a ballot is the same whatever was chosen), so the phone remembers it, for
// this tab only (sessionStorage). Without JavaScript the pages work as plain forms.
(function () {
  "use strict";
  var store = window.sessionStorage;

  function remember(key, value) {
    try { store.setItem("kuzbas." + key, value); } catch (e) { /* private mode: nothing kept */ }
  }
  function recall(key) {
    try { return store.getItem("kuzbas." + key); } catch (e) { return null; }
  }

  // Remember which button was pressed, before the ballot is sent.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("form[data-ballot] button[name=choice]");
    if (button) remember("choice." + button.form.dataset.ballot, button.dataset.label || "");
  }, true);

  // Remember a ranked or marked ballot's names as it is sent.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-ballot]");
    if (!form || form.querySelector("button[name=choice]")) return;
    var names = [];
    form.querySelectorAll("[data-rank-inputs] input, [data-rank-selects] select:not([disabled]), input[name=mark]:checked")
      .forEach(function (field) {
        var label = field.dataset.name || (field.selectedOptions && field.selectedOptions[0] ? field.selectedOptions[0].text : "") || field.value;
        if (field.value) names.push(label);
      });
    var ranked = form.querySelector("[data-rank-tap], [data-rank-selects]");
    remember("choice." + form.dataset.ballot, ranked
      ? names.map(function (n, i) { return (i + 1) + ". " + n; }).join(", ")
      : names.join(", "));
  }, true);

  function showBack(root) {
    root.querySelectorAll("[data-receipt]").forEach(function (code) {
      remember("receipt." + code.dataset.receipt, code.textContent.trim());
    });
    root.querySelectorAll("[data-my-choice]").forEach(function (place) {
      var choice = recall("choice." + place.dataset.myChoice);
      if (choice) place.textContent = (place.dataset.prefix || "") + " " + choice;
    });
    root.querySelectorAll("[data-my-receipt]").forEach(function (place) {
      var receipt = recall("receipt." + place.dataset.myReceipt);
      var code = place.querySelector("code");
      if (receipt && code) { code.textContent = receipt; place.hidden = false; }
    });
  }

  function rankByTapping(tap) {
    if (tap.dataset.ready) return;
    tap.dataset.ready = "1";
    var form = tap.closest("form");
    var fallback = form.querySelector("[data-rank-selects]");
    var selects = fallback ? Array.prototype.slice.call(fallback.querySelectorAll("select")) : [];
    var inputs = form.querySelector("[data-rank-inputs]");
    var list = tap.querySelector("[data-rank-order]");
    var submit = form.querySelector("button[type=submit]");
    var names = {};
    tap.querySelectorAll("[data-key]").forEach(function (b) { names[b.dataset.key] = b.dataset.name; });
    // Start from what was posted (a ballot refused keeps its order), each candidate once.
    var order = [];
    selects.forEach(function (s) {
      if (s.value && names[s.value] && order.indexOf(s.value) < 0) order.push(s.value);
      s.disabled = true;
    });
    if (fallback) fallback.hidden = true;
    tap.hidden = false;

    function render() {
      inputs.replaceChildren.apply(inputs, order.map(function (key) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = "rank"; input.value = key; input.dataset.name = names[key];
        return input;
      }));
      tap.querySelectorAll("[data-key]").forEach(function (b) {
        var at = order.indexOf(b.dataset.key);
        b.setAttribute("aria-pressed", at >= 0 ? "true" : "false");
        b.querySelector("[data-rank-no]").textContent = at >= 0 ? String(at + 1) : "";
      });
      list.replaceChildren.apply(list, order.map(function (key) {
        var li = document.createElement("li");
        li.textContent = names[key];
        return li;
      }));
      list.hidden = order.length === 0;
      if (submit) submit.disabled = order.length === 0;
    }
    tap.addEventListener("click", function (event) {
      var button = event.target.closest("[data-key]");
      if (button) {
        var at = order.indexOf(button.dataset.key);
        if (at >= 0) order.splice(at, 1); else order.push(button.dataset.key);
      } else if (event.target.closest("[data-rank-clear]")) {
        order = [];
      } else {
        return;
      }
      render();
    });
    render();
  }

  // A plurality paper takes no more marks than there are places: the rest wait until one is
  // unticked, so the paper cannot be spoilt by one tick too many.
  function limitMarks(fieldset) {
    if (fieldset.dataset.ready) return;
    fieldset.dataset.ready = "1";
    var most = parseInt(fieldset.dataset.maxMarks, 10);
    var boxes = fieldset.querySelectorAll("input[type=checkbox]");
    function render() {
      var ticked = fieldset.querySelectorAll("input[type=checkbox]:checked").length;
      boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= most; });
    }
    fieldset.addEventListener("change", render);
    render();
  }

  function enhance(root) {
    root.querySelectorAll("[data-rank-tap]").forEach(rankByTapping);
    root.querySelectorAll("[data-max-marks]").forEach(limitMarks);
    showBack(root);
  }

  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
