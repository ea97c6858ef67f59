// The lecture page's behaviour. It reads the data embedded in the page, fetches nothing, and
// computes no maths: times, curves and readouts all come from relu-anim's numeric core.
(function () {
  "use strict";

  // Within this many seconds of a beat boundary, the video counts as standing on it.
  var NEAR = 0.1;
  // Where a stepped beat pauses: just inside its end, so its own last frame is on screen.
  var INSIDE = 0.001;
  var STEP_KEYS = ["ArrowRight", "ArrowLeft", " ", "PageDown", "PageUp", "f", "F"];

  var data = JSON.parse(document.getElementById("lecture-data").textContent);

  function say(player, text) {
    var status = player.querySelector(".status");
    if (status) status.textContent = text;
  }

  // A cue's text is WebVTT markup (<b>, <c>, &amp;): escaped, a caption shows as written,
  // the same text the pack's .vtt file holds.
  function cueText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Captions from the embedded cues: a <track src> would be refused on file:// pages.
  function addCaptions(video, scene, player) {
    var track = video.addTextTrack("captions", "English", "en");
    scene.beats.forEach(function (beat) {
      var cue = new VTTCue(beat.start, beat.end, cueText(beat.caption));
      cue.id = beat.name;
      track.addCue(cue);
    });
    track.mode = "hidden";
    var toggle = player.querySelector(".captions-toggle");
    function show(on) {
      track.mode = on ? "showing" : "hidden";
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      show(track.mode !== "showing");
    });
    // The browser's own captions menu changes the mode too; keep the button in step.
    video.textTracks.addEventListener("change", function () {
      toggle.setAttribute("aria-pressed", track.mode === "showing" ? "true" : "false");
    });
    return track;
  }

  function Stepper(video, scene, player) {
    this.video = video;
    this.scene = scene;
    this.player = player;
    this.bounds = [scene.beats[0].start].concat(
      scene.beats.map(function (beat) {
        return beat.end;
      })
    );
    this.stopAt = null;
    this.early = 0.75 / (scene.fps || 30);
    this.timer = null;
    // Pauses the page asked for; their "pause" events arrive later and must not cancel a
    // beat that has started since.
    this.ownPauses = 0;
    var self = this;
    video.addEventListener("pause", function () {
      if (self.ownPauses > 0) {
        self.ownPauses -= 1;
      } else {
        self.cancel(); // the viewer paused: stop stepping
      }
    });
    video.addEventListener("ended", function () {
      self.cancel();
    });
  }

  Stepper.prototype.seek = function (time) {
    this.video.currentTime = time;
  };

  Stepper.prototype.pause = function () {
    if (!this.video.paused) {
      this.ownPauses += 1;
      this.video.pause();
    }
  };

  Stepper.prototype.cancel = function () {
    this.stopAt = null;
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  };

  Stepper.prototype.beatAt = function (time) {
    var beats = this.scene.beats;
    for (var i = 0; i < beats.length; i++) {
      if (time < beats[i].end) return i;
    }
    return beats.length - 1;
  };

  Stepper.prototype.check = function () {
    if (this.stopAt === null) return;
    var video = this.video;
    if (video.currentTime > this.stopAt + 0.5) {
      // The viewer jumped past the beat's end (the scrubber): let the video play on.
      this.cancel();
      return;
    }
    if (video.currentTime >= this.stopAt - this.early || video.ended) {
      var stop = this.stopAt;
      this.cancel();
      this.pause();
      this.seek(Math.max(0, stop - INSIDE));
      var index = this.beatAt(stop - INSIDE);
      say(this.player, "Paused at the end of beat " + (index + 1) + " of " +
        this.scene.beats.length + ": " + this.scene.beats[index].title + ".");
    }
  };

  Stepper.prototype.watch = function () {
    var self = this;
    if (this.timer === null) {
      this.timer = setInterval(function () {
        self.check();
      }, 10);
    }
    if (this.video.requestVideoFrameCallback) {
      var onFrame = function () {
        self.check();
        if (self.stopAt !== null) self.video.requestVideoFrameCallback(onFrame);
      };
      this.video.requestVideoFrameCallback(onFrame);
    }
  };

  Stepper.prototype.playTo = function (stop) {
    this.stopAt = stop;
    var index = this.beatAt(stop - INSIDE);
    say(this.player, "Playing beat " + (index + 1) + " of " + this.scene.beats.length + ": " +
      this.scene.beats[index].title + ".");
    this.watch();
    var self = this;
    var playing = this.video.play();
    if (playing && playing.catch) {
      playing.catch(function () {
        self.cancel();
      });
    }
  };

  // → / Space: play the next beat and pause at its end.
  Stepper.prototype.next = function () {
    var t = this.video.currentTime;
    var bounds = this.bounds;
    var k = bounds.findIndex(function (b) {
      return b > t + NEAR;
    });
    if (k < 0) {
      say(this.player, "End of the video.");
      return;
    }
    if (!this.video.paused && this.stopAt === null) {
      // Playing freely: skip to the start of the next beat and play that one.
      if (k + 1 >= bounds.length) {
        this.cancel();
        this.pause();
        this.seek(bounds[k] - INSIDE);
        return;
      }
      this.seek(bounds[k]);
      k += 1;
    } else if (this.stopAt !== null) {
      // Already playing a beat: move on to the one after it.
      this.seek(this.stopAt);
      if (k + 1 < bounds.length && bounds[k] <= this.stopAt + NEAR) k += 1;
    }
    this.playTo(bounds[k]);
  };

  // ←: back one beat (to the end of the beat before), paused.
  Stepper.prototype.previous = function () {
    this.cancel();
    this.pause();
    var t = this.video.currentTime;
    var k = 0;
    for (var i = 0; i < this.bounds.length; i++) {
      if (this.bounds[i] < t - NEAR) k = i;
    }
    this.seek(k === 0 ? this.bounds[0] : this.bounds[k] - INSIDE);
    var index = k === 0 ? 0 : this.beatAt(this.bounds[k]);
    say(this.player, "Before beat " + (index + 1) + " of " + this.scene.beats.length + ": " +
      this.scene.beats[index].title + ".");
  };

  function toggleFullScreen(video) {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (video.requestFullscreen) {
      video.requestFullscreen();
    }
  }

  // Keys the page leaves alone: with a modifier, or Space on a button (which presses it).
  function ownKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return true;
    return event.key === " " && event.target.tagName === "BUTTON";
  }

  function setUpPlayer(scene) {
    var video = document.getElementById("video-" + scene.name);
    var player = video.closest(".player");
    addCaptions(video, scene, player);
    var stepper = new Stepper(video, scene, player);
    video.stepper = stepper;

    player.addEventListener("keydown", function (event) {
      if (ownKey(event)) return;
      var key = event.key;
      if (key === "ArrowRight" || key === " " || key === "PageDown") {
        stepper.next();
      } else if (key === "ArrowLeft" || key === "PageUp") {
        stepper.previous();
      } else if (key === "f" || key === "F") {
        toggleFullScreen(video);
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    }, true);
    // The browser's own video keys (Space toggles play, arrows seek) act on keyup and
    // keypress too, at the video itself: the page takes them first (capture) and keeps them.
    ["keyup", "keypress"].forEach(function (type) {
      player.addEventListener(type, function (event) {
        if (ownKey(event)) return;
        if (STEP_KEYS.indexOf(event.key) >= 0) {
          event.preventDefault();
          event.stopPropagation();
        }
      }, true);
    });
    player.querySelector(".fullscreen").addEventListener("click", function () {
      toggleFullScreen(video);
    });

    var buttons = Array.prototype.slice.call(player.querySelectorAll("nav.beats button"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var beat = scene.beats[Number(button.dataset.beat)];
        stepper.cancel();
        stepper.seek(beat.start);
        say(player, "Beat " + (Number(button.dataset.beat) + 1) + ": " + beat.title +
          ". Press → to play it.");
      });
    });
    var current = -1;
    function mark() {
      var index = stepper.beatAt(video.currentTime);
      if (index === current) return;
      current = index;
      buttons.forEach(function (button, i) {
        if (i === index) {
          button.setAttribute("aria-current", "true");
        } else {
          button.removeAttribute("aria-current");
        }
      });
    }
    video.addEventListener("timeupdate", mark);
    video.addEventListener("seeked", mark);
    mark();
  }

  // The companion: the slider picks a precomputed step; the curve is drawn in the data's own
  // coordinates (the SVG viewBox), so its points are the numeric core's numbers as they are.
  function setUpCompanion(scene) {
    var root = document.getElementById("companion-" + scene.name);
    var data = scene.companion;
    var slider = root.querySelector("input[type=range]");
    var output = root.querySelector("output");
    var curve = root.querySelector("polyline.approximation");
    var dots = root.querySelector("g.dots");
    var readouts = root.querySelector("dl.readouts");
    var svgNS = "http://www.w3.org/2000/svg";

    function show(index) {
      var step = data.steps[index];
      curve.setAttribute("points", step.x.map(function (x, i) {
        return x + "," + step.y[i];
      }).join(" "));
      while (dots.firstChild) dots.removeChild(dots.firstChild);
      step.dots.forEach(function (dot) {
        var line = document.createElementNS(svgNS, "line");
        line.setAttribute("x1", dot[0]);
        line.setAttribute("y1", dot[1]);
        line.setAttribute("x2", dot[0]);
        line.setAttribute("y2", dot[1]);
        line.setAttribute("vector-effect", "non-scaling-stroke");
        dots.appendChild(line);
      });
      readouts.textContent = "";
      step.readouts.forEach(function (pair) {
        var dt = document.createElement("dt");
        dt.textContent = pair[0];
        var dd = document.createElement("dd");
        dd.textContent = pair[1];
        readouts.appendChild(dt);
        readouts.appendChild(dd);
      });
      output.textContent = step.label;
      slider.setAttribute("aria-valuetext", step.label);
    }
    slider.addEventListener("input", function () {
      show(Number(slider.value));
    });
    show(Number(slider.value));
  }

  var THEMES = ["automatic", "light", "dark"];
  function setUpTheme() {
    var button = document.getElementById("theme-toggle");
    var saved = null;
    try {
      saved = window.localStorage.getItem("relu-anim-theme");
    } catch (error) {
      saved = null;
    }
    function apply(name) {
      if (name === "automatic") {
        document.documentElement.removeAttribute("data-theme");
      } else {
        document.documentElement.setAttribute("data-theme", name);
      }
      button.textContent = "Theme: " + name;
    }
    var current = THEMES.indexOf(saved) >= 0 ? saved : "automatic";
    apply(current);
    button.addEventListener("click", function () {
      current = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length];
      apply(current);
      try {
        window.localStorage.setItem("relu-anim-theme", current);
      } catch (error) {
        // Private windows may refuse storage; the choice then lasts for this visit.
      }
    });
  }

  function setUpCopyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
      button.addEventListener("click", function () {
        var code = button.parentElement.querySelector("code.snippet");
        var done = function () {
          button.textContent = "Copied";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(code.textContent).then(done, function () {
            selectText(code);
          });
        } else {
          selectText(code);
          button.textContent = "Selected: press Ctrl+C";
        }
      });
    });
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  data.scenes.forEach(function (scene) {
    if (!scene.available) return;
    setUpPlayer(scene);
    if (scene.companion) setUpCompanion(scene);
  });
  setUpTheme();
  setUpCopyButtons();
})();
