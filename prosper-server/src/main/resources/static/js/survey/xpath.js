// The XPath subset XLSForms use, evaluated in the browser: ${name} references, '.', numbers and strings,
// comparison, and/or, arithmetic (+ - * div mod), and the functions listed in FUNCTIONS.
// evaluate(expr, ctx): ctx.ref(name) gives a question's value (string, or an array for a repeat),
// ctx.self() the current question's value, ctx.path(name) a bare name (a choice's column in a choice filter).

function tokenize(s) {
  const out = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '$' && s[i + 1] === '{') {
      const end = s.indexOf('}', i);
      out.push({ t: 'ref', v: s.slice(i + 2, end).trim() });
      i = end + 1; continue;
    }
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) throw new Error('unclosed string');
      out.push({ t: 'str', v: s.slice(i + 1, end) });
      i = end + 1; continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] || ''))) {
      let j = i;
      while (j < s.length && /[0-9.]/.test(s[j])) j++;
      out.push({ t: 'num', v: parseFloat(s.slice(i, j)) });
      i = j; continue;
    }
    if (s.startsWith('!=', i) || s.startsWith('<=', i) || s.startsWith('>=', i)) { out.push({ t: 'op', v: s.slice(i, i + 2) }); i += 2; continue; }
    if ('=<>+-*(),'.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    if (/[A-Za-z_.\/@]/.test(c)) {
      let j = i;
      while (j < s.length && /[A-Za-z0-9_.\/:@-]/.test(s[j])) {
        if (s[j] === '-' && !/[A-Za-z0-9]/.test(s[j + 1] || '')) break;
        j++;
      }
      out.push({ t: 'name', v: s.slice(i, j) });
      i = j; continue;
    }
    throw new Error("unexpected '" + c + "'");
  }
  return out;
}

function num(v) {
  if (Array.isArray(v)) v = v.length ? v[0] : '';
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined || String(v).trim() === '') return NaN;
  return Number(v);
}
function str(v) {
  if (Array.isArray(v)) v = v.length ? v[0] : '';
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NaN';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}
function bool(v) {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return str(v) !== '';
}
function pad(n) { return String(n).padStart(2, '0'); }
function today() { const d = new Date(); return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }
function dateNum(v) { // dates compare as days since 1970, as in ODK
  const s = str(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return Date.parse(s.slice(0, 10) + 'T00:00:00Z') / 86400000;
  return num(v);
}

const FUNCTIONS = {
  'selected': (a, b) => str(a).split(/\s+/).includes(str(b)),
  'count-selected': a => str(a).trim() === '' ? 0 : str(a).trim().split(/\s+/).length,
  'string-length': a => str(a).length,
  'regex': (a, b) => new RegExp(str(b)).test(str(a)),
  'if': (c, a, b) => (bool(c) ? a : b),
  'today': () => today(),
  'now': () => new Date().toISOString(),
  'concat': (...xs) => xs.map(str).join(''),
  'number': a => num(a),
  'int': a => Math.trunc(num(a)),
  'round': (a, n) => { const f = Math.pow(10, n === undefined ? 0 : num(n)); return Math.round(num(a) * f) / f; },
  'coalesce': (a, b) => (str(a) !== '' ? a : b),
  'not': a => !bool(a),
  'true': () => true,
  'false': () => false,
  'string': a => str(a),
  'contains': (a, b) => str(a).includes(str(b)),
  'starts-with': (a, b) => str(a).startsWith(str(b)),
  'substr': (s, a, b) => str(s).substring(num(a), b === undefined ? undefined : num(b)),
  'count': a => (Array.isArray(a) ? a.length : (str(a) === '' ? 0 : 1)),
  'sum': a => (Array.isArray(a) ? a.reduce((t, x) => t + (num(x) || 0), 0) : num(a)),
  'max': (...xs) => Math.max(...xs.flat().map(num)),
  'min': (...xs) => Math.min(...xs.flat().map(num)),
  'abs': a => Math.abs(num(a)),
  'date': a => str(a),
  'decimal-date-time': a => dateNum(a),
  'jr:choice-name': (a) => str(a),
};

function parse(tokens) {
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v) => peek() && peek().t === 'op' && peek().v === v;
  const isWord = (v) => peek() && peek().t === 'name' && peek().v === v;
  function expect(v) { if (!isOp(v)) throw new Error("expected '" + v + "'"); p++; }
  function or() { let l = and(); while (isWord('or')) { p++; const r = and(); const a = l; l = c => bool(a(c)) || bool(r(c)); } return l; }
  function and() { let l = cmp(); while (isWord('and')) { p++; const r = cmp(); const a = l; l = c => bool(a(c)) && bool(r(c)); } return l; }
  function cmp() {
    let l = add();
    while (peek() && peek().t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(peek().v)) {
      const op = tokens[p++].v; const r = add(); const a = l;
      l = c => compare(op, a(c), r(c));
    }
    return l;
  }
  function add() {
    let l = mul();
    while (isOp('+') || isOp('-')) {
      const op = tokens[p++].v; const r = mul(); const a = l;
      l = op === '+' ? c => num(a(c)) + num(r(c)) : c => num(a(c)) - num(r(c));
    }
    return l;
  }
  function mul() {
    let l = unary();
    while (isOp('*') || isWord('div') || isWord('mod')) {
      const op = tokens[p++].v; const r = unary(); const a = l;
      l = op === '*' ? c => num(a(c)) * num(r(c)) : op === 'div' ? c => num(a(c)) / num(r(c)) : c => num(a(c)) % num(r(c));
    }
    return l;
  }
  function unary() { if (isOp('-')) { p++; const e = unary(); return c => -num(e(c)); } return primary(); }
  function primary() {
    const t = tokens[p++];
    if (!t) throw new Error('ends too early');
    if (t.t === 'num') return () => t.v;
    if (t.t === 'str') return () => t.v;
    if (t.t === 'ref') return c => c.ref(t.v);
    if (t.t === 'op' && t.v === '(') { const e = or(); expect(')'); return e; }
    if (t.t === 'name') {
      if (isOp('(')) {
        p++;
        const args = [];
        if (!isOp(')')) { args.push(or()); while (isOp(',')) { p++; args.push(or()); } }
        expect(')');
        const f = FUNCTIONS[t.v];
        if (!f) throw new Error('unknown function ' + t.v);
        return c => f(...args.map(a => a(c)));
      }
      if (t.v === '.') return c => c.self();
      return c => c.path(t.v);
    }
    throw new Error("unexpected '" + t.v + "'");
  }
  const e = or();
  if (p < tokens.length) throw new Error("unexpected '" + tokens[p].v + "'");
  return e;
}

function compare(op, a, b) {
  if (Array.isArray(a)) a = a.length ? a[0] : '';
  if (Array.isArray(b)) b = b.length ? b[0] : '';
  if (op === '=' || op === '!=') {
    let eq;
    if (typeof a === 'boolean' || typeof b === 'boolean') eq = bool(a) === bool(b);
    else if (typeof a === 'number' || typeof b === 'number') eq = num(a) === num(b);
    else eq = str(a) === str(b);
    return op === '=' ? eq : !eq;
  }
  const dates = /^\d{4}-\d{2}-\d{2}/.test(str(a)) || /^\d{4}-\d{2}-\d{2}/.test(str(b));
  const x = dates ? dateNum(a) : num(a), y = dates ? dateNum(b) : num(b);
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    default: return x >= y;
  }
}

const cache = new Map();
export function compile(expr) {
  if (!cache.has(expr)) cache.set(expr, parse(tokenize(expr)));
  return cache.get(expr);
}

export function evaluate(expr, ctx) {
  return compile(expr)(ctx);
}

export { bool as truthy, str as text };
