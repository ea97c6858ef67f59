// The presenter view: a second window kept in step with the lecture page. The page stays the
// one that plays; this window shows where it stands, what the next press plays, the notes,
// a timer and an overview, and sends the page its steps. Offline: nothing is fetched.
(function () {
  "use strict";

  var CHANNEL = "relu-anim-lecture";
  var data = JSON.parse(document.getElementById("presenter-data").textContent);
  var scenes = data.scenes;
  var seen = {};
  var state = null;
  var peer = window.opener || null;
  var channel = window.BroadcastChannel ? new BroadcastChannel(CHANNEL) : null;

  function $(selector) {
    return document.querySelector(selector);
  }

  // To the lecture page: its window (works from file://) and the channel (a reloaded page
  // is found again); each message has an id, so neither path makes it act twice.
  function send(message) {
    message.app = CHANNEL;
    message.id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    if (peer) {
      try {
        if (!peer.closed) peer.postMessage(message, "*");
      } catch (error) {
        // The page's window is gone: the channel may still reach a new one.
      }
    }
    if (channel) channel.postMessage(message);
  }

  function receive(message, source) {
    if (!message || message.app !== CHANNEL || seen[message.id]) return;
    seen[message.id] = true;
    if (message.type !== "state" || !message.scene) return;
    if (source) peer = source;
    state = message;
    show();
  }

  if (channel) {
    channel.onmessage = function (event) {
      receive(event.data, null);
    };
  }
  window.addEventListener("message", function (event) {
    receive(event.data, event.source);
  });

  function sceneIndex(name) {
    for (var i = 0; i < scenes.length; i++) {
      if (scenes[i].name === name) return i;
    }
    return -1;
  }

  // Which beat (scene index, beat index) the next press plays, or null at the very end.
  function following(si, done, playing) {
    var scene = scenes[si];
    var index = playing !== null ? playing + 1 : done;
    if (index < scene.beats.length) return [si, index];
    return si + 1 < scenes.length ? [si + 1, 0] : null;
  }

  function where(si, bi) {
    var scene = scenes[si];
    return "Scene " + scene.number + ", beat " + (bi + 1) + " of " + scene.beats.length + ": " +
      scene.beats[bi].title;
  }

  function picture(img, si, bi) {
    if (si === null) {
      img.hidden = true;
      img.removeAttribute("src");
      return;
    }
    var beat = scenes[si].beats[bi];
    img.hidden = false;
    img.src = beat.frame;
    img.alt = "Last frame of beat " + (bi + 1) + ", " + beat.title + ": " + beat.caption;
  }

  function show() {
    var si = sceneIndex(state.scene);
    if (si < 0) return;
    var scene = scenes[si];
    var shown = Math.max(0, Math.min(scene.beats.length - 1, state.shown || 0));
    var beat = scene.beats[shown];
    var how = state.playing !== null ? "playing" :
      state.done > shown ? "paused at its end" : "at its start";
    $(".presenter-link").textContent = "In step with the lecture page. " + scene.title;
    $(".now-where").textContent = where(si, shown) + " (" + how + ")";
    // Standing at a beat's start, the screen shows the beat before's last frame (nothing
    // the pack holds at a scene's very start), not the frame this beat will end on.
    var before = state.playing === null && state.done <= shown;
    picture($(".now-frame"), before && shown === 0 ? null : si, before ? shown - 1 : shown);
    $(".now-caption").textContent = beat.caption;
    $(".now-notes").textContent = beat.notes || "No notes for this beat.";
    var next = following(si, state.done, state.playing);
    if (next) {
      var nextBeat = scenes[next[0]].beats[next[1]];
      $(".next-where").textContent = (next[0] !== si ? "Next scene. " : "") +
        where(next[0], next[1]);
      picture($(".next-frame"), next[0], next[1]);
      $(".next-caption").textContent = nextBeat.caption;
      // Under "Notes for it" only notes: a caption there reads as a note to say aloud.
      $(".next-notes").textContent = nextBeat.notes || "No notes for this beat.";
    } else {
      $(".next-where").textContent = "The end of the lecture.";
      picture($(".next-frame"), null, 0);
      $(".next-caption").textContent = "";
      $(".next-notes").textContent = "";
    }
    Array.prototype.forEach.call(document.querySelectorAll(".overview button"), function (b) {
      var here = b.dataset.scene === state.scene && Number(b.dataset.beat) === shown;
      if (here) {
        b.setAttribute("aria-current", "true");
      } else {
        b.removeAttribute("aria-current");
      }
    });
    var hash = "#/" + state.scene + "/" + state.done;
    if (window.location.hash !== hash) history.replaceState(null, "", hash);
  }

  // Until the page answers, ask again: it may be loading, or reloaded.
  function greet() {
    if (state) return;
    send({type: "hello"});
    setTimeout(greet, 700);
  }

  // The timer runs from this window's opening; pause and reset are the lecturer's.
  var started = Date.now();
  var pausedAt = null;
  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function tick() {
    var now = pausedAt === null ? Date.now() : pausedAt;
    var seconds = Math.floor((now - started) / 1000);
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor(seconds / 60) % 60;
    $(".timer").textContent = (hours ? hours + ":" + two(minutes) : minutes) + ":" +
      two(seconds % 60);
    var clock = new Date();
    $(".clock").textContent = two(clock.getHours()) + ":" + two(clock.getMinutes());
  }
  $(".timer-pause").addEventListener("click", function () {
    if (pausedAt === null) {
      pausedAt = Date.now();
    } else {
      started += Date.now() - pausedAt;
      pausedAt = null;
    }
    this.setAttribute("aria-pressed", pausedAt === null ? "false" : "true");
    this.textContent = pausedAt === null ? "Pause timer" : "Resume timer";
    tick();
  });
  $(".timer-reset").addEventListener("click", function () {
    started = Date.now();
    if (pausedAt !== null) pausedAt = started;
    tick();
  });

  var overview = document.getElementById("overview");
  var toggle = $(".overview-toggle");
  function showOverview(on) {
    overview.hidden = !on;
    toggle.setAttribute("aria-expanded", on ? "true" : "false");
    if (on) {
      var here = overview.querySelector("button[aria-current=true]") ||
        overview.querySelector("button");
      if (here) here.focus();
    }
  }
  toggle.addEventListener("click", function () {
    showOverview(overview.hidden);
  });
  Array.prototype.forEach.call(overview.querySelectorAll("button"), function (button) {
    button.addEventListener("click", function () {
      send({type: "goto", scene: button.dataset.scene, beat: Number(button.dataset.beat)});
      showOverview(false);
    });
  });
  $(".presenter-back").addEventListener("click", function () {
    send({type: "previous"});
  });
  $(".presenter-forward").addEventListener("click", function () {
    send({type: "next"});
  });

  // The clicker may be pointed at this window: its keys step the lecture page.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    var onButton = event.target.tagName === "BUTTON";
    if (key === "PageDown" || key === "ArrowRight" || (key === " " && !onButton)) {
      send({type: "next"});
    } else if (key === "PageUp" || key === "ArrowLeft") {
      send({type: "previous"});
    } else if (key === "o" || key === "O") {
      showOverview(overview.hidden);
    } else if (key === "Escape" && !overview.hidden) {
      showOverview(false);
    } else {
      return;
    }
    event.preventDefault();
  });

  window.presenterView = {
    state: function () {
      return state;
    }
  };
  tick();
  setInterval(tick, 500);
  greet();
})();
