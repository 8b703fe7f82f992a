// sketch-rnn studio: the page's script. Plain JavaScript, no build step, no libraries; everything it
// needs comes from this server. Drawings are kept as absolute strokes ([[x, y], ...] per stroke) in the
// canvas's logical pixels (a 512 x 512 square) and travel to the server as stroke-3 in those pixels.
'use strict';

(function () {
  const SIZE = 512;                 // logical side of every drawing canvas
  const INK = '#1a1a1a';
  const FAINT = '#b9b9b9';
  const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#17becf', '#e377c2', '#8c564b'];
  const ENDING = '#d62728';         // the model's lines on the drawing canvas (one ending at a time)
  const LIVE = '#1f77b4';           // the live guess while the pen is down
  const VARIATION_TEMPERATURES = [0.1, 0.4, 0.7, 1.0];
  const LIVE_INTERVAL_MS = 350;     // at most one live guess per interval while drawing
  const MIN_STEP = 1.5;             // pointer samples closer than this (px) to the last kept one are skipped
  const POINTS_PER_FRAME = 2;       // animation speed: points drawn per frame (about 120 a second)

  const $ = (id) => document.getElementById(id);
  const ui = {
    model: $('model'), modelInfo: $('model-info'), temperature: $('temperature'),
    temperatureValue: $('temperature-value'), status: $('status'),
    pad: $('pad'), endings: $('endings'), redraws: $('redraws'), redrawsTitle: $('redraws-title'),
    endingCount: $('ending-count'), auto: $('auto'), live: $('live'),
    gallery: $('gallery'), galleryCount: $('gallery-count'), viewer: $('viewer'),
    morph: $('morph'), morphNote: $('morph-note'), morphRow: $('morph-row'), steps: $('steps'),
    stepsValue: $('steps-value'), spherical: $('spherical'),
  };

  const app = {
    models: [], limits: null, rdpEpsilon: 3.2,
    finish: { history: [], endings: [], prefix: null, generation: 0, focus: null, shown: 0, live: null },
    redraws: [],
    gallery: { sketches: [], chosen: -1, generation: 0 },
    viewer: { sketch: null, strokes: [], progress: 0, run: 0 },
    morph: { sketches: [], generation: 0 },
  };

  // ---------------------------------------------------------------- stroke-3 and geometry

  const round2 = (v) => Math.round(v * 100) / 100;

  /**
   * Absolute strokes to stroke-3: offsets from the previous point (the first from the origin). With `open`, the
   * last stroke is still being drawn: its last point keeps the pen down.
   */
  function toStroke3(strokes, open = false) {
    const out = [];
    let px = 0, py = 0;
    strokes.forEach((s, k) => {
      s.forEach(([x, y], i) => {
        const lift = i === s.length - 1 && !(open && k === strokes.length - 1);
        out.push([round2(x - px), round2(y - py), lift ? 1 : 0]);
        px = x; py = y;
      });
    });
    return out;
  }

  /** Distance from p to the line through a and b (to a when they coincide), as the server's RDP measures it. */
  function lineDistance(p, a, b) {
    const ex = b[0] - a[0], ey = b[1] - a[1];
    if (ex === 0 && ey === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
    return Math.abs(ex * (a[1] - p[1]) - ey * (a[0] - p[0])) / Math.hypot(ex, ey);
  }

  /** Ramer-Douglas-Peucker on one stroke, iteratively (long strokes would recurse deep). */
  function rdp(points, epsilon) {
    if (points.length < 3) return points.slice();
    const keep = new Uint8Array(points.length);
    keep[0] = 1; keep[points.length - 1] = 1;
    const ranges = [[0, points.length - 1]];
    while (ranges.length) {
      const [first, last] = ranges.pop();
      let dmax = 0, index = -1;
      for (let i = first + 1; i < last; i++) {
        const d = lineDistance(points[i], points[first], points[last]);
        if (d > dmax) { dmax = d; index = i; }
      }
      if (index >= 0 && dmax > epsilon) { keep[index] = 1; ranges.push([index, last], [first, index]); }
    }
    return points.filter((_, i) => keep[i]);
  }

  /**
   * The strokes as the model should read them: simplified as its training data was (Quick, Draw!'s RDP, 2 units in
   * 255, which the server gives in canvas pixels), so a long stroke is a few dozen points, not thousands.
   */
  const simplified = (strokes) => strokes.map((s) => rdp(s, app.rdpEpsilon));

  /** Stroke-3 to absolute strokes, starting from (x0, y0) with the pen up. */
  function toStrokes(s3, x0 = 0, y0 = 0) {
    const strokes = [];
    let current = [];
    let x = x0, y = y0;
    for (const [dx, dy, p] of s3) {
      x += dx; y += dy;
      current.push([x, y]);
      if (p === 1) { strokes.push(current); current = []; }
    }
    if (current.length) strokes.push(current);
    return strokes;
  }

  const countPoints = (strokes) => strokes.reduce((n, s) => n + s.length, 0);

  function bounds(strokeLists) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const strokes of strokeLists) {
      for (const s of strokes) {
        for (const [x, y] of s) {
          minX = Math.min(minX, x); minY = Math.min(minY, y);
          maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
        }
      }
    }
    return minX === Infinity ? null : { minX, minY, maxX, maxY };
  }

  /** A transform that fits the strokes into a side x side square with a margin (never enlarging more than `grow`). */
  function fit(strokeLists, side, margin = 0.08, grow = Infinity) {
    const b = bounds(strokeLists);
    if (!b) return { k: 1, ox: 0, oy: 0 };
    const w = Math.max(b.maxX - b.minX, 1), h = Math.max(b.maxY - b.minY, 1);
    const k = Math.min((side * (1 - 2 * margin)) / Math.max(w, h), grow);
    return { k, ox: side / 2 - k * (b.minX + b.maxX) / 2, oy: side / 2 - k * (b.minY + b.maxY) / 2 };
  }

  const transformed = (strokes, t) => strokes.map((s) => s.map(([x, y]) => [t.ox + t.k * x, t.oy + t.k * y]));

  // ---------------------------------------------------------------- canvas drawing

  /** The canvas's 2D context in logical units (the backing store is scaled for sharp lines). */
  function context(canvas, logical) {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const want = Math.round(logical * ratio);
    if (canvas.width !== want) { canvas.width = want; canvas.height = want; }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(want / logical, 0, 0, want / logical, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    return ctx;
  }

  function clear(ctx, logical) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, logical, logical);
  }

  /** Draws the first `limit` points of the strokes (all by default). Returns how many were drawn. */
  function drawStrokes(ctx, strokes, color, width, limit = Infinity) {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = width;
    let left = limit;
    for (const s of strokes) {
      if (left <= 0) break;
      const n = Math.min(s.length, left);
      left -= n;
      if (n === 1 && s.length === 1) {
        ctx.beginPath();
        ctx.arc(s[0][0], s[0][1], width / 2, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(s[0][0], s[0][1]);
      for (let i = 1; i < n; i++) ctx.lineTo(s[i][0], s[i][1]);
      ctx.stroke();
    }
    return Math.min(limit, countPoints(strokes));
  }

  // ---------------------------------------------------------------- animation

  const animations = new Set();
  let frame = 0;
  /** Runs step() every frame while it returns true. */
  function animate(step) {
    animations.add(step);
    if (!frame) frame = requestAnimationFrame(tick);
  }
  function tick() {
    frame = 0;
    for (const step of [...animations]) {
      let more = false;
      try { more = step(); } catch (e) { console.error(e); }
      if (!more) animations.delete(step);
    }
    if (animations.size) frame = requestAnimationFrame(tick);
  }

  // ---------------------------------------------------------------- the server

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    };
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new Error('the studio server cannot be reached (' + e.message + ')');
    }
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      if (type.startsWith('application/json')) {
        try { message = (await response.json()).error || message; } catch (e) { /* keep the status */ }
      }
      throw new Error(message);
    }
    return type.startsWith('application/json') ? response.json() : response.blob();
  }

  function status(text, error = false) {
    ui.status.textContent = text;
    ui.status.classList.toggle('error', error);
  }

  const model = () => app.models.find((m) => m.id === ui.model.value);

  // A page opened as /?seed=42 asks with seeds 42, 43, 44, ... so that a session can be repeated exactly;
  // otherwise the server picks a fresh seed for every request (and says which).
  const seedParam = new URLSearchParams(window.location.search).get('seed');
  let nextSeed = seedParam !== null && /^\d{1,15}$/.test(seedParam) ? Number(seedParam) : null;
  const seed = () => (nextSeed === null ? {} : { seed: nextSeed++ });
  const temperature = () => Number(ui.temperature.value);

  // ---------------------------------------------------------------- a drawing pad

  /** A canvas one draws on with mouse, pen or touch (Pointer Events). */
  class Pad {
    constructor(canvas, hooks) {
      this.canvas = canvas;
      this.hooks = hooks;
      this.strokes = [];
      this.current = null;
      this.pointer = null;
      this.view = { k: 1, ox: 0, oy: 0 };   // drawing units to canvas pixels (zoomed out when lines leave the canvas)
      canvas.addEventListener('pointerdown', (e) => this.down(e));
      canvas.addEventListener('pointermove', (e) => this.move(e));
      canvas.addEventListener('pointerup', (e) => this.up(e));
      canvas.addEventListener('pointercancel', (e) => this.up(e));
      canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    }

    point(e) {
      const r = this.canvas.getBoundingClientRect();
      const x = (e.clientX - r.left) * SIZE / r.width, y = (e.clientY - r.top) * SIZE / r.height;
      return [round2((x - this.view.ox) / this.view.k), round2((y - this.view.oy) / this.view.k)];
    }

    down(e) {
      if (this.hooks.enabled && !this.hooks.enabled()) return;
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      if (this.current) return;            // a second finger while drawing
      e.preventDefault();
      this.pointer = e.pointerId;
      try { this.canvas.setPointerCapture(e.pointerId); } catch (x) { /* synthetic events */ }
      this.current = [this.point(e)];
      if (this.hooks.start) this.hooks.start();
      this.hooks.redraw();
    }

    move(e) {
      if (!this.current || e.pointerId !== this.pointer) return;
      const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
      for (const ev of events.length ? events : [e]) {
        const p = this.point(ev);
        const last = this.current[this.current.length - 1];
        if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP) this.current.push(p);
      }
      this.hooks.redraw();
      if (this.hooks.moved) this.hooks.moved();
    }

    up(e) {
      if (!this.current || e.pointerId !== this.pointer) return;
      const p = this.point(e);
      const last = this.current[this.current.length - 1];
      if (e.type === 'pointerup' && (p[0] !== last[0] || p[1] !== last[1])) this.current.push(p);
      this.strokes.push(this.current);
      this.current = null;
      this.pointer = null;
      this.hooks.end();
    }

    /** The strokes, with the one being drawn. */
    all() {
      return this.current ? [...this.strokes, this.current] : this.strokes;
    }
  }

  // ---------------------------------------------------------------- finish my drawing

  const finish = app.finish;
  const padCtx = () => context(ui.pad, SIZE);
  const pad = new Pad(ui.pad, {
    start: () => { dropEndings(); clearError(); },
    moved: () => askLive(),
    end: () => {
      finish.live = null;
      finish.history.push(1);
      invalidate('finish');
      drawPad();
      updatePadState();
      if (ui.auto.checked) askEndings();
    },
    redraw: () => drawPad(),
  });

  /** The ending on the canvas: the one whose card the pointer is on, else the chosen one. */
  const shownEnding = () => finish.endings[finish.focus !== null ? finish.focus : finish.shown] || null;

  /**
   * Draws the drawing and one ending (the others are on their cards). When lines would leave the canvas the view
   * zooms out to show them all; it stays put while a stroke is being drawn, so the pen stays under the pointer.
   */
  function drawPad() {
    const ctx = padCtx();
    clear(ctx, SIZE);
    const e = shownEnding();
    const live = finish.live;
    if (!pad.current) {
      const lines = [pad.strokes];
      if (e) lines.push(e.strokes);
      const b = bounds(lines);
      const inside = !b || (b.minX >= 4 && b.minY >= 4 && b.maxX <= SIZE - 4 && b.maxY <= SIZE - 4);
      pad.view = inside ? { k: 1, ox: 0, oy: 0 } : fit(lines, SIZE, 0.04, 1);
    }
    const v = pad.view;
    const zoomed = v.k !== 1 || v.ox !== 0 || v.oy !== 0;
    ui.pad.dataset.zoom = zoomed ? v.k.toFixed(3) : '1';
    if (zoomed) {
      ctx.strokeStyle = '#e4e4e4';
      ctx.lineWidth = 1;
      ctx.strokeRect(v.ox, v.oy, SIZE * v.k, SIZE * v.k);   // where the canvas was before zooming out
    }
    drawStrokes(ctx, transformed(pad.all(), v), INK, 4);
    if (live) {
      ctx.globalAlpha = 0.55;
      drawStrokes(ctx, transformed(live, v), LIVE, 3);
      ctx.globalAlpha = 1;
    }
    if (e) drawStrokes(ctx, transformed(e.strokes, v), ENDING, 3.5, e.progress);
  }

  function clearError() {
    if (ui.status.classList.contains('error')) status('');
  }

  // A live guess while the pen is down: one ending of the drawing so far, at most every LIVE_INTERVAL_MS.
  const live = { busy: false, last: 0, stroke: 0 };
  async function askLive() {
    const m = model();
    if (!ui.live.checked || !m || !pad.current || live.busy || Date.now() - live.last < LIVE_INTERVAL_MS) return;
    const all = pad.all();
    if (countPoints(all) < 2) return;
    live.busy = true;
    live.last = Date.now();
    const stroke = pad.strokes.length;
    try {
      const answer = await api('/api/complete', {
        model: m.id, sketch: toStroke3(simplified(all), true), count: 1, temperature: temperature(), ...seed(),
      });
      if (pad.current && pad.strokes.length === stroke) {
        const [lx, ly] = pad.current[pad.current.length - 1];
        finish.live = toStrokes(answer.sketches[0], lx, ly);
        ui.pad.dataset.live = String(Number(ui.pad.dataset.live || 0) + 1);
        drawPad();
      }
    } catch (e) {
      /* a live guess that fails is simply not shown; the answer when the pen lifts says why */
    } finally {
      live.busy = false;
    }
  }

  function updatePadState(state) {
    const done = finish.endings.filter((e) => e.progress >= e.total).length;
    ui.pad.dataset.endings = String(done);
    ui.pad.dataset.endingPoints = String(finish.endings.reduce((n, e) => n + Math.min(e.progress, e.total), 0));
    ui.pad.dataset.strokes = String(pad.strokes.length);
    if (state) ui.pad.dataset.state = state;
    else if (!pad.strokes.length) ui.pad.dataset.state = 'empty';
  }

  function dropEndings() {
    finish.generation++;
    finish.endings = [];
    finish.prefix = null;
    finish.focus = null;
    finish.shown = 0;
    ui.endings.replaceChildren();
    ui.endings.dataset.count = '0';
    invalidate('finish');
    updatePadState(pad.strokes.length ? 'drawing' : 'empty');
  }

  async function askEndings() {
    const m = model();
    if (!m || !pad.strokes.length) return;
    dropEndings();
    const generation = finish.generation;
    const count = Number(ui.endingCount.value);
    updatePadState('asking');
    status(`Asking ${m.id} for ${count} ending${count > 1 ? 's' : ''}…`);
    let answer;
    try {
      answer = await api('/api/complete', {
        model: m.id, sketch: toStroke3(simplified(pad.strokes)), count, temperature: temperature(), ...seed(),
      });
    } catch (e) {
      if (generation === finish.generation) { updatePadState('error'); status(e.message, true); }
      return;
    }
    if (generation !== finish.generation) return;      // the drawing changed meanwhile
    const lastStroke = pad.strokes[pad.strokes.length - 1];
    const [lx, ly] = lastStroke[lastStroke.length - 1];
    finish.prefix = answer.prefix;
    finish.endings = answer.sketches.map((s3, i) => {
      const strokes = toStrokes(s3, lx, ly);
      return { s3, strokes, color: ENDING, progress: 0, total: countPoints(strokes) };
    });
    buildEndingCards(generation);
    updatePadState('drawing-endings');
    status(`${finish.endings.length} ending${finish.endings.length > 1 ? 's' : ''} from ${m.id} in ${answer.ms} ms`
      + ` (temperature ${answer.temperature}, seed ${answer.seed}). Click a card to see it on your drawing;`
      + ' keep one, ask again, or draw on.');
    animate(() => {
      if (generation !== finish.generation) return false;
      let more = false;
      for (const e of finish.endings) {
        if (e.progress < e.total) { e.progress = Math.min(e.total, e.progress + POINTS_PER_FRAME); more = true; }
      }
      drawPad();
      drawEndingCards();
      updatePadState(more ? 'drawing-endings' : 'done');
      return more;
    });
  }

  function buildEndingCards(generation) {
    const cards = finish.endings.map((e, i) => {
      const card = document.createElement('div');
      card.className = 'card ending';
      card.tabIndex = 0;
      card.setAttribute('aria-pressed', String(i === finish.shown));
      const show = () => {
        if (generation !== finish.generation) return;
        finish.shown = i;
        [...ui.endings.children].forEach((c, k) => c.setAttribute('aria-pressed', String(k === i)));
        drawPad();
      };
      card.addEventListener('click', (ev) => { if (ev.target.tagName !== 'BUTTON') show(); });
      card.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); show(); } });
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-label', 'Ending ' + (i + 1));
      const keep = document.createElement('button');
      keep.type = 'button';
      keep.textContent = 'Keep';
      keep.addEventListener('click', () => { if (generation === finish.generation) keepEnding(i); });
      card.append(canvas, keep);
      if (!e.total) {
        const note = document.createElement('span');
        note.className = 'note';
        note.textContent = 'finished as it is';
        card.insertBefore(note, keep);
      }
      card.addEventListener('pointerenter', () => { finish.focus = i; drawPad(); });
      card.addEventListener('pointerleave', () => { if (finish.focus === i) { finish.focus = null; drawPad(); } });
      e.card = canvas;
      return card;
    });
    ui.endings.replaceChildren(...cards);
    ui.endings.dataset.count = String(cards.length);
    drawEndingCards();
  }

  function drawEndingCards() {
    for (const e of finish.endings) {
      const ctx = context(e.card, 150);
      clear(ctx, 150);
      const t = fit([pad.strokes, e.strokes], 150);
      drawStrokes(ctx, transformed(pad.strokes, t), FAINT, 2);
      drawStrokes(ctx, transformed(e.strokes, t), e.color, 2, e.progress);
    }
  }

  function keepEnding(i) {
    const e = finish.endings[i];
    const kept = e.strokes.filter((s) => s.length);
    pad.strokes.push(...kept);
    finish.history.push(kept.length);
    dropEndings();
    drawPad();
    updatePadState('kept');
    status('Kept that ending: it is part of your drawing now. Draw on, or ask again.');
  }

  $('clear').addEventListener('click', () => {
    pad.strokes = [];
    finish.history = [];
    dropEndings();
    clearRedraws();
    drawPad();
    updatePadState('empty');
    status('Cleared. Start a new drawing.');
  });
  $('undo').addEventListener('click', () => {
    const n = finish.history.pop() || 0;
    pad.strokes.splice(pad.strokes.length - n, n);
    dropEndings();
    drawPad();
    updatePadState(pad.strokes.length ? 'drawing' : 'empty');
    status(pad.strokes.length ? 'Undone. Draw on, or ask again.' : 'The canvas is empty. Start a new drawing.');
  });
  $('again').addEventListener('click', () => {
    if (!pad.strokes.length) { status('Draw something first.'); return; }
    askEndings();
  });

  // The model's own versions of the drawing (reconstruction), for conditional models.
  function clearRedraws() {
    app.redraws = [];
    ui.redraws.replaceChildren();
    ui.redraws.dataset.count = '0';
    ui.redrawsTitle.hidden = true;
  }

  // Variations on my drawing: the model's redrawings of it (encode, then decode) across temperatures, a row each.
  $('reconstruct').addEventListener('click', async () => {
    const m = model();
    if (!m || !pad.strokes.length) { status('Draw something first.'); return; }
    const generation = finish.generation;
    status(`${m.id} is redrawing your drawing at ${VARIATION_TEMPERATURES.length} temperatures…`);
    const sketch = toStroke3(simplified(pad.strokes));
    try {
      const answers = await Promise.all(VARIATION_TEMPERATURES.map((t) => api('/api/reconstruct', {
        model: m.id, sketch, count: 4, temperature: t, ...seed(),
      })));
      if (generation !== finish.generation) return;
      clearRedraws();
      ui.redrawsTitle.hidden = false;
      const views = [];
      answers.forEach((answer, row) => {
        const label = document.createElement('span');
        label.className = 'variation-label';
        label.textContent = 'T ' + VARIATION_TEMPERATURES[row];
        ui.redraws.append(label);
        for (const s3 of answer.sketches) {
          const canvas = document.createElement('canvas');
          canvas.className = 'variation';
          ui.redraws.append(canvas);
          views.push({ canvas, strokes: toStrokes(s3), progress: 0 });
        }
        app.redraws.push(...answer.sketches);
      });
      ui.redraws.dataset.count = String(views.length);
      status(`${views.length} variations from ${m.id}, temperatures ${VARIATION_TEMPERATURES.join(', ')} (a row each).`);
      animateViews(views, 96);
    } catch (e) {
      if (generation === finish.generation) status(e.message, true);
    }
  });

  /** Draws each view's strokes point by point, fitted to its canvas. */
  function animateViews(views, side) {
    for (const v of views) v.total = countPoints(v.strokes);
    animate(() => {
      let more = false;
      for (const v of views) {
        if (!v.canvas.isConnected) continue;
        v.progress = Math.min(v.total, v.progress + POINTS_PER_FRAME);
        more = more || v.progress < v.total;
        const ctx = context(v.canvas, side);
        clear(ctx, side);
        drawStrokes(ctx, transformed(v.strokes, fit([v.strokes], side)), v.color || INK, 2, v.progress);
      }
      return more;
    });
  }

  // ---------------------------------------------------------------- gallery

  async function newSketches() {
    const m = model();
    if (!m) return;
    const generation = ++app.gallery.generation;
    const count = Number(ui.galleryCount.value);
    status(`${m.id} is drawing ${count} new sketches…`);
    let answer;
    try {
      answer = await api('/api/sample', { model: m.id, count, temperature: temperature(), ...seed() });
    } catch (e) {
      if (generation === app.gallery.generation) status(e.message, true);
      return;
    }
    if (generation !== app.gallery.generation) return;
    app.gallery.sketches = answer.sketches;
    invalidate('gallery');
    const cells = answer.sketches.map((s3, i) => {
      const canvas = document.createElement('canvas');
      canvas.tabIndex = 0;
      canvas.setAttribute('aria-label', 'Sketch ' + (i + 1));
      const ctx = context(canvas, 160);
      clear(ctx, 160);
      const strokes = toStrokes(s3);
      drawStrokes(ctx, transformed(strokes, fit([strokes], 160)), INK, 2);
      canvas.addEventListener('click', () => choose(i));
      canvas.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(i); } });
      return canvas;
    });
    ui.gallery.replaceChildren(...cells);
    ui.gallery.dataset.count = String(cells.length);
    status(`${cells.length} sketches from ${m.id} in ${answer.ms} ms (temperature ${answer.temperature},`
      + ` seed ${answer.seed}). Click one to see it drawn.`);
    if (cells.length) choose(0);
  }

  /** Shows a gallery sketch in the viewer, drawn stroke by stroke. */
  function choose(i) {
    app.gallery.chosen = i;
    [...ui.gallery.children].forEach((c, k) => c.classList.toggle('chosen', k === i));
    const s3 = app.gallery.sketches[i];
    const v = app.viewer;
    v.sketch = s3;
    const strokes = toStrokes(s3);
    v.strokes = transformed(strokes, fit([strokes], SIZE, 0.08));
    v.progress = 0;
    invalidate('viewer');
    playViewer();
  }

  function playViewer() {
    const v = app.viewer;
    const run = ++v.run;
    v.progress = 0;
    const total = countPoints(v.strokes);
    animate(() => {
      if (run !== v.run) return false;
      v.progress = Math.min(total, v.progress + 1);
      const ctx = context(ui.viewer, SIZE);
      clear(ctx, SIZE);
      // finished strokes in ink, the stroke being drawn in the accent colour
      let drawn = 0;
      for (const s of v.strokes) {
        const n = Math.min(s.length, v.progress - drawn);
        if (n <= 0) break;
        drawStrokes(ctx, [s], n < s.length ? PALETTE[0] : INK, 4, n);
        drawn += s.length;
      }
      ui.viewer.dataset.points = String(v.progress);
      return v.progress < total;
    });
  }

  $('new-sketches').addEventListener('click', newSketches);
  $('replay').addEventListener('click', () => { if (app.viewer.sketch) playViewer(); });

  // ---------------------------------------------------------------- morph

  const morphPads = ['a', 'b'].map((k) => {
    const canvas = $('morph-' + k);
    const p = new Pad(canvas, {
      enabled: () => ui.morph.dataset.enabled === 'true',
      start: () => { p.picked = null; },
      end: () => drawMorphPad(p),
      redraw: () => drawMorphPad(p),
    });
    p.canvas = canvas;
    $('clear-' + k).addEventListener('click', () => { p.strokes = []; p.picked = null; drawMorphPad(p); });
    return p;
  });

  function drawMorphPad(p) {
    const ctx = context(p.canvas, SIZE);
    clear(ctx, SIZE);
    drawStrokes(ctx, p.all(), INK, 6);
  }

  /**
   * Puts a gallery sketch in a morph box (shrunk to fit when it is larger than the box); the morph uses the
   * sketch itself, at the model's own size, unless one draws more in the box.
   */
  function pickForMorph(k) {
    const s3 = app.viewer.sketch;
    if (!s3) { status('Pick a sketch in the gallery first.'); return; }
    morphPads[k].picked = s3;
    const strokes = toStrokes(s3);
    morphPads[k].strokes = transformed(strokes, fit([strokes], SIZE, 0.06, 1)).map((s) => s.map(([x, y]) => [round2(x), round2(y)]));
    drawMorphPad(morphPads[k]);
    status(`Sketch ${app.gallery.chosen + 1} is the morph's ${k ? 'end' : 'start'}.`
      + (morphPads[1 - k].strokes.length ? ' Open Morph to see the steps between them.' : ''));
  }
  $('pick-a').addEventListener('click', () => pickForMorph(0));
  $('pick-b').addEventListener('click', () => pickForMorph(1));

  ui.steps.addEventListener('input', () => { ui.stepsValue.textContent = ui.steps.value; });

  $('run-morph').addEventListener('click', async () => {
    const m = model();
    if (!m || !m.conditional) return;
    const [a, b] = morphPads;
    if (!a.strokes.length || !b.strokes.length) { status('Draw or pick both drawings first.'); return; }
    const generation = ++app.morph.generation;
    status(`${m.id} is morphing in ${ui.steps.value} steps…`);
    try {
      const answer = await api('/api/interpolate', {
        model: m.id, from: a.picked || toStroke3(a.strokes), to: b.picked || toStroke3(b.strokes),
        steps: Number(ui.steps.value),
        temperature: temperature(), spherical: ui.spherical.checked, ...seed(),
      });
      if (generation !== app.morph.generation) return;
      app.morph.sketches = answer.sketches;
      invalidate('morph');
      const views = answer.sketches.map((s3) => {
        const canvas = document.createElement('canvas');
        return { canvas, strokes: toStrokes(s3), progress: 0 };
      });
      ui.morphRow.replaceChildren(...views.map((v) => v.canvas));
      ui.morphRow.dataset.count = String(views.length);
      animateViews(views, 110);
      status(`Morph of ${views.length} steps from ${m.id} in ${answer.ms} ms.`);
    } catch (e) {
      if (generation === app.morph.generation) status(e.message, true);
    }
  });

  // ---------------------------------------------------------------- downloads

  /** The panels a download of `kind` shows, or null when there is nothing yet. */
  function panels(kind) {
    if (kind === 'finish') {
      if (!pad.strokes.length) return null;
      if (finish.endings.length && finish.prefix) {
        // an ending of no points (the model found the drawing finished) is the drawing alone
        return finish.endings.map((e) => (e.s3.length ? { sketch: finish.prefix, ending: e.s3 }
          : { sketch: finish.prefix, caption: 'finished as it is' }));
      }
      return [{ sketch: toStroke3(pad.strokes) }];
    }
    if (kind === 'gallery') return app.gallery.sketches.length ? app.gallery.sketches.map((s) => ({ sketch: s })) : null;
    if (kind === 'viewer') return app.viewer.sketch ? [{ sketch: app.viewer.sketch }] : null;
    if (kind === 'morph') return app.morph.sketches.length ? app.morph.sketches.map((s) => ({ sketch: s })) : null;
    return null;
  }

  function invalidate(kind) {
    for (const a of document.querySelectorAll(`a.download[data-kind="${kind}"]`)) {
      if (a.dataset.ready === '1') URL.revokeObjectURL(a.href);
      a.href = '#';
      a.removeAttribute('download');
      a.dataset.ready = '0';
    }
  }

  /** Asks the server to draw the picture and points the link at it. */
  async function prepareDownload(a) {
    const kind = a.dataset.kind;
    const format = a.dataset.format;
    const p = panels(kind);
    if (!p) { status('Nothing to download yet.'); return false; }
    const name = kind === 'finish' ? 'my-drawing' : kind === 'viewer' ? 'sketch' : kind;
    const blob = await api('/api/render', { format, panels: p, name, columns: Math.min(p.length, 4) });
    a.href = URL.createObjectURL(blob);
    a.download = `${name}.${format}`;
    a.dataset.ready = '1';
    return true;
  }

  for (const a of document.querySelectorAll('a.download')) {
    a.dataset.ready = '0';
    a.addEventListener('click', async (ev) => {
      if (a.dataset.ready === '1') return;          // the browser saves the prepared picture
      ev.preventDefault();
      try {
        if (await prepareDownload(a)) a.click();
      } catch (e) {
        status(e.message, true);
      }
    });
  }

  // ---------------------------------------------------------------- tabs, models, settings

  const tabs = [['tab-finish', 'finish'], ['tab-gallery', 'gallery-section'], ['tab-morph', 'morph']];
  for (const [tabId, panelId] of tabs) {
    $(tabId).addEventListener('click', () => {
      for (const [t, p] of tabs) {
        $(t).setAttribute('aria-selected', String(t === tabId));
        $(p).hidden = p !== panelId;
      }
      if (panelId === 'gallery-section' && !app.gallery.sketches.length) newSketches();
      if (panelId === 'morph') morphPads.forEach(drawMorphPad);
    });
  }

  ui.temperature.addEventListener('input', () => {
    ui.temperatureValue.textContent = temperature().toFixed(2);
  });

  function describe(m) {
    const h = m.hparams;
    const kind = m.conditional ? `VAE: ${h.enc_model} encoder ${h.enc_rnn_size}, z ${h.z_size}, ` : 'decoder only: ';
    return `${kind}${h.dec_model} decoder ${h.dec_rnn_size}; trained on ${m.name}`;
  }

  function modelChanged() {
    const m = model();
    if (!m) return;
    ui.modelInfo.textContent = describe(m);
    ui.morph.dataset.enabled = String(m.conditional);
    ui.morphNote.textContent = m.conditional
      ? 'Two drawings and the steps between them, through the model\'s latent space.'
      : `Morphing needs a model with an encoder (a VAE); ${m.id} is decoder-only. Choose another model.`;
    for (const id of ['run-morph', 'clear-a', 'clear-b', 'pick-a', 'pick-b', 'reconstruct']) $(id).disabled = !m.conditional;
    dropEndings();
    clearRedraws();
    if (!$('gallery-section').hidden) newSketches();
  }

  function limitOptions(select, max) {
    for (const o of [...select.options]) if (Number(o.value) > max) o.remove();
  }

  async function start() {
    drawPad();
    morphPads.forEach(drawMorphPad);
    let answer;
    try {
      answer = await api('/api/models');
    } catch (e) {
      status('Cannot load the models: ' + e.message, true);
      return;
    }
    app.models = answer.models;
    app.limits = answer.limits;
    if (answer.canvas && answer.canvas.rdp_epsilon_px > 0) app.rdpEpsilon = answer.canvas.rdp_epsilon_px;
    limitOptions(ui.endingCount, app.limits.max_count);
    limitOptions(ui.galleryCount, app.limits.max_count);
    ui.steps.max = String(app.limits.max_steps);
    if (Number(ui.steps.value) > app.limits.max_steps) ui.steps.value = ui.steps.max;
    ui.stepsValue.textContent = ui.steps.value;
    ui.model.replaceChildren(...app.models.map((m) => new Option(m.id, m.id)));
    ui.model.addEventListener('change', modelChanged);
    modelChanged();
    updatePadState('empty');
    status(`${app.models.length} model${app.models.length > 1 ? 's' : ''} ready. Start drawing.`);
    document.body.dataset.ready = '1';
  }

  window.studio = { app, pad, toStroke3, toStrokes, rdp, simplified };
  start();
})();
