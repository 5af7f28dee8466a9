// Maps on the public pages, as progressive enhancement: every map has a list or table
// of the same places next to it, and without JavaScript (or without Leaflet) the map
// simply stays hidden. Layers are GeoJSON from the portal's own endpoints, named in
// data-map-layers; the tile layer is optional (data-tile-url), so a map without tiles
// still shows boundaries and places. No inline styles: Leaflet sets its positions
// through the CSSOM, which the Content Security Policy allows.
(function () {
  "use strict";

  if (!window.L || !window.fetch) {
    return;
  }

  function markerIcon(feature) {
    var heart = feature.properties && feature.properties.is_heart;
    return L.divIcon({
      className: "portal-map__marker" + (heart ? " portal-map__marker--heart" : ""),
      iconSize: [22, 22],
      iconAnchor: [11, 11],
      popupAnchor: [0, -12],
      html: "",
    });
  }

  function popupContent(feature, linkLabel) {
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

  function setUp(element) {
    var urls = (element.getAttribute("data-map-layers") || "").split(" ").filter(Boolean);
    if (!urls.length) {
      return;
    }
    element.hidden = false;
    var note = element.parentNode.querySelector(".portal-map__note");
    if (note) {
      note.hidden = false;
    }
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.getAttribute("data-label") || "");

    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    map.attributionControl.setPrefix(false);
    var tileUrl = element.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        attribution: element.getAttribute("data-tile-attribution") || "",
        maxZoom: 19,
      }).addTo(map);
    }
    var bounds = L.latLngBounds([]);
    var linkLabel = element.getAttribute("data-link-label") || "";

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
              return L.marker(latlng, {
                icon: markerIcon(feature),
                title: feature.properties.name,
                alt: feature.properties.name,
                keyboard: true,
                riseOnHover: true,
              });
            },
            onEachFeature: function (feature, featureLayer) {
              if (feature.geometry && feature.geometry.type === "Point") {
                featureLayer.bindPopup(popupContent(feature, linkLabel));
              }
            },
          }).addTo(map);
          if (layer.getLayers().length) {
            bounds.extend(layer.getBounds());
          }
        });
    });

    Promise.allSettled(loads).then(function () {
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
      } else {
        // Nothing to show: the list next to the map says so already.
        map.remove();
        element.hidden = true;
        if (note) {
          note.hidden = true;
        }
      }
    });
  }

  document.querySelectorAll(".portal-map[data-map-layers]").forEach(setUp);
})();
