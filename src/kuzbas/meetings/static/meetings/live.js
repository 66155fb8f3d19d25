// The voting page told when its meeting changes, over one open connection (server-sent events,
// `meetings/live_stream.py`), instead of asking every few seconds. Only where the server says
// streams are served (the span's data-live-stream); while the stream is not open (it failed,
// or the browser is reconnecting) the page asks every few seconds as it would without it.
(function () {
  "use strict";
  var source = null;
  var polling = null;

  function question() { return document.querySelector("[data-live-stream]"); }

  function startPolling(seconds) {
    if (polling) return;
    polling = window.setInterval(function () {
      var asking = question();
      if (asking) window.htmx.trigger(asking, "kuzbas-poll");
    }, seconds * 1000);
  }

  function stopPolling() {
    if (polling) window.clearInterval(polling);
    polling = null;
  }

  function listen() {
    var asking = question();
    if (!asking || source) return;
    var seconds = Number(asking.dataset.pollSeconds) || 3;
    if (!window.EventSource) { startPolling(seconds); return; }
    source = new window.EventSource(asking.dataset.liveStream);
    source.addEventListener("changed", function () {
      window.htmx.trigger(document.body, "kuzbas-live");
    });
    source.addEventListener("open", stopPolling);
    source.addEventListener("error", function () { startPolling(seconds); });
  }

  document.addEventListener("DOMContentLoaded", listen);
})();
