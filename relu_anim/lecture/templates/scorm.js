// SCORM 1.2 reporting for the lecture page when a learning platform launches it.
// The platform's runtime is window.API in this window, a parent frame or the opener. Without
// one (the page opened from a folder or a web server) this script does nothing.
// Completed: every scene's video has been played over at least 90 % of its length (the
// played ranges, so skipping to the end does not count). Watched scenes are kept in
// cmi.suspend_data, so a learner can stop and come back.
(function () {
  "use strict";
  const SHARE = 0.9;

  function findApi(start) {
    let win = start;
    for (let hops = 0; win && hops < 12; hops += 1) {
      if (win.API) return win.API;
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  let api = null;
  try {
    api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  } catch (error) {
    api = null; // a frame of another origin: not our platform's runtime
  }
  if (!api || String(api.LMSInitialize("")) !== "true") return;

  const started = Date.now();
  const videos = Array.from(document.querySelectorAll("section.scene video"));
  const sceneOf = (video) => video.closest("section.scene").dataset.scene;
  const seen = new Set(
    String(api.LMSGetValue("cmi.suspend_data") || "").split(",").filter(Boolean)
  );
  let status = String(api.LMSGetValue("cmi.core.lesson_status"));
  let finished = false;

  function report(value) {
    if (status === value || status === "completed" || status === "passed") return;
    api.LMSSetValue("cmi.core.lesson_status", value);
    status = value;
  }

  function playedShare(video) {
    if (!Number.isFinite(video.duration) || video.duration <= 0) return 0;
    let total = 0;
    for (let i = 0; i < video.played.length; i += 1) {
      total += video.played.end(i) - video.played.start(i);
    }
    return total / video.duration;
  }

  function update(video) {
    const scene = sceneOf(video);
    if (seen.has(scene) || playedShare(video) < SHARE) return;
    seen.add(scene);
    api.LMSSetValue("cmi.suspend_data", Array.from(seen).join(","));
    api.LMSSetValue("cmi.core.lesson_location", scene);
    const all = videos.every((each) => seen.has(sceneOf(each)));
    report(all ? "completed" : "incomplete");
    api.LMSCommit("");
  }

  function clock(milliseconds) {
    // CMITimespan: HHHH:MM:SS.SS
    const centis = Math.round(milliseconds / 10);
    const hours = Math.floor(centis / 360000);
    const minutes = Math.floor((centis % 360000) / 6000);
    const seconds = (centis % 6000) / 100;
    const pad = (n, width) => String(n).padStart(width, "0");
    return `${pad(hours, 4)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, "0")}`;
  }

  function finish() {
    if (finished) return;
    finished = true;
    api.LMSSetValue("cmi.core.session_time", clock(Date.now() - started));
    api.LMSSetValue("cmi.core.exit", status === "completed" ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }

  report(videos.length && videos.every((each) => seen.has(sceneOf(each)))
    ? "completed" : "incomplete");
  api.LMSCommit("");
  for (const video of videos) {
    for (const type of ["timeupdate", "pause", "ended"]) {
      video.addEventListener(type, () => update(video));
    }
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  window.reluAnimScorm = { finish, seen: () => Array.from(seen) };
})();
