// Render every Vega-Lite chart on the page from the spec the server put beside it in a
// <script type="application/json"> element. The strict Content-Security-Policy forbids eval,
// so Vega is told to interpret its expressions (ast: true) instead of compiling them.
(function () {
  "use strict";

  function render(root) {
    if (typeof window.vegaEmbed !== "function") {
      return;
    }
    root.querySelectorAll("[data-chart-spec]").forEach(function (element) {
      if (element.dataset.rendered) {
        return;
      }
      var source = document.getElementById(element.dataset.chartSpec);
      if (!source) {
        return;
      }
      element.dataset.rendered = "pending";
      var spec = JSON.parse(source.textContent);
      window
        .vegaEmbed(element, spec, {
          ast: true,
          actions: false,
          renderer: "svg",
          defaultStyle: false,
          tooltip: false
        })
        .then(function () {
          element.dataset.rendered = "yes";
        })
        .catch(function (error) {
          element.dataset.rendered = "failed";
          console.error("chart", element.dataset.chartSpec, error);
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    render(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    render(event.target);
  });
})();
