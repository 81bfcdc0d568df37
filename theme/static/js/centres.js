/* Coordination centres: the filter of the directory and "find the nearest centre".
   Progressive: both are hidden in the HTML and shown only here, so without JavaScript the page
   offers the plain list of provinces instead. Hooked by data-module attributes. */
(function () {
  "use strict";

  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFC").replace(/\s+/g, " ").trim();
  }

  /* What the filter compares: place names as readers spell them differ in spaces and hyphens (Nongkhai, Nong
     Khai), and in the h romanisation adds after k, p and t (Klong Yai, Khlong Yai; Nakorn Panom). The h is
     dropped from three letters typed on: "th" alone would have matched every centre. */
  function matchKey(text) {
    return normalise(text).replace(/[\s\-\u2010-\u2015.'\u2019]/g, "");
  }

  function withoutAspiration(key) {
    return key.replace(/([kpt])h/g, "$1");
  }

  function setUpFilter(box) {
    var input = box.querySelector("[data-filter-input]");
    var status = box.querySelector("[data-filter-status]");
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-text]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
    var provinceLinks = Array.prototype.slice.call(document.querySelectorAll(".nm-directory__province-list a[href^='#']"));
    var counts = Array.prototype.slice.call(document.querySelectorAll("[data-filter-count]"));
    var provinceLists = Array.prototype.slice.call(document.querySelectorAll(".nm-directory__province-list"));
    var mapLinks = Array.prototype.slice.call(document.querySelectorAll(".nm-directory .nm-map__link"));
    /* The names alone (both languages, across the border, other spellings) and the centre's link: the rest of
       an entry ("district", "not yet confirmed") matched whatever was typed. */
    items.forEach(function (item) {
      var link = item.querySelector("a");
      item.filterText = matchKey(item.getAttribute("data-filter-text") + " " + (link ? link.textContent : ""));
      item.filterLoose = withoutAspiration(item.filterText);
    });
    function apply() {
      var query = matchKey(input.value);
      var loose = query.length >= 3;
      var shown = 0;
      items.forEach(function (item) {
        var match = !query || (loose ? item.filterLoose.indexOf(withoutAspiration(query)) !== -1
          : item.filterText.indexOf(query) !== -1);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-text]:not([hidden])");
      });
      /* A province the filter hides is left out of the list of provinces too: its link led nowhere. */
      provinceLinks.forEach(function (link) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        link.parentNode.hidden = Boolean(target && target.hidden);
      });
      /* A border none of whose provinces is shown loses its heading in the list of provinces too. */
      provinceLists.forEach(function (list) {
        var empty = !list.querySelector("li:not([hidden])");
        list.hidden = empty;
        if (list.previousElementSibling) { list.previousElementSibling.hidden = empty; }
      });
      /* The map shows the centres shown, no others: with all 44 points in the way, the first centre found was
         46 Tab presses from the filter, and "0 of 44 centres shown" stood above 44 points. */
      var shownPages = {};
      items.forEach(function (item) {
        var link = item.querySelector("a");
        if (!item.hidden && link) { shownPages[link.getAttribute("href")] = true; }
      });
      mapLinks.forEach(function (link) {
        link.style.display = shownPages[link.getAttribute("href")] ? "" : "none";
      });
      /* The counts beside each province and border are of the centres shown: "Nong Khai (3)" above one. */
      counts.forEach(function (count) {
        var section = document.getElementById(count.getAttribute("data-filter-count"));
        if (section) { count.textContent = section.querySelectorAll("[data-filter-text]:not([hidden])").length; }
      });
      /* Nothing found: what to try, not "0 of 44 centres shown" run into it. */
      status.textContent = !query ? "" : shown ? status.getAttribute("data-text-count")
        .replace("{count}", shown).replace("{total}", items.length) : status.getAttribute("data-text-none");
    }
    input.addEventListener("input", apply);
    box.hidden = false;
  }

  /* Great-circle distance in kilometres (haversine). */
  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function setUpNearest(section) {
    var button = section.querySelector("[data-nearest-button]");
    var result = section.querySelector("[data-nearest-result]");
    var lang = section.getAttribute("data-lang");
    var count = parseInt(section.getAttribute("data-count"), 10) || 5;
    var text = function (name) { return section.getAttribute("data-text-" + name); };
    var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });

    function say(message) {
      result.textContent = "";
      var paragraph = document.createElement("p");
      paragraph.textContent = message;
      result.appendChild(paragraph);
    }

    /* Without the reader's location or the list: the message, and where to choose a district instead. */
    function sayWithList(message) {
      say(message + " ");
      var link = document.createElement("a");
      link.href = section.getAttribute("data-list-url");
      link.textContent = text("list");
      result.firstChild.appendChild(link);
    }

    /* The centre's page on this site, whatever host centres.json was written for (a preview, a staging host). */
    function local(url) {
      var address = new URL(url, window.location.href);
      return address.pathname + address.search + address.hash;
    }

    function show(position, centres) {
      var here = position.coords;
      var nearest = centres.map(function (centre) {
        return { centre: centre, km: distanceKm(here.latitude, here.longitude, centre.lat, centre.lon) };
      }).sort(function (a, b) { return a.km - b.km; }).slice(0, count);
      say(text("result"));
      var list = document.createElement("ol");
      list.className = "nm-nearest__list";
      nearest.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = local(entry.centre.url[lang]);
        link.textContent = entry.centre.name[lang];
        item.appendChild(link);
        /* A district no public source names is marked here as in the directory and on its page. */
        var note = entry.centre.confirmed ? "" : ", " + text("unconfirmed");
        /* A no-break space: "39 | กม." was broken across two lines. */
        item.appendChild(document.createTextNode(" (" + number.format(entry.km) + "\u00a0" + text("km") + note + ")"));
        list.appendChild(item);
      });
      result.appendChild(list);
    }

    /* Busy while the location is found: aria-disabled, not disabled, which would drop the keyboard focus
       (to the page itself) just as the results are announced. */
    function busy(state) {
      if (state) { button.setAttribute("aria-disabled", "true"); } else { button.removeAttribute("aria-disabled"); }
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-disabled") === "true") { return; }
      if (!navigator.geolocation) { sayWithList(text("denied")); return; }
      busy(true);
      say(text("locating"));
      navigator.geolocation.getCurrentPosition(function (position) {
        fetch(section.getAttribute("data-centres-url"))
          .then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.json();
          })
          .then(function (data) { show(position, data.centres); })
          .catch(function () { sayWithList(text("failed")); })
          .then(function () { busy(false); });
      }, function () {
        sayWithList(text("denied"));
        busy(false);
      }, { maximumAge: 600000, timeout: 20000 });
    });
    section.hidden = false;
  }

  /* Map: the name of the point under the pointer or keyboard focus, drawn after every point so that none
     covers it, and kept inside the map. Without this script each point shows its own name, which a
     point drawn after it can cover. */
  function setUpMapNames(svg) {
    var name = document.createElementNS("http://www.w3.org/2000/svg", "text");
    name.setAttribute("class", "nm-map__name nm-map__name--shown");
    name.setAttribute("aria-hidden", "true");
    name.style.display = "none";
    svg.appendChild(name);
    svg.classList.add("nm-map__svg--one-name");
    function show(event) {
      var link = event.target.closest ? event.target.closest(".nm-map__link") : null;
      var own = link ? link.querySelector(".nm-map__name") : null;
      if (!own) { return; }
      name.textContent = own.textContent;
      name.setAttribute("x", own.getAttribute("x"));
      name.setAttribute("y", own.getAttribute("y"));
      name.style.display = "";
      var box = name.getBBox();
      var width = svg.viewBox.baseVal.width;
      var x = Number(own.getAttribute("x"));
      x += Math.max(0, -box.x) - Math.max(0, box.x + box.width - width);
      name.setAttribute("x", String(x));
    }
    function hide() { name.style.display = "none"; }
    /* The name can cover other points: Escape puts it away without moving the focus (WCAG 1.4.13). */
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
    svg.addEventListener("focusin", show);
    svg.addEventListener("mouseover", show);
    svg.addEventListener("focusout", hide);
    svg.addEventListener("mouseleave", hide);
  }

  var modules = { "centre-filter": setUpFilter, "nearest-centre": setUpNearest, "map-names": setUpMapNames };
  Array.prototype.forEach.call(document.querySelectorAll("[data-module]"), function (element) {
    var setUp = modules[element.getAttribute("data-module")];
    if (setUp) { setUp(element); }
  });
}());
