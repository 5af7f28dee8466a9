// Maps on the public pages, as progressive enhancement: every map has a list or table
// of the same places next to it, and without JavaScript (or without Leaflet) the map
// simply stays hidden. Layers are GeoJSON from the portal's own endpoints, named in
// data-map-layers; the tiles come from data-tile-url. Without tiles a map is a grey
// box with dots, so then one line says there is no map and the list stands in for it.
// No inline styles: Leaflet sets its positions through the CSSOM, which the Content
// Security Policy allows.
//
// Keyboard: a skip link leads past the map; only markers inside the visible area are
// in the tab order; Enter on a marker opens its popup and moves the focus into it;
// Escape, or the close button, closes it and returns the focus to the marker. The
// control labels come from the template (data-zoom-in, data-zoom-out, data-close),
// so they follow the chosen language.
(function () {
  "use strict";

  if (!window.L || !window.fetch) {
    return;
  }

  var reducedMotion =
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function markerIcon(feature) {
    var heart = feature.properties && feature.properties.is_heart;
    // 24 px: the minimum target size of WCAG 2.2 (2.5.8).
    return L.divIcon({
      className: "portal-map__marker" + (heart ? " portal-map__marker--heart" : ""),
      iconSize: [24, 24],
      iconAnchor: [12, 12],
      popupAnchor: [0, -13],
      html: "",
    });
  }

  function popupContent(feature) {
    var properties = feature.properties || {};
    var box = document.createElement("div");
    var title = document.createElement("p");
    title.className = "portal-map__popup-title";
    if (properties.url) {
      var link = document.createElement("a");
      link.className = "utrecht-link";
      link.href = properties.url;
      link.textContent = properties.name;
      title.appendChild(link);
    } else {
      title.textContent = properties.name || "";
      title.tabIndex = -1;
    }
    box.appendChild(title);
    var detail = [properties.kind, properties.address].filter(Boolean).join(" · ");
    if (detail) {
      var line = document.createElement("p");
      line.className = "portal-map__popup-line";
      line.textContent = detail;
      box.appendChild(line);
    }
    return box;
  }

  function showWithoutMap(element, note) {
    element.hidden = true;
    if (note) {
      note.hidden = true;
    }
    var wrapper = element.parentNode;
    var skip = wrapper.querySelector("[data-map-skip]");
    if (skip) {
      skip.hidden = true;
    }
    var noTiles = wrapper.querySelector("[data-map-no-tiles]");
    if (noTiles) {
      noTiles.hidden = false;
    }
  }

  function iconOf(layer) {
    return layer.getElement ? layer.getElement() : null;
  }

  // Markers outside the visible area leave the tab order, so Tab never lands on a
  // place the person cannot see.
  function updateTabOrder(map, markers) {
    var visible = map.getBounds();
    markers.forEach(function (marker) {
      var icon = iconOf(marker);
      if (icon) {
        icon.tabIndex = visible.contains(marker.getLatLng()) ? 0 : -1;
      }
    });
  }

  function wirePopups(map, element) {
    var closeLabel = element.getAttribute("data-close") || "";

    map.on("popupopen", function (event) {
      var container = event.popup.getElement();
      var close = container.querySelector(".leaflet-popup-close-button");
      if (close && closeLabel) {
        close.setAttribute("aria-label", closeLabel);
        close.title = closeLabel;
      }
      var first = container.querySelector(
        ".leaflet-popup-content a, .leaflet-popup-content [tabindex]"
      );
      if (first) {
        first.focus({ preventScroll: true });
      }
    });

    map.on("popupclose", function (event) {
      var container = event.popup.getElement();
      var active = document.activeElement;
      var source = event.popup._source;
      var icon = source && iconOf(source);
      var focusWasInside =
        !active ||
        active === document.body ||
        active === icon ||
        (container && container.contains(active));
      if (icon && focusWasInside) {
        icon.focus({ preventScroll: true });
      }
    });

    // Leaflet closes a popup on Escape only while the map box itself has the focus;
    // this covers the marker and the popup's own link and button too.
    element.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !map._popup || !map.hasLayer(map._popup)) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      map.closePopup();
    });
  }

  function setUp(element) {
    var urls = (element.getAttribute("data-map-layers") || "").split(" ").filter(Boolean);
    if (!urls.length) {
      return;
    }
    var wrapper = element.parentNode;
    var note = wrapper.querySelector(".portal-map__note:not([data-map-no-tiles])");
    var tileUrl = element.getAttribute("data-tile-url");
    if (!tileUrl) {
      showWithoutMap(element, note);
      return;
    }
    element.hidden = false;
    if (note) {
      note.hidden = false;
    }
    var skip = wrapper.querySelector("[data-map-skip]");
    if (skip) {
      skip.hidden = false;
    }
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.getAttribute("data-label") || "");

    var map = L.map(element, {
      scrollWheelZoom: false,
      keyboard: true,
      zoomControl: false,
      zoomAnimation: !reducedMotion,
      fadeAnimation: !reducedMotion,
      markerZoomAnimation: !reducedMotion,
      inertia: !reducedMotion,
    });
    if (reducedMotion) {
      // Popups pan the map into view with panBy, animated unless told otherwise.
      var panBy = map.panBy;
      map.panBy = function (offset, options) {
        return panBy.call(this, offset, L.extend({}, options, { animate: false }));
      };
    }
    L.control
      .zoom({
        zoomInTitle: element.getAttribute("data-zoom-in") || "+",
        zoomOutTitle: element.getAttribute("data-zoom-out") || "−",
      })
      .addTo(map);
    map.attributionControl.setPrefix(false);

    var tiles = L.tileLayer(tileUrl, {
      attribution: element.getAttribute("data-tile-attribution") || "",
      maxZoom: 19,
    });
    var tileLoaded = false;
    var removed = false;
    tiles.on("tileload", function () {
      tileLoaded = true;
    });
    // The tile server cannot be reached (offline, blocked): no grey box, the line.
    tiles.on("tileerror", function () {
      if (!tileLoaded && !removed) {
        removed = true;
        map.remove();
        showWithoutMap(element, note);
      }
    });
    tiles.addTo(map);

    var bounds = L.latLngBounds([]);
    var markers = [];

    var loads = urls.map(function (url) {
      return fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (collection) {
          var layer = L.geoJSON(collection, {
            style: function () {
              return { className: "portal-map__area", weight: 2, fillOpacity: 0.08 };
            },
            pointToLayer: function (feature, latlng) {
              var marker = L.marker(latlng, {
                icon: markerIcon(feature),
                title: feature.properties.name,
                alt: feature.properties.name,
                keyboard: true,
                riseOnHover: true,
              });
              markers.push(marker);
              return marker;
            },
            onEachFeature: function (feature, featureLayer) {
              if (feature.geometry && feature.geometry.type === "Point") {
                featureLayer.bindPopup(popupContent(feature));
              }
            },
          }).addTo(map);
          if (layer.getLayers().length) {
            bounds.extend(layer.getBounds());
          }
        });
    });

    wirePopups(map, element);

    Promise.allSettled(loads).then(function () {
      if (removed) {
        return;
      }
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
        updateTabOrder(map, markers);
        map.on("moveend zoomend", function () {
          updateTabOrder(map, markers);
        });
        element.setAttribute("data-map-ready", "");
      } else {
        // Nothing to show: the list next to the map says so already.
        removed = true;
        map.remove();
        element.hidden = true;
        if (note) {
          note.hidden = true;
        }
        if (skip) {
          skip.hidden = true;
        }
      }
    });
  }

  document.querySelectorAll(".portal-map[data-map-layers]").forEach(setUp);
})();
