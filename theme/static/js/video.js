/* Video facades: nothing is requested from a video provider until the reader presses play.
   Then the player is loaded in an iframe with a title (YouTube through its no-cookie domain).
   Without JavaScript the button stays hidden and the link to the provider's page remains. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-module=video-facade]"), function (facade) {
    var button = facade.querySelector("[data-video-play]");
    button.hidden = false;
    button.addEventListener("click", function () {
      /* Offline, the frame would show the browser's own error page in place of the notice and the link. */
      if (navigator.onLine === false) {
        say(facade.querySelector(".nm-video__notice"), facade.getAttribute("data-text-offline"));
        return;
      }
      var frame = document.createElement("iframe");
      frame.className = "nm-video__frame";
      frame.src = facade.getAttribute("data-embed-url");
      frame.title = facade.getAttribute("data-title");
      frame.width = "640";
      frame.height = "360";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      facade.textContent = "";  /* not replaceChildren: Chrome before 86 and Safari before 14 lack it */
      facade.appendChild(frame);
      facade.classList.add("nm-video__facade--loaded");  /* its focus ring: the frame's own is clipped */
      frame.focus();
    });
  });

  /* A video file that cannot load (no connection) shows greyed controls and nothing else: say why. The
     error comes from its last <source>; once the connection is back the player is reset, and play works. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-module=video-file]"), function (video) {
    var sources = video.querySelectorAll("source");
    if (!sources.length) { return; }
    sources[sources.length - 1].addEventListener("error", function () {
      say(video, video.getAttribute("data-text-offline"));
      window.addEventListener("online", function () { video.load(); }, { once: true });
    });
  });

  /* A message right after `element` (the player, or the facade's notice), read out by screen readers. */
  function say(element, message) {
    var note = element.nextElementSibling;
    if (!note || !note.classList.contains("nm-video__status")) {
      note = document.createElement("p");
      note.className = "nm-video__status";
      note.setAttribute("role", "status");
      element.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
  }
}());
