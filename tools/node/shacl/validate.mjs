#!/usr/bin/env node
// Validates RDF files against SHACL shapes with rdf-validate-shacl, an engine that
// shares no code with newskg (Redland) or with the Python scorer (rdflib).
//
//   node validate.mjs [--each-graph | --each-file] SHAPES.ttl DATA...
//
// DATA: Turtle (.ttl), N-Triples (.nt), N-Quads (.nq) or TriG (.trig). All files are
// validated together as one data graph (the union of their triples, graph names
// dropped). With --each-graph, every named graph of the input is also validated on its
// own: newskg writes one graph per article, and each must stand alone when it is
// pushed to a store by itself. A result the union already showed is not repeated.
// With --each-file, every file is validated on its own instead (lines end in
// file=NAME, and stderr has one "NAME: exit N" line per file, N as if the file had been
// validated alone): one process for many small test graphs, node's start-up is slow.
//
// Output: one line per validation result on stdout,
//   SEVERITY focus=NODE path=PATH component=sh:XxxConstraintComponent shape=SHAPE message="..." [graph=G]
// with well-known namespaces abbreviated (nkg:, rdfs:, nif:, ...), then a summary on stderr.
// Exit status: 0 conforms (warnings allowed), 1 at least one sh:Violation, 2 usage error,
// unreadable file or parse error.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const PREFIXES = [
  ['nkg:', 'https://w3id.org/newskg/ontology#'],
  ['nkgsh:', 'https://w3id.org/newskg/shapes#'],
  ['nkge:', 'https://w3id.org/newskg/entity/'],
  ['sh:', 'http://www.w3.org/ns/shacl#'],
  ['rdf:', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['rdfs:', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['owl:', 'http://www.w3.org/2002/07/owl#'],
  ['xsd:', 'http://www.w3.org/2001/XMLSchema#'],
  ['skos:', 'http://www.w3.org/2004/02/skos/core#'],
  ['prov:', 'http://www.w3.org/ns/prov#'],
  ['dcterms:', 'http://purl.org/dc/terms/'],
  ['nif:', 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#'],
];
const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

function usage(msg) {
  if (msg) process.stderr.write(`validate.mjs: ${msg}\n`);
  process.stderr.write('usage: node validate.mjs [--each-graph | --each-file] SHAPES.ttl DATA...\n');
  process.exit(2);
}

const FORMATS = { '.ttl': 'Turtle', '.nt': 'N-Triples', '.nq': 'N-Quads', '.trig': 'TriG' };

function parseFile(path) {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) usage(`${path}: unknown extension (want ${Object.keys(FORMATS).join(' ')})`);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    process.stderr.write(`validate.mjs: ${path}: ${e.message}\n`);
    process.exit(2);
  }
  try {
    return new N3.Parser({ format, baseIRI: 'file://' + path }).parse(text);
  } catch (e) {
    process.stderr.write(`validate.mjs: ${path}: ${e.message}\n`);
    process.exit(2);
  }
}

const args = process.argv.slice(2);
let eachGraph = false;
let eachFile = false;
while (args.length && args[0].startsWith('--')) {
  const a = args.shift();
  if (a === '--each-graph') eachGraph = true;
  else if (a === '--each-file') eachFile = true;
  else if (a === '--') break;
  else usage(`unknown option ${a}`);
}
if (args.length < 2) usage();
if (eachGraph && eachFile) usage('--each-graph and --each-file exclude each other');
const [shapesPath, ...dataPaths] = args;

const shapeQuads = parseFile(shapesPath);
const shapes = new N3.Store(shapeQuads);
const { DataFactory } = N3;
const dataQuads = eachFile ? [] : dataPaths.flatMap(parseFile);

function abbrev(iri) {
  for (const [p, ns] of PREFIXES) if (iri.startsWith(ns)) return p + iri.slice(ns.length);
  return `<${iri}>`;
}

function listItems(node) {
  const items = [];
  while (node && !(node.termType === 'NamedNode' && node.value === RDF + 'nil')) {
    const first = shapes.getObjects(node, DataFactory.namedNode(RDF + 'first'), null)[0];
    if (!first) break;
    items.push(first);
    node = shapes.getObjects(node, DataFactory.namedNode(RDF + 'rest'), null)[0];
  }
  return items;
}

// SHACL property paths as SPARQL-like text: ^p, p1/p2, p1|p2, p*, p+, p?.
function showPath(term) {
  if (!term) return '-';
  if (term.termType === 'NamedNode') return abbrev(term.value);
  const one = (p) => shapes.getObjects(term, DataFactory.namedNode(SH + p), null)[0];
  if (one('inversePath')) return '^' + showPath(one('inversePath'));
  if (one('alternativePath')) return '(' + listItems(one('alternativePath')).map(showPath).join('|') + ')';
  if (one('zeroOrMorePath')) return showPath(one('zeroOrMorePath')) + '*';
  if (one('oneOrMorePath')) return showPath(one('oneOrMorePath')) + '+';
  if (one('zeroOrOnePath')) return showPath(one('zeroOrOnePath')) + '?';
  const seq = listItems(term);
  if (seq.length) return seq.map(showPath).join('/');
  return '_:' + term.value;
}

function showNode(term) {
  if (!term) return '-';
  if (term.termType === 'NamedNode') return abbrev(term.value);
  if (term.termType === 'BlankNode') return '_:' + term.value;
  return JSON.stringify(term.value);
}

// Lines already printed (without their graph=), so that --each-graph reports only what
// the union did not already show.
const seen = new Set();

async function validate(quads, graphLabel, fileLabel) {
  const data = new N3.Store(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
  const validator = new SHACLValidator(shapes);
  const report = await validator.validate(data);
  let violations = 0;
  let warnings = 0;
  for (const r of report.results) {
    const severity = r.severity ? r.severity.value.replace(SH, '') : 'Violation';
    const message = (r.message || []).map((m) => m.value).join('; ');
    // Blank shapes are anonymous property shapes: their path says which one.
    const shape = r.sourceShape && r.sourceShape.termType === 'NamedNode' ? abbrev(r.sourceShape.value) : '_';
    let line = `${severity} focus=${showNode(r.focusNode)} path=${showPath(r.path)}` +
      ` component=${r.sourceConstraintComponent ? abbrev(r.sourceConstraintComponent.value) : '-'}` +
      ` shape=${shape}`;
    if (r.value) line += ` value=${showNode(r.value)}`;
    line += ` message=${JSON.stringify(message)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    if (severity === 'Violation') violations++;
    else warnings++;
    if (graphLabel) line += ` graph=${graphLabel}`;
    if (fileLabel) line += ` file=${fileLabel}`;
    process.stdout.write(line + '\n');
  }
  return { violations, warnings };
}

let total = { violations: 0, warnings: 0 };
const add = (r) => { total.violations += r.violations; total.warnings += r.warnings; };
if (eachFile) {
  for (const path of dataPaths) {
    const quads = parseFile(path);
    seen.clear();
    const r = await validate(quads, null, basename(path));
    process.stderr.write(`validate.mjs: ${basename(path)}: exit ${r.violations > 0 ? 1 : 0}` +
      ` (${r.violations} violation(s), ${r.warnings} warning(s))\n`);
    add(r);
  }
  process.exit(total.violations > 0 ? 1 : 0);
}
add(await validate(dataQuads, null));
let graphs = 0;
if (eachGraph) {
  const byGraph = new Map();
  for (const q of dataQuads) {
    if (q.graph.termType !== 'NamedNode') continue;
    if (!byGraph.has(q.graph.value)) byGraph.set(q.graph.value, []);
    byGraph.get(q.graph.value).push(q);
  }
  for (const [g, qs] of byGraph) {
    add(await validate(qs, abbrev(g)));
    graphs++;
  }
}
process.stderr.write(`validate.mjs: ${dataQuads.length} quads from ${dataPaths.length} file(s)` +
  (eachGraph ? `, union and ${graphs} named graph(s) each` : '') +
  `: ${total.violations} violation(s), ${total.warnings} warning(s)\n`);
process.exit(total.violations > 0 ? 1 : 0);
