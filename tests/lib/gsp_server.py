#!/usr/bin/env python3
"""A Graph Store Protocol server for tests/push.sh, on a loopback port.

Keeps PUT bodies per graph and answers by the request path:
  /store         201 Created
  /store?x=1     the same (an endpoint that has its own query string)
  /auth          401 unless the user is u:p (basic), then 201
  /missing       404 with an HTML page
  /slow          answers after 3 s
  /flaky         500 "Transaction deadlocked" to the first PUT of each graph,
                 then 201 (what Virtuoso does when two PUTs collide)
  /busy          always 503
A graph whose IRI contains "refuse" gets 400 with an HTML body that says
why.  Every request is logged to LOG as one JSON object per line (method,
path, graph, content type, expect header, authorization, body length);
GET /dump?graph=IRI returns the body kept for IRI.

usage: gsp_server.py PORTFILE LOG   (writes the port to PORTFILE when ready)
"""
import base64
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

graphs = {}
seen_flaky = set()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, code, body=b"", ctype="text/plain"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if code == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        graph = parse_qs(url.query).get("graph", [""])[0]
        if url.path == "/dump" and graph in graphs:
            self.answer(200, graphs[graph], "application/n-triples")
        else:
            self.answer(404, b"no such graph")

    def do_PUT(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        graph = query.get("graph", [""])[0]
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(LOG, "a") as log:
            log.write(json.dumps({
                "method": "PUT", "path": url.path, "query": url.query,
                "graph": graph, "type": self.headers.get("Content-Type"),
                "expect": self.headers.get("Expect"),
                "auth": self.headers.get("Authorization"),
                "bytes": len(body)}) + "\n")
        if url.path == "/slow":
            time.sleep(3)
        if url.path == "/missing":
            return self.answer(404, b"<html><head><title>Not Found</title></head>"
                               b"<body><h1>Not Found</h1><p>No  such\n endpoint"
                               b"</p></body></html>", "text/html")
        if url.path == "/flaky" and graph not in seen_flaky:
            seen_flaky.add(graph)
            return self.answer(500, b"Error 40001 SR172: Transaction deadlocked")
        if url.path == "/busy":
            return self.answer(503, b"try later")
        if url.path == "/auth":
            good = "Basic " + base64.b64encode(b"u:p").decode()
            if self.headers.get("Authorization") != good:
                return self.answer(401, b"")
        if "refuse" in graph:
            return self.answer(400, b"<html><body><h1>Bad Request</h1><pre>"
                               b"line 3: \xd8\xba\xd9\x8a\xd8\xb1 \xd9\x85\xd9\x82\xd8\xa8\xd9\x88\xd9\x84"
                               b"</pre></body></html>", "text/html")
        created = graph not in graphs
        graphs[graph] = body
        self.answer(201 if created else 204)


if __name__ == "__main__":
    portfile, LOG = sys.argv[1], sys.argv[2]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A client that gave up (the --timeout case) is expected, not news.
    server.handle_error = lambda request, address: None
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()
