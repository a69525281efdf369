#!/usr/bin/env python3
# A scripted stand-in for an LRS's statements resource, for what a real LRS cannot be made
# to do on demand: fail (503), ask to slow down (429 with Retry-After), hang past a timeout,
# refuse (401), or speak TLS with a certificate from the test's own CA. Listens on
# 127.0.0.1 on a port the system picks, written to PORTFILE once it accepts connections.
#   stub.py PORTFILE LOGFILE ANSWERS [CERT KEY]
# ANSWERS: the answers to successive POSTs, comma-separated, the last one repeated:
#   200            store: the ids of the batch, as Learning Locker answers
#   ralph          store as Ralph answers: the ids of the statements new to the stub
#                  only, or 204 No Content when it held them all
#   page           200 with a web page instead of the ids (a wrong URL)
#   foreign        200 with ids that are not the batch's (a proxy or another service)
#   twice          200 with the batch's first id twice and the others left out
#   max:K          413 Payload Too Large for more than K statements, else 200
#   503, 500       fail, without Retry-After
#   429:S          too many requests, Retry-After: S (seconds)
#   sleep:S        answer 200 after S seconds (longer than the client's timeout)
#   401            refuse, with a Learning Locker style {"message": ...}
# Each POST is logged to LOGFILE as one JSON line: time, path, the Authorization and
# X-Experience-API-Version headers, the number and ids of the statements, the answer.
import http.server
import json
import os
import ssl
import sys
import time

port_file, log_file, answers = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
posts = 0
held = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        global posts
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        plan = answers[min(posts, len(answers) - 1)]
        posts += 1
        try:
            ids = [s["id"] for s in json.loads(body)]
        except (ValueError, TypeError, KeyError):
            ids = None
        with open(log_file, "a") as log:
            log.write(json.dumps({"time": time.time(), "path": self.path,
                                  "auth": self.headers.get("Authorization"),
                                  "version": self.headers.get("X-Experience-API-Version"),
                                  "type": self.headers.get("Content-Type"),
                                  "count": len(ids) if ids is not None else -1,
                                  "ids": ids, "answer": plan}) + "\n")
        if plan.startswith("sleep:"):
            time.sleep(float(plan[6:]))
            plan = "200"
        if plan.startswith("max:") and ids is not None:
            plan = "413" if len(ids) > int(plan[4:]) else "200"
        if plan == "200" and ids is not None:
            self.answer(200, ids)
        elif plan == "ralph" and ids is not None:
            new = [i for i in ids if i not in held]
            held.update(new)
            if new:
                self.answer(200, new)
            else:
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
        elif plan == "foreign" and ids is not None:
            self.answer(200, ["6f1e2d3c-0000-4000-8000-%012x" % i for i in range(len(ids))])
        elif plan == "twice" and ids is not None:
            self.answer(200, ids[:1] * len(ids))
        elif plan == "page":
            data = b"<html><body>Welcome</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif plan.startswith("429:"):
            self.answer(429, {"message": "slow down"}, [("Retry-After", plan[4:])])
        elif plan == "401":
            self.answer(401, {"message": "Unauthorised: unknown client"})
        else:
            self.answer(int(plan) if plan.isdigit() else 400, {"message": "stub: " + plan})


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) > 5:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[4], sys.argv[5])
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(port_file + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
