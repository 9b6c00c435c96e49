/**
 * The event page's script. It reads the page's JSON block and builds every element with
 * createElement and textContent: crawled text never passes through an HTML parser.
 * Plain ES2017 in one closure, no modules or libraries, so it runs from file:// too.
 */
export const SITE_JS = String.raw`(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var source = document.getElementById('roundup-data');
  if (!source) return;
  var data = JSON.parse(source.textContent || '{}');
  var posts = Array.isArray(data.posts) ? data.posts : [];
  var edges = Array.isArray(data.edges) ? data.edges : [];
  var rows = {}, nodes = {}, dots = {}, edgeEls = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    for (var name in attrs) if (Object.prototype.hasOwnProperty.call(attrs, name)) node.setAttribute(name, String(attrs[name]));
    return node;
  }
  // Only absolute http(s) links become hrefs, whatever the data says.
  function safeHref(value) {
    if (typeof value !== 'string') return null;
    try {
      var url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function link(href, text, className) {
    var safe = safeHref(href);
    if (!safe) return el('span', className, text);
    var a = el('a', className, text);
    a.href = safe;
    a.rel = 'nofollow ugc noopener noreferrer';
    return a;
  }
  function fold(text) {
    return String(text || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function lost(post) { return !!post.note; }

  // 1. The coverage list.
  var list = document.getElementById('coverage');
  var empty = el('li', 'empty', 'No post matches these filters.');
  empty.hidden = true;
  posts.forEach(function (post) {
    var li = el('li', 'post' + (post.isSeed ? ' seed' : '') + (lost(post) ? ' lost' : ''));
    li.id = 'post-' + post.id;
    li.setAttribute('data-url', post.url);
    var h = el('h3', 'post-title');
    h.appendChild(link(post.href, post.title, 'title'));
    li.appendChild(h);
    var meta = el('p', 'post-meta');
    if (post.authors.length) meta.appendChild(el('span', 'author', post.authors.join(', ')));
    meta.appendChild(el('cite', 'blog', post.blog));
    if (post.day) {
      var time = el('time', 'date', post.day);
      time.setAttribute('datetime', post.day);
      meta.appendChild(time);
    }
    var badge = el('span', 'badge' + (post.isSeed ? ' seed' : ''), post.isSeed ? 'seed' : 'via ' + post.reachedBy);
    meta.appendChild(badge);
    li.appendChild(meta);
    if (post.excerpt && !lost(post)) li.appendChild(el('p', 'post-excerpt', post.excerpt));
    if (lost(post) || post.archive) {
      var status = el('p', 'post-status');
      if (post.note) status.appendChild(el('span', 'status', post.note));
      if (post.archive && post.archive.href) {
        if (post.note) status.appendChild(document.createTextNode(' — '));
        status.appendChild(link(post.archive.href, 'archived copy' + (post.archive.day ? ' of ' + post.archive.day : ''), 'archive'));
      } else if (post.archive) {
        status.appendChild(document.createTextNode(' — no archived copy'));
      }
      li.appendChild(status);
    }
    li.addEventListener('mouseenter', function () { mark(post.id, 'hover', true); });
    li.addEventListener('mouseleave', function () { mark(post.id, 'hover', false); });
    rows[post.id] = li;
    list.appendChild(li);
  });
  list.appendChild(empty);

  // 2. Who links to whom: positions come laid out from the page's data.
  var graph = document.getElementById('graph');
  var layout = data.graph || { width: 0, height: 0, nodes: [] };
  graph.setAttribute('viewBox', '0 0 ' + Math.max(1, layout.width) + ' ' + Math.max(1, layout.height));
  var defs = svgEl('defs', {});
  ['crossref', 'body', 'comment'].forEach(function (kind) {
    var marker = svgEl('marker', { id: 'arrow-' + kind, viewBox: '0 0 10 10', refX: 19, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(svgEl('path', { d: 'M0,0 L10,5 L0,10 z', 'class': 'arrow ' + kind }));
    defs.appendChild(marker);
  });
  graph.appendChild(defs);
  var at = {};
  layout.nodes.forEach(function (n) { at[n.id] = n; });
  var edgeLayer = svgEl('g', { 'class': 'edges' });
  edges.forEach(function (edge) {
    var a = at[edge.from], b = at[edge.to];
    if (!a || !b) return;
    // Bend each edge to its right, so A->B and B->A do not draw over each other; within one
    // column both bend left, by different amounts, away from the labels on the right.
    var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
    var len = Math.sqrt(dx * dx + dy * dy) || 1, bend = Math.min(40, len / 5);
    var cx = mx - (dy / len) * bend, cy = my + (dx / len) * bend;
    if (dx === 0) { cx = mx - (dy > 0 ? 14 + len / 4 : 8 + len / 8); cy = my; }
    var path = svgEl('path', { d: 'M' + a.x + ',' + a.y + ' Q' + cx + ',' + cy + ' ' + b.x + ',' + b.y, 'class': 'edge ' + edge.kind, 'marker-end': 'url(#arrow-' + edge.kind + ')' });
    path.setAttribute('data-from', edge.from);
    path.setAttribute('data-to', edge.to);
    edgeEls.push({ edge: edge, el: path });
    edgeLayer.appendChild(path);
  });
  graph.appendChild(edgeLayer);
  var byId = {};
  posts.forEach(function (post) { byId[post.id] = post; });
  layout.nodes.forEach(function (n) {
    var post = byId[n.id];
    if (!post) return;
    var g = svgEl('g', { 'class': 'node' + (post.isSeed ? ' seed' : '') + (lost(post) ? ' lost' : ''), tabindex: 0, role: 'button' });
    g.setAttribute('data-url', post.url);
    g.setAttribute('data-id', post.id);
    g.setAttribute('aria-label', post.title);
    var title = svgEl('title', {});
    title.textContent = post.title + (post.authors.length ? ' — ' + post.authors.join(', ') : '');
    g.appendChild(title);
    g.appendChild(svgEl('circle', { cx: n.x, cy: n.y, r: post.isSeed ? 11 : 9 }));
    var left = n.anchor === 'end';
    var label = svgEl('text', { x: n.x + (left ? -16 : 16), y: n.y + 4, 'text-anchor': left ? 'end' : 'start' });
    label.textContent = n.label;
    g.appendChild(label);
    g.addEventListener('click', function () { focusPost(post.id); });
    g.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); focusPost(post.id); }
    });
    nodes[post.id] = g;
    graph.appendChild(g);
  });

  // 3. The timeline.
  var timeline = document.getElementById('timeline');
  var tl = data.timeline || { width: 0, height: 0, ticks: [], dots: [], undated: 0 };
  timeline.setAttribute('viewBox', '0 0 ' + Math.max(1, tl.width) + ' ' + Math.max(1, tl.height));
  var axisY = tl.height - 34;
  if (tl.dots.length) timeline.appendChild(svgEl('line', { x1: 20, y1: axisY, x2: tl.width - 20, y2: axisY, 'class': 'axis' }));
  tl.ticks.forEach(function (tick) {
    var g = svgEl('g', { 'class': 'tick' });
    g.appendChild(svgEl('line', { x1: tick.x, y1: axisY - 4, x2: tick.x, y2: axisY + 4, 'class': 'axis' }));
    var text = svgEl('text', { x: tick.x, y: axisY + 20, 'text-anchor': 'middle' });
    text.textContent = tick.label;
    g.appendChild(text);
    timeline.appendChild(g);
  });
  tl.dots.forEach(function (d) {
    var post = byId[d.id];
    if (!post) return;
    var dot = svgEl('circle', { cx: d.x, cy: d.y, r: 6, 'class': 'dot' + (post.isSeed ? ' seed' : '') + (lost(post) ? ' lost' : '') });
    dot.setAttribute('data-id', post.id);
    var title = svgEl('title', {});
    title.textContent = (post.day || '') + ' — ' + post.title;
    dot.appendChild(title);
    dot.addEventListener('click', function () { focusPost(post.id); });
    dots[post.id] = dot;
    timeline.appendChild(dot);
  });
  var undated = document.getElementById('undated');
  if (undated) undated.textContent = tl.undated ? tl.undated + (tl.undated === 1 ? ' post has' : ' posts have') + ' no date and is not on the timeline.' : '';

  // 4. Filters and search.
  var search = document.getElementById('search');
  var authorSelect = document.getElementById('filter-author');
  var blogSelect = document.getElementById('filter-blog');
  var fromInput = document.getElementById('filter-from');
  var toInput = document.getElementById('filter-to');
  var count = document.getElementById('count');
  function fillSelect(select, values) {
    var counts = {};
    values.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    Object.keys(counts).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
      var option = el('option', null, value + ' (' + counts[value] + ')');
      option.value = value;
      select.appendChild(option);
    });
  }
  fillSelect(authorSelect, posts.reduce(function (all, p) { return all.concat(p.authors); }, []));
  fillSelect(blogSelect, posts.map(function (p) { return p.blog; }));
  if (data.dateRange && data.dateRange.from) { fromInput.min = toInput.min = data.dateRange.from; }
  if (data.dateRange && data.dateRange.to) { fromInput.max = toInput.max = data.dateRange.to; }
  var haystacks = {};
  posts.forEach(function (p) {
    haystacks[p.id] = fold([p.title, p.authors.join(' '), p.blog, p.excerpt || '', p.url].join(' \n '));
  });

  function matches(post, terms) {
    if (authorSelect.value && post.authors.indexOf(authorSelect.value) < 0) return false;
    if (blogSelect.value && post.blog !== blogSelect.value) return false;
    if ((fromInput.value || toInput.value) && !post.day) return false;
    if (fromInput.value && post.day < fromInput.value) return false;
    if (toInput.value && post.day > toInput.value) return false;
    for (var i = 0; i < terms.length; i++) if (haystacks[post.id].indexOf(terms[i]) < 0) return false;
    return true;
  }
  function apply() {
    var terms = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = {}, n = 0;
    posts.forEach(function (post) {
      var ok = matches(post, terms);
      shown[post.id] = ok;
      if (ok) n++;
      rows[post.id].hidden = !ok;
      if (nodes[post.id]) nodes[post.id].classList.toggle('dim', !ok);
      if (dots[post.id]) dots[post.id].classList.toggle('dim', !ok);
    });
    edgeEls.forEach(function (e) { e.el.classList.toggle('dim', !(shown[e.edge.from] && shown[e.edge.to])); });
    empty.hidden = n > 0;
    count.textContent = n === posts.length ? posts.length + (posts.length === 1 ? ' post' : ' posts') : 'Showing ' + n + ' of ' + posts.length + ' posts';
  }
  [search, authorSelect, blogSelect, fromInput, toInput].forEach(function (input) {
    input.addEventListener('input', apply);
    input.addEventListener('change', apply);
  });
  document.getElementById('filter-reset').addEventListener('click', function () {
    search.value = authorSelect.value = blogSelect.value = fromInput.value = toInput.value = '';
    apply();
  });

  function mark(id, className, on) {
    if (nodes[id]) nodes[id].classList.toggle(className, on);
    if (rows[id]) rows[id].classList.toggle(className, on);
  }
  var focused = null;
  function focusPost(id) {
    if (focused) mark(focused, 'focus', false);
    focused = id;
    mark(id, 'focus', true);
    if (rows[id] && !rows[id].hidden) rows[id].scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }
  apply();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`
