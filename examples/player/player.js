/* readarticle player: plays the audio `readarticle` wrote and shows the article from its timings
 * JSON, highlighting the sentence and the word being read. No dependencies, no build step: copy
 * index.html, player.css and player.js next to the audio and the JSON. */
(function () {
  'use strict';

  var SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var ICON_PLAY = 'M3 1.5v13L14 8z', ICON_PAUSE = 'M3 2h3.5v12H3zM9.5 2H13v12H9.5z';
  var BLOCK_ENDS = { paragraph: 'p', heading: 'h2', list: 'li' };

  var root = document.getElementById('ra-player');
  if (!root) return;
  var audio = root.querySelector('.ra-audio');
  var ui = {
    play: root.querySelector('.ra-play'),
    playText: root.querySelector('.ra-play-text'),
    icon: root.querySelector('.ra-icon'),
    prev: root.querySelector('.ra-prev'),
    next: root.querySelector('.ra-next'),
    speed: root.querySelector('.ra-speed'),
    seek: root.querySelector('.ra-seek'),
    time: root.querySelector('.ra-time'),
    status: root.querySelector('.ra-status'),
    text: root.querySelector('.ra-text')
  };
  var sentences = [];  /* {start, end, el, words: [{start, end, el}]} in time order */
  var words = [];      /* every word with a place in the text, in time order */
  var current = { s: -1, w: -1 };
  var frame = 0;

  /* A file named by ?audio= or ?timings= in the page's address, when it is on this site. */
  function source(name, fallback) {
    var value = new URLSearchParams(window.location.search).get(name);
    if (!value) return fallback;
    try {
      var url = new URL(value, window.location.href);
      return url.origin === window.location.origin ? url.href : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function say(message, isError) {
    ui.status.textContent = message;
    ui.status.classList.toggle('ra-error', !!isError);
  }

  /* 0:05, 1:18, 1:02:03 */
  function clock(t) {
    t = Math.max(0, Math.floor(t || 0));
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    var mm = h ? String(m).padStart(2, '0') : String(m);
    return (h ? h + ':' : '') + mm + ':' + String(s).padStart(2, '0');
  }

  /* "1 phút 5 giây", for screen readers on the position slider */
  function spokenClock(t) {
    t = Math.max(0, Math.floor(t || 0));
    var m = Math.floor(t / 60), s = t % 60;
    return (m ? m + ' phút ' : '') + s + ' giây';
  }

  function duration() {
    if (isFinite(audio.duration) && audio.duration > 0) return audio.duration;
    return sentences.length ? sentences[sentences.length - 1].end : 0;
  }

  /* The last item starting at or before t (items sorted by start), or -1. */
  function lastStartingBy(items, t) {
    var lo = 0, hi = items.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (items[mid].start <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /* One sentence as a span, each word of it that can be found in its text as a span inside. */
  function sentenceElement(s, index, own) {
    var shown = s.shown != null ? s.shown : s.text;
    var el = document.createElement('span');
    el.className = 'ra-s';
    el.dataset.index = String(index);
    var at = 0;
    own.forEach(function (w) {
      var text = w.shown != null ? w.shown : w.text;
      var found = text ? shown.indexOf(text, at) : -1;
      if (found < 0) return;       /* read, but not written as such: no place to highlight */
      el.appendChild(document.createTextNode(shown.slice(at, found)));
      var span = document.createElement('span');
      span.className = 'ra-w';
      span.textContent = text;
      if (w.spoken && w.spoken.toLowerCase() !== text.toLowerCase()) span.title = 'Đọc là: ' + w.spoken;
      span.dataset.index = String(words.length);
      el.appendChild(span);
      words.push({ start: w.start, end: w.end, el: span });
      at = found + text.length;
    });
    el.appendChild(document.createTextNode(shown.slice(at)));
    return el;
  }

  /* The words of each sentence, by time: a word goes with the last sentence begun by its start,
   * except that one clamped to the very end of its sentence stays there. (Bytes alone would not
   * do: the article finder may read a page's date line after the lead that follows it.) */
  function wordsBySentence(data) {
    var ss = data.sentences, out = ss.map(function () { return []; });
    var i = 0;
    function holds(s, w) {
      return w.byte_start >= s.byte_start && w.byte_end <= s.byte_end && w.start <= s.end;
    }
    data.words.forEach(function (w) {
      while (i + 1 < ss.length && w.start >= ss[i + 1].start && !holds(ss[i], w)) i++;
      if (out.length) out[i].push(w);
    });
    return out;
  }

  /* Paragraphs, headings and list items rebuilt from what ends each sentence. */
  function render(data) {
    var own = wordsBySentence(data);
    var block = null, list = null;
    data.sentences.forEach(function (s, i) {
      if (!block) block = document.createElement('span');
      if (block.childNodes.length && s.ends !== 'none') block.appendChild(document.createTextNode(' '));
      var el = sentenceElement(s, i, own[i]);
      block.appendChild(el);
      sentences.push({ start: s.start, end: s.end, el: el });
      var tag = BLOCK_ENDS[s.ends] || (i === data.sentences.length - 1 ? 'p' : null);
      if (!tag) return;
      var node = document.createElement(tag);
      while (block.firstChild) node.appendChild(block.firstChild);
      if (tag === 'li') {
        if (!list) { list = document.createElement('ul'); ui.text.appendChild(list); }
        list.appendChild(node);
      } else {
        list = null;
        ui.text.appendChild(node);
      }
      block = null;
    });
  }

  function mark(list, index, key) {
    var old = current[key];
    if (old === index) return false;
    if (old >= 0 && list[old]) {
      list[old].el.classList.remove('ra-current');
      list[old].el.removeAttribute('aria-current');
    }
    if (index >= 0) {
      list[index].el.classList.add('ra-current');
      if (key === 's') list[index].el.setAttribute('aria-current', 'true');
    }
    current[key] = index;
    return true;
  }

  /* Highlights what is being read at time t: the sentence until the next begins (its pause
   * included), the word only while it is spoken. */
  function show(t) {
    var s = lastStartingBy(sentences, t);
    var w = lastStartingBy(words, t);
    if (w >= 0 && t >= words[w].end) w = -1;
    if (mark(sentences, s, 's') && s >= 0 && !audio.paused) follow(sentences[s].el);
    mark(words, w, 'w');
    var total = duration();
    ui.seek.max = String(total);
    ui.seek.value = String(t);
    ui.seek.setAttribute('aria-valuetext', spokenClock(t) + ' trên ' + spokenClock(total));
    ui.time.textContent = clock(t) + ' / ' + clock(total);
  }

  /* Keeps the sentence being read in view without jumping when it already is. */
  function follow(el) {
    var r = el.getBoundingClientRect();
    if (r.top >= 0 && r.bottom <= window.innerHeight) return;
    var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  }

  function tick() {
    show(audio.currentTime);
    frame = audio.paused ? 0 : window.requestAnimationFrame(tick);
  }

  function playing(on) {
    ui.icon.firstElementChild.setAttribute('d', on ? ICON_PAUSE : ICON_PLAY);
    ui.playText.textContent = on ? 'Tạm dừng' : 'Phát';
    ui.play.setAttribute('aria-label', on ? 'Tạm dừng đọc' : 'Phát: nghe bài viết');
    if (on && current.s >= 0) follow(sentences[current.s].el);
    if (on && !frame) frame = window.requestAnimationFrame(tick);
  }

  function toggle() {
    if (audio.paused) {
      var p = audio.play();
      if (p && p.catch) p.catch(function () { say('Không phát được tệp âm thanh.', true); });
    } else {
      audio.pause();
    }
  }

  function seekTo(t, andPlay) {
    audio.currentTime = Math.max(0, Math.min(t, duration()));
    show(audio.currentTime);
    if (andPlay && audio.paused) toggle();
  }

  /* Back to the start of this sentence, or to the one before when it has just begun. */
  function previous() {
    var i = Math.max(0, current.s);
    if (i > 0 && audio.currentTime - sentences[i].start < 1.5) i--;
    if (sentences[i]) seekTo(sentences[i].start, false);
  }

  function next() {
    var i = current.s + 1;
    if (i < sentences.length) seekTo(sentences[i].start, false);
  }

  function setSpeed(value) {
    var rate = Number(value);
    if (SPEEDS.indexOf(rate) < 0) rate = 1;
    audio.playbackRate = rate;
    audio.defaultPlaybackRate = rate;
    if ('preservesPitch' in audio) audio.preservesPitch = true;
    ui.speed.value = String(rate);
    try { window.localStorage.setItem('readarticle-speed', String(rate)); } catch (e) { /* private mode */ }
  }

  function wire() {
    ui.play.addEventListener('click', toggle);
    ui.prev.addEventListener('click', previous);
    ui.next.addEventListener('click', next);
    ui.speed.addEventListener('change', function () { setSpeed(ui.speed.value); });
    ui.seek.addEventListener('input', function () { seekTo(Number(ui.seek.value), false); });
    ui.text.addEventListener('click', function (ev) {
      var el = ev.target.closest && ev.target.closest('.ra-s');
      if (el && sentences[Number(el.dataset.index)]) seekTo(sentences[Number(el.dataset.index)].start, true);
    });
    audio.addEventListener('play', function () { playing(true); });
    audio.addEventListener('pause', function () { playing(false); show(audio.currentTime); });
    audio.addEventListener('ended', function () { playing(false); say('Đã đọc hết bài.'); });
    audio.addEventListener('seeked', function () { show(audio.currentTime); });
    audio.addEventListener('timeupdate', function () { if (audio.paused) show(audio.currentTime); });
    audio.addEventListener('loadedmetadata', function () { show(audio.currentTime); });
    audio.addEventListener('error', function () { say('Không tải được tệp âm thanh.', true); });
    var saved = null;
    try { saved = window.localStorage.getItem('readarticle-speed'); } catch (e) { /* private mode */ }
    setSpeed(saved || ui.speed.value);
  }

  function ready(data) {
    if (!data || !Array.isArray(data.sentences) || !Array.isArray(data.words))
      throw new Error('not a readarticle timings file');
    render(data);
    [ui.play, ui.prev, ui.next, ui.seek].forEach(function (b) { b.disabled = false; });
    say('');
    show(0);
    root.classList.add('ra-ready');
  }

  wire();
  var timings = source('timings', root.dataset.timings);
  audio.src = source('audio', root.dataset.audio);
  fetch(timings)
    .then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + r.statusText);
      return r.json();
    })
    .then(ready)
    .catch(function (e) {
      say('Không tải được nội dung bài đọc (' + e.message + ').', true);
    });
})();
