// The lecture page's behaviour. It reads the data embedded in the page, fetches nothing but
// its own videos (and those only from a server that cannot seek in them), and computes no
// maths: times, curves and readouts all come from relu-anim's numeric core.
(function () {
  "use strict";

  // Within this many seconds of a beat boundary, the video counts as standing on it.
  var NEAR = 0.1;
  // Where a stepped beat pauses: just inside its end, so its own last frame is on screen.
  var INSIDE = 0.001;
  // Where a jump to a beat lands: just inside its start. A browser keeps times in whole
  // microseconds, so the start itself can read back as the beat before's end.
  var AFTER = 0.0005;
  var STEP_KEYS = ["ArrowRight", "ArrowLeft", " ", "PageDown", "PageUp", "f", "F"];
  var CHANNEL = "relu-anim-lecture";

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
    // One cue per subtitle cue of the beat (a long caption is cut into several).
    scene.beats.forEach(function (beat) {
      beat.cues.forEach(function (timed, number) {
        var cue = new VTTCue(timed[0], timed[1], cueText(timed[2]));
        cue.id = number ? beat.name + "-" + (number + 1) : beat.name;
        track.addCue(cue);
      });
    });
    track.mode = "hidden";
    var toggle = player.querySelector(".captions-toggle");
    var line = player.querySelector(".caption-line");
    var wanted = false;
    // Presenting, the captions stand under the picture: over it they hide its axis labels,
    // as the browser's control bar would. A hidden track still tells which cues are on.
    function render() {
      var under = wanted && deck.presenting && line !== null;
      track.mode = wanted && !under ? "showing" : "hidden";
      toggle.setAttribute("aria-pressed", wanted ? "true" : "false");
      if (!line) return;
      line.hidden = !under;
      line.textContent = under ? Array.prototype.map.call(track.activeCues || [], function (cue) {
        return cue.getCueAsHTML().textContent;
      }).join("\n") : "";
    }
    toggle.addEventListener("click", function () {
      wanted = !wanted;
      render();
    });
    track.addEventListener("cuechange", render);
    // The browser's own captions menu changes the mode too (it has none while presenting).
    video.textTracks.addEventListener("change", function () {
      if (!deck.presenting) wanted = track.mode === "showing";
      toggle.setAttribute("aria-pressed", wanted ? "true" : "false");
    });
    return render;
  }

  // A narrated video's sound on and off; the captions stay as the viewer set them.
  function addMute(video, player) {
    var toggle = player.querySelector(".sound-toggle");
    if (!toggle) return;
    function shown() {
      toggle.setAttribute("aria-pressed", video.muted ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      video.muted = !video.muted;
      shown();
    });
    // The browser's own controls mute too; keep the button in step.
    video.addEventListener("volumechange", shown);
    shown();
  }

  // Whether the video can jump anywhere. A server that ignores byte ranges (Python's
  // http.server) leaves a video seekable only at 0: every jump would land on 0:00.
  function seeksAnywhere(video) {
    var seekable = video.seekable;
    if (!(video.duration > 0) || seekable.length === 0) return false;
    return seekable.start(0) <= 0.05 && seekable.end(seekable.length - 1) >= video.duration - 0.05;
  }

  function Stepper(video, scene, player) {
    this.video = video;
    this.scene = scene;
    this.player = player;
    this.count = scene.beats.length;
    this.bounds = [scene.beats[0].start].concat(
      scene.beats.map(function (beat) {
        return beat.end;
      })
    );
    this.stopAt = null;
    this.playing = null; // the beat being stepped through
    this.shown = 0; // the beat on screen, as the beat list marks it
    this.early = 0.75 / (scene.fps || 30);
    this.timer = null;
    this.pending = null; // what to do once the video can seek
    this.whole = "";  // "", "loading", "loaded" or "failed": the video fetched into memory
    this.lastSeek = null;
    this.listeners = [];
    // Pauses the page asked for; their "pause" events arrive later and must not cancel a
    // beat that has started since.
    this.ownPauses = 0;
    var self = this;
    video.addEventListener("pause", function () {
      if (self.ownPauses > 0) {
        self.ownPauses -= 1;
      } else {
        self.cancel(); // the viewer paused: stop stepping
        self.changed();
      }
    });
    video.addEventListener("ended", function () {
      self.cancel();
      self.changed();
    });
    video.addEventListener("loadedmetadata", function () {
      self.settle();
    });
    video.addEventListener("timeupdate", function () {
      if (!video.paused && self.stopAt === null) self.show(self.beatAt(video.currentTime));
    });
    video.addEventListener("seeked", function () {
      // A jump the viewer made (the scrubber), not one of the page's own.
      if (self.lastSeek === null || Math.abs(video.currentTime - self.lastSeek) > 0.01) {
        self.show(self.beatAt(video.currentTime + AFTER));
        self.changed();
      }
    });
  }

  Stepper.prototype.onChange = function (listener) {
    this.listeners.push(listener);
  };

  Stepper.prototype.changed = function () {
    var self = this;
    this.listeners.forEach(function (listener) {
      listener(self);
    });
  };

  Stepper.prototype.show = function (index) {
    this.shown = index;
    var buttons = this.player.querySelectorAll("nav.beats button");
    Array.prototype.forEach.call(buttons, function (button, i) {
      if (i === index) {
        button.setAttribute("aria-current", "true");
      } else {
        button.removeAttribute("aria-current");
      }
    });
    var where = this.player.querySelector(".where");
    if (where) {
      where.textContent = "Beat " + (index + 1) + " of " + this.count + ": " +
        this.scene.beats[index].title;
    }
  };

  // Run ``action`` once the video can seek: at once, or after its metadata arrives, or after
  // the whole video has been fetched into memory (a server without byte ranges).
  Stepper.prototype.ready = function (action) {
    if (this.whole === "failed") {
      this.sayNoSeeking();
      return;
    }
    if (this.video.readyState >= 1 && seeksAnywhere(this.video)) {
      action();
      return;
    }
    this.pending = action;
    if (this.video.readyState >= 1) this.fetchWhole();
  };

  Stepper.prototype.settle = function () {
    if (seeksAnywhere(this.video)) {
      if (this.whole === "loading") this.whole = "loaded";
      var action = this.pending;
      this.pending = null;
      if (action) action();
      return;
    }
    this.player.setAttribute("data-seeking", "whole");
    if (this.pending) {
      this.fetchWhole();
    } else if (this.whole === "") {
      say(this.player, "This web server cannot jump within videos (it does not answer byte " +
        "ranges), so the video is loaded whole before its beats are stepped.");
    }
  };

  Stepper.prototype.prepare = function () {
    if (this.video.readyState >= 1 && !seeksAnywhere(this.video)) this.fetchWhole();
  };

  // A video held in memory (a Blob) can seek anywhere, whatever the server did.
  Stepper.prototype.fetchWhole = function () {
    if (this.whole !== "") return;
    var self = this;
    var source = this.video.querySelector("source");
    var url = source ? source.src : this.video.currentSrc;
    if (!window.fetch || !url || !/^https?:$/.test(window.location.protocol)) {
      this.fail("this browser cannot load it whole");
      return;
    }
    this.whole = "loading";
    say(this.player, "This web server cannot jump within videos (it does not answer byte " +
      "ranges): loading the video whole so its beats can be stepped…");
    fetch(url).then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.blob();
    }).then(function (blob) {
      self.video.src = URL.createObjectURL(blob);
      say(self.player, "The video is loaded whole: its beats can be stepped.");
    }).catch(function (error) {
      self.fail(String(error && error.message || error));
    });
  };

  Stepper.prototype.fail = function (why) {
    this.whole = "failed";
    this.pending = null;
    this.player.setAttribute("data-seeking", "none");
    this.sayNoSeeking(why);
  };

  Stepper.prototype.sayNoSeeking = function (why) {
    say(this.player, "Stepping by beat cannot work here: this web server cannot jump within " +
      "videos (it does not answer byte ranges)" + (why ? ", and " + why : "") + ". Open " +
      "index.html from the folder itself, or serve it with a server that answers ranges.");
  };

  Stepper.prototype.seek = function (time) {
    this.lastSeek = time;
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
    this.playing = null;
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

  // How many beats are behind the video: 0 at the start, the count at the end.
  Stepper.prototype.position = function () {
    if (this.playing !== null) return this.playing;
    var t = this.video.currentTime;
    var done = 0;
    for (var i = 1; i < this.bounds.length; i++) {
      if (this.bounds[i] <= t + NEAR) done = i;
    }
    return done;
  };

  Stepper.prototype.atStart = function () {
    return this.playing === null && this.video.paused &&
      this.video.currentTime < this.bounds[0] + NEAR;
  };

  Stepper.prototype.atEnd = function () {
    if (this.playing !== null) return this.playing === this.count - 1;
    return this.video.currentTime > this.bounds[this.count] - NEAR;
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
      this.show(index);
      say(this.player, "Paused at the end of beat " + (index + 1) + " of " + this.count + ": " +
        this.scene.beats[index].title + ".");
      this.changed();
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

  // Play beat ``index`` from where the video stands and pause at its end.
  Stepper.prototype.playBeat = function (index) {
    this.stopAt = this.bounds[index + 1];
    this.playing = index;
    this.show(index);
    say(this.player, "Playing beat " + (index + 1) + " of " + this.count + ": " +
      this.scene.beats[index].title + ".");
    this.watch();
    this.changed();
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
    var self = this;
    this.ready(function () {
      self.stepOn();
    });
  };

  Stepper.prototype.stepOn = function () {
    var video = this.video;
    if (this.playing !== null) {
      // Already playing a beat: move on to the one after it.
      var after = this.playing + 1;
      this.cancel();
      if (after >= this.count) {
        this.finish();
        return;
      }
      this.seek(this.bounds[after]);
      this.playBeat(after);
      return;
    }
    var t = video.currentTime;
    var index = this.bounds.findIndex(function (b) {
      return b > t + NEAR;
    }) - 1;
    if (index < 0) {
      this.finish();
      return;
    }
    if (!video.paused) {
      // Playing freely: skip to the start of the next beat and play that one.
      if (index + 1 >= this.count) {
        this.finish();
        return;
      }
      index += 1;
      this.seek(this.bounds[index]);
    }
    this.playBeat(index);
  };

  Stepper.prototype.finish = function () {
    this.cancel();
    this.pause();
    this.seek(this.bounds[this.count] - INSIDE);
    this.show(this.count - 1);
    say(this.player, "End of the video.");
    this.changed();
  };

  // Stand ``done`` beats in, paused: at the start, or at the end of beat ``done``.
  Stepper.prototype.goTo = function (done) {
    var self = this;
    this.ready(function () {
      self.cancel();
      self.pause();
      done = Math.max(0, Math.min(self.count, done));
      self.seek(done === 0 ? self.bounds[0] : self.bounds[done] - INSIDE);
      var index = Math.max(0, done - 1);
      self.show(index);
      say(self.player, done === 0 ? "At the start: " + (self.count) + " beats to go." :
        "Paused at the end of beat " + done + " of " + self.count + ": " +
        self.scene.beats[index].title + ".");
      self.changed();
    });
  };

  // A beat from the list: stand at its start, paused, ready to play it.
  Stepper.prototype.jumpTo = function (index) {
    var self = this;
    this.ready(function () {
      self.cancel();
      self.pause();
      self.seek(self.scene.beats[index].start + AFTER);
      self.show(index);
      say(self.player, "Beat " + (index + 1) + ": " + self.scene.beats[index].title +
        ". Press → or Page Down to play it.");
      self.changed();
    });
  };

  // ← / Page Up: back one beat (to the end of the beat before), paused.
  Stepper.prototype.previous = function () {
    var self = this;
    this.ready(function () {
      var playing = self.playing;
      var t = self.video.currentTime;
      if (playing !== null) {
        self.goTo(playing);
        return;
      }
      var done = self.position();
      var onBoundary = Math.abs(t - self.bounds[done] + (done === 0 ? 0 : INSIDE)) < NEAR;
      self.goTo(onBoundary ? done - 1 : done);
    });
  };

  function toggleFullScreen(element) {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (element.requestFullscreen) {
      element.requestFullscreen();
    }
  }

  // The lecture as one deck: a clicker steps through every beat of every scene in turn.
  var deck = {
    steppers: [],
    index: -1,
    presenting: false,
    channel: null,
    peers: [],
    seen: {},

    add: function (stepper) {
      var self = this;
      this.steppers.push(stepper);
      stepper.onChange(function (changed) {
        if (self.steppers[self.index] === changed) self.publish();
      });
    },

    current: function () {
      if (this.index >= 0) return this.steppers[this.index];
      // Before any player was used: the one most in view, else the first.
      var best = null;
      var bestShown = 0;
      this.steppers.forEach(function (stepper) {
        var box = stepper.video.getBoundingClientRect();
        var shown = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
        if (shown > bestShown) {
          best = stepper;
          bestShown = shown;
        }
      });
      return best || this.steppers[0];
    },

    use: function (stepper, bringIntoView) {
      var index = this.steppers.indexOf(stepper);
      if (index !== this.index) {
        var before = this.steppers[this.index];
        if (before) {
          before.cancel();
          before.pause();
        }
        this.index = index;
      }
      if (bringIntoView) {
        stepper.player.closest("section.scene").scrollIntoView({block: "start"});
        stepper.video.focus({preventScroll: true});
      }
      // The next scene's video, loaded whole in time if the server needs that.
      var next = this.steppers[index + 1];
      if (next) next.prepare();
      stepper.prepare();
    },

    next: function () {
      var stepper = this.current();
      if (!stepper) return;
      var index = this.steppers.indexOf(stepper);
      if (stepper.atEnd() && stepper.playing === null && index + 1 < this.steppers.length) {
        var following = this.steppers[index + 1];
        this.use(following, true);
        following.ready(function () {
          following.seek(following.bounds[0]);
          following.playBeat(0);
        });
        return;
      }
      this.use(stepper, false);
      stepper.next();
    },

    previous: function () {
      var stepper = this.current();
      if (!stepper) return;
      var index = this.steppers.indexOf(stepper);
      if (stepper.atStart() && index > 0) {
        var before = this.steppers[index - 1];
        this.use(before, true);
        before.goTo(before.count);
        return;
      }
      this.use(stepper, false);
      stepper.previous();
    },

    goTo: function (name, done, atStartOf) {
      var stepper = this.steppers.find(function (s) {
        return s.scene.name === name;
      });
      if (!stepper) return;
      this.use(stepper, true);
      if (atStartOf !== undefined) {
        stepper.jumpTo(atStartOf);
      } else {
        stepper.goTo(done);
      }
    },

    state: function () {
      var stepper = this.steppers[this.index] || this.current();
      if (!stepper) return null;
      return {
        type: "state",
        scene: stepper.scene.name,
        done: stepper.position(),
        shown: stepper.shown,
        playing: stepper.playing,
        presenting: this.presenting
      };
    },

    publish: function () {
      var state = this.state();
      if (!state) return;
      var hash = "#/" + state.scene + "/" + state.done;
      if (this.index >= 0 && window.location.hash !== hash) {
        history.replaceState(null, "", hash);
      }
      this.send(state);
    },

    // To the presenter view: its window (works from file://) and a BroadcastChannel (a
    // reloaded presenter finds the page again); messages carry ids, so none acts twice.
    send: function (message) {
      message.app = CHANNEL;
      message.id = Math.random().toString(36).slice(2) + Date.now().toString(36);
      this.peers.forEach(function (peer) {
        try {
          if (!peer.closed) peer.postMessage(message, "*");
        } catch (error) {
          // A closed or navigated-away window: the channel still reaches it if it returns.
        }
      });
      if (this.channel) this.channel.postMessage(message);
    },

    receive: function (message, source) {
      if (!message || message.app !== CHANNEL || this.seen[message.id]) return;
      this.seen[message.id] = true;
      if (source && this.peers.indexOf(source) < 0) this.peers.push(source);
      if (message.type === "hello") {
        this.setPresenting(true);
        this.send(this.state() || {type: "state"});
      } else if (message.type === "next") {
        this.next();
      } else if (message.type === "previous") {
        this.previous();
      } else if (message.type === "goto") {
        this.goTo(message.scene, message.done, message.beat);
      }
    },

    listen: function () {
      var self = this;
      if (window.BroadcastChannel) {
        this.channel = new BroadcastChannel(CHANNEL);
        this.channel.onmessage = function (event) {
          self.receive(event.data, null);
        };
      }
      window.addEventListener("message", function (event) {
        self.receive(event.data, event.source);
      });
    },

    // Presenting: no browser control bar over the frame (it hides axis labels on a paused
    // frame); the page's own buttons under the video step, and full screen takes them along.
    setPresenting: function (on) {
      this.presenting = on;
      document.body.classList.toggle("presenting", on);
      this.steppers.forEach(function (stepper) {
        if (on) {
          stepper.video.removeAttribute("controls");
        } else {
          stepper.video.setAttribute("controls", "");
        }
        stepper.renderCaptions();
      });
      var button = document.getElementById("present-toggle");
      if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
      var url = new URL(window.location.href);
      if (on) {
        url.searchParams.set("present", "");
      } else {
        url.searchParams.delete("present");
      }
      history.replaceState(null, "", url.pathname + url.search.replace("present=", "present") +
        url.hash);
    },

    openPresenter: function () {
      this.setPresenting(true);
      var peer = window.open("presenter.html" + window.location.hash, "relu-anim-presenter",
        "width=1200,height=800");
      if (peer && this.peers.indexOf(peer) < 0) this.peers.push(peer);
    }
  };

  // Keys the page leaves alone: with a modifier, Space on a button (which presses it), and
  // anything typed into a control of its own (a slider moves with arrows and Page keys).
  function ownKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return true;
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return true;
    return event.key === " " && (tag === "BUTTON" || tag === "SUMMARY" || tag === "A");
  }

  function setUpPlayer(scene) {
    var video = document.getElementById("video-" + scene.name);
    var player = video.closest(".player");
    var figure = video.closest("figure");
    var captions = addCaptions(video, scene, player);
    addMute(video, player);
    var stepper = new Stepper(video, scene, player);
    stepper.renderCaptions = captions;
    video.stepper = stepper;
    deck.add(stepper);

    function fullScreen() {
      // Presenting, the page's own controls go full screen with the video.
      toggleFullScreen(deck.presenting ? figure : video);
    }

    player.addEventListener("keydown", function (event) {
      if (ownKey(event)) return;
      var key = event.key;
      if (key === "ArrowRight" || key === " " || key === "PageDown") {
        deck.use(stepper, false);
        deck.next();
      } else if (key === "ArrowLeft" || key === "PageUp") {
        deck.use(stepper, false);
        deck.previous();
      } else if (key === "f" || key === "F") {
        fullScreen();
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
    // A click on the picture steps, as → does (the browser would start playing the whole
    // video, and the next click of the clicker would skip the rest of beat 1). Clicks on the
    // browser's control bar, at the bottom, still work its buttons.
    video.addEventListener("click", function (event) {
      var box = video.getBoundingClientRect();
      if (video.hasAttribute("controls") && event.clientY > box.bottom - 48) return;
      event.preventDefault();
      deck.use(stepper, false);
      deck.next();
    });
    video.addEventListener("focus", function () {
      deck.use(stepper, false);
    });
    player.querySelector(".fullscreen").addEventListener("click", fullScreen);
    var back = player.querySelector(".step-back");
    if (back) {
      back.addEventListener("click", function () {
        deck.use(stepper, false);
        deck.previous();
      });
    }
    var forward = player.querySelector(".step-next");
    if (forward) {
      forward.addEventListener("click", function () {
        deck.use(stepper, false);
        deck.next();
      });
    }

    var buttons = Array.prototype.slice.call(player.querySelectorAll("nav.beats button"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        deck.use(stepper, false);
        stepper.jumpTo(Number(button.dataset.beat));
        // Space and the clicker now step the video, not this button again.
        video.focus({preventScroll: true});
      });
    });
    var section = player.closest("section.scene");
    Array.prototype.forEach.call(section.querySelectorAll(".transcript button"), function (b) {
      b.addEventListener("click", function () {
        deck.use(stepper, false);
        stepper.jumpTo(Number(b.dataset.beat));
        video.focus({preventScroll: true});
      });
    });
    stepper.show(0);
    return stepper;
  }

  // The clicker works before any player has focus: Page Down and Page Up anywhere but in a
  // text field or slider step the lecture instead of scrolling it; so do → ← and Space when
  // nothing on the page has focus.
  function setUpClicker() {
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || ownKey(event) || !deck.steppers.length) return;
      var key = event.key;
      var idle = event.target === document.body || event.target === document.documentElement;
      var forward = key === "PageDown" || (idle && (key === "ArrowRight" || key === " "));
      var backward = key === "PageUp" || (idle && key === "ArrowLeft");
      if (!forward && !backward) return;
      event.preventDefault();
      var stepper = deck.current();
      if (deck.index < 0) deck.use(stepper, true);
      if (forward) {
        deck.next();
      } else {
        deck.previous();
      }
    });
  }

  // A URL per beat: "#/square/3" stands three beats into Square; a reload resumes there.
  function resumeFromHash() {
    var match = /^#\/([^/]+)\/(\d+)$/.exec(window.location.hash);
    if (!match) return;
    deck.goTo(decodeURIComponent(match[1]), Number(match[2]));
  }

  // The companion: the slider picks a precomputed step; the curve is drawn in the data's own
  // coordinates (the SVG viewBox), so its points are the numeric core's numbers as they are.
  // When the video is stepped, the companion shows the net the video shows at the end of the
  // beat on screen (data.beats, by beat name), and says which net it draws.
  function setUpCompanion(scene, stepper) {
    var root = document.getElementById("companion-" + scene.name);
    var data = scene.companion;
    var slider = root.querySelector("input[type=range]");
    var output = root.querySelector("output");
    var curve = root.querySelector("polyline.approximation");
    var dots = root.querySelector("g.dots");
    var regions = root.querySelector("g.regions");
    var creases = root.querySelector("g.creases");
    var readouts = root.querySelector("dl.readouts");
    var shows = root.querySelector(".companion-shows");
    var legend = root.querySelector(".legend-approximation .legend-text");
    var svgNS = "http://www.w3.org/2000/svg";

    function draw(view) {
      curve.setAttribute("points", view.x.map(function (x, i) {
        return x + "," + view.y[i];
      }).join(" "));
      while (dots.firstChild) dots.removeChild(dots.firstChild);
      view.dots.forEach(function (dot) {
        var line = document.createElementNS(svgNS, "line");
        line.setAttribute("x1", dot[0]);
        line.setAttribute("y1", dot[1]);
        line.setAttribute("x2", dot[0]);
        line.setAttribute("y2", dot[1]);
        line.setAttribute("vector-effect", "non-scaling-stroke");
        dots.appendChild(line);
      });
      if (regions) drawRegions(view);
      readouts.textContent = "";
      view.readouts.forEach(function (pair) {
        var dt = document.createElement("dt");
        dt.textContent = pair[0];
        var dd = document.createElement("dd");
        dd.textContent = pair[1];
        readouts.appendChild(dt);
        readouts.appendChild(dd);
      });
    }

    // Two inputs from above: each region a polygon in one of two shades (neighbours differ,
    // as in the video's top view), and the creases over them.
    function drawRegions(view) {
      while (regions.firstChild) regions.removeChild(regions.firstChild);
      while (creases.firstChild) creases.removeChild(creases.firstChild);
      view.regions.forEach(function (region) {
        var polygon = document.createElementNS(svgNS, "polygon");
        polygon.setAttribute("points", region.points.map(function (p) {
          return p[0] + "," + p[1];
        }).join(" "));
        polygon.setAttribute("fill-opacity", region.opacity);
        regions.appendChild(polygon);
      });
      view.creases.forEach(function (ends) {
        var line = document.createElementNS(svgNS, "line");
        line.setAttribute("x1", ends[0][0]);
        line.setAttribute("y1", ends[0][1]);
        line.setAttribute("x2", ends[1][0]);
        line.setAttribute("y2", ends[1][1]);
        line.setAttribute("vector-effect", "non-scaling-stroke");
        creases.appendChild(line);
      });
    }

    function show(index) {
      var step = data.steps[index];
      draw(step);
      output.textContent = step.label;
      slider.setAttribute("aria-valuetext", step.label);
      root.setAttribute("data-showing", "slider");
      if (legend) legend.textContent = data.legend.approximation;
      if (shows && data.slider_shows) {
        shows.textContent = "Drawn: " + data.slider_shows + ", " + step.label + ".";
      }
    }

    var following = null;
    function follow(changed) {
      if (!data.beats || changed.playing !== null) return;
      var done = changed.position();
      var beat = done > 0 ? scene.beats[done - 1] : null;
      var view = beat ? data.beats[beat.name] : null;
      if (!view || following === beat.name) return;
      following = beat.name;
      draw(view);
      // The slider's own value is not what is drawn now: its label says so.
      output.textContent = "as the video shows at beat " + done;
      root.setAttribute("data-showing", beat.name);
      // The legend names the slider's net; a beat's may be another (one unit, a refit).
      if (legend && data.legend_beats) legend.textContent = data.legend_beats;
      shows.textContent = "Drawn: what the video shows at the end of beat " + done + ", " +
        beat.title + ": " + view.label + ". Move the slider for " + data.slider_shows + ".";
    }
    slider.addEventListener("input", function () {
      following = null;
      show(Number(slider.value));
    });
    show(Number(slider.value));
    if (stepper) stepper.onChange(follow);
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

  function setUpPresenting() {
    var toggle = document.getElementById("present-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        deck.setPresenting(!deck.presenting);
      });
    }
    var open = document.getElementById("presenter-open");
    if (open) {
      open.addEventListener("click", function () {
        deck.openPresenter();
      });
    }
    deck.listen();
    if (new URLSearchParams(window.location.search).has("present")) deck.setPresenting(true);
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
    var stepper = setUpPlayer(scene);
    if (scene.companion) setUpCompanion(scene, stepper);
  });
  window.lectureDeck = deck;
  setUpTheme();
  setUpCopyButtons();
  setUpClicker();
  setUpPresenting();
  resumeFromHash();
  // A beat's address typed or followed while the page is open changes only the hash (no
  // reload); the page's own updates use replaceState, which fires no hashchange.
  window.addEventListener("hashchange", resumeFromHash);
})();
