// Render every Vega-Lite chart on the page from the spec the server put beside it in a
// <script type="application/json"> element. The strict Content-Security-Policy forbids eval,
// so Vega is told to interpret its expressions (ast: true) instead of compiling them.
//
// Vega, Vega-Lite and vega-embed weigh about 280 KB compressed, more than the rest of the
// page: they are fetched only when a chart comes near the screen, so a first view above the
// charts (a phone's) costs none of it. The table beside each chart holds the same numbers.
(function () {
  "use strict";

  var self = document.currentScript;
  var libraries = self
    ? [self.dataset.vega, self.dataset.vegaLite, self.dataset.vegaEmbed].filter(Boolean)
    : [];
  var loading = null;

  function load() {
    if (typeof window.vegaEmbed === "function") {
      return Promise.resolve();
    }
    if (!loading) {
      loading = libraries.reduce(function (chain, src) {
        return chain.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = function () {
              reject(new Error("could not load " + src));
            };
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    }
    return loading;
  }

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

  function loadThenRender() {
    load()
      .then(function () {
        render(document);
      })
      .catch(function (error) {
        console.error("charts", error);
      });
  }

  function whenNear(root) {
    var charts = root.querySelectorAll("[data-chart-spec]:not([data-rendered])");
    if (!charts.length) {
      return;
    }
    if (typeof window.vegaEmbed === "function" || !("IntersectionObserver" in window)) {
      loadThenRender();
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          loadThenRender();
        }
      },
      { rootMargin: "200px 0px" }
    );
    charts.forEach(function (chart) {
      observer.observe(chart);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    whenNear(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    whenNear(event.target);
  });
})();
