// The guestbook's script, served by the Assets JWSGI application: a live character counter.
// The page works without it; the server checks every limit again.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("text");
  const count = document.getElementById("count");
  if (!text || !count) {
    return;
  }
  const update = () => {
    count.value = String([...text.value].length);
  };
  text.addEventListener("input", update);
  update();
  document.documentElement.dataset.script = "ready";
});
