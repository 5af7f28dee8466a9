// Where the focus goes once a page has loaded. After a form comes back refused, its error summary takes the focus, so a screen
// reader reads it first and a keyboard user goes from there to the fields it links
// to. Messages (such as "Concept opgeslagen") are put into their status region after
// the page has loaded, so screen readers announce them: a region filled before it is
// read is not spoken. Without JavaScript both are simply on the page. Only pages with
// a form or a message load it.
(function () {
  "use strict";

  // Pages include this script with each part that needs it; it runs once.
  if (window.portalPageFocus) {
    return;
  }
  window.portalPageFocus = true;

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      return true;
    }
    return false;
  }

  function announceMessages() {
    document.querySelectorAll("[data-announce]").forEach(function (region) {
      var messages = Array.prototype.slice.call(region.children);
      messages.forEach(function (message) {
        region.removeChild(message);
      });
      // The next frame, once the empty region is in the accessibility tree.
      window.requestAnimationFrame(function () {
        window.setTimeout(function () {
          messages.forEach(function (message) {
            region.appendChild(message);
          });
        }, 50);
      });
    });
  }

  // After a filter form is sent, the focus goes to the heading with the number of
  // results; a link to the same filtered page, shared or bookmarked, leaves the
  // focus at the top.
  var FILTERED = "portal-filtered";

  function markFilterSubmits() {
    document.querySelectorAll("form.portal-filters, form[data-filters]").forEach(function (form) {
      form.addEventListener("submit", function () {
        try {
          window.sessionStorage.setItem(FILTERED, new URL(form.action).pathname);
        } catch (error) {
          // No session storage: the focus simply stays at the top.
        }
      });
    });
  }

  function focusResults() {
    var results = document.querySelector("[data-results-heading]");
    var key = FILTERED;
    var filtered = false;
    try {
      filtered = window.sessionStorage.getItem(key) === window.location.pathname;
      window.sessionStorage.removeItem(key);
    } catch (error) {
      filtered = false;
    }
    if (results && filtered) {
      results.focus();
    }
  }

  markFilterSubmits();
  announceMessages();
  if (!focusSummary()) {
    focusResults();
  }
})();
