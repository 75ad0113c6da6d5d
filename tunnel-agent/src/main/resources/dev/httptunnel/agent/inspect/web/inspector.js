// The inspector's page: a live list of captured requests and a detail view. Captured text is hostile, so
// every value reaches the page through textContent or attributes built here, never through innerHTML.
'use strict';

const API = '/api/requests/http';
const state = {
  captures: new Map(), // id -> summary
  selected: new Set(),
  searchIds: null, // ids matching the full-text search, or null when there is none
  currentId: null,
  tunnelName: null,
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const $ = (id) => document.getElementById(id);

function header(headers, name) {
  const lower = name.toLowerCase();
  const found = (headers || []).find(([n]) => n.toLowerCase() === lower);
  return found ? found[1] : '';
}

function numericId(capture) {
  return Number(capture.id);
}

function bytes(size) {
  if (size < 1024) return size + ' B';
  if (size < 1024 * 1024) return (size / 1024).toFixed(1) + ' KB';
  return (size / 1024 / 1024).toFixed(1) + ' MB';
}

function millis(durationNanos) {
  const ms = durationNanos / 1e6;
  return ms < 10 ? ms.toFixed(1) + ' ms' : Math.round(ms) + ' ms';
}

function statusText(capture) {
  return capture.error ? capture.error.code : String(capture.response.status_code);
}

function statusClass(capture) {
  return capture.error ? 'error' : 'status-' + String(capture.response.status_code).charAt(0);
}

// ---- list ----------------------------------------------------------------------------------------------

function matchesFilters(capture) {
  const method = $('filter-method').value;
  if (method && capture.request.method !== method) return false;
  const status = $('filter-status').value;
  if (status === 'error' && !capture.error) return false;
  if (status && status !== 'error' && (capture.error || String(capture.response.status_code).charAt(0) !== status)) {
    return false;
  }
  const path = $('filter-path').value.trim().toLowerCase();
  if (path && !capture.request.uri.toLowerCase().includes(path)) return false;
  if (state.searchIds && !state.searchIds.has(capture.id)) return false;
  return true;
}

function renderList() {
  const body = $('requests').tBodies[0];
  const rows = [...state.captures.values()].sort((a, b) => numericId(b) - numericId(a)).filter(matchesFilters);
  body.replaceChildren(...rows.map(row));
  $('empty').hidden = state.captures.size > 0;
  $('har-selected').disabled = state.selected.size === 0;
}

function row(capture) {
  const checkbox = el('input', {type: 'checkbox', 'aria-label': 'Select request ' + capture.id,
    checked: state.selected.has(capture.id), onclick: (event) => event.stopPropagation(),
    onchange: (event) => {
      if (event.target.checked) state.selected.add(capture.id); else state.selected.delete(capture.id);
      $('har-selected').disabled = state.selected.size === 0;
    }});
  const path = el('td', {className: 'path', title: capture.request.uri}, capture.request.uri);
  if (capture.replay_of) path.append(el('span', {className: 'replay-mark'}, 'replay of #' + capture.replay_of));
  return el('tr', {'data-id': capture.id, className: capture.id === state.currentId ? 'selected' : null,
      onclick: () => showDetail(capture.id)},
    el('td', {}, checkbox),
    el('td', {}, new Date(capture.start).toLocaleTimeString()),
    el('td', {className: 'method'}, capture.request.method),
    path,
    el('td', {className: 'status ' + statusClass(capture)}, statusText(capture)),
    el('td', {}, millis(capture.duration)),
    el('td', {}, bytes(capture.request.body.size)),
    el('td', {}, capture.response ? bytes(capture.response.body.size) : ''));
}

async function loadList() {
  const answer = await fetch(API + '?limit=10000');
  const list = await answer.json();
  state.captures.clear();
  for (const capture of list.requests) state.captures.set(capture.id, capture);
  renderList();
}

let searchTimer = null;
function scheduleSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 150);
}

async function runSearch() {
  const text = $('search').value.trim();
  if (!text) {
    state.searchIds = null;
  } else {
    const answer = await fetch(API + '?limit=10000&q=' + encodeURIComponent(text));
    const list = await answer.json();
    if ($('search').value.trim() !== text) return; // a newer search is on its way
    state.searchIds = new Set(list.requests.map((capture) => capture.id));
  }
  renderList();
}

function listen() {
  const events = new EventSource('/api/events');
  let wasDown = false;
  events.addEventListener('open', () => {
    $('live').textContent = 'live';
    $('live').className = 'badge live';
    if (wasDown) loadList(); // events sent while away are not replayed: catch up
    wasDown = false;
  });
  events.addEventListener('error', () => {
    $('live').textContent = 'reconnecting…';
    $('live').className = 'badge';
    wasDown = true;
  });
  events.addEventListener('capture', (event) => {
    const capture = JSON.parse(event.data);
    if (capture.tunnel_name !== state.tunnelName) showTunnel(); // a new connection may bring a new name
    state.captures.set(capture.id, capture);
    if (state.searchIds) scheduleSearch(); else renderList();
  });
  events.addEventListener('clear', () => {
    state.captures.clear();
    state.selected.clear();
    renderList();
    closeDetail();
  });
}

// ---- detail --------------------------------------------------------------------------------------------

async function fetchCapture(id) {
  const answer = await fetch(API + '/' + encodeURIComponent(id));
  return answer.ok ? answer.json() : null;
}

function closeDetail() {
  state.currentId = null;
  $('detail-pane').hidden = true;
  for (const tr of $('requests').tBodies[0].rows) tr.classList.remove('selected');
}

async function showDetail(id) {
  const capture = await fetchCapture(id);
  if (!capture) return;
  state.currentId = id;
  for (const tr of $('requests').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.id === id);
  const original = capture.replay_of ? await fetchCapture(capture.replay_of) : null;
  $('detail').replaceChildren(...detailView(capture, original));
  $('detail-pane').hidden = false;
}

function detailView(capture, original) {
  const request = capture.request;
  const parts = [
    el('h2', {id: 'request-line'}, request.method + ' ' + request.uri),
    el('div', {className: 'muted'}, '#' + capture.id + ' · ' + new Date(capture.start).toLocaleString()
      + ' · tunnel ' + (capture.tunnel_name || '(none)')
      + (capture.replay_of ? ' · replay of #' + capture.replay_of : '')),
    actions(capture),
    el('div', {id: 'action-output'}),
  ];
  if (capture.error) {
    parts.push(el('div', {className: 'notice error', id: 'tunnel-error'},
      'The caller got tunnel error ' + capture.error.code + ': ' + capture.error.message));
  } else {
    parts.push(el('h3', {}, 'Response'),
      el('div', {id: 'response-line', className: statusClass(capture)}, 'HTTP ' + capture.response.status_code));
  }
  parts.push(el('h3', {}, 'Timings'), timings(capture));
  parts.push(el('h3', {}, 'Request headers'), pairs(request.headers, 'request-headers'));
  const query = new URLSearchParams(request.query);
  if ([...query.keys()].length) {
    parts.push(el('h3', {}, 'Query parameters'), pairs([...query.entries()], 'query-params'));
  }
  parts.push(el('h3', {}, 'Request body'), bodyView(capture, 'request', request.body, request.headers));
  if (!capture.error) {
    const response = capture.response;
    parts.push(el('h3', {}, 'Response headers'), pairs(response.headers, 'response-headers'));
    if (original) {
      parts.push(el('h3', {}, 'Response: this replay and the original (#' + original.id + ')'),
        el('div', {className: 'compare', id: 'compare'},
          el('div', {}, el('div', {className: statusClass(capture)}, 'Replay: ' + statusText(capture)),
            bodyView(capture, 'response', response.body, response.headers)),
          el('div', {}, el('div', {className: statusClass(original)}, 'Original: ' + statusText(original)),
            original.response ? bodyView(original, 'response', original.response.body, original.response.headers)
              : el('div', {}, original.error.message))));
    } else {
      parts.push(el('h3', {}, 'Response body'), bodyView(capture, 'response', response.body, response.headers));
    }
  }
  return parts;
}

function timings(capture) {
  const t = capture.timings || {};
  const ms = (micros) => (micros === undefined || micros < 0 ? 'not reached' : (micros / 1000).toFixed(2) + ' ms');
  return pairs([
    ['received', new Date(capture.start).toISOString()],
    ['sent to the app', ms(t.sent_to_app_us)],
    ['first byte', ms(t.first_byte_us)],
    ['done', ms(t.done_us)],
  ], 'timings');
}

function pairs(list, id) {
  return el('table', {className: 'kv', id},
    el('tbody', {}, list.map(([name, value]) => el('tr', {}, el('td', {}, name), el('td', {}, value)))));
}

function base64Bytes(base64) {
  const text = atob(base64 || '');
  const result = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) result[i] = text.charCodeAt(i);
  return result;
}

function utf8(data) {
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(data);
  } catch (notText) {
    return null;
  }
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif', 'image/x-icon'];

function bodyView(capture, part, body, headers) {
  const box = el('div', {className: 'body-view', 'data-part': part});
  if (body.size === 0) {
    box.append(el('div', {className: 'muted'}, 'no body'));
    return box;
  }
  if (body.truncated) {
    box.append(el('div', {className: 'cut'}, 'cut at ' + body.captured + ' of ' + body.size + ' bytes'));
  }
  const data = base64Bytes(body.base64);
  const type = header(headers, 'content-type').toLowerCase().split(';')[0].trim();
  const text = utf8(data);
  if (IMAGE_TYPES.includes(type)) {
    // A blob of a raster type, shown by <img>: nothing in it can run.
    const url = URL.createObjectURL(new Blob([data], {type}));
    box.append(el('img', {className: 'preview', src: url, alt: part + ' image (' + type + ')'}));
  } else if (text !== null && (type.includes('json') || (!type && /^\s*[[{]/.test(text)))) {
    box.append(el('pre', {className: 'body json'}, prettyJson(text)));
  } else if (text !== null && type.includes('xml')) {
    box.append(el('pre', {className: 'body xml'}, prettyXml(text)));
  } else if (text !== null && type === 'application/x-www-form-urlencoded') {
    box.append(pairs([...new URLSearchParams(text).entries()], part + '-form'));
  } else if (text !== null) {
    box.append(el('pre', {className: 'body text'}, text));
  } else {
    box.append(el('pre', {className: 'body hex'}, hex(data)));
  }
  box.append(el('div', {}, el('a', {href: API + '/' + encodeURIComponent(capture.id) + '/' + part + '/body',
    download: capture.id + '-' + part + '.bin'}, 'download raw bytes (' + bytes(body.captured) + ')')));
  return box;
}

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (notJson) {
    return text;
  }
}

function prettyXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return text;
  const lines = [];
  const walk = (node, depth) => {
    const pad = '  '.repeat(depth);
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.nodeValue.trim()) lines.push(pad + node.nodeValue.trim());
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const attrs = [...node.attributes].map((a) => ' ' + a.name + '="' + a.value + '"').join('');
    const kids = [...node.childNodes].filter((c) => c.nodeType === Node.ELEMENT_NODE
      || (c.nodeType === Node.TEXT_NODE && c.nodeValue.trim()));
    if (!kids.length) {
      lines.push(pad + '<' + node.nodeName + attrs + '/>');
    } else if (kids.length === 1 && kids[0].nodeType === Node.TEXT_NODE) {
      lines.push(pad + '<' + node.nodeName + attrs + '>' + kids[0].nodeValue.trim() + '</' + node.nodeName + '>');
    } else {
      lines.push(pad + '<' + node.nodeName + attrs + '>');
      kids.forEach((kid) => walk(kid, depth + 1));
      lines.push(pad + '</' + node.nodeName + '>');
    }
  };
  walk(doc.documentElement, 0);
  return lines.join('\n');
}

function hex(data) {
  const shown = Math.min(data.length, 64 * 1024);
  const lines = [];
  for (let offset = 0; offset < shown; offset += 16) {
    const slice = data.subarray(offset, Math.min(offset + 16, shown));
    const hexes = [...slice].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const chars = [...slice].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(offset.toString(16).padStart(8, '0') + '  ' + hexes.padEnd(47) + '  ' + chars);
  }
  if (shown < data.length) lines.push('… ' + (data.length - shown) + ' more bytes: download them');
  return lines.join('\n');
}

// ---- actions -------------------------------------------------------------------------------------------

function actions(capture) {
  return el('div', {className: 'actions'},
    el('button', {type: 'button', id: 'replay', onclick: () => replay({id: capture.id})}, 'Replay'),
    el('button', {type: 'button', id: 'edit-replay', onclick: () => editForm(capture)}, 'Edit & replay'),
    el('button', {type: 'button', id: 'copy-curl', onclick: () => copyCurl(capture)}, 'Copy as curl'),
    el('button', {type: 'button', id: 'har-one', onclick: () => downloadHar([capture.id])}, 'HAR'),
    el('button', {type: 'button', id: 'close-detail', onclick: closeDetail}, 'Close'));
}

async function replay(call) {
  const output = $('action-output');
  output.replaceChildren(el('div', {className: 'muted'}, 'replaying…'));
  const answer = await fetch(API, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(call)});
  if (!answer.ok) {
    output.replaceChildren(el('div', {className: 'notice error', id: 'replay-error'}, await answer.text()));
    return;
  }
  const replayed = await answer.json();
  state.captures.set(replayed.id, replayed);
  renderList();
  await showDetail(replayed.id);
}

function editForm(capture) {
  const request = capture.request;
  const original = base64Bytes(request.body.base64);
  const text = request.body.truncated ? null : utf8(original);
  const headersText = request.headers.map(([n, v]) => n + ': ' + v).join('\n');
  const method = el('input', {id: 'edit-method', value: request.method});
  const path = el('input', {id: 'edit-path', value: request.uri});
  const headers = el('textarea', {id: 'edit-headers', rows: Math.min(12, request.headers.length + 1)});
  headers.value = headersText;
  const body = el('textarea', {id: 'edit-body', rows: 6, placeholder: text === null
    ? 'binary or cut body: kept as captured unless you type one here' : ''});
  body.value = text === null ? '' : text;
  const form = el('form', {className: 'edit', id: 'edit-form', onsubmit: (event) => {
    event.preventDefault();
    const call = {id: capture.id, method: method.value.trim(), path: path.value.trim(),
      headers: headers.value.split('\n').filter((line) => line.includes(':')).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      })};
    if (text === null ? body.value !== '' : body.value !== text) call.body = body.value;
    replay(call);
  }},
  el('label', {for: 'edit-method'}, 'Method'), method,
  el('label', {for: 'edit-path'}, 'Path'), path,
  el('label', {for: 'edit-headers'}, 'Headers'), headers,
  el('label', {for: 'edit-body'}, 'Body'), body,
  el('span'), el('button', {type: 'submit', id: 'send-edited'}, 'Send to the app'));
  $('action-output').replaceChildren(form);
}

function shellQuote(text) {
  return "'" + text.replace(/'/g, "'\\''") + "'";
}

function curlCommand(capture) {
  const request = capture.request;
  const proto = header(request.headers, 'x-forwarded-proto') === 'https' ? 'https' : 'http';
  // The service removed the path form's /<tunnel> before the agent saw the path, and says so in this header.
  const prefix = header(request.headers, 'x-forwarded-prefix') || '';
  const url = proto + '://' + (header(request.headers, 'host') || 'localhost')
    + (prefix.startsWith('/') ? prefix : '') + request.uri;
  const parts = ['curl', '-X', request.method, shellQuote(url)];
  for (const [name, value] of request.headers) {
    if (['host', 'content-length'].includes(name.toLowerCase())) continue;
    parts.push('-H', shellQuote(name + ': ' + value));
  }
  if (request.body.size > 0) {
    const text = utf8(base64Bytes(request.body.base64));
    parts.push('--data-binary', text !== null && !request.body.truncated ? shellQuote(text)
      : '@' + capture.id + '-request.bin');
  }
  return parts.join(' ');
}

async function copyCurl(capture) {
  const command = curlCommand(capture);
  const output = $('action-output');
  const shown = el('pre', {className: 'body', id: 'curl-command'}, command);
  try {
    await navigator.clipboard.writeText(command);
    output.replaceChildren(el('div', {className: 'muted'}, 'Copied:'), shown);
  } catch (denied) {
    output.replaceChildren(el('div', {className: 'muted'}, 'Copy this:'), shown);
  }
}

function downloadHar(ids) {
  const link = el('a', {href: API + '.har' + (ids ? '?ids=' + ids.map(encodeURIComponent).join(',') : ''),
    download: 'http-tunnel.har'});
  document.body.append(link);
  link.click();
  link.remove();
}

async function showTunnel() {
  const answer = await fetch('/api/tunnels');
  const tunnels = (await answer.json()).tunnels;
  state.tunnelName = tunnels.length ? tunnels[0].name : '';
  $('tunnel').textContent = tunnels.length
    ? tunnels[0].name + ' → ' + tunnels[0].config.addr + (tunnels[0].public_url ? ' · ' + tunnels[0].public_url : '')
    : '';
}

function start() {
  for (const id of ['filter-method', 'filter-status']) $(id).addEventListener('change', renderList);
  $('filter-path').addEventListener('input', renderList);
  $('search').addEventListener('input', scheduleSearch);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('select-all').addEventListener('change', (event) => {
    for (const tr of $('requests').tBodies[0].rows) {
      if (event.target.checked) state.selected.add(tr.dataset.id); else state.selected.delete(tr.dataset.id);
    }
    renderList();
  });
  $('har-selected').addEventListener('click', () => downloadHar([...state.selected]));
  $('har-all').addEventListener('click', () => downloadHar(null));
  $('clear').addEventListener('click', () => fetch(API, {method: 'DELETE'}));
  listen();
  loadList();
  showTunnel();
}

document.addEventListener('DOMContentLoaded', start);
