// While the import page sends a file (to check or to import it), poll the server for how far
// it has got and show it. The form carries a random token naming the job; without this script
// the form still works, it just shows no progress.
(function () {
  "use strict";

  function token() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function poll(box, url) {
    fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => {
        if (html !== null) {
          box.innerHTML = html;
        }
      })
      .catch(() => {})
      .finally(() => window.setTimeout(() => poll(box, url), 700));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("import-progress");
    if (!box || !window.crypto) {
      return;
    }
    document.querySelectorAll("form[data-import-progress]").forEach((form) => {
      form.addEventListener("submit", () => {
        const name = token();
        form.querySelector("input[name=progress]").value = name;
        box.hidden = false;
        poll(box, box.dataset.progressUrl.replace(/0{32}/, name));
      });
    });
  });
})();
