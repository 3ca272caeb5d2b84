// Web data entry: renders a form definition (the same one the XForm is written from) with its relevance,
// constraints, calculations, repeats, choice filters and languages; keeps a draft on this device; and sends the
// same submission XML as ODK Collect through the same door on the server.
import { evaluate, truthy, text } from './xpath.js';

const host = document.getElementById('survey-entry');
const T = JSON.parse(host.dataset.texts);
const fmt = (s, ...args) => s.replace(/\{(\d+)\}/g, (m, i) => args[i]);

let def, lang, data, meta, draftKey, owner = {}, repeatNames = new Set(), controls = [], saveTimer = null;

function newInstance(nodes) {
  const inst = { values: {}, repeats: {} };
  const walk = list => list.forEach(n => {
    if (n.kind === 'QUESTION' && n.defaultValue != null) inst.values[n.name] = n.defaultValue;
    if (n.kind === 'GROUP') walk(n.children);
    if (n.kind === 'REPEAT') inst.repeats[n.name] = [];
  });
  walk(nodes);
  return inst;
}

function index(nodes, repeat) {
  nodes.forEach(n => {
    owner[n.name] = repeat;
    if (n.kind === 'REPEAT') { repeatNames.add(n.name); index(n.children, n.name); }
    else if (n.kind === 'GROUP') index(n.children, repeat);
  });
}

function uuid() {
  return crypto.randomUUID ? crypto.randomUUID() : 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, c => {
    const r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
  });
}

// ---- evaluation context: chain = [{repeat: null, inst: root}, {repeat: 'members', inst}, ...]
function allValues(repeat, name, inst) {
  const out = [];
  const walk = i => {
    Object.entries(i.repeats).forEach(([r, list]) => list.forEach(x => {
      if (r === repeat) out.push(name === null ? x : x.values[name] ?? '');
      walk(x);
    }));
  };
  walk(inst);
  return out;
}

function context(chain, self, choice) {
  return {
    ref(name) {
      if (repeatNames.has(name)) {
        const parent = chain[chain.length - 1].inst;
        const found = [...chain].reverse().find(c => c.inst.repeats[name]);
        return (found || { inst: parent }).inst.repeats[name] || allValues(name, null, chain[0].inst);
      }
      const r = owner[name] ?? null;
      const level = [...chain].reverse().find(c => c.repeat === r);
      if (level) return level.inst.values[name] ?? '';
      return allValues(r, name, chain[0].inst);
    },
    self: () => self ?? '',
    path: name => (choice ? (name === 'name' ? choice.name : choice.columns[name] ?? '') : ''),
  };
}

function ev(expr, chain, self, choice) {
  try {
    return evaluate(expr, context(chain, self, choice));
  } catch (e) {
    console.warn('expression', expr, e);
    return '';
  }
}

function label(texts, chain) {
  if (!texts) return '';
  const s = texts[lang] ?? texts[def.defaultLanguage] ?? Object.values(texts)[0] ?? '';
  return s.replace(/\$\{([^}]*)\}/g, (m, name) => text(ev('${' + name + '}', chain)));
}

// ---- rendering
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => { if (v !== null && v !== undefined) e.setAttribute(k, v); });
  children.forEach(c => e.append(c));
  return e;
}

function render() {
  controls = [];
  host.replaceChildren();
  const bar = el('div', { class: 'filters' });
  if (def.languages.length > 1) {
    const select = el('select', { id: 'entry-language' });
    def.languages.forEach(l => select.append(el('option', { value: l }, l === 'default' ? '—' : l)));
    select.value = lang;
    select.addEventListener('change', () => { lang = select.value; render(); });
    bar.append(el('label', {}, el('span', {}, T.language), select));
  }
  host.append(bar);
  const notice = el('p', { id: 'entry-notice', class: 'notice', hidden: '' });
  host.append(notice);
  const body = el('div', { class: 'survey-body' });
  renderNodes(def.children, body, [{ repeat: null, inst: data }]);
  host.append(body);
  const actions = el('div', { class: 'filters' });
  const save = el('button', { type: 'button', id: 'entry-save', class: 'secondary' }, T.saveDraft);
  save.addEventListener('click', () => { saveDraft(); say(T.draftSaved); });
  const discard = el('button', { type: 'button', id: 'entry-discard', class: 'secondary' }, T.discard);
  discard.addEventListener('click', () => { localStorage.removeItem(draftKey); start(); });
  const submit = el('button', { type: 'button', id: 'entry-submit' }, T.submit);
  submit.addEventListener('click', send);
  actions.append(submit, save, discard);
  host.append(actions);
  refresh();
}

function say(message, error) {
  const n = document.getElementById('entry-notice');
  n.textContent = message;
  n.className = error ? 'notice error' : 'notice';
  n.hidden = false;
}

function renderNodes(nodes, container, chain) {
  nodes.forEach(n => {
    if (n.kind === 'GROUP') {
      const fs = el('fieldset', { class: 'survey-group', 'data-name': n.name });
      const legend = el('legend');
      fs.append(legend);
      controls.push({ node: n, chain, box: fs, labelEl: legend });
      renderNodes(n.children, fs, chain);
      container.append(fs);
    } else if (n.kind === 'REPEAT') {
      const fs = el('fieldset', { class: 'survey-repeat', 'data-name': n.name });
      const legend = el('legend');
      fs.append(legend);
      const parent = chain[chain.length - 1].inst;
      const list = parent.repeats[n.name] || (parent.repeats[n.name] = []);
      list.forEach((inst, i) => {
        const item = el('div', { class: 'survey-repeat-item', 'data-index': i + 1 });
        item.append(el('h3', {}, label(n.label, chain) + ' ' + (i + 1)));
        renderNodes(n.children, item, chain.concat([{ repeat: n.name, inst }]));
        if (!n.repeatCount) {
          const remove = el('button', { type: 'button', class: 'secondary repeat-remove' }, T.removeRepeat);
          remove.addEventListener('click', () => { list.splice(i, 1); changed(true); });
          item.append(remove);
        }
        fs.append(item);
      });
      if (!n.repeatCount) {
        const add = el('button', { type: 'button', class: 'repeat-add', 'data-repeat': n.name }, T.addRepeat + ' · ' + label(n.label, chain));
        add.addEventListener('click', () => { list.push(newInstance(n.children)); changed(true); });
        fs.append(add);
      }
      controls.push({ node: n, chain, box: fs, labelEl: legend, list });
      container.append(fs);
    } else {
      renderQuestion(n, container, chain);
    }
  });
}

function renderQuestion(n, container, chain) {
  const inst = chain[chain.length - 1].inst;
  if (['start', 'end', 'today', 'deviceid'].includes(n.type)) return;
  const box = el('div', { class: 'survey-question', 'data-name': n.name });
  const c = { node: n, chain, box, inst, touched: false };
  if (n.type === 'calculate') { controls.push(c); return; }
  c.labelEl = el('label', { class: 'survey-label', for: 'q-' + n.path + '-' + chain.length });
  box.append(c.labelEl);
  if (n.hint && Object.keys(n.hint).length) { c.hintEl = el('p', { class: 'muted survey-hint' }); box.append(c.hintEl); }
  const id = 'q-' + n.path + '-' + chain.length + '-' + controls.length;
  c.labelEl.setAttribute('for', id);
  if (n.type === 'note') {
    // a note shows its label only
  } else if (n.type === 'select_one' || n.type === 'select_multiple') {
    c.options = el('div', { class: 'survey-options', id });
    box.append(c.options);
  } else {
    const type = { integer: 'number', decimal: 'number', date: 'date' }[n.type] || 'text';
    const input = el('input', { id, name: n.name, type, step: n.type === 'integer' ? '1' : n.type === 'decimal' ? 'any' : null });
    input.value = inst.values[n.name] ?? '';
    input.addEventListener('input', () => { inst.values[n.name] = input.value; c.touched = true; changed(false); });
    c.input = input;
    box.append(input);
    if (n.type === 'geopoint') {
      const locate = el('button', { type: 'button', class: 'secondary' }, T.location);
      locate.addEventListener('click', () => navigator.geolocation && navigator.geolocation.getCurrentPosition(p => {
        input.value = [p.coords.latitude, p.coords.longitude, p.coords.altitude || 0, p.coords.accuracy].join(' ');
        inst.values[n.name] = input.value; c.touched = true; changed(false);
      }));
      box.append(locate);
    }
  }
  c.error = el('p', { class: 'survey-error', hidden: '' });
  box.append(c.error);
  controls.push(c);
  container.append(box);
}

function renderOptions(c, names) {
  const n = c.node;
  const key = names.join('\u0000') + '\u0001' + lang;
  if (c.optionKey === key) return;
  c.optionKey = key;
  c.options.replaceChildren();
  const current = String(c.inst.values[n.name] ?? '').split(/\s+/).filter(Boolean);
  const kept = current.filter(v => names.includes(v));
  if (kept.length !== current.length) c.inst.values[n.name] = kept.join(' ');
  const choices = def.choices[n.listName] || [];
  choices.filter(ch => names.includes(ch.name)).forEach((ch, i) => {
    const multiple = n.type === 'select_multiple';
    const input = el('input', { type: multiple ? 'checkbox' : 'radio', name: n.path + '-' + c.chain.length + '-' + controls.indexOf(c), value: ch.name });
    input.checked = kept.includes(ch.name);
    input.addEventListener('change', () => {
      if (multiple) {
        const set = new Set(String(c.inst.values[n.name] ?? '').split(/\s+/).filter(Boolean));
        input.checked ? set.add(ch.name) : set.delete(ch.name);
        c.inst.values[n.name] = choices.map(x => x.name).filter(x => set.has(x)).join(' ');
      } else {
        c.inst.values[n.name] = ch.name;
      }
      c.touched = true;
      changed(false);
    });
    c.options.append(el('label', { class: 'survey-choice' }, input, ' ' + (ch.label[lang] ?? ch.label[def.defaultLanguage] ?? ch.name)));
  });
}

// ---- the form's logic, run after every change
function relevantChain(c) {
  // a question is relevant when it and every group or repeat around it are
  let box = c.box.parentElement;
  while (box && box !== host) {
    if (box.hidden) return false;
    box = box.parentElement;
  }
  return c.node.relevant ? truthy(ev(c.node.relevant, c.chain)) : true;
}

function refresh() {
  let structure = false;
  for (let pass = 0; pass < 2; pass++) {
    controls.filter(c => c.node.calculation).forEach(c => {
      const v = ev(c.node.calculation, c.chain);
      c.inst.values[c.node.name] = typeof v === 'number' && !Number.isFinite(v) ? '' : text(v);
    });
  }
  controls.filter(c => c.node.kind === 'REPEAT' && c.node.repeatCount).forEach(c => {
    let n = Math.trunc(Number(text(ev(c.node.repeatCount, c.chain))));
    if (!Number.isFinite(n) || n < 0) n = 0;
    n = Math.min(n, 100);
    while (c.list.length < n) { c.list.push(newInstance(c.node.children)); structure = true; }
    if (c.list.length > n) { c.list.length = n; structure = true; }
  });
  if (structure) { render(); return; }
  controls.forEach(c => {
    if (c.labelEl) c.labelEl.textContent = label(c.node.label, c.chain) + (isRequired(c) ? ' *' : '');
    if (c.hintEl) c.hintEl.textContent = label(c.node.hint, c.chain);
    c.box.hidden = !relevantChain(c);
    if (c.options) {
      const choices = def.choices[c.node.listName] || [];
      const names = choices.filter(ch => !c.node.choiceFilter || truthy(ev(c.node.choiceFilter, c.chain, undefined, ch))).map(ch => ch.name);
      renderOptions(c, names);
    }
    if (c.input && c.node.calculation) c.input.value = c.inst.values[c.node.name] ?? '';
    if (c.error) {
      const problem = c.touched ? check(c) : null;
      c.error.textContent = problem || '';
      c.error.hidden = !problem;
    }
  });
}

function isRequired(c) {
  const r = c.node.required;
  if (!r || r === 'no') return false;
  return r === 'yes' ? true : truthy(ev(r, c.chain));
}

function check(c) {
  if (c.box.hidden || !c.error) return null;
  const v = String(c.inst.values[c.node.name] ?? '');
  if (v === '') return isRequired(c) ? (label(c.node.requiredMessage, c.chain) || T.required) : null;
  if (c.node.type === 'integer' && !/^-?\d+$/.test(v)) return T.notInteger;
  if (c.node.type === 'decimal' && Number.isNaN(Number(v))) return T.notNumber;
  if (c.node.constraint && !truthy(ev(c.node.constraint, c.chain, v))) return label(c.node.constraintMessage, c.chain) || T.invalid;
  return null;
}

function changed(structure) {
  if (structure) render(); else refresh();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveDraft, 500);
}

// ---- drafts and submission
function saveDraft() {
  localStorage.setItem(draftKey, JSON.stringify({ data, meta, savedAt: new Date().toISOString() }));
}

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlNodes(nodes, chain, relevant) {
  const inst = chain[chain.length - 1].inst;
  return nodes.map(n => {
    const here = relevant && (!n.relevant || truthy(ev(n.relevant, chain)));
    if (n.kind === 'GROUP') return '<' + n.name + '>' + xmlNodes(n.children, chain, here) + '</' + n.name + '>';
    if (n.kind === 'REPEAT') {
      return (inst.repeats[n.name] || []).map(x => '<' + n.name + '>' + xmlNodes(n.children, chain.concat([{ repeat: n.name, inst: x }]), here) + '</' + n.name + '>').join('');
    }
    let v = inst.values[n.name] ?? '';
    if (n.type === 'start') v = meta.start;
    if (n.type === 'end') v = new Date().toISOString();
    if (n.type === 'today') v = new Date().toISOString().slice(0, 10);
    if (n.type === 'deviceid') v = 'prosper-web';
    return '<' + n.name + '>' + (here ? esc(v) : '') + '</' + n.name + '>';
  }).join('');
}

async function send() {
  controls.forEach(c => { c.touched = true; });
  refresh();
  const bad = controls.filter(c => c.error && check(c));
  if (bad.length) {
    say(T.fixErrors, true);
    bad[0].box.scrollIntoView({ block: 'center' });
    return;
  }
  const root = def.rootName;
  const xml = '<?xml version="1.0" encoding="UTF-8"?><' + root + ' id="' + esc(def.formId) + '" version="' + esc(def.version) + '">'
    + xmlNodes(def.children, [{ repeat: null, inst: data }], true)
    + '<meta><instanceID>' + esc(meta.instanceId) + '</instanceID></meta></' + root + '>';
  saveDraft();
  let response;
  try {
    response = await fetch(host.dataset.submit, {
      method: 'POST', headers: { 'Content-Type': 'text/xml', [host.dataset.csrfHeader]: host.dataset.csrf }, body: xml,
    });
  } catch (e) {
    say(T.offline, true);
    return;
  }
  if (response.status === 201 || response.status === 202) {
    localStorage.removeItem(draftKey);
    start();
    say(response.status === 201 ? T.submitted : T.duplicate);
    return;
  }
  let reason = response.statusText;
  try { reason = (await response.json()).error || reason; } catch (e) { /* not JSON */ }
  say(fmt(T.failed, reason), true);
}

function start() {
  data = newInstance(def.children);
  meta = { instanceId: 'uuid:' + uuid(), start: new Date().toISOString() };
  render();
}

async function load() {
  def = await (await fetch(host.dataset.definition, { headers: { Accept: 'application/json' } })).json();
  index(def.children, null);
  const ui = host.dataset.uiLang;
  lang = def.languages.find(l => l.includes('(' + ui + ')')) || def.defaultLanguage;
  // one user's unsent answers are never offered to another on a shared computer; logout.js deletes them on logging out
  draftKey = 'prosper.draft.' + host.dataset.user + '.' + def.formId + '.' + def.version;
  const saved = localStorage.getItem(draftKey);
  if (saved) {
    const draft = JSON.parse(saved);
    data = draft.data;
    meta = draft.meta;
    render();
    say(fmt(T.draftRestored, draft.savedAt.replace('T', ' ').slice(0, 16)));
  } else {
    start();
  }
}

load();
