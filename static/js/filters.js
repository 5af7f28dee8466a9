// Progressive enhancement for the filter forms of the public lists: leave empty
// fields out of the address on submit, so a shared link reads
// /plekken/?wijk=vathorst&nu_open=1 rather than listing every empty filter. Without
// JavaScript the form submits everything, which works just the same.
(function () {
  "use strict";

  document.querySelectorAll("form.portal-filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "" && !field.disabled) {
          field.disabled = true;
          // Re-enable after the browser has read the form, for the back button.
          window.setTimeout(function () {
            field.disabled = false;
          }, 0);
        }
      });
    });
  });
})();
