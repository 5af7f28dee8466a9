/*
 * The advice form, enhanced: parts are added in place and moved up and down, and the
 * draft is saved while the member types. Without this script the form works the
 * same through its own buttons (save, add, the "Volgorde" numbers, "Verwijderen").
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form) {
    return;
  }
  var statusLine = form.querySelector("[data-autosave-status]");
  var timer = null;
  var saving = false;
  var pending = false;

  function say(text) {
    if (statusLine) {
      statusLine.textContent = text;
    }
  }

  function save() {
    if (saving) {
      pending = true;
      return;
    }
    saving = true;
    var data = new FormData(form);
    // Files are sent with the explicit save button only.
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      data.delete(input.name);
    });
    data.set("action", "opslaan");
    // getAttribute: the buttons named "action" shadow the form's action property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "Accept": "application/json" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("login");
        }
        return response.json();
      })
      .then(function (result) {
        if (result.saved) {
          say(result.message);
          // The next save carries the version this one wrote.
          if (form.elements.lock_version && result.lock_version !== undefined) {
            form.elements.lock_version.value = result.lock_version;
          }
          if (result.edit_url && form.getAttribute("action") !== result.edit_url) {
            form.setAttribute("action", result.edit_url);
            window.history.replaceState(null, "", result.edit_url);
          }
        } else {
          say(form.dataset.notSaved + " " + result.errors.join(" "));
        }
      })
      .catch(function () {
        say(form.dataset.offline);
      })
      .finally(function () {
        saving = false;
        if (pending) {
          pending = false;
          save();
        }
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  }

  form.addEventListener("input", function (event) {
    if (event.target.type !== "file") {
      schedule();
    }
  });

  function renumber(section) {
    var label = section.dataset.itemLabel;
    section.querySelectorAll("[data-formset-item]").forEach(function (item, index) {
      var number = index + 1;
      var legend = item.querySelector("[data-formset-legend]");
      if (legend) {
        legend.textContent = label + " " + number;
      }
      var order = item.querySelector("input[name$='-ORDER']");
      if (order) {
        order.value = number;
      }
      item.querySelectorAll("[data-move]").forEach(function (button) {
        var word = button.dataset.move === "up" ? form.dataset.up : form.dataset.down;
        button.textContent = word;
        button.setAttribute("aria-label", label + " " + number + " " + word.toLowerCase());
      });
    });
  }

  function addMoveButtons(section, item) {
    var tools = item.querySelector(".advisories-part__tools");
    ["up", "down"].forEach(function (direction) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "utrecht-button utrecht-button--subtle advisories-move";
      button.dataset.move = direction;
      button.addEventListener("click", function () {
        var sibling = direction === "up" ? item.previousElementSibling : item.nextElementSibling;
        if (!sibling) {
          return;
        }
        if (direction === "up") {
          item.parentNode.insertBefore(item, sibling);
        } else {
          item.parentNode.insertBefore(sibling, item);
        }
        renumber(section);
        button.focus();
        say(item.querySelector("[data-formset-legend]").textContent);
        schedule();
      });
      tools.appendChild(button);
    });
  }

  document.querySelectorAll("[data-formset]").forEach(function (section) {
    var prefix = section.dataset.formset;
    var list = section.querySelector("[data-formset-list]");
    var template = section.querySelector("[data-formset-template]");
    var total = section.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    section.querySelectorAll("[data-formset-item]").forEach(function (item) {
      addMoveButtons(section, item);
    });
    renumber(section);
    section.querySelector("[data-formset-add]").addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      var holder = document.createElement("ol");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var item = holder.firstElementChild;
      list.appendChild(item);
      total.value = String(index + 1);
      addMoveButtons(section, item);
      renumber(section);
      var first = item.querySelector("textarea, input:not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
  });
})();
