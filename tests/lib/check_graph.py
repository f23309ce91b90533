#!/usr/bin/python3
"""Checks newskg's output against the articles it was made from, with an
RDF library newskg does not use (rdflib).

usage: check_graph.py FORMAT OUTPUT INPUT...

FORMAT is turtle, ntriples, nquads or rdfxml; OUTPUT the graph; INPUT the
text (.txt) and JSON Lines (.jsonl) files newskg read.  Checks that:
- the output parses;
- every IRI in it is absolute and holds no character IRIs may not;
- every statement's nkg:evidence is exactly the code points
  [nif:beginIndex, nif:endIndex) of one of the articles (the text as read:
  a text file less its byte order mark, a JSON "text" unescaped);
- every dcterms:title and dcterms:identifier equals one of the articles',
  character for character: a JSON "title" or "id" as given, a text file's
  first line that is not blank, trimmed of the characters newskg counts as
  space (src/utf8.c), its file name less .txt.
Prints one line per problem; exit 1 if any, 0 otherwise."""
import json
import re
import sys

import rdflib
from rdflib.namespace import DCTERMS

NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
IRI_OK = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*$')

# The white space of src/utf8.c (is_space_cp), which trims a title.
SPACE = set(" \t\n\v\f\r\x85\xa0\u061c\u1680\u2028\u2029\u202f\u205f\u3000\ufeff")
SPACE |= {chr(c) for c in range(0x2000, 0x2010)} | {chr(c) for c in range(0x202A, 0x202F)}
SPACE |= {chr(c) for c in range(0x2066, 0x206A)}


def first_line(text):
    for line in re.split("\r\n|\r|\n", text):
        i, j = 0, len(line)
        while i < j and line[i] in SPACE:
            i += 1
        while j > i and line[j - 1] in SPACE:
            j -= 1
        if j > i:
            return line[i:j]
    return None


fmt, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
texts, titles, ids = [], set(), set()
for path in inputs:
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".jsonl"):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        for line in data.split(b"\n"):
            try:
                rec = json.loads(line.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue  # a bad line newskg reported
            if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                texts.append(rec["text"])
                if isinstance(rec.get("title"), str):
                    titles.add(rec["title"])
                if isinstance(rec.get("id"), str):
                    ids.add(rec["id"])
        ids.add(re.sub(r"\.[^./]*$", "", path.rsplit("/", 1)[-1]))  # stem-LINE
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        text = text[1:] if text.startswith("\ufeff") else text
        texts.append(text)
        titles.add(first_line(text))
        ids.add(re.sub(r"\.txt$", "", path.rsplit("/", 1)[-1]))

g = rdflib.ConjunctiveGraph() if fmt == "nquads" else rdflib.Graph()
g.parse(out, format={"turtle": "turtle", "ntriples": "nt", "nquads": "nquads",
                     "rdfxml": "xml"}[fmt])
problems = []
for term in set(g.all_nodes()) | set(g.predicates()):
    if isinstance(term, rdflib.URIRef) and not IRI_OK.match(str(term)):
        problems.append("bad IRI <%s>" % term)
n_evidence = 0
for s, ev in g.subject_objects(NKG.evidence):
    n_evidence += 1
    b, e = g.value(s, NIF.beginIndex), g.value(s, NIF.endIndex)
    if b is None or e is None:
        problems.append("%s: evidence without offsets" % s)
        continue
    b, e = int(b), int(e)
    if not any(t[b:e] == str(ev) for t in texts):
        problems.append("%s: evidence [%d,%d) is not cut from any article: %r" % (s, b, e, str(ev)[:80]))
for s, t in g.subject_objects(DCTERMS.title):
    if str(t) not in titles:
        problems.append("%s: title %r is no article's" % (s, str(t)[:80]))
for s, i in g.subject_objects(DCTERMS.identifier):
    if str(i) not in ids and re.sub(r"-[0-9]+$", "", str(i)) not in ids:
        problems.append("%s: identifier %r is no article's" % (s, str(i)[:80]))
for p in problems[:20]:
    print("check_graph: " + p)
if not problems:
    print("check_graph: %d statements, %d evidence literals cut exactly" % (len(g), n_evidence))
sys.exit(1 if problems else 0)
