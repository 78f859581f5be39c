// Measure a flowed page as a PDF-to-HTML converter sees it: every line of text (with each word's place) and every
// drawn box (borders, backgrounds, ::after squares, SVG marks), in CSS px from the page's top-left corner.
// Written into <pre id="layout"> as JSON for `chromium --dump-dom`.
(function () {
  const MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;  // Thai marks that stay with the letter before them
  const segmenter = new Intl.Segmenter("th", { granularity: "word" });
  const sx = window.scrollX, sy = window.scrollY;
  const rect = (r) => ({ x: r.left + sx, y: r.top + sy, w: r.width, h: r.height });
  const out = { texts: [], boxes: [], svgs: [] };

  function clusters(text) {  // [start, end) of each letter with its marks
    const spans = [];
    for (let i = 0; i < text.length; i++) {
      if (spans.length && MARKS.test(text[i])) spans[spans.length - 1][1] = i + 1;
      else spans.push([i, i + 1]);
    }
    return spans;
  }

  function textNode(node) {
    const text = node.data;
    if (!text.trim()) return;
    const style = getComputedStyle(node.parentElement);
    if (style.visibility === "hidden" || style.display === "none") return;
    const font = { family: style.fontFamily, size: parseFloat(style.fontSize), weight: style.fontWeight,
                   color: style.color };
    const range = document.createRange();
    const lines = [];
    let current = null, lastLeft = null, lastTop = null;
    for (const [a, b] of clusters(text)) {
      range.setStart(node, a); range.setEnd(node, b);
      const rs = range.getClientRects();
      if (!rs.length) { if (current) current.end = b; continue; }
      const r = rs[rs.length - 1];
      const newLine = current === null || r.top > lastTop + r.height / 2 || r.left < lastLeft - 1;
      if (newLine) { current = { start: a, end: b }; lines.push(current); }
      else current.end = b;
      lastLeft = r.left; lastTop = r.top;
    }
    for (const line of lines) {
      let s = line.start, e = line.end;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (s >= e) continue;
      range.setStart(node, s); range.setEnd(node, e);
      const box = rect(range.getBoundingClientRect());
      const words = [];
      for (const seg of segmenter.segment(text.slice(s, e))) {
        if (!seg.segment.trim()) { words.push({ space: true }); continue; }
        range.setStart(node, s + seg.index); range.setEnd(node, s + seg.index + seg.segment.length);
        const wr = rect(range.getBoundingClientRect());
        words.push({ text: seg.segment, x: wr.x, w: wr.w, spaced: seg.segment.trim() !== seg.segment });
      }
      out.texts.push({ text: text.slice(s, e), ...box, font, words });
    }
  }

  function sides(style, pseudo) {
    const result = {};
    for (const side of ["top", "right", "bottom", "left"]) {
      const width = parseFloat(style.getPropertyValue(`border-${side}-width`));
      const kind = style.getPropertyValue(`border-${side}-style`);
      if (width > 0 && kind !== "none" && kind !== "hidden")
        result[side] = { width, kind, color: style.getPropertyValue(`border-${side}-color`) };
    }
    return result;
  }

  function element(el) {
    const style = getComputedStyle(el);
    if (el instanceof SVGSVGElement) {
      const r = rect(el.getBoundingClientRect());
      out.svgs.push({ ...r, html: el.outerHTML });
      return;
    }
    const border = sides(style);
    const bg = style.backgroundColor;
    const painted = bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent";
    if (Object.keys(border).length || painted) {
      for (const r of el.getClientRects())
        out.boxes.push({ ...rect(r), border, background: painted ? bg : null, radius: style.borderRadius });
    }
    const after = getComputedStyle(el, "::after");
    if (after.content && after.content !== "none" && after.position === "absolute") {
      const r = el.getBoundingClientRect();
      const bl = parseFloat(style.borderLeftWidth), bt = parseFloat(style.borderTopWidth);
      const br = parseFloat(style.borderRightWidth), bb = parseFloat(style.borderBottomWidth);
      const x = r.left + bl + parseFloat(after.left), y = r.top + bt + parseFloat(after.top);
      const x2 = r.right - br - parseFloat(after.right), y2 = r.bottom - bb - parseFloat(after.bottom);
      out.boxes.push({ x: x + sx, y: y + sy, w: x2 - x, h: y2 - y, border: sides(after),
                       background: after.backgroundColor, radius: after.borderRadius });
    }
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const skip = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.TEXT_NODE) {
      if (!skip.has(node.parentNode)) textNode(node);
    } else if (node.closest("svg") && !(node instanceof SVGSVGElement)) {
      continue;
    } else element(node);
  }
  out.width = document.body.getBoundingClientRect().width;
  out.height = document.documentElement.scrollHeight;
  const pre = document.createElement("pre");
  pre.id = "layout";
  pre.textContent = JSON.stringify(out);
  document.body.replaceChildren(pre);
})();
