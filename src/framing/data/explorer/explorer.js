"use strict";
(function () {
  const data = JSON.parse(document.getElementById("explorer-data").textContent);
  const outlets = data.outlets;
  const byTerm = new Map(data.terms.map((entry) => [entry.t, entry]));
  const picker = document.getElementById("outlet");
  const search = document.getElementById("search");
  const list = document.getElementById("terms");
  const matches = document.getElementById("matches");
  const more = document.getElementById("show-all");
  const panel = document.getElementById("sentences");
  const svg = document.getElementById("scatter");
  const SVG = "http://www.w3.org/2000/svg";
  const LIST_LIMIT = 60;
  const W = 640, H = 420, LEFT = 58, RIGHT = 16, TOP = 14, BOTTOM = 46;
  let selected = null;
  let showAll = false;

  function make(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function shape(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fmt(z) { return z === null ? "n/a" : z.toFixed(2); }
  function count(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }
  function current() { return Number(picker.value); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function largest(values, floor) { return values.reduce((a, b) => Math.max(a, b), floor); }

  function drawScatter() {
    const k = current();
    clear(svg);
    const points = data.terms.filter((e) => e.c[k] > 0 && e.z[k] !== null);
    const maxCount = 1.2 * largest(points.map((e) => e.c[k]), 10);
    const zMax = Math.ceil(largest(points.map((e) => Math.abs(e.z[k])), 2.5));
    const x = (c) => LEFT + (W - LEFT - RIGHT) * Math.log10(c) / Math.log10(maxCount);
    const y = (z) => TOP + (H - TOP - BOTTOM) * (zMax - z) / (2 * zMax);
    svg.appendChild(shape("line", {x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM,
      stroke: "#555"}));
    svg.appendChild(shape("line", {x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM, stroke: "#555"}));
    svg.appendChild(shape("line", {x1: LEFT, y1: y(0), x2: W - RIGHT, y2: y(0), stroke: "#ccc"}));
    [1.96, -1.96].forEach((z) => svg.appendChild(shape("line", {x1: LEFT, y1: y(z),
      x2: W - RIGHT, y2: y(z), stroke: "#bbb", "stroke-dasharray": "4 4"})));
    for (let c = 1; c <= maxCount; c *= 10) {
      svg.appendChild(shape("text", {x: x(c), y: H - BOTTOM + 16, "text-anchor": "middle",
        "font-size": 11}, String(c)));
    }
    const step = zMax > 8 ? Math.ceil(zMax / 4) : 2;
    for (let z = -Math.floor(zMax / step) * step; z <= zMax; z += step) {
      svg.appendChild(shape("text", {x: LEFT - 6, y: y(z) + 4, "text-anchor": "end",
        "font-size": 11}, String(z)));
    }
    svg.appendChild(shape("text", {x: (LEFT + W - RIGHT) / 2, y: H - 8, "text-anchor": "middle",
      "font-size": 12}, "uses in " + outlets[k].name + " (log scale)"));
    svg.appendChild(shape("text", {x: 14, y: (TOP + H - BOTTOM) / 2, "text-anchor": "middle",
      "font-size": 12, transform: "rotate(-90 14 " + (TOP + H - BOTTOM) / 2 + ")"},
      "z: distinctive of " + outlets[k].name + " (up) or of the others (down)"));
    points.forEach((e) => {
      const dot = shape("circle", {class: "dot", "data-term": e.t, cx: x(e.c[k]).toFixed(1),
        cy: y(e.z[k]).toFixed(1), r: 4, fill: e.z[k] > 0 ? outlets[k].color : "#999"});
      dot.appendChild(shape("title", {}, e.t + ": " + count(e.c[k], "use") + ", z " + fmt(e.z[k])));
      dot.addEventListener("click", () => select(e.t));
      svg.appendChild(dot);
    });
    const placed = [];
    points.filter((e) => e.z[k] >= 1.96).sort((a, b) => b.z[k] - a.z[k] || b.c[k] - a.c[k])
      .forEach((e) => {
        if (placed.length >= 12) return;
        const px = x(e.c[k]), right = px > W - 140;
        const label = shape("text", {x: right ? px - 6 : px + 6, y: y(e.z[k]) - 6,
          "font-size": 11, "text-anchor": right ? "end" : "start", "pointer-events": "none"}, e.t);
        svg.appendChild(label);
        const box = label.getBBox();
        if (placed.some((b) => box.x < b.x + b.width && b.x < box.x + box.width &&
            box.y < b.y + b.height && b.y < box.y + box.height)) svg.removeChild(label);
        else placed.push(box);
      });
    markSelected();
  }

  function drawList() {
    const k = current();
    const needle = search.value.trim().toLowerCase();
    const found = data.terms.filter((e) => e.t.includes(needle));
    found.sort((a, b) => (b.z[k] === null ? -1e9 : b.z[k]) - (a.z[k] === null ? -1e9 : a.z[k])
      || (a.t < b.t ? -1 : 1));
    clear(list);
    const cut = !showAll && found.length > LIST_LIMIT;
    matches.textContent = found.length + " of " + data.terms.length + " kept terms match" +
      (cut ? "; the first " + LIST_LIMIT : "") + ", by z in " + outlets[k].name + ":";
    more.hidden = !cut;
    more.textContent = "Show all " + found.length;
    (cut ? found.slice(0, LIST_LIMIT) : found).forEach((e) => {
      const item = make("li");
      const button = make("button", {class: "term", type: "button", "data-term": e.t,
        "aria-pressed": String(e.t === selected)}, e.t);
      button.addEventListener("click", () => select(e.t));
      item.appendChild(button);
      item.appendChild(make("span", {class: "stat"}, count(e.c[k], "use") + ", z " + fmt(e.z[k])));
      list.appendChild(item);
    });
    return found;
  }

  function markSelected() {
    svg.querySelectorAll(".dot").forEach((dot) => {
      dot.classList.toggle("selected", dot.getAttribute("data-term") === selected);
    });
    list.querySelectorAll(".term").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-term") === selected));
    });
  }

  function appendHighlighted(node, text, offsets) {
    let last = 0;
    for (let i = 0; i < offsets.length; i += 2) {
      if (offsets[i] < last) continue;
      node.appendChild(document.createTextNode(text.slice(last, offsets[i])));
      node.appendChild(make("mark", {}, text.slice(offsets[i], offsets[i + 1])));
      last = offsets[i + 1];
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function select(term) {
    const entry = byTerm.get(term);
    if (!entry) return;
    selected = term;
    markSelected();
    clear(panel);
    panel.setAttribute("data-term", term);
    panel.appendChild(make("h2", {}, "\u201c" + term + "\u201d in every outlet"));
    outlets.forEach((outlet, i) => {
      const block = make("section", {class: "outlet-sentences", "data-outlet": outlet.name});
      const head = make("h3");
      head.appendChild(make("span", {class: "swatch", style: "background:" + outlet.color}));
      head.appendChild(document.createTextNode(outlet.name + ": " + count(entry.c[i], "use") +
        ", z " + fmt(entry.z[i])));
      block.appendChild(head);
      const shown = entry.s[i];
      block.appendChild(make("p", {class: "meta"}, entry.n[i] === 0
        ? "No sentence of this outlet uses it."
        : count(entry.n[i], "sentence") + " use it; " + (shown.length < entry.n[i]
          ? "the first " + shown.length + " are kept on this page:" : "all are listed:")));
      shown.forEach(([index, offsets]) => {
        const [doc, line, text] = data.sentences[index];
        const row = make("div", {class: "sentence", "data-outlet": outlet.name});
        row.style.borderLeftColor = outlet.color;
        row.appendChild(make("div", {class: "meta"}, data.docs[doc][1] + " \u00b7 line " + line));
        const body = make("div", {class: "text"});
        appendHighlighted(body, text, offsets);
        row.appendChild(body);
        block.appendChild(row);
      });
      panel.appendChild(block);
    });
  }

  outlets.forEach((outlet, i) => picker.appendChild(make("option", {value: String(i)},
    outlet.name)));
  picker.addEventListener("change", () => { drawScatter(); drawList(); });
  search.addEventListener("input", () => { showAll = false; drawList(); });
  more.addEventListener("click", () => { showAll = true; drawList(); });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const found = drawList();
      if (found.length) select(found[0].t);
    }
  });
  drawScatter();
  drawList();
})();
