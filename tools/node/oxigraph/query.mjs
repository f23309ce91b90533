#!/usr/bin/env node
// Run a SPARQL query on Oxigraph (npm package "oxigraph", the JS/WASM build)
// over newskg output, with the same dataset newskg query gives it: every
// N-Quads graph kept as a named graph (for GRAPH ?g), and a default graph
// that is the union of all graphs, each triple once.
//
//   node query.mjs [-r canonical|tsv|json|csv|xml] [--union auto|merge|oxigraph]
//                  (-q FILE.rq... [-o OUTDIR] | -e QUERY) DATA...
//   node query.mjs --canonicalize (-q FILE.rq... [-o OUTDIR] | -e QUERY) RESULTS.json...
//
// DATA: .nq (named graphs kept), .ttl, .nt, .trig, .rdf (Turtle and N-Triples
// go to the default graph). -r tsv|json|csv|xml prints Oxigraph's own
// serialisation; -r canonical (the default) prints the comparison form below.
// --canonicalize prints SPARQL JSON results files (newskg query -r json), the
// i-th with the i-th query, in the same canonical form, through the same code,
// so that the two engines' answers can be compared with diff.
// One query prints to stdout; several (the data is loaded once) need -o OUTDIR
// and write OUTDIR/NAME.txt for each NAME.rq.
//
// Why a canonical form and not rasqal's TSV byte for byte: rasqal's TSV writer
// writes every non-ASCII character as \uXXXX and has its own choices for
// numbers and literals; Oxigraph's TSV writes UTF-8 and abbreviates numbers
// differently. Imitating rasqal's writer here would test two writers, and a
// difference would say nothing about the answers. Instead both engines write
// standard SPARQL JSON results, and this script turns each into the same text:
//   line 1: "# order: ..." saying how rows are compared (from the query);
//   line 2: the variables, "?v" tab-separated, in the order of the head;
//   then one line per row, each term in canonical N-Triples form
//   (<iri>, "lexical" with only \\ \" \n \r \t and control characters escaped,
//   non-ASCII as UTF-8, then @lang or ^^<datatype> unless xsd:string;
//   blank nodes as "_:" without their label, which no two engines share;
//   an unbound variable as an empty field; rasqal 0.9.33 writes one as
//   {"type": "unbound"}, which the JSON format has no such type for, and it is
//   read as unbound too). A result without rows prints "# no rows" instead of
//   the variables: rasqal 0.9.33 writes no variables at all for an empty
//   result (its TSV is an empty line), so there are none to compare.
// Row order: when the query ends in ORDER BY keys that are all projected
// variables, the order is fixed by the query up to ties, so rows are kept in
// the engine's order and only rows with equal keys are sorted among
// themselves (a misordering is then a difference). Otherwise (no ORDER BY, or
// ordered by an expression or an unprojected variable) the rows are a
// multiset and are sorted.
//
// Union default graph: Oxigraph 0.5.x's use_default_graph_as_union (and
// default_graph: [g1, g2], and FROM g1 FROM g2) gives a triple once per graph
// that holds it, not once (oxigraph/oxigraph#1919, fixed on main by #1920):
// COUNT(*) and OPTIONAL joins on a label that several article graphs repeat
// then count twice. --union auto (the default) probes a two-graph store and
// uses the option when it deduplicates; otherwise ("merge") it copies every
// triple into the default graph, where a store keeps each triple once, and
// queries that. --union oxigraph forces the option, to see the difference.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

let oxigraph = null; // imported only to run queries, not to --canonicalize

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const FORMATS = {
  '.nq': 'application/n-quads', '.nquads': 'application/n-quads',
  '.nt': 'application/n-triples', '.ntriples': 'application/n-triples',
  '.ttl': 'text/turtle', '.turtle': 'text/turtle',
  '.trig': 'application/trig', '.rdf': 'application/rdf+xml', '.owl': 'application/rdf+xml',
};
const RESULT_FORMATS = { tsv: 'tsv', json: 'json', csv: 'csv', xml: 'xml' };

function usage(msg) {
  if (msg) process.stderr.write(`query.mjs: ${msg}\n`);
  process.stderr.write('usage: node query.mjs [-r canonical|tsv|json|csv|xml] [--union auto|merge|oxigraph]\n' +
    '                      (-q FILE.rq... [-o OUTDIR] | -e QUERY) DATA...\n' +
    '       node query.mjs --canonicalize (-q FILE.rq... [-o OUTDIR] | -e QUERY) RESULTS.json...\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { results: 'canonical', union: 'auto', queries: [], outDir: null, canonicalize: false, data: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '-r' || a === '--results') o.results = next();
    else if (a === '-q' || a === '--query-file') {
      const f = next();
      o.queries.push({ name: basename(f).replace(/\.rq$/, ''), text: readFileSync(f, 'utf8'), file: f });
    } else if (a === '-e' || a === '--query') o.queries.push({ name: '-e', text: next(), file: null });
    else if (a === '-o' || a === '--out-dir') o.outDir = next();
    else if (a === '--union') o.union = next();
    else if (a === '--canonicalize') o.canonicalize = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-') && a !== '-') usage(`unknown option ${a}`);
    else o.data.push(a);
  }
  if (!o.queries.length) usage('no query: give -q FILE.rq or -e QUERY');
  if (o.queries.length > 1 && (o.outDir === null || o.queries.some((q) => q.file === null)))
    usage('several queries need -q FILE.rq for each and -o OUTDIR');
  if (new Set(o.queries.map((q) => q.name)).size !== o.queries.length) usage('two queries with the same name');
  if (o.canonicalize && o.data.length !== o.queries.length) usage('--canonicalize needs one RESULTS.json per query');
  if (!o.canonicalize && !o.data.length) usage('no DATA files');
  if (o.results !== 'canonical' && !(o.results in RESULT_FORMATS)) usage(`unknown result format ${o.results}`);
  if (!['auto', 'merge', 'oxigraph'].includes(o.union)) usage(`unknown --union ${o.union}`);
  return o;
}

// ---- the canonical form -------------------------------------------------

function escapeLexical(s) {
  return s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    }
  });
}

// One term of SPARQL JSON results -> canonical N-Triples text.
function jsonTerm(t) {
  if (t === undefined || t === null) return '';
  switch (t.type) {
    case 'uri': return `<${t.value}>`;
    case 'bnode': return '_:';
    case 'literal':
    case 'typed-literal': {
      const lex = `"${escapeLexical(t.value)}"`;
      if (t['xml:lang'] !== undefined) return `${lex}@${t['xml:lang']}`;
      if (t.datatype !== undefined && t.datatype !== XSD_STRING && t.datatype !== RDF_LANGSTRING)
        return `${lex}^^<${t.datatype}>`;
      return lex;
    }
    case 'unbound': return ''; // rasqal 0.9.33's JSON writer; not in the format
    default: throw new Error(`unknown term type in JSON results: ${JSON.stringify(t)}`);
  }
}

// Blank out comments, strings and IRIs so that keywords can be found in the rest.
function queryCode(q) {
  return q.replace(/<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g,
    (m) => (m[0] === '#' ? '' : ' '.repeat(m.length)));
}

// How the rows of this query are compared: { keys: [vars] } or null (multiset).
function orderOf(query, vars) {
  const code = queryCode(query);
  const m = /\bORDER\s+BY\s+([\s\S]*)$/i.exec(code);
  if (!m) return { keys: null, why: 'no ORDER BY: rows compared as a multiset (sorted)' };
  const clause = m[1].replace(/\b(LIMIT|OFFSET)\b[\s\S]*$/i, '').trim();
  const keys = [];
  const re = /\s*(?:(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+))\s*/iy;
  let k;
  re.lastIndex = 0;
  while (re.lastIndex < clause.length && (k = re.exec(clause))) keys.push(k[2] ?? k[3]);
  if (re.lastIndex < clause.length || keys.length === 0)
    return { keys: null, why: 'ORDER BY an expression: rows compared as a multiset (sorted)' };
  const unprojected = keys.filter((v) => !vars.includes(v));
  if (unprojected.length)
    return { keys: null, why: `ORDER BY unprojected ?${unprojected.join(' ?')}: rows compared as a multiset (sorted)` };
  return { keys, why: `ORDER BY ?${keys.join(' ?')}: rows compared in order, ties sorted` };
}

function canonical(results, query) {
  if (results.boolean !== undefined) return `# ASK\n${results.boolean}\n`;
  const vars = results.head.vars;
  const rows = results.results.bindings.map((b) => vars.map((v) => jsonTerm(b[v])));
  if (!rows.length) return '# no rows\n';
  const order = orderOf(query, vars);
  const line = (r) => r.join('\t');
  let out;
  if (order.keys === null) {
    out = rows.map(line).sort();
  } else {
    // Keep the engine's order; sort each run of rows with equal keys.
    const idx = order.keys.map((k) => vars.indexOf(k));
    out = [];
    let run = [];
    const key = (r) => JSON.stringify(idx.map((i) => r[i]));
    for (const r of rows) {
      if (run.length && key(run[0]) !== key(r)) { out.push(...run.map(line).sort()); run = []; }
      run.push(r);
    }
    out.push(...run.map(line).sort());
  }
  return [`# order: ${order.why}`, vars.map((v) => `?${v}`).join('\t'), ...out].join('\n') + '\n';
}

// ---- Oxigraph -------------------------------------------------------------

// Does use_default_graph_as_union give a triple held by two graphs once?
function unionOptionDeduplicates() {
  const s = new oxigraph.Store();
  s.load('<urn:s> <urn:p> <urn:o> <urn:g1> .\n<urn:s> <urn:p> <urn:o> <urn:g2> .\n',
    { format: 'application/n-quads' });
  const r = s.query('SELECT * WHERE { ?s ?p ?o }', { use_default_graph_as_union: true });
  return r.length === 1;
}

function loadStore(files) {
  const store = new oxigraph.Store();
  for (const f of files) {
    const format = FORMATS[extname(f).toLowerCase()];
    if (!format) throw new Error(`${f}: unknown RDF format (by extension); use .nq, .nt, .ttl, .trig or .rdf`);
    try {
      store.load(readFileSync(f, 'utf8'), { format, base_iri: pathToFileURL(resolve(f)).href });
    } catch (e) {
      throw new Error(`${f}: ${e.message ?? e}`);
    }
  }
  return store;
}

// The store and the query options that give the union default graph.
function dataset(o) {
  const store = loadStore(o.data);
  let union = o.union;
  if (union === 'auto') union = unionOptionDeduplicates() ? 'oxigraph' : 'merge';
  if (process.env.NEWSKG_OXIGRAPH_VERBOSE) process.stderr.write(`query.mjs: union default graph by ${union}\n`);
  if (union === 'oxigraph') return { store, options: { use_default_graph_as_union: true } };
  // The RDF merge of all graphs, materialised (one transaction): the default
  // graph of a store is a set, so a triple that several graphs hold is in it once.
  store.update('INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }');
  return { store, options: {} };
}

function runQuery({ store, options }, query, results) {
  if (results === 'canonical') {
    const r = store.query(query, { ...options, results_format: 'json' });
    if (typeof r !== 'string') throw new Error('not a SELECT or ASK query: no results table');
    return canonical(JSON.parse(r), query);
  }
  const r = store.query(query, { ...options, results_format: RESULT_FORMATS[results] });
  return typeof r === 'string' ? r : String(r);
}

const o = parseArgs(process.argv.slice(2));
try {
  let answer;
  if (o.canonicalize) {
    answer = (q, i) => canonical(JSON.parse(readFileSync(o.data[i], 'utf8')), q.text);
  } else {
    oxigraph = (await import('oxigraph')).default;
    const ds = dataset(o);
    answer = (q) => runQuery(ds, q.text, o.results);
  }
  o.queries.forEach((q, i) => {
    let text;
    try {
      text = answer(q, i);
    } catch (e) {
      throw new Error(`${q.file ?? 'query'}: ${e.message ?? e}`);
    }
    if (o.queries.length === 1 && o.outDir === null) process.stdout.write(text);
    else writeFileSync(join(o.outDir, `${q.name}.txt`), text);
  });
} catch (e) {
  process.stderr.write(`query.mjs: ${e.message ?? e}\n`);
  process.exit(1);
}
