/* Video facades: nothing is requested from a video provider until the reader presses play.
   Then the player is loaded in an iframe with a title (YouTube through its no-cookie domain).
   Without JavaScript the button stays hidden and the link to the provider's page remains. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-module=video-facade]"), function (facade) {
    var button = facade.querySelector("[data-video-play]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.className = "nm-video__frame";
      frame.src = facade.getAttribute("data-embed-url");
      frame.title = facade.getAttribute("data-title");
      frame.width = "640";
      frame.height = "360";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      facade.replaceChildren(frame);
      facade.classList.add("nm-video__facade--loaded");  /* its focus ring: the frame's own is clipped */
      frame.focus();
    });
  });
}());
